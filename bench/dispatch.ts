// Model-dispatch figures: cache hit latency with 1,000,000 entries, dispatch overhead and added
// time-to-first-token over calling the local server directly, single-flight with 100 identical requests,
// history insert rate and filtered-list p95 with 1,000,000 rows on each dialect.
//   node --import tsx bench/dispatch.ts            (npm run bench -- dispatch)
// Env: BENCH_ROWS (default 1000000), BENCH_DIALECTS (default sqlite,postgres), BENCH_CALLS (default 300),
//      BENCH_PARTS (default dispatch,cache,history).
import { cpus, loadavg } from 'node:os';
import type { Dialect } from '../shared/src/model/index.js';
import type { Repositories } from '../server/src/db/repositories/types.js';
import type { CachePut } from '../server/src/db/repositories/cache/types.js';
import type { NewExecutionRow } from '../server/src/db/schema/rowtypes.js';
import { openRepositories } from '../server/src/db/open.js';
import { CacheService } from '../server/src/dispatch/cache/service.js';
import { createDispatchServices } from '../server/src/dispatch/services.js';
import { providerFor } from '../server/src/dispatch/providers/index.js';
import { start } from '../test/fakes/index.js';
import { testContext } from '../test/support/daemon.js';
import { freshDatabase } from '../test/support/db.js';
import { stopPgServer } from '../test/support/pg.js';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const DIALECTS = (process.env.BENCH_DIALECTS ?? 'sqlite,postgres').split(',') as Dialect[];
const CALLS = Number(process.env.BENCH_CALLS ?? 300);
const PARTS = new Set((process.env.BENCH_PARTS ?? 'dispatch,cache,history').split(','));

function pct(samples: number[], p: number): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(s.length * p) - 1))]!;
}
const f = (ms: number) => `${ms.toFixed(3)} ms`;
const line = (what: string, value: string, goal = '') => console.log(`  ${what.padEnd(58)} ${value.padStart(14)}${goal ? `   (goal ${goal})` : ''}`);

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const r = await fn();
  return [r, performance.now() - t];
}

async function withDb<T>(dialect: Dialect, fn: (repos: Repositories) => Promise<T>): Promise<T> {
  const db = await freshDatabase(dialect);
  const repos = await openRepositories(db.target);
  try {
    return await fn(repos);
  } finally {
    await repos.close();
    await db.drop();
  }
}

const hash = (i: number) => i.toString(16).padStart(64, '0');

async function cacheBench(dialect: Dialect, repos: Repositories): Promise<void> {
  const batch = 20_000;
  const [, fillMs] = await timed(async () => {
    for (let i = 0; i < ROWS; i += batch) {
      const rows: CachePut[] = [];
      for (let j = i; j < Math.min(ROWS, i + batch); j++) {
        rows.push({ modelName: `model-${j % 4}`, promptHash: hash(j), parametersHash: hash(7), promptId: null, response: `cached answer number ${j} `.repeat(8), tokensUsed: 50, expiresAt: new Date(Date.now() + 86400_000) });
      }
      await repos.cache.putMany(rows);
    }
  });
  line(`[${dialect}] fill model_cache with ${ROWS.toLocaleString()} entries`, `${(fillMs / 1000).toFixed(1)} s`);
  const key = (j: number) => ({ modelName: `model-${j % 4}`, promptHash: hash(j), parametersHash: hash(7) });

  // the daemon path: memory LRU in front of the table; a working set of hot keys
  const svc = new CacheService(repos.cache, { memoryEntries: 2000 });
  const hot = Array.from({ length: 1000 }, (_, i) => Math.floor((i * 7919) % ROWS));
  for (const j of hot) await svc.get(key(j), null);
  const memory: number[] = [];
  for (let n = 0; n < 20_000; n++) {
    const t = performance.now();
    await svc.get(key(hot[n % hot.length]!), null);
    memory.push(performance.now() - t);
  }
  line(`[${dialect}] cache hit, in-memory LRU: p50 / p99`, `${f(pct(memory, 0.5))} / ${f(pct(memory, 0.99))}`, 'p99 ≤ 1 ms');

  // cold keys: every lookup goes to the table (unique index on model, prompt hash, parameters hash)
  const cold = new CacheService(repos.cache, { memoryEntries: 0 });
  const table: number[] = [];
  for (let n = 0; n < 3000; n++) {
    const j = Math.floor(Math.random() * ROWS);
    const t = performance.now();
    const hit = await cold.get(key(j), null);
    table.push(performance.now() - t);
    if (!hit) throw new Error(`missing cache entry ${j}`);
  }
  line(`[${dialect}] cache hit, from the table (1M rows): p50 / p99`, `${f(pct(table, 0.5))} / ${f(pct(table, 0.99))}`);
  await svc.stop();
  await cold.stop();
}

