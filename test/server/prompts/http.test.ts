// The prompt routes through app.inject() on both dialects: status codes, error shapes, the full flow.
import assert from 'node:assert/strict';
import { buildApp, type App } from '../../../server/src/http/app.js';
import { promptsCapability } from '../../../server/src/prompts/capability.js';
import { forEachDialect } from '../../support/db.js';
import { testContext } from '../../support/daemon.js';
import { promptBody } from './support.js';

const TOKEN = 'test-token-prompts-0123456789abcdefghijklmnop';
const auth = { authorization: `Bearer ${TOKEN}` };

forEachDialect('prompt HTTP routes', (repos) => {
  let app: App;
  beforeEach(async () => {
    const ctx = testContext(repos());
    await promptsCapability.start!(ctx);
    app = await buildApp({ ctx, token: TOKEN, routes: [promptsCapability.routes!(ctx)] });
  });
  afterEach(async () => app.close());

  const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) => app.inject({ method, url, headers: auth, ...(payload ? { payload } : {}) });

  it('starts with the starter library and lists, filters and searches it', async () => {
    const all = await call('GET', '/api/prompts/?limit=100');
    assert.equal(all.statusCode, 200);
    assert.equal(all.json().total, 12);
    const sec = await call('GET', '/api/prompts?category=security');
    assert.deepEqual(sec.json().items.map((p: { name: string }) => p.name), ['security-audit']);
    const q = await call('GET', '/api/prompts?q=docstring&tag=docs');
    assert.deepEqual(q.json().items.map((p: { name: string }) => p.name), ['docstring']);
    const bad = await call('GET', '/api/prompts?category=poetry');
    assert.equal(bad.statusCode, 400);
    assert.match(bad.json().error.message, /category 'poetry'/);
  });

  it('creates (201), refuses duplicates (409) and invalid input (400) naming the field', async () => {
    const created = await call('POST', '/api/prompts/', promptBody({ name: 'mine' }));
    assert.equal(created.statusCode, 201);
    assert.equal(created.json().deployed_version.version_number, 1);
    const dup = await call('POST', '/api/prompts', promptBody({ name: 'mine' }));
    assert.equal(dup.statusCode, 409);
    assert.equal(dup.json().error.code, 'conflict');
    assert.match(dup.json().error.message, /'mine'/);
    const cat = await call('POST', '/api/prompts', promptBody({ name: 'other', category: 'nope' }));
    assert.equal(cat.statusCode, 400);
    assert.match(cat.json().error.message, /category/);
    const tpl = await call('POST', '/api/prompts', promptBody({ name: 'other', user_prompt_template: 'x {{code' }));
    assert.equal(tpl.statusCode, 400);
    assert.match(tpl.json().error.message, /user_prompt_template: unclosed '\{\{' at line 1, column 3/);
    const missing = await call('GET', '/api/prompts/424242');
    assert.equal(missing.statusCode, 404);
  });

  it('runs the version flow: update, versions, deploy, rollback, diff, preview, delete', async () => {
    const id = (await call('POST', '/api/prompts', promptBody({ name: 'flow' }))).json().prompt.id as number;
    const meta = await call('PUT', `/api/prompts/${id}`, { tags: ['x'] });
    assert.equal(meta.json().created_version, null);
    const edit = await call('PUT', `/api/prompts/flow`, { system_prompt: 'Be terse about {{language}}.', change_notes: 'terse' });
    assert.equal(edit.json().created_version.version_number, 2);
    const v3 = await call('POST', `/api/prompts/${id}/versions`, { temperature: 0.5, deploy: true });
    assert.equal(v3.statusCode, 201);
    assert.equal(v3.json().is_deployed, true);
    const versions = await call('GET', `/api/prompts/${id}/versions`);
    assert.deepEqual(versions.json().map((v: { version_number: number }) => v.version_number), [1, 2, 3]);
    assert.equal((await call('GET', `/api/prompts/${id}/versions/2`)).json().change_notes, 'terse');
    const back = await call('POST', `/api/prompts/${id}/rollback`, {});
    assert.equal(back.json().version_number, 2);
    const dep = await call('POST', `/api/prompts/${id}/deploy`, { version_number: 1 });
    assert.equal(dep.json().version_number, 1);
    const both = await call('POST', `/api/prompts/${id}/deploy`, {});
    assert.equal(both.statusCode, 400);
    const diff = await call('GET', `/api/prompts/${id}/diff?from=1&to=3`);
    const fields = new Map(diff.json().fields.map((f: { field: string; changed: boolean }) => [f.field, f.changed]));
    assert.deepEqual([fields.get('system_prompt'), fields.get('temperature'), fields.get('user_prompt_template')], [true, true, false]);
    const preview = await call('POST', `/api/prompts/${id}/render-preview`, { variables: { code: 'print(1)', language: 'python', audience: 'senior' } });
    assert.equal(preview.statusCode, 200);
    assert.match(preview.json().text, /\[user\]\nExplain:\nprint\(1\)\nAudience: senior$/);
    const badVar = await call('POST', `/api/prompts/${id}/render-preview`, { variables: { code: 'x', audience: 'alien' } });
    assert.equal(badVar.statusCode, 400);
    assert.match(badVar.json().error.message, /'audience'/);
    assert.deepEqual((await call('DELETE', `/api/prompts/${id}`)).json(), { id, deleted: 'soft' });
    assert.deepEqual((await call('DELETE', `/api/prompts/${id}?hard=true`)).json(), { id, deleted: 'hard' });
    assert.equal((await call('GET', `/api/prompts/${id}`)).statusCode, 404);
  });

  it('runs an experiment: create, assignment, results, promote', async () => {
    const d = (await call('POST', '/api/prompts', promptBody({ name: 'ab' }))).json();
    const v2 = (await call('POST', `/api/prompts/ab/versions`, { system_prompt: 'Short.' })).json();
    const e = await call('POST', '/api/prompts/ab/experiments', { name: 'short', variants: [{ version_id: d.deployed_version.id, weight: 1 }, { version_id: v2.id, weight: 3 }] });
    assert.equal(e.statusCode, 201);
    const eid = e.json().id as number;
    const a1 = (await call('GET', `/api/experiments/${eid}/assignment?user_id=u1`)).json();
    assert.deepEqual((await call('GET', `/api/experiments/${eid}/assignment?user_id=u1`)).json(), a1);
    const results = await call('GET', `/api/experiments/${eid}/results`);
    assert.equal(results.json().variants.length, 2);
    assert.equal(results.json().leader_version_id, null);
    const promoted = await call('POST', `/api/experiments/${eid}/promote`, { version_id: v2.id });
    assert.equal(promoted.json().experiment.status, 'ended');
    assert.equal((await call('GET', '/api/prompts/ab')).json().deployed_version.id, v2.id);
    assert.equal((await call('POST', `/api/experiments/${eid}/stop`)).statusCode, 409);
  });
});
