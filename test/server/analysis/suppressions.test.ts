// The workspace suppression list on both dialects.
import assert from 'node:assert/strict';
import { forEachDialect } from '../../support/db.js';

forEachDialect('finding suppressions', (getRepos) => {
  it('adds, lists per workspace, updates the reason and removes by fingerprint', async () => {
    const repos = getRepos();
    const a = await repos.suppressions.add({ workspace: '/w1', fingerprint: 'f1', ruleId: 'js.xss', filePath: 'src/a.js', reason: 'escaped upstream' });
    assert.equal(a.workspace, '/w1');
    assert.equal(a.reason, 'escaped upstream');
    assert.ok(a.createdAt instanceof Date);
    await repos.suppressions.add({ workspace: '/w1', fingerprint: 'f2', ruleId: 'js.sql-injection' });
    await repos.suppressions.add({ workspace: '/w2', fingerprint: 'f1', ruleId: 'js.xss' });
    const again = await repos.suppressions.add({ workspace: '/w1', fingerprint: 'f1', ruleId: 'js.xss', reason: 'reviewed twice' });
    assert.equal(again.id, a.id);
    const list = await repos.suppressions.list('/w1');
    assert.deepEqual(list.map((s) => [s.fingerprint, s.reason]), [['f1', 'reviewed twice'], ['f2', '']]);
    assert.equal(await repos.suppressions.remove('/w1', 'f1'), true);
    assert.equal(await repos.suppressions.remove('/w1', 'f1'), false);
    assert.deepEqual((await repos.suppressions.list('/w1')).map((s) => s.fingerprint), ['f2']);
    assert.equal((await repos.suppressions.list('/w2')).length, 1);
  });
});
