// Cache, single-flight, redaction and retention through the dispatcher, on both dialects.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ModelConfig } from '../../../server/src/config/schema.js';
import { HistoryService } from '../../../server/src/dispatch/history.js';
import { createLogger } from '../../../server/src/logger.js';
import { start, type FakeServer } from '../../fakes/index.js';
import { forEachDialect, freshDatabase } from '../../support/db.js';
import { openRepositories } from '../../../server/src/db/open.js';
import { chatRequest, fast, harness } from './helpers.js';

forEachDialect('dispatch cache and single-flight', (repos) => {
  let fake: FakeServer;
  afterEach(async () => fake?.stop());
  const model = (over: Partial<ModelConfig> = {}): ModelConfig => ({ id: 'local', provider: 'openai-compatible', model: 'fake-model', baseUrl: fake.url, limits: fast, pricing: { input_per_million_usd: 1, output_per_million_usd: 1 }, ...over });

  it('a repeated deterministic request is a cache hit: no upstream call, from_cache, zero cost', async () => {
    fake = await start({ protocol: 'openai' });
    const h = harness(repos(), [model()]);
    const a = await h.dispatcher.dispatch(chatRequest('same'));
    const deltas: string[] = [];
    const b = await h.dispatcher.dispatch(chatRequest('same', { onEvent: (e) => e.type === 'delta' && deltas.push(e.text) }));
    assert.equal(fake.generationCalls(), 1);
    assert.equal(b.fromCache, true);
    assert.equal(b.output, a.output);
    assert.equal(deltas.join(''), a.output);
    assert.equal(b.costMicros, 0);
    const row = await repos().history.get(b.executionId);
    assert.equal(row?.fromCache, true);
    assert.equal(row?.estimatedCostMicros, 0);
    const stats = await h.cache.stats();
    assert.equal(stats.hits, 1);
    assert.equal(stats.misses, 1);
    assert.equal(stats.hitRate, 0.5);
    assert.equal(stats.entries, 1);
    assert.equal(stats.byModel.local?.hits, 1);
  });

  it('different parameters or prompts miss; policy and bypass are respected', async () => {
    fake = await start({ protocol: 'openai' });
    const h = harness(repos(), [model()]);
    await h.dispatcher.dispatch(chatRequest('p'));
    await h.dispatcher.dispatch(chatRequest('p', { params: { temperature: 0, max_tokens: 65 } }));
    assert.equal(fake.generationCalls(), 2);
    // deterministic policy (default): a sampled request is neither served from nor stored in the cache
    await h.dispatcher.dispatch(chatRequest('s', { params: { temperature: 0.7 } }));
    await h.dispatcher.dispatch(chatRequest('s', { params: { temperature: 0.7 } }));
    assert.equal(fake.generationCalls(), 4);
    // "always" caches sampled answers too; "never" never
    await h.dispatcher.dispatch(chatRequest('s', { params: { temperature: 0.7 }, cachePolicy: 'always' }));
    const hit = await h.dispatcher.dispatch(chatRequest('s', { params: { temperature: 0.7 }, cachePolicy: 'always' }));
    assert.equal(hit.fromCache, true);
    assert.equal(fake.generationCalls(), 5);
    await h.dispatcher.dispatch(chatRequest('p', { cachePolicy: 'never' }));
    assert.equal(fake.generationCalls(), 6);
    const bypass = await h.dispatcher.dispatch(chatRequest('p', { bypassCache: true }));
    assert.equal(bypass.fromCache, false);
    assert.equal(fake.generationCalls(), 7);
  });

  it('entries expire after their TTL', async () => {
    fake = await start({ protocol: 'openai' });
    const h = harness(repos(), [model()]);
    await h.dispatcher.dispatch(chatRequest('ttl', { cacheTtlSeconds: 1 }));
    assert.equal((await h.dispatcher.dispatch(chatRequest('ttl'))).fromCache, true);
    await new Promise((r) => setTimeout(r, 1100));
    assert.equal((await h.dispatcher.dispatch(chatRequest('ttl'))).fromCache, false);
    assert.equal(fake.generationCalls(), 2);
  });

  it('invalidation by model and by prompt empties memory and table', async () => {
    fake = await start({ protocol: 'openai' });
    const h = harness(repos(), [model()]);
    await h.dispatcher.dispatch(chatRequest('i'));
    assert.equal(await h.cache.invalidate({ model: 'other' }), 0);
    assert.equal(await h.cache.invalidate({ model: 'local' }), 1);
    assert.equal((await h.dispatcher.dispatch(chatRequest('i'))).fromCache, false);
    assert.equal(await h.cache.invalidate({}), 1);
    assert.equal((await h.cache.stats()).entries, 0);
  });

  it('a stream that fails mid-way is not cached', async () => {
    fake = await start({ protocol: 'openai', faults: [{ kind: 'cut', afterChunks: 1 }] });
    const h = harness(repos(), [model()]);
    await assert.rejects(h.dispatcher.dispatch(chatRequest('cut me please')));
    const r = await h.dispatcher.dispatch(chatRequest('cut me please'));
    assert.equal(r.fromCache, false);
    assert.equal(r.output, 'Echo: cut me please');
  });

  it('100 identical concurrent requests make one upstream call; all get the streamed answer', async () => {
    fake = await start({ protocol: 'openai', chunkDelayMs: 5, reply: 'a shared streamed answer' });
    const h = harness(repos(), [model()]);
    const streams: string[][] = Array.from({ length: 100 }, () => []);
    const rs = await Promise.all(streams.map((s) => h.dispatcher.dispatch(chatRequest('same time', { onEvent: (e) => e.type === 'delta' && s.push(e.text) }))));
    assert.equal(fake.generationCalls(), 1);
    for (const [i, r] of rs.entries()) {
      assert.equal(r.output, 'a shared streamed answer');
      assert.equal(streams[i]!.join(''), 'a shared streamed answer');
    }
    assert.equal(rs.filter((r) => !r.fromCache).length, 1, 'one leader; followers are recorded as coalesced');
    assert.equal((await repos().history.list({}, { limit: 200 })).items.length, 100);
  });

  it('one follower cancelling does not cancel the others; the last one leaving aborts upstream', async () => {
    fake = await start({ protocol: 'openai', chunkDelayMs: 30, reply: 'one two three four five six' });
    const h = harness(repos(), [model()]);
    const a = new AbortController();
    const b = new AbortController();
    const pa = h.dispatcher.dispatch(chatRequest('sf', { signal: a.signal }));
    const pb = h.dispatcher.dispatch(chatRequest('sf', { signal: b.signal }));
    await fake.waitForCalls(1);
    a.abort();
    await assert.rejects(pa);
    assert.equal((await pb).output, 'one two three four five six');
    assert.equal(fake.calls[0]!.aborted, false);
    // alone in its flight, a cancelled request aborts the upstream call
    const c = new AbortController();
    const pc = h.dispatcher.dispatch(chatRequest('sf alone', { signal: c.signal }));
    await fake.waitForCalls(2);
    c.abort();
    await assert.rejects(pc);
    assert.equal((await fake.waitForAbort(1)).aborted, true);
  });

  it('redacts secrets from stored inputs and outputs; keys never reach the database or the log', async () => {
    const apiKey = 'sk-test-NEVERSTORE-0123456789abcdefghijklmnop';
    const ghToken = 'ghp_' + 'x1Y2'.repeat(9);
    fake = await start({ protocol: 'openai', reply: `here is your token ${ghToken} and the key ${apiKey}` });
    const h = harness(repos(), [model({ apiKeyEnv: 'LOCAL_KEY' })], {}, { LOCAL_KEY: apiKey });
    const r = await h.dispatcher.dispatch(chatRequest(`use ${ghToken}`, { inputVariables: { token: ghToken, key: apiKey } }));
    assert.ok(String(fake.calls[0]!.headers.authorization).includes(apiKey), 'the key was sent upstream');
    const row = await repos().history.get(r.executionId);
    const stored = JSON.stringify(row);
    assert.ok(!stored.includes(apiKey), 'key not stored');
    assert.ok(!stored.includes(ghToken), 'token not stored');
    assert.match(row!.output, /\[REDACTED\]/);
    assert.equal((row!.inputVariables as { token: string }).token, '[REDACTED]');
    // nor into the cache: an answer holding a secret is not cached
    assert.equal((await h.cache.stats()).entries, 0);
    assert.equal((await h.dispatcher.dispatch(chatRequest(`use ${ghToken}`))).fromCache, false);
  });
});

