// The registry's HTTP routes (app.inject) and LSP requests (a real server over in-memory streams).
import assert from 'node:assert/strict';
import { ResponseError } from 'vscode-languageserver-protocol';
import { forEachDialect } from '../../support/db.js';
import { testContext } from '../../support/daemon.js';
import { lspPair, type LspPair } from '../../support/lsp.js';
import { buildApp, type App } from '../../../server/src/http/app.js';
import type { DaemonContext } from '../../../server/src/context.js';
import { pluginRoutes } from '../../../server/src/plugins/http.js';
import { pluginsFeature } from '../../../server/src/plugins/lsp.js';
import { unavailableHostApi } from '../../../server/src/plugins/hostapi.js';
import { PluginsService } from '../../../server/src/plugins/service.js';
import { definePlugin } from '../../../server/src/plugins/sdk/index.js';
import {
  CodetuneErrorCodes,
  PluginsDidChangeNotification,
  PluginsDisableRequest,
  PluginsEnableRequest,
  PluginsListRequest,
  PluginsReloadRequest,
  PluginsRunTaskRequest,
  PluginsSetSettingsRequest,
  PluginsSetTrustRequest,
  PluginTaskPartialProgress,
  type PluginsDidChangeParams,
} from '../../../shared/src/protocol/index.js';
import { analyzerCode, tempDir, until, writePlugin } from '../../unit/plugins/support.js';

const upper = definePlugin({
  manifest: {
    id: 'test.upper',
    name: 'Upper',
    version: '1.0.0',
    kind: 'codegen',
    engines: { codetune: '*' },
    settings: { type: 'object', properties: { suffix: { type: 'string', maxLength: 3, default: '!' } }, additionalProperties: false },
  },
  activate(ctx) {
    const out = (s: string) => ({ output: s.toUpperCase() + String(ctx.settings.suffix) });
    return {
      generate: async (i, opts) => {
        for (const word of i.description.split(' ')) opts?.onToken?.(`${word.toUpperCase()} `);
        return out(i.description);
      },
      complete: async (i) => out(i.prefix),
      summarize: async (i) => out(i.code),
      tests: async (i) => out(i.code),
    };
  },
});

async function makeService(ctx: DaemonContext, folder: string): Promise<PluginsService> {
  const dir = tempDir();
  writePlugin(dir, { id: 'ext.lint', code: analyzerCode('ext') });
  const service = new PluginsService({ ...ctx, config: { ...ctx.config, file: { plugins: { paths: [dir, folder] } } } }, { builtins: [upper], hostApi: unavailableHostApi(), watchDebounceMs: 0 });
  ctx.services.plugins = service;
  await service.start();
  await service.ready();
  return service;
}

forEachDialect('plugins over HTTP', (repos) => {
  let app: App | undefined;
  let service: PluginsService | undefined;
  afterEach(async () => {
    await app?.close();
    await service?.stop();
  });

  it('lists, disables, enables, reloads, sets settings (400 naming the field) and runs tasks', async () => {
    const ctx = testContext(repos());
    service = await makeService(ctx, tempDir());
    app = await buildApp({ ctx, token: 't', routes: [pluginRoutes(() => service!)] });
    const auth = { authorization: 'Bearer t' };

    const list = await app.inject({ method: 'GET', url: '/api/plugins', headers: auth });
    assert.equal(list.statusCode, 200);
    const body = list.json() as { plugins: { id: string; state: string; isolated: boolean; settings_schema?: object }[]; trusted: boolean };
    assert.deepEqual(body.plugins.map((p) => [p.id, p.state, p.isolated]), [['test.upper', 'active', false], ['ext.lint', 'active', true]]);
    assert.ok(body.plugins[0]!.settings_schema);
    assert.equal((await app.inject({ method: 'GET', url: '/api/plugins' })).statusCode, 401);

    const one = await app.inject({ method: 'GET', url: '/api/plugins/ext.lint', headers: auth });
    assert.equal(one.json().source, 'folder');
    assert.equal((await app.inject({ method: 'GET', url: '/api/plugins/nope', headers: auth })).statusCode, 404);

    const off = await app.inject({ method: 'POST', url: '/api/plugins/ext.lint/disable', headers: auth });
    assert.equal(off.statusCode, 200);
    assert.equal(off.json().state, 'disabled');
    const on = await app.inject({ method: 'POST', url: '/api/plugins/ext.lint/enable', headers: auth });
    assert.equal(on.json().state, 'active');
    assert.equal((await app.inject({ method: 'POST', url: '/api/plugins/ext.lint/reload', headers: auth })).json().state, 'active');
    const missing = await app.inject({ method: 'POST', url: '/api/plugins/nope/enable', headers: auth });
    assert.equal(missing.statusCode, 404);
    assert.match(missing.json().error.message, /No plugin nope/);

    const bad = await app.inject({ method: 'PUT', url: '/api/plugins/test.upper/settings', headers: auth, payload: { suffix: 'toolong' } });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.code, 'validation_failed');
    assert.match(bad.json().error.message, /settings\.suffix must have at most 3 characters|settings\.suffix .*3/);
    const good = await app.inject({ method: 'PUT', url: '/api/plugins/test.upper/settings', headers: auth, payload: { suffix: '?' } });
    assert.equal(good.statusCode, 200);
    assert.deepEqual(good.json().settings, { suffix: '?' });

    const gen = await app.inject({ method: 'POST', url: '/api/plugins/test.upper/tasks/generate', headers: auth, payload: { description: 'a parser', language: 'go' } });
    assert.equal(gen.statusCode, 200);
    assert.deepEqual(gen.json().result, { output: 'A PARSER?' });
    const noTask = await app.inject({ method: 'POST', url: '/api/plugins/test.upper/tasks/security', headers: auth, payload: { code: 'x' } });
    assert.equal(noTask.statusCode, 400);
    assert.match(noTask.json().error.hint, /generate, complete, summarize, tests/);
    const ext = await app.inject({ method: 'POST', url: '/api/plugins/ext.lint/tasks/analyze', headers: auth, payload: { code: 'x = 1', language: 'python' } });
    assert.equal(ext.statusCode, 200);
    assert.match(JSON.stringify(ext.json().result), /ext:/);
  });
});

