// The dispatch pipeline against the local fakes, on both dialects: history rows for every outcome,
// retries and their limits, timeouts, cancellation reaching the server, loading Spaces, fallback, breaker.
import assert from 'node:assert/strict';
import type { ModelConfig } from '../../../server/src/config/schema.js';
import type { DispatchEvent } from '../../../server/src/dispatch/dispatcher.js';
import { isUserError, type UserError } from '../../../server/src/util/errors.js';
import { start, type FakeServer } from '../../fakes/index.js';
import { forEachDialect } from '../../support/db.js';
import { chatRequest, fast, harness } from './helpers.js';

async function rejection(p: Promise<unknown>): Promise<UserError> {
  try {
    await p;
  } catch (e) {
    assert.ok(isUserError(e), `expected a UserError, got ${String(e)}`);
    return e;
  }
  assert.fail('expected a failure');
}

forEachDialect('dispatch', (repos) => {
  let fake: FakeServer;
  let fake2: FakeServer | undefined;
  afterEach(async () => {
    await fake?.stop();
    await fake2?.stop();
    fake2 = undefined;
  });
  const model = (over: Partial<ModelConfig> = {}): ModelConfig => ({ id: 'local', provider: 'openai-compatible', model: 'fake-model', baseUrl: fake.url, limits: fast, ...over });

  it('streams the answer, records one successful row with usage tokens and cost', async () => {
    fake = await start({ protocol: 'openai' });
    const h = harness(repos(), [model({ pricing: { input_per_million_usd: 2, output_per_million_usd: 10 } })]);
    const deltas: string[] = [];
    const r = await h.dispatcher.dispatch(chatRequest('hello there', { onEvent: (e) => e.type === 'delta' && deltas.push(e.text) }));
    assert.equal(r.output, 'Echo: hello there');
    assert.ok(deltas.length > 1);
    assert.equal(deltas.join(''), r.output);
    const row = await repos().history.get(r.executionId);
    assert.ok(row);
    assert.equal(row.success, true);
    assert.equal(row.output, 'Echo: hello there');
    assert.equal(row.tokensEstimated, false);
    assert.equal(row.tokensInput, 3); // fake: ceil(11 chars / 4)
    assert.equal(row.tokensOutput, 3);
    assert.equal(row.estimatedCostMicros, 3 * 2 + 3 * 10);
    assert.equal(r.costMicros, 36);
    assert.ok(row.firstTokenMs !== null && row.firstTokenMs >= 0);
  });

  it('cost is unknown (null) without a price, and per GPU-hour from busy time', async () => {
    fake = await start({ protocol: 'openai' });
    const h = harness(repos(), [model(), model({ id: 'space', pricing: { gpu_hour_usd: 3.6 } })]);
    const a = await h.dispatcher.dispatch(chatRequest('a'));
    assert.equal(a.costMicros, null);
    assert.equal((await repos().history.get(a.executionId))?.estimatedCostMicros, null);
    const b = await h.dispatcher.dispatch(chatRequest('b', { model: 'space' }));
    // 3.6 $/h = 1 micro-dollar per ms busy
    assert.ok(b.costMicros !== null && b.costMicros >= 0);
    assert.ok(b.costMicros <= b.executionTimeMs + 1);
  });

  it('retries 429 honouring Retry-After and 500, then succeeds; one row', async () => {
    fake = await start({ protocol: 'openai', faults: [{ kind: 'status', status: 429, retryAfter: 0 }, { kind: 'status', status: 500 }] });
    const h = harness(repos(), [model()]);
    const events: DispatchEvent[] = [];
    const r = await h.dispatcher.dispatch(chatRequest('x', { onEvent: (e) => events.push(e) }));
    assert.equal(r.output, 'Echo: x');
    assert.equal(fake.generationCalls(), 3);
    const retries = events.filter((e) => e.type === 'retry');
    assert.equal(retries.length, 2);
    assert.equal(retries[0]!.type === 'retry' && retries[0]!.delayMs, 0, 'Retry-After: 0 is honoured');
    assert.equal((await repos().history.list({}, { limit: 10 })).items.length, 1);
  });

  it('stops after maxRetries and records the failure', async () => {
    fake = await start({ protocol: 'openai', always: { kind: 'status', status: 503, message: 'overloaded' } });
    const h = harness(repos(), [model({ limits: { ...fast, maxRetries: 1 } })]);
    const e = await rejection(h.dispatcher.dispatch(chatRequest('x')));
    assert.equal(e.code, 'upstream_error');
    assert.match(e.message, /server error \(503\)/);
    assert.equal(fake.generationCalls(), 2);
    const [row] = (await repos().history.list({ success: false }, { limit: 10 })).items;
    assert.ok(row);
    assert.match(row.errorMessage ?? '', /503/);
    assert.deepEqual(e.details, { execution_id: row.id });
  });

  it('does not retry a 400', async () => {
    fake = await start({ protocol: 'openai', faults: [{ kind: 'status', status: 400, message: 'bad max_tokens' }] });
    const h = harness(repos(), [model()]);
    const e = await rejection(h.dispatcher.dispatch(chatRequest('x')));
    assert.match(e.message, /bad max_tokens/);
    assert.equal(fake.generationCalls(), 1);
  });

  it('first-token timeout aborts the upstream call and is recorded as a timeout', async () => {
    fake = await start({ protocol: 'openai', faults: [{ kind: 'slowFirstToken', delayMs: 5000 }] });
    const h = harness(repos(), [model({ limits: { ...fast, firstTokenTimeoutMs: 150, maxRetries: 0 } })]);
    const e = await rejection(h.dispatcher.dispatch(chatRequest('x')));
    assert.equal(e.code, 'timeout');
    assert.match(e.message, /first token/);
    await fake.waitForAbort(0);
    const [row] = (await repos().history.list({}, { limit: 1 })).items;
    assert.equal(row?.success, false);
    assert.match(row?.errorMessage ?? '', /first token timeout/);
  });

  it('total timeout bounds the whole request', async () => {
    fake = await start({ protocol: 'openai', chunkDelayMs: 100, reply: 'one two three four five six seven eight nine ten' });
    const h = harness(repos(), [model({ limits: { ...fast, totalTimeoutMs: 250 } })]);
    const e = await rejection(h.dispatcher.dispatch(chatRequest('x')));
    assert.equal(e.code, 'timeout');
    assert.match(e.message, /total timeout/);
    await fake.waitForAbort(0);
  });

  it('cancellation reaches the server and is recorded', async () => {
    fake = await start({ protocol: 'openai', faults: [{ kind: 'hang' }] });
    const h = harness(repos(), [model()]);
    const ac = new AbortController();
    const p = h.dispatcher.dispatch(chatRequest('x', { signal: ac.signal }));
    await fake.waitForCalls(1);
    ac.abort();
    const e = await rejection(p);
    assert.equal(e.code, 'cancelled');
    assert.equal((await fake.waitForAbort(0)).aborted, true);
    const [row] = (await repos().history.list({}, { limit: 1 })).items;
    assert.equal(row?.success, false);
  });

  it('waits for a loading Space with progress, then answers', async () => {
    fake = await start({ protocol: 'tgi', faults: [{ kind: 'loading', estimatedTime: 0.3 }] });
    const h = harness(repos(), [model({ provider: 'hf' })]);
    const events: DispatchEvent[] = [];
    const r = await h.dispatcher.dispatch(chatRequest('warm?', { onEvent: (e) => events.push(e) }));
    assert.equal(r.output, 'Echo: warm?');
    assert.ok(events.some((e) => e.type === 'loading' && e.estimatedSeconds === 0.3));
    assert.equal(fake.generationCalls(), 2);
  });

  it('gives up on a Space that stays loading, saying how long it needs', async () => {
    fake = await start({ protocol: 'tgi', always: { kind: 'loading', estimatedTime: 120 } });
    const h = harness(repos(), [model({ provider: 'hf', limits: { ...fast, loadingWaitMs: 300 } })]);
    const e = await rejection(h.dispatcher.dispatch(chatRequest('x')));
    assert.equal(e.code, 'upstream_unavailable');
    assert.match(e.message, /is starting; it says it needs about 120 s/);
  });

  it('falls back to the next model when the first fails', async () => {
    fake = await start({ protocol: 'openai', always: { kind: 'status', status: 500 } });
    fake2 = await start({ protocol: 'anthropic', reply: 'from claude' });
    const h = harness(repos(), [
      model({ limits: { ...fast, maxRetries: 0 }, fallback: ['claude'] }),
      { id: 'claude', provider: 'anthropic', model: 'claude-x', baseUrl: fake2.url, limits: fast },
    ], {}, { ANTHROPIC_API_KEY: 'sk-ant-test-0123456789abcdefghij' });
    const events: DispatchEvent[] = [];
    const r = await h.dispatcher.dispatch(chatRequest('x', { onEvent: (e) => events.push(e) }));
    assert.equal(r.output, 'from claude');
    assert.equal(r.modelUsed, 'claude');
    assert.ok(events.some((e) => e.type === 'fallback' && e.to === 'claude'));
  });

  it('opens the circuit after repeated failures: no more upstream calls', async () => {
    fake = await start({ protocol: 'openai', always: { kind: 'status', status: 500 } });
    const h = harness(repos(), [model({ limits: { ...fast, maxRetries: 0 } })]);
    for (let i = 0; i < 5; i++) await rejection(h.dispatcher.dispatch(chatRequest(`x${i}`)));
    assert.equal(fake.generationCalls(), 5);
    const e = await rejection(h.dispatcher.dispatch(chatRequest('y')));
    assert.match(e.message, /circuit is open/);
    assert.equal(fake.generationCalls(), 5);
    assert.equal((await repos().history.list({ success: false }, { limit: 10 })).items.length, 6);
  });

  it('refuses an anthropic model without a key before calling', async () => {
    fake = await start({ protocol: 'anthropic' });
    const h = harness(repos(), [{ id: 'c', provider: 'anthropic', model: 'm', baseUrl: fake.url }]);
    const e = await rejection(h.dispatcher.dispatch(chatRequest('x')));
    assert.match(e.message, /no API key/);
    assert.equal(fake.generationCalls(), 0);
  });

  it('queues beyond the concurrency limit and reports positions', async () => {
    fake = await start({ protocol: 'openai', chunkDelayMs: 20 });
    const h = harness(repos(), [model({ limits: { ...fast, concurrency: 1 } })]);
    const positions: number[][] = [[], [], []];
    const rs = await Promise.all(
      [0, 1, 2].map((i) => h.dispatcher.dispatch(chatRequest(`q${i}`, { cachePolicy: 'never', onEvent: (e) => e.type === 'queued' && positions[i]!.push(e.position) }))),
    );
    assert.deepEqual(rs.map((r) => r.output), ['Echo: q0', 'Echo: q1', 'Echo: q2']);
    // the first runs at once; the others wait behind it and move up as the line moves
    assert.deepEqual(positions[1], [1]);
    assert.deepEqual(positions[2], [2, 1]);
    assert.ok(rs[2]!.queueTimeMs >= rs[0]!.queueTimeMs);
  });
});
