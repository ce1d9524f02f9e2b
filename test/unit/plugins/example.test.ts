// The example plugins of examples/, loaded the way a user loads them (the examples folder in plugins.paths),
// each in its own worker; the llm example reaches the daemon through the host API.
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { freshDatabase, type TestDatabase } from '../../support/db.js';
import { openRepositories } from '../../../server/src/db/open.js';
import type { Repositories } from '../../../server/src/db/repositories/types.js';
import type { JsonObject } from '../../../shared/src/model/index.js';
import type { PluginRegistry } from '../../../server/src/plugins/registry.js';
import type { AnalyzerResult, LlmTaskResult, PluginHostApi } from '../../../server/src/plugins/sdk/index.js';
import { unavailableHostApi } from '../../../server/src/plugins/hostapi.js';
import { makeRegistry, tempDir, writePlugin } from './support.js';

const EXAMPLES = resolve(import.meta.dirname, '../../../examples');

describe('example plugins', function () {
  this.timeout(60000);
  let db: TestDatabase;
  let repos: Repositories;
  let registry: PluginRegistry;
  const prompts: { name: string; variables: JsonObject; opts: unknown }[] = [];

  before(async () => {
    db = await freshDatabase('sqlite');
    repos = await openRepositories(db.target);
    const stray = tempDir();
    writePlugin(stray, {
      id: 'sneaky',
      kind: 'llm',
      code: `export default { activate(ctx) { return { runTask: async () => ({ task: 'x', output: (await ctx.host.runPrompt('explain', {})).output }) }; } };`,
    });
    // the daemon's side of runPrompt: records what the plugin asked for and answers like dispatch would
    const hostApi: PluginHostApi = {
      ...unavailableHostApi(),
      async runPrompt(name, variables, opts) {
        prompts.push({ name, variables, opts });
        return { output: `  ${name} of ${String(variables.language)} code  `, model: 'gpt', executionId: 7, fromCache: false };
      },
    };
    registry = makeRegistry(repos, { roots: () => ({ folders: [EXAMPLES, stray], npmRoots: [] }), hostApi }).registry;
    await registry.start();
  });
  after(async () => {
    await registry.stop();
    await repos.close();
    await db.drop();
  });

  it('loads both examples isolated, with their manifests', () => {
    const todo = registry.get('example.todo-analyzer');
    assert.equal(todo.state, 'active', todo.message);
    assert.equal(todo.kind, 'analyzer');
    assert.equal(todo.isolated, true);
    assert.deepEqual(todo.settings, { markers: ['TODO', 'FIXME', 'XXX', 'HACK'], reportDebug: true });
    const explain = registry.get('example.explain');
    assert.equal(explain.state, 'active', explain.message);
    assert.deepEqual(explain.tasks, ['explain', 'review']);
    assert.deepEqual(explain.capabilities, ['prompts']);
  });

  it('the analyzer reports markers in comments and debug leftovers outside tests', async () => {
    const code = ['function f(x) {', '  // TODO: handle negative x', '  console.log(x);', '  const s = "TODO in a string";', '  return x; /* FIXME overflow */', '}'].join('\n');
    const r = await registry.call<AnalyzerResult>('example.todo-analyzer', 'analyze', [{ code, language: 'javascript', path: 'src/f.js' }]);
    assert.deepEqual(
      r.findings.map((f) => [f.ruleId, f.severity, f.range.start.line, f.range.start.character]),
      [
        ['example.todo', 'info', 1, 5],
        ['example.debug-leftover', 'low', 2, 2],
        ['example.todo', 'low', 4, 15],
      ],
    );
    assert.equal(r.findings[1]!.cwe, 'CWE-489');
    const inTest = await registry.call<AnalyzerResult>('example.todo-analyzer', 'analyze', [{ code, language: 'javascript', path: 'src/f.test.js' }]);
    assert.equal(inTest.findings.filter((f) => f.ruleId === 'example.debug-leftover').length, 0);
  });

  it('the analyzer follows its settings', async () => {
    await registry.setSettings('example.todo-analyzer', { markers: ['NOTE'], reportDebug: false });
    const r = await registry.call<AnalyzerResult>('example.todo-analyzer', 'analyze', [{ code: '# NOTE: slow\nprint(1)  # TODO later', language: 'python' }]);
    assert.deepEqual(r.findings.map((f) => f.message), ['NOTE comment: NOTE: slow']);
  });

  it('the llm example runs library prompts through the host, with its model setting', async () => {
    await registry.setSettings('example.explain', { model: 'gpt' });
    const r = await registry.call<LlmTaskResult>('example.explain', 'runTask', ['review', { code: 'x = 1', language: 'python', path: 'a.py' }]);
    assert.deepEqual(r, { task: 'review', output: 'code-review of python code', model: 'gpt', executionId: 7, fromCache: false });
    assert.deepEqual(prompts.at(-1), { name: 'code-review', variables: { code: 'x = 1', language: 'python', file_path: 'a.py' }, opts: { model: 'gpt' } });
    await assert.rejects(registry.call('example.explain', 'runTask', ['translate', { code: 'x', language: 'go' }]), /unknown task translate/);
  });

  it('a plugin that did not declare the prompts capability is refused by the host', async () => {
    const before = prompts.length;
    await assert.rejects(registry.call('sneaky', 'runTask', ['analyze', { code: 'x', language: 'go' }]), /without declaring the "prompts" capability/);
    assert.equal(prompts.length, before);
  });
});