describe('plugins over LSP', function () {
  this.timeout(60000);
  forEachDialect('codetune/plugins/*', (repos) => {
    let pair: LspPair | undefined;
    let service: PluginsService | undefined;
    afterEach(async () => {
      await pair?.close();
      await service?.stop();
    });

    it('answers list/enable/disable/reload/setSettings/runTask/setTrust and pushes didChange', async () => {
      const ctx = testContext(repos());
      const extra = tempDir();
      service = await makeService(ctx, extra);
      pair = lspPair(ctx, [pluginsFeature]);
      const changes: PluginsDidChangeParams[] = [];
      pair.client.onNotification(PluginsDidChangeNotification.type, (c) => void changes.push(c));
      await pair.initialize();
      const { client } = pair;

      const list = await client.sendRequest(PluginsListRequest.type);
      assert.deepEqual(list.map((p) => p.id), ['test.upper', 'ext.lint']);
      assert.equal((await client.sendRequest(PluginsDisableRequest.type, { id: 'test.upper' })).state, 'disabled');
      assert.equal((await client.sendRequest(PluginsEnableRequest.type, { id: 'test.upper' })).state, 'active');
      assert.equal((await client.sendRequest(PluginsReloadRequest.type, { id: 'ext.lint' })).state, 'active');
      const set = await client.sendRequest(PluginsSetSettingsRequest.type, { id: 'test.upper', settings: { suffix: '.' } });
      assert.equal(set.settings.suffix, '.');
      await assert.rejects(client.sendRequest(PluginsSetSettingsRequest.type, { id: 'test.upper', settings: { colour: 1 } }), (e: ResponseError<{ code: string }>) => {
        assert.equal(e.code, CodetuneErrorCodes.Validation);
        assert.equal(e.data?.code, 'validation_failed');
        assert.match(e.message, /settings\.colour/);
        return true;
      });
      const parts: string[] = [];
      client.onProgress(PluginTaskPartialProgress, 'stream-1', (p) => void parts.push(p.text));
      const streamed = await client.sendRequest(PluginsRunTaskRequest.type, { id: 'test.upper', task: 'generate', input: { description: 'a csv parser' }, partialResultToken: 'stream-1' });
      assert.deepEqual(streamed.result, { output: 'A CSV PARSER.' });
      await until(() => parts.length === 3, 'the streamed pieces');
      assert.deepEqual(parts, ['A ', 'CSV ', 'PARSER ']);
      const run = await client.sendRequest(PluginsRunTaskRequest.type, { id: 'test.upper', task: 'summarize', input: { code: 'abc' } });
      assert.deepEqual(run.result, { output: 'ABC.' });
      assert.equal(run.pluginId, 'test.upper');

      const untrusted = await client.sendRequest(PluginsSetTrustRequest.type, { trusted: false });
      const ext = untrusted.find((p) => p.id === 'ext.lint')!;
      assert.equal(ext.state, 'disabled');
      assert.match(ext.message ?? '', /not trusted/);
      assert.equal(untrusted.find((p) => p.id === 'test.upper')!.state, 'active', 'built-ins keep running');
      await client.sendRequest(PluginsSetTrustRequest.type, { trusted: true });

      await until(() => changes.some((c) => c.changed.some((p) => p.id === 'ext.lint' && p.state === 'disabled' && /trusted/.test(p.message ?? ''))), 'a didChange for the untrusted plugin');
      assert.ok(changes.some((c) => c.changed.some((p) => p.id === 'test.upper' && p.state === 'disabled')));
    });
  });
});
