// The history, cache and training repositories on SQLite and PostgreSQL.
import assert from 'node:assert/strict';
import type { NewExecutionRow } from '../../../server/src/db/schema/rowtypes.js';
import { isUserError } from '../../../server/src/util/errors.js';
import { forEachDialect } from '../../support/db.js';

const row = (over: Partial<NewExecutionRow> = {}): NewExecutionRow => ({
  modelUsed: 'm1',
  provider: 'openai',
  success: true,
  executionTimeMs: 100,
  tokensInput: 10,
  tokensOutput: 5,
  tokensUsed: 15,
  estimatedCostMicros: 20,
  ...over,
});

forEachDialect('history repository', (repos) => {
  it('lists newest first with filters and keyset pages', async () => {
    const h = repos().history;
    for (let i = 0; i < 5; i++) await h.insert(row({ modelUsed: i % 2 ? 'm2' : 'm1', success: i !== 3, fromCache: i === 4 }));
    const all = await h.list({}, { limit: 2 });
    assert.deepEqual(all.items.map((r) => r.id), [5, 4]);
    assert.equal(all.nextCursor, 4);
    const next = await h.list({}, { limit: 2, before: all.nextCursor! });
    assert.deepEqual(next.items.map((r) => r.id), [3, 2]);
    const last = await h.list({}, { limit: 2, before: next.nextCursor! });
    assert.deepEqual(last.items.map((r) => r.id), [1]);
    assert.equal(last.nextCursor, null);
    assert.deepEqual((await h.list({ model: 'm2' }, { limit: 10 })).items.map((r) => r.id), [4, 2]);
    assert.deepEqual((await h.list({ success: false }, { limit: 10 })).items.map((r) => r.id), [4]);
    assert.deepEqual((await h.list({ fromCache: true }, { limit: 10 })).items.map((r) => r.id), [5]);
    assert.equal((await h.list({ since: new Date(Date.now() + 60_000) }, { limit: 10 })).items.length, 0);
  });

  it('pages time-bounded lists newest first by created_at', async () => {
    const h = repos().history;
    const t0 = Date.now() - 100_000;
    // inserted out of time order on purpose (imports keep their timestamps)
    for (const k of [3, 1, 4, 2, 5]) await h.insert(row({ createdAt: new Date(t0 + k * 1000), modelUsed: `k${k}` }));
    const p1 = await h.list({ until: new Date(t0 + 4500) }, { limit: 2 });
    assert.deepEqual(p1.items.map((r) => r.modelUsed), ['k4', 'k3']);
    const p2 = await h.list({ until: new Date(t0 + 4500) }, { limit: 2, before: p1.nextCursor! });
    assert.deepEqual(p2.items.map((r) => r.modelUsed), ['k2', 'k1']);
    assert.equal(p2.nextCursor, null);
    assert.deepEqual((await h.list({ since: new Date(t0 + 2500) }, { limit: 10 })).items.map((r) => r.modelUsed), ['k5', 'k4', 'k3']);
  });

  it('aggregates per version: count, success rate, mean and p95 latency, cost with unknowns, rating', async () => {
    const h = repos().history;
    const lat = [10, 20, 30, 40, 50, 60, 70, 80, 90, 1000];
    for (const [i, ms] of lat.entries()) await h.insert(row({ executionTimeMs: ms, success: i < 8, estimatedCostMicros: i === 0 ? null : 10 }));
    const first = (await h.list({}, { limit: 1 })).items[0]!;
    await h.setFeedback(first.id, 4, 'good');
    const [m] = await h.versionMetrics({});
    assert.ok(m);
    assert.equal(m.count, 10);
    assert.equal(m.successRate, 0.8);
    assert.equal(m.meanLatencyMs, 145);
    assert.equal(m.p95LatencyMs, 1000);
    assert.equal(m.costMicros, 90);
    assert.equal(m.unknownCostCount, 1);
    assert.equal(m.meanRating, 4);
    assert.equal(m.ratingCount, 1);
    assert.equal((await h.get(first.id))?.feedback, 'good');
  });

  it('purges by age, then by row count, oldest first', async () => {
    const h = repos().history;
    const old = new Date(Date.now() - 10 * 86400_000);
    await h.insertMany([row({ createdAt: old }), row({ createdAt: old }), row(), row(), row()]);
    assert.equal(await h.purge({ before: new Date(Date.now() - 86400_000) }), 2);
    assert.equal(await h.purge({ maxRows: 2 }), 1);
    assert.deepEqual((await h.list({}, { limit: 10 })).items.map((r) => r.id), [5, 4]);
  });
});

