// `codetune plugins check DIR` and `codetune plugins list`, through the functions the commands print.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { checkPlugin, formatPlugins, listPlugins } from '../../../server/src/plugins/cli.js';
import { analyzerCode, tempDir, writePlugin } from './support.js';

const EXAMPLES = resolve(import.meta.dirname, '../../../examples');

describe('codetune plugins', function () {
  this.timeout(60000);

  it('check activates a good plugin folder in a worker', async () => {
    const r = await checkPlugin(join(EXAMPLES, 'todo-analyzer'), '0.1.0');
    assert.equal(r.ok, true);
    assert.equal(r.plugin?.id, 'example.todo-analyzer');
    assert.equal(r.plugin?.state, 'active');
  });

  it('check fails with the reason for an engine mismatch, a bad manifest or an activation error', async () => {
    const dir = tempDir();
    writePlugin(dir, { id: 'old', engine: '^0.0.1', code: analyzerCode('x') });
    const old = await checkPlugin(join(dir, 'old'), '0.1.0');
    assert.equal(old.ok, false);
    assert.match(old.plugin?.message ?? '', /needs CodeTune \^0\.0\.1, but this daemon is 0\.1\.0/);

    writePlugin(dir, { id: 'lazy', code: 'export default { activate() { return {}; } };' });
    const lazy = await checkPlugin(join(dir, 'lazy'), '0.1.0');
    assert.equal(lazy.ok, false);
    assert.match(lazy.plugin?.message ?? '', /must return the analyzer interface; missing: analyze/);

    await assert.rejects(checkPlugin(tempDir(), '0.1.0'), /holds no CodeTune plugin/);
  });

  it('list shows the built-ins and the plugins of the config file with their state', async () => {
    const dataDir = tempDir();
    const folder = tempDir();
    writePlugin(folder, { id: 'team.lint', code: analyzerCode('team') });
    writeFileSync(join(dataDir, 'config.json'), JSON.stringify({ plugins: { paths: [folder] } }));
    const list = await listPlugins({ dataDir });
    const ids = list.map((p) => p.id);
    for (const id of ['whiterabbitneo', 'codet5p', 'openai-analyzer', 'anthropic-suggester', 'embeddings', 'static-security', 'team.lint']) assert.ok(ids.includes(id), id);
    assert.equal(list.find((p) => p.id === 'team.lint')?.state, 'active');
    const text = formatPlugins(list);
    assert.match(text, /^team\.lint\s+1\.0\.0\s+analyzer\s+folder\s+active$/m);
  });
});
