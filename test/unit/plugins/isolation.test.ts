// Isolation: external plugins that throw, loop forever, allocate without bound or call process.exit end up
// in "error" with the reason, and the daemon (this process) keeps answering.
import assert from 'node:assert/strict';
import { freshDatabase, type TestDatabase } from '../../support/db.js';
import { openRepositories } from '../../../server/src/db/open.js';
import type { Repositories } from '../../../server/src/db/repositories/types.js';
import type { PluginRegistry } from '../../../server/src/plugins/registry.js';
import type { UserError } from '../../../server/src/util/errors.js';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeRegistry, tempDir, until, writePlugin, analyzerCode } from './support.js';

const misbehaving = (body: string) => `export default {
  activate() {
    return {
      async analyze(input) {
        if (input.code === 'ok') return { findings: [] };
        ${body}
      },
    };
  },
};
`;

describe('plugin isolation', function () {
  this.timeout(60000);
  let db: TestDatabase;
  let repos: Repositories;
  let registry: PluginRegistry;

  before(async () => {
    db = await freshDatabase('sqlite');
    repos = await openRepositories(db.target);
    const dir = tempDir();
    writePlugin(dir, { id: 'thrower', code: misbehaving(`throw new Error('bad input: ' + input.code);`) });
    writePlugin(dir, { id: 'looper', code: misbehaving(`for (;;) {}`) });
    writePlugin(dir, { id: 'hog', limits: { memoryMb: 32 }, code: misbehaving(`const keep = []; for (;;) keep.push(new Array(1e5).fill(Math.random()));`) });
    writePlugin(dir, { id: 'quitter', code: misbehaving(`process.exit(3);`) });
    writePlugin(dir, { id: 'killer', code: misbehaving(`process.kill(process.pid, 'SIGKILL');`) });
    writePlugin(dir, { id: 'crash-on-load', code: `throw new Error('cannot start');` });
    writePlugin(dir, { id: 'healthy', code: analyzerCode('healthy') });
    writePlugin(dir, {
      id: 'streamer',
      kind: 'llm',
      code: `export default { activate() { return { async runTask(task, input, { onToken }) { for (const w of ['one ', 'two ', 'three']) onToken?.(w); return { task, output: 'one two three' }; } }; } };`,
    });
    // waits until cancelled, then leaves a mark the test can see from outside the worker
    writePlugin(dir, {
      id: 'patient',
      code: `import { writeFileSync } from 'node:fs';
export default { activate() { return { analyze: (input, { signal }) => new Promise((resolve) => signal.addEventListener('abort', () => { writeFileSync(input.code, 'aborted'); resolve({ findings: [] }); })) }; } };`,
    });
    registry = makeRegistry(repos, { roots: () => ({ folders: [dir], npmRoots: [] }), limits: { callTimeoutMs: 1500 } }).registry;
    await registry.start();
  });

  after(async () => {
    await registry.stop();
    await repos.close();
    await db.drop();
  });

  const call = (id: string, code: string) => registry.call(id, 'analyze', [{ code, language: 'python' }]);
  const stillAnswers = async () => {
    const r = await call('healthy', 'x = 1');
    assert.match(JSON.stringify(r), /healthy/);
    await repos.ping();
  };

  it('runs every plugin in its own worker', () => {
    for (const id of ['thrower', 'looper', 'hog', 'quitter', 'healthy', 'patient']) assert.equal(registry.get(id).state, 'active', id);
    assert.equal(registry.get('healthy').isolated, true);
  });

  it('a plugin whose activation throws is marked error with the reason', () => {
    const p = registry.get('crash-on-load');
    assert.equal(p.state, 'error');
    assert.match(p.message ?? '', /cannot start/);
  });

  it('a throwing call is marked error and the plugin recovers on its next good call', async () => {
    await assert.rejects(call('thrower', 'boom'), (e: UserError) => e.code === 'upstream_error' && /analyze failed: bad input: boom/.test(e.message));
    assert.equal(registry.get('thrower').state, 'error');
    assert.match(registry.get('thrower').message ?? '', /bad input: boom/);
    await stillAnswers();
    await call('thrower', 'ok');
    assert.equal(registry.get('thrower').state, 'active');
  });

  it('an infinite loop is stopped at the time limit', async () => {
    await assert.rejects(call('looper', 'spin'), (e: UserError) => /did not finish within 1500 ms; the plugin was stopped/.test(e.message));
    const p = registry.get('looper');
    assert.equal(p.state, 'error');
    assert.match(p.message ?? '', /did not finish within 1500 ms/);
    await stillAnswers();
    await assert.rejects(call('looper', 'ok'), (e: UserError) => e.code === 'conflict');
  });

  it('unbounded allocation hits the memory limit', async () => {
    await assert.rejects(call('hog', 'eat'), (e: UserError) => /ran out of memory \(limit 32 MB\)/.test(e.message));
    assert.equal(registry.get('hog').state, 'error');
    assert.equal((await repos.plugins.get('hog'))?.state, 'error');
    await stillAnswers();
  });

  it('process.exit ends only the plugin', async () => {
    await assert.rejects(call('quitter', 'bye'), (e: UserError) => /process\.exit\(3\)/.test(e.message));
    assert.equal(registry.get('quitter').state, 'error');
    assert.match(registry.get('quitter').message ?? '', /called process\.exit\(3\)/);
    await stillAnswers();
  });

  it('cancelling a call aborts the plugin\'s signal and leaves it running', async () => {
    const mark = join(tempDir(), 'mark');
    const ac = new AbortController();
    const pending = registry.call('patient', 'analyze', [{ code: mark, language: 'text' }], { signal: ac.signal });
    setTimeout(() => ac.abort(), 50);
    await assert.rejects(pending, (e: UserError) => e.code === 'cancelled');
    await until(() => existsSync(mark), 'the plugin to see the abort');
    assert.equal(readFileSync(mark, 'utf8'), 'aborted');
    assert.equal(registry.get('patient').state, 'active');
  });

  it('streams text from the worker to the caller', async () => {
    const parts: string[] = [];
    const r = await registry.call<{ output: string }>('streamer', 'runTask', ['analyze', { code: 'x', language: 'go' }], { onToken: (t) => parts.push(t) });
    assert.equal(r.output, 'one two three');
    assert.deepEqual(parts, ['one ', 'two ', 'three']);
  });

  it('a plugin cannot signal the daemon\'s process', async () => {
    await assert.rejects(call('killer', 'die'), /may not signal the daemon/);
    await stillAnswers();
  });

  it('reload brings a stopped plugin back', async () => {
    assert.equal((await registry.reload('quitter')).state, 'active');
    assert.deepEqual(await call('quitter', 'ok'), { findings: [] });
  });
});