forEachDialect('cache repository', (repos) => {
  const key = (n: number) => ({ modelName: n % 2 ? 'a' : 'b', promptHash: `p${n}`, parametersHash: 'q' });
  const put = (n: number, response = 'x'.repeat(100), expiresAt = new Date(Date.now() + 60_000)) =>
    repos().cache.put({ ...key(n), promptId: n % 3 === 0 ? 7 : null, response, tokensUsed: 3, expiresAt });

  it('hits only valid, unexpired entries and counts access', async () => {
    const c = repos().cache;
    await put(1);
    await put(2, 'y', new Date(Date.now() - 1));
    assert.equal((await c.get(key(1), new Date()))?.response, 'x'.repeat(100));
    assert.equal(await c.get(key(2), new Date()), undefined, 'expired');
    await c.recordAccess([{ ...key(1), hits: 3, at: new Date() }]);
    assert.equal((await c.get(key(1), new Date()))?.accessCount, 3);
    assert.equal(await c.purgeExpired(new Date()), 1);
  });

  it('invalidates by model, by prompt and all', async () => {
    const c = repos().cache;
    for (let i = 1; i <= 6; i++) await put(i);
    assert.equal(await c.invalidate({ promptId: 7 }), 2); // 3 and 6
    assert.equal(await c.invalidate({ modelName: 'a' }), 2); // 1, 5 (3 already invalid)
    assert.equal((await c.totals()).entries, 2);
    assert.equal(await c.invalidate({}), 2);
    assert.equal((await c.totals()).entries, 0);
  });

  it('evicts least recently used beyond the entry and byte caps', async () => {
    const c = repos().cache;
    for (let i = 1; i <= 5; i++) await put(i);
    await c.recordAccess([{ ...key(1), hits: 1, at: new Date(Date.now() + 5000) }]);
    assert.equal(await c.evict({ maxEntries: 3 }), 2);
    assert.ok(await c.get(key(1), new Date()), 'the recently used entry stays');
    assert.equal(await c.get(key(2), new Date()), undefined);
    assert.equal(await c.evict({ maxBytes: 150 }), 2);
    assert.deepEqual(await c.totals(), { entries: 1, bytes: 100 });
    assert.ok(await c.get(key(1), new Date()));
  });
});

forEachDialect('training repository', (repos) => {
  it('creates configs, refuses duplicate names, records metrics by step', async () => {
    const t = repos().training;
    const cfg = await t.createConfig({ name: 'run1', baseModel: 'codet5p-220m', datasetPath: 'data.jsonl', hyperparameters: { lr: 0.0002 }, createdBy: 'me' });
    await assert.rejects(t.createConfig({ name: 'run1', baseModel: 'x', datasetPath: '', hyperparameters: {}, createdBy: '' }), (e) => isUserError(e) && e.code === 'conflict');
    assert.equal(await t.addMetrics(cfg.id, [{ epoch: 0, step: 2, loss: 1.5, metrics: {} }, { epoch: 0, step: 1, loss: 2, metrics: { acc: 0.1 } }]), 2);
    assert.equal(await t.addMetrics(9999, []), undefined);
    assert.deepEqual((await t.metrics(cfg.id)).map((m) => m.step), [1, 2]);
    assert.deepEqual((await t.getConfig(cfg.id))?.hyperparameters, { lr: 0.0002 });
  });
});