describe('keys never reach the SQLite file or the log file', () => {
  it('greps the database and the log after a run with a failing key', async () => {
    const apiKey = 'sk-test-GREPME-abcdefghijklmnopqrstuvwxyz012345';
    const db = await freshDatabase('sqlite');
    const repos = await openRepositories(db.target);
    const fake = await start({ protocol: 'openai', faults: [{ kind: 'status', status: 401, message: `Incorrect API key provided: ${apiKey}` }] });
    try {
      const h = harness(repos, [{ id: 'k', provider: 'openai-compatible', model: 'm', baseUrl: fake.url, apiKeyEnv: 'K', limits: fast }], {}, { K: apiKey });
      const logDir = db.dir!;
      const log = createLogger({ dataDir: logDir, level: 'trace', stderr: false });
      const { Dispatcher } = await import('../../../server/src/dispatch/dispatcher.js');
      const d = new Dispatcher(h.models, h.keys, h.cache, h.history, log);
      const e = await d.dispatch(chatRequest(`my key is ${apiKey}`)).catch((x: unknown) => x as Error);
      assert.ok(e instanceof Error);
      assert.ok(!e.message.includes(apiKey), 'not in the error message');
      log.error({ err: e.message }, 'request failed');
      log.flush();
      await repos.close();
      const dbBytes = readFileSync(join(logDir, 'test.db')).toString('latin1') + readFileSync(join(logDir, 'test.db-wal'), { flag: 'a+' }).toString('latin1');
      assert.ok(!dbBytes.includes(apiKey), 'not in the database file');
      const logText = readFileSync(join(logDir, 'logs', 'daemon.log'), 'utf8');
      assert.ok(logText.includes('request failed'));
      assert.ok(!logText.includes(apiKey), 'not in the log');
    } finally {
      await fake.stop();
      await db.drop();
    }
  });
});

