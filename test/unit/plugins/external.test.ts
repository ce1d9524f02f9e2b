// External plugins: loaded from a folder, called, reloaded after a file change (fs.watch), disabled; npm
// packages with the codetune-plugin keyword; blocked in an untrusted workspace.
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freshDatabase, type TestDatabase } from '../../support/db.js';
import { openRepositories } from '../../../server/src/db/open.js';
import type { Repositories } from '../../../server/src/db/repositories/types.js';
import { silentLogger } from '../../../server/src/logger.js';
import { UNTRUSTED_MESSAGE, type PluginRegistry } from '../../../server/src/plugins/registry.js';
import { watchPlugins, type PluginWatcher } from '../../../server/src/plugins/watch.js';
import { analyzerCode, makeRegistry, tempDir, until, writePlugin } from './support.js';

describe('external plugins', function () {
  this.timeout(60000);
  let db: TestDatabase;
  let repos: Repositories;
  let registry: PluginRegistry | undefined;
  let watcher: PluginWatcher | undefined;

  beforeEach(async () => {
    db = await freshDatabase('sqlite');
    repos = await openRepositories(db.target);
  });
  afterEach(async () => {
    watcher?.close();
    await registry?.stop();
    await repos.close();
    await db.drop();
    registry = watcher = undefined;
  });

  const analyze = async (id: string) =>
    JSON.stringify(await registry!.call(id, 'analyze', [{ code: 'a\nb', language: 'python' }]));

  it('loads a plugin from a folder, calls it, reloads it when its files change, and disables it', async () => {
    const root = tempDir();
    const dir = writePlugin(root, { id: 'acme.lint', settings: { type: 'object', properties: { prefix: { type: 'string', default: 'P' } } }, code: analyzerCode('v1') });
    const made = makeRegistry(repos, { roots: () => ({ folders: [root], npmRoots: [] }) });
    registry = made.registry;
    await registry.start();
    watcher = watchPlugins(registry, () => ({ folders: [root], npmRoots: [] }), silentLogger(), 50);

    const p = registry.get('acme.lint');
    assert.equal(p.state, 'active');
    assert.equal(p.source, 'folder');
    assert.equal(p.path, dir);
    assert.match(await analyze('acme.lint'), /v1:P/);
    assert.match(await analyze('acme.lint'), /"lines":2/);

    writeFileSync(join(dir, 'index.mjs'), analyzerCode('v2'));
    await until(async () => /v2/.test(await analyze('acme.lint').catch(() => '')), 'the plugin to answer with its new code');
    assert.equal(registry.get('acme.lint').state, 'active');
    assert.ok(made.changes.filter((c) => c.changed.some((x) => x.id === 'acme.lint' && x.state === 'active')).length >= 2, 'didChange after the reload');

    const off = await registry.disable('acme.lint');
    assert.equal(off.state, 'disabled');
    await assert.rejects(analyze('acme.lint'), /not running/);
    assert.equal((await repos.plugins.get('acme.lint'))?.enabled, false);
  });

  it('picks up a plugin folder added while running, and drops one removed', async () => {
    const root = tempDir();
    const made = makeRegistry(repos, { roots: () => ({ folders: [root], npmRoots: [] }) });
    registry = made.registry;
    await registry.start();
    watcher = watchPlugins(registry, () => ({ folders: [root], npmRoots: [] }), silentLogger(), 50);
    assert.equal(registry.list().length, 0);

    const dir = writePlugin(root, { id: 'late.arrival', code: analyzerCode('late') });
    await until(() => registry!.has('late.arrival') && registry!.get('late.arrival').state === 'active', 'the new plugin to load');
    assert.match(await analyze('late.arrival'), /late/);

    rmSync(dir, { recursive: true, force: true });
    await until(() => !registry!.has('late.arrival'), 'the removed plugin to go');
    assert.ok(made.changes.some((c) => c.removed.includes('late.arrival')));
  });

  it('discovers npm packages with the codetune-plugin keyword, and ignores others', async () => {
    const workspace = tempDir();
    const nm = join(workspace, 'node_modules');
    mkdirSync(join(nm, '@acme'), { recursive: true });
    writePlugin(join(nm, '@acme'), { id: 'secrets', keywords: ['codetune-plugin'], code: analyzerCode('npm') });
    writePlugin(nm, { id: 'left-pad', code: analyzerCode('not a plugin') });
    registry = makeRegistry(repos, { roots: () => ({ folders: [], npmRoots: [workspace] }) }).registry;
    await registry.start();
    const ids = registry.list().map((p) => p.id);
    assert.deepEqual(ids, ['secrets']);
    assert.equal(registry.get('secrets').source, 'npm');
    assert.match(await analyze('secrets'), /npm/);
  });

  it('loads plugins from the workspace only once the editor says it is trusted', async () => {
    const workspace = tempDir();
    writePlugin(join(workspace, 'node_modules'), { id: 'from-repo', keywords: ['codetune-plugin'], code: analyzerCode('repo') });
    const userFolder = tempDir();
    writePlugin(userFolder, { id: 'mine', code: analyzerCode('mine') });
    registry = makeRegistry(repos, { roots: () => ({ folders: [userFolder], npmRoots: [workspace], workspaceRoots: [workspace] }) }).registry;
    await registry.start();
    assert.equal(registry.isTrusted(), null);
    assert.equal(registry.get('mine').state, 'active', 'the user\'s own plugins do not wait');
    const pending = registry.get('from-repo');
    assert.equal(pending.state, 'disabled');
    assert.match(pending.message ?? '', /has not declared trusted/);
    await assert.rejects(analyze('from-repo'), /not running/);
    await registry.setTrusted(true);
    assert.equal(registry.get('from-repo').state, 'active');
    assert.match(await analyze('from-repo'), /repo/);
  });

  it('blocks external plugins in an untrusted workspace until trust is given', async () => {
    const root = tempDir();
    writePlugin(root, { id: 'acme.lint', code: analyzerCode('trusted') });
    registry = makeRegistry(repos, { roots: () => ({ folders: [root], npmRoots: [] }), trusted: false }).registry;
    await registry.start();
    let p = registry.get('acme.lint');
    assert.equal(p.state, 'disabled');
    assert.equal(p.message, UNTRUSTED_MESSAGE);
    assert.equal(p.enabled, true, 'the user\'s choice is kept');
    await assert.rejects(analyze('acme.lint'), /not trusted/);

    await registry.setTrusted(true);
    assert.equal(registry.get('acme.lint').state, 'active');
    await registry.setTrusted(false);
    p = registry.get('acme.lint');
    assert.equal(p.state, 'disabled');
    assert.match(p.message ?? '', /not trusted/);
  });
});