function historyRow(i: number, base: number): NewExecutionRow {
  return {
    promptId: null,
    versionId: null,
    modelUsed: `model-${i % 8}`,
    provider: 'openai-compatible',
    success: i % 17 !== 0,
    fromCache: i % 5 === 0,
    executionTimeMs: 100 + (i % 900),
    queueTimeMs: i % 20,
    tokensInput: 100,
    tokensOutput: 50,
    tokensUsed: 150,
    estimatedCostMicros: i % 3 === 0 ? null : 120,
    sessionId: `s${i % 1000}`,
    userId: `u${i % 50}`,
    inputVariables: { code: `x = ${i}` },
    renderedPrompt: `Explain x = ${i}`,
    output: `It assigns ${i} to x.`,
    createdAt: new Date(base + i * 1000),
  };
}

async function historyBench(dialect: Dialect, repos: Repositories): Promise<void> {
  const base = Date.now() - ROWS * 1000;
  const [, genMs] = await timed(async () => {
    const batch = 10_000;
    for (let i = 0; i < ROWS; i += batch) await repos.history.insertMany(Array.from({ length: Math.min(batch, ROWS - i) }, (_, k) => historyRow(i + k, base)));
  });
  line(`[${dialect}] generate ${ROWS.toLocaleString()} history rows (multi-row inserts, one transaction per 10k)`, `${(genMs / 1000).toFixed(1)} s`);

  // the daemon's own path: one row per request, single-row insert
  const n = 2000;
  const [, insMs] = await timed(async () => {
    for (let i = 0; i < n; i++) await repos.history.insert(historyRow(ROWS + i, Date.now()));
  });
  line(`[${dialect}] history insert rate (single rows, on top of 1M)`, `${Math.round((n / insMs) * 1000)} rows/s`);

  const filters = [
    () => ({ model: `model-${Math.floor(Math.random() * 8)}` }),
    () => ({ success: false }),
    () => ({ fromCache: true, model: 'model-3' }),
    () => ({ model: 'model-5', success: true }),
    () => ({ since: new Date(base + Math.random() * ROWS * 1000) }),
    () => ({ until: new Date(base + Math.random() * ROWS * 1000) }),
    () => ({}),
  ];
  const samples: number[] = [];
  for (let q = 0; q < 350; q++) {
    const filter = filters[q % filters.length]!();
    const t = performance.now();
    const page = await repos.history.list(filter, { limit: 50 });
    // the second page too: keyset paging stays as fast as the first
    if (page.nextCursor && q % 2) await repos.history.list(filter, { limit: 50, before: page.nextCursor });
    samples.push(performance.now() - t);
  }
  line(`[${dialect}] filtered history list (50 rows), p50 / p95`, `${f(pct(samples, 0.5))} / ${f(pct(samples, 0.95))}`, dialect === 'sqlite' ? 'p95 ≤ 10 ms' : 'p95 ≤ 20 ms');
}

