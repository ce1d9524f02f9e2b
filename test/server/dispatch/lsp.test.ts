// The dispatch LSP requests over a real server on in-memory streams: models, keys set from the editor,
// execute with streamed partial results, cancellation reaching the model server, history and didChange.
import assert from 'node:assert/strict';
import { CancellationTokenSource } from 'vscode-languageserver-protocol';
import {
  ExecutePartialProgress,
  HistoryDidChangeNotification,
  HistoryFeedbackRequest,
  HistoryListRequest,
  HistoryMetricsRequest,
  ModelsConfigureRequest,
  ModelsListRequest,
  ModelsSetApiKeyRequest,
  PromptsExecuteRequest,
  CodetuneErrorCodes,
  type HistoryChangeParams,
} from '../../../shared/src/protocol/index.js';
import { dispatchFeature } from '../../../server/src/dispatch/lsp/feature.js';
import { createDispatchServices } from '../../../server/src/dispatch/services.js';
import { start, type FakeServer } from '../../fakes/index.js';
import { testContext } from '../../support/daemon.js';
import { forEachDialect } from '../../support/db.js';
import { lspPair, type LspPair } from '../../support/lsp.js';

forEachDialect('dispatch LSP', (repos) => {
  let pair: LspPair;
  let fake: FakeServer;
  afterEach(async () => {
    await pair?.close();
    await fake?.stop();
  });

  async function setup(opts: Parameters<typeof start>[0] = { protocol: 'anthropic' }) {
    fake = await start(opts);
    const ctx = testContext(repos(), { models: [] });
    ctx.services.dispatch = createDispatchServices(ctx, {});
    pair = lspPair(ctx, [dispatchFeature]);
    await pair.initialize();
  }

  it('configures models from the settings, takes a key into memory only, and runs a raw prompt with streamed parts', async () => {
    await setup();
    const configured = await pair.client.sendRequest(ModelsConfigureRequest.type, { models: [{ id: 'claude', provider: 'anthropic', model: 'claude-x', baseUrl: fake.url }], defaultModel: 'claude' });
    assert.deepEqual(configured.models.map((m) => [m.id, m.keySource, m.isDefault]), [['claude', 'none', true]]);
    await assert.rejects(pair.client.sendRequest(ModelsConfigureRequest.type, { models: [{ id: 'bad', provider: 'nope' as 'hf', model: 'x' }] }), (e: { code: number }) => e.code === CodetuneErrorCodes.Validation);

    const key = 'sk-ant-editor-secret-0123456789abcdef';
    const set = await pair.client.sendRequest(ModelsSetApiKeyRequest.type, { target: 'anthropic', apiKey: key });
    assert.equal(set.keySource, 'memory');
    assert.equal((await pair.client.sendRequest(ModelsListRequest.type)).models[0]!.keySource, 'memory');

    const parts: string[] = [];
    const changes: HistoryChangeParams[] = [];
    pair.client.onNotification(HistoryDidChangeNotification.type, (c) => {
      changes.push(c);
    });
    const token = 'exec-1';
    pair.client.onProgress(ExecutePartialProgress, token, (v) => {
      parts.push(v.text);
    });
    const r = await pair.client.sendRequest(PromptsExecuteRequest.type, { raw: { text: 'stream me please' }, partialResultToken: token });
    assert.equal(r.output, 'Echo: stream me please');
    assert.equal(parts.join(''), 'Echo: stream me please');
    assert.ok(parts.length > 1);
    assert.equal(r.estimatedCostUsd, null, 'no price configured: unknown, not $0');
    assert.ok(Object.values(fake.calls[0]!.headers).some((v) => String(v).includes(key)));
    const row = await repos().history.get(r.executionId);
    assert.ok(row && !JSON.stringify(row).includes(key));
    await new Promise((res) => setTimeout(res, 20));
    assert.deepEqual(changes.map((c) => c.kind), ['created']);

    const fb = await pair.client.sendRequest(HistoryFeedbackRequest.type, { id: r.executionId, rating: 4, feedback: 'ok' });
    assert.equal(fb.rating, 4);
    const list = await pair.client.sendRequest(HistoryListRequest.type, { model: 'claude' });
    assert.equal(list.items.length, 1);
    const metrics = await pair.client.sendRequest(HistoryMetricsRequest.type, {});
    assert.equal(metrics.versions[0]!.meanRating, 4);
  });

  it('cancelling the request in the editor aborts the call at the model server', async () => {
    await setup({ protocol: 'openai', faults: [{ kind: 'hang' }] });
    await pair.client.sendRequest(ModelsConfigureRequest.type, { models: [{ id: 'local', provider: 'openai-compatible', model: 'm', baseUrl: fake.url }] });
    const cts = new CancellationTokenSource();
    const p = pair.client.sendRequest(PromptsExecuteRequest.type, { raw: { text: 'never answered' } }, cts.token);
    await fake.waitForCalls(1);
    cts.cancel();
    await assert.rejects(p);
    assert.equal((await fake.waitForAbort(0)).aborted, true);
    const rows = await pair.client.sendRequest(HistoryListRequest.type, { success: false });
    assert.equal(rows.items.length, 1);
  });
});
