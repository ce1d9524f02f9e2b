// Registry lifecycle and persisted state on both dialects: start, disable/enable, settings, restart of the
// daemon (a second registry over the same database), engine-range refusal.
import assert from 'node:assert/strict';
import { forEachDialect } from '../../support/db.js';
import { definePlugin, type PluginDefinition } from '../../../server/src/plugins/sdk/index.js';
import { UserError } from '../../../server/src/util/errors.js';
import { makeRegistry, tempDir, writePlugin, analyzerCode } from './support.js';

let activations = 0;
let deactivations = 0;
const echo: PluginDefinition = definePlugin({
  manifest: {
    id: 'test.echo',
    name: 'Echo',
    version: '1.0.0',
    kind: 'llm',
    tasks: ['analyze'],
    engines: { codetune: '^0.1.0' },
    settings: { type: 'object', properties: { greeting: { type: 'string', minLength: 1, default: 'hello' }, level: { type: 'integer', minimum: 1, maximum: 5 } }, additionalProperties: false },
  },
  activate(ctx) {
    activations++;
    return { runTask: async (task, input) => ({ task, output: `${String(ctx.settings.greeting)} ${input.code}` }) };
  },
  deactivate() {
    deactivations++;
  },
});

forEachDialect('plugin registry lifecycle', (repos) => {
  beforeEach(() => {
    activations = 0;
    deactivations = 0;
  });

  it('activates a built-in, persists disable/enable and settings across restarts', async () => {
    const { registry, changes } = makeRegistry(repos(), { builtins: [echo] });
    await registry.start();
    assert.equal(registry.get('test.echo').state, 'active');
    assert.deepEqual(registry.get('test.echo').settings, { greeting: 'hello' });
    assert.ok(changes.some((c) => c.changed.some((p) => p.id === 'test.echo' && p.state === 'active')));
    const out = await registry.call<{ output: string }>('test.echo', 'runTask', ['analyze', { code: 'x', language: 'python' }]);
    assert.equal(out.output, 'hello x');

    await registry.setSettings('test.echo', { greeting: 'hi', level: 2 });
    assert.equal(activations, 2, 'a settings change restarts the plugin');
    assert.equal(deactivations, 1);
    assert.equal((await registry.call<{ output: string }>('test.echo', 'runTask', ['analyze', { code: 'y', language: 'go' }])).output, 'hi y');

    const off = await registry.disable('test.echo');
    assert.equal(off.state, 'disabled');
    assert.equal(off.enabled, false);
    await assert.rejects(registry.call('test.echo', 'runTask', ['analyze', { code: '', language: 'go' }]), (e: UserError) => e.code === 'conflict' && /not running/.test(e.message));
    const row = await repos().plugins.get('test.echo');
    assert.equal(row?.enabled, false);
    assert.equal(row?.state, 'disabled');
    assert.deepEqual(row?.settings, { greeting: 'hi', level: 2 });
    await registry.stop();

    // the daemon restarts: the plugin stays off, with its settings
    const second = makeRegistry(repos(), { builtins: [echo] }).registry;
    await second.start();
    assert.equal(second.get('test.echo').state, 'disabled');
    assert.deepEqual(second.get('test.echo').settings, { greeting: 'hi', level: 2 });
    assert.equal((await second.enable('test.echo')).state, 'active');
    assert.equal((await repos().plugins.get('test.echo'))?.enabled, true);
    await second.stop();
  });

  it('rejects invalid settings naming the field, and keeps the old ones', async () => {
    const { registry } = makeRegistry(repos(), { builtins: [echo] });
    await registry.start();
    await assert.rejects(registry.setSettings('test.echo', { level: 9 }), (e: UserError) => e.code === 'validation_failed' && e.status === 400 && /settings\.level must be <= 5/.test(e.message));
    await assert.rejects(registry.setSettings('test.echo', { colour: 'red' }), (e: UserError) => /settings\.colour is not a setting/.test(e.message));
    await assert.rejects(registry.setSettings('test.echo', []), (e: UserError) => /settings must be a JSON object/.test(e.message));
    assert.deepEqual(registry.get('test.echo').settings, { greeting: 'hello' });
    assert.equal(activations, 1);
    await registry.stop();
  });

  it('shows saved settings that no longer fit the schema as an error naming the field', async () => {
    await repos().plugins.save({ pluginId: 'test.echo', enabled: true, state: 'active', errorMessage: null, settings: { level: 'high' } });
    const { registry } = makeRegistry(repos(), { builtins: [echo] });
    await registry.start();
    const p = registry.get('test.echo');
    assert.equal(p.state, 'error');
    assert.match(p.message ?? '', /settings\.level must be integer/);
    assert.equal(activations, 0);
    assert.equal((await registry.setSettings('test.echo', { level: 3 })).state, 'active');
    await registry.stop();
  });

  it('refuses an external plugin whose engine range does not match, naming the versions', async () => {
    const dir = tempDir();
    writePlugin(dir, { id: 'future-plugin', engine: '^2.0.0', code: analyzerCode('future') });
    const { registry } = makeRegistry(repos(), { roots: () => ({ folders: [dir], npmRoots: [] }) });
    await registry.start();
    const p = registry.get('future-plugin');
    assert.equal(p.state, 'error');
    assert.match(p.message ?? '', /needs CodeTune \^2\.0\.0, but this daemon is 0\.1\.0/);
    assert.equal((await repos().plugins.get('future-plugin'))?.errorMessage, p.message);
    await registry.stop();
  });

  it('lists a plugin with a broken manifest as an error that says what is wrong', async () => {
    const dir = tempDir();
    writePlugin(dir, { id: 'broken', kind: 'scanner' as 'analyzer', code: analyzerCode('x') });
    const { registry } = makeRegistry(repos(), { roots: () => ({ folders: [dir], npmRoots: [] }) });
    await registry.start();
    const p = registry.get('broken');
    assert.equal(p.state, 'error');
    assert.match(p.message ?? '', /Invalid plugin manifest .*package\.json: kind/);
    await registry.stop();
  });
});