forEachDialect('history retention', (repos) => {
  it('purges rows older than N days and beyond M rows', async () => {
    const h = new HistoryService(repos(), () => [], { days: 7, maxRows: 2 });
    const old = new Date(Date.now() - 8 * 86400_000);
    await repos().history.insertMany([{ modelUsed: 'm', success: true, createdAt: old }, ...Array.from({ length: 4 }, () => ({ modelUsed: 'm', success: true }))]);
    const events: unknown[] = [];
    h.on('change', (c) => events.push(c));
    assert.equal(await h.purge(), 3);
    assert.equal(await repos().history.count(), 2);
    assert.deepEqual(events, [{ kind: 'purged', purged: 3 }]);
  });
});

forEachDialect('cache size caps', (repos) => {
  it('evicts least-recently-used entries beyond maxEntries after writes, and counts evictions', async () => {
    const { CacheService } = await import('../../../server/src/dispatch/cache/service.js');
    const svc = new CacheService(repos().cache, { maxEntries: 3, memoryEntries: 10 });
    const key = (i: number) => ({ modelName: 'm', promptHash: `p${i}`, parametersHash: 'q' });
    for (let i = 0; i < 5; i++) {
      await svc.put(key(i), { response: `r${i}`, tokensUsed: 1, promptId: null });
      await new Promise((r) => setTimeout(r, 5));
    }
    assert.equal(await svc.enforceCaps(), 2);
    const s = await svc.stats();
    assert.equal(s.entries, 3);
    assert.equal(s.evictions, 2);
    assert.equal(await repos().cache.get(key(0), new Date()), undefined, 'the oldest went');
    assert.ok(await repos().cache.get(key(4), new Date()));
    await svc.stop();
  });
});