async function dispatchBench(): Promise<void> {
  const fake = await start({ protocol: 'openai', reply: 'a short answer of eight words for timing' });
  try {
    await withDb('sqlite', async (repos) => {
      const ctx = testContext(repos, { models: [{ id: 'local', provider: 'openai-compatible', model: 'm', baseUrl: fake.url }] });
      const s = createDispatchServices(ctx, {});
      // the baseline: the same SDK request, made the way the provider makes it (a client per call), with
      // nothing of dispatch around it (no queue, breaker, cache key, history row)
      const model = s.models.resolve('local');
      const directCall = async (i: number) => {
        const t = performance.now();
        let first = 0;
        await providerFor(model).generate({
          model,
          messages: [{ role: 'user', content: `q${i}` }],
          text: `q${i}`,
          params: { temperature: 0, max_tokens: 64 },
          stream: true,
          apiKey: undefined,
          signal: new AbortController().signal,
          connectTimeoutMs: 10_000,
          onDelta: () => {
            if (!first) first = performance.now() - t;
          },
        });
        return [performance.now() - t, first] as const;
      };
      const viaCall = async (i: number) => {
        const t = performance.now();
        let first = 0;
        await s.dispatcher.dispatch({
          messages: [{ role: 'user', content: `q${i}` }],
          text: `q${i}`,
          params: { temperature: 0, max_tokens: 64 },
          cachePolicy: 'never',
          onEvent: (e) => {
            if (e.type === 'delta' && !first) first = performance.now() - t;
          },
        });
        return [performance.now() - t, first] as const;
      };
      for (let i = 0; i < 30; i++) {
        await directCall(i);
        await viaCall(i);
      }
      // blocks of 50 calls each, alternating, so the machine's load hits both alike and neither runs in the
      // other's wake (a call right after a dispatch pays for the GC of its garbage)
      const direct: number[] = [];
      const directFirst: number[] = [];
      const via: number[] = [];
      const viaFirst: number[] = [];
      for (let i = 0; i < CALLS; i += 50) {
        for (let j = i; j < i + 50; j++) {
          const [d, df] = await directCall(j);
          direct.push(d);
          directFirst.push(df);
        }
        for (let j = i; j < i + 50; j++) {
          const [v, vf] = await viaCall(j);
          via.push(v);
          viaFirst.push(vf);
        }
      }
      line('direct call to the local server (same SDK call, streamed), p50', f(pct(direct, 0.5)));
      line('through dispatch (queue, breaker, history row with redaction), p50', f(pct(via, 0.5)));
      line('dispatch overhead per request, p50 (difference)', f(pct(via, 0.5) - pct(direct, 0.5)), '≤ 2 ms');
      line('time to first token: direct / through dispatch, p50', `${f(pct(directFirst, 0.5))} / ${f(pct(viaFirst, 0.5))}`);
      line('time-to-first-token added by dispatch, p50 (difference)', f(pct(viaFirst, 0.5) - pct(directFirst, 0.5)));

      // single-flight: 100 identical concurrent requests
      const slow = await start({ protocol: 'openai', chunkDelayMs: 10, reply: 'the one shared answer to all of them' });
      try {
        s.models.configure([{ id: 'slow', provider: 'openai-compatible', model: 'm', baseUrl: slow.url }]);
        const [rs, ms] = await timed(() => Promise.all(Array.from({ length: 100 }, () => s.dispatcher.dispatch({ model: 'slow', messages: [{ role: 'user', content: 'same' }], text: 'same', params: { temperature: 0 } }))));
        const ok = rs.every((r) => r.output === 'the one shared answer to all of them');
        line('single-flight: 100 identical concurrent requests → upstream calls', `${slow.generationCalls()}`, '1');
        line('single-flight: all 100 answered identically, wall time', `${ok ? 'yes' : 'NO'}, ${f(ms)}`);
      } finally {
        await slow.stop();
      }
      await s.cache.stop();
    });
  } finally {
    await fake.stop();
  }
}

console.log(`model dispatch (rows/entries: ${ROWS.toLocaleString()}, dialects: ${DIALECTS.join(', ')}; ${cpus().length} CPUs, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')})`);
if (PARTS.has('dispatch')) await dispatchBench();
for (const d of DIALECTS) {
  if (PARTS.has('history')) await withDb(d, (repos) => historyBench(d, repos));
  if (PARTS.has('cache')) await withDb(d, (repos) => cacheBench(d, repos));
}
await stopPgServer();
