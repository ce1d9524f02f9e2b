// Pure parts of dispatch: backoff, circuit breaker, cost, cache key, cache policy, redaction, single-flight.
import assert from 'node:assert/strict';
import { CircuitBreaker } from '../../../server/src/dispatch/breaker.js';
import { cacheable } from '../../../server/src/dispatch/cache/policy.js';
import { cacheKey, canonicalJson } from '../../../server/src/dispatch/cachekey.js';
import { costMicros, estimateTokens } from '../../../server/src/dispatch/cost.js';
import { fromStatus, parseRetryAfter } from '../../../server/src/dispatch/errors.js';
import { KeyStore } from '../../../server/src/dispatch/keys.js';
import { containsSecret, redactText } from '../../../server/src/dispatch/redact.js';
import { BASE_DELAY_MS, MAX_DELAY_MS, backoffMs } from '../../../server/src/dispatch/retry.js';
import { SingleFlight } from '../../../server/src/dispatch/singleflight.js';

describe('dispatch pieces', () => {
  it('backoff: full jitter under an exponential cap, Retry-After wins', () => {
    assert.equal(backoffMs(0, undefined, () => 0.999), Math.floor(0.999 * BASE_DELAY_MS));
    assert.equal(backoffMs(3, undefined, () => 0.5), Math.floor(0.5 * BASE_DELAY_MS * 8));
    assert.equal(backoffMs(30, undefined, () => 0.999), Math.floor(0.999 * MAX_DELAY_MS));
    assert.equal(backoffMs(0, undefined, () => 0), 0);
    assert.equal(backoffMs(5, 7000, () => 0.5), 7000);
    assert.equal(parseRetryAfter('3'), 3000);
    assert.equal(parseRetryAfter(new Date(Date.now() + 10_000).toUTCString(), Date.now()) !== undefined, true);
    assert.equal(parseRetryAfter('soon'), undefined);
  });

  it('classifies statuses: 429 and 5xx transient, 4xx not, 503 with estimated_time is loading', () => {
    assert.equal(fromStatus(429, 'x').transient, true);
    assert.equal(fromStatus(502, 'x').transient, true);
    assert.equal(fromStatus(400, 'x').transient, false);
    assert.equal(fromStatus(401, 'x').kind, 'auth');
    assert.equal(fromStatus(503, 'x', null, { error: 'Model is currently loading', estimated_time: 20 }).kind, 'loading');
  });

  it('circuit breaker: opens after the threshold, lets one trial through after the cooldown', () => {
    let now = 0;
    const b = new CircuitBreaker(3, 1000, () => now);
    for (let i = 0; i < 3; i++) {
      assert.equal(b.allow(), true);
      b.failure();
    }
    assert.equal(b.state, 'open');
    assert.equal(b.allow(), false);
    now = 1000;
    assert.equal(b.allow(), true, 'half-open trial');
    assert.equal(b.allow(), false, 'only one trial at a time');
    b.failure();
    assert.equal(b.state, 'open');
    now = 2000;
    assert.equal(b.allow(), true);
    b.success();
    assert.equal(b.state, 'closed');
    assert.equal(b.allow(), true);
  });

  it('cost: per-million prices in micro-dollars, GPU-hour from busy time, null without a price', () => {
    const m = { id: 'm', provider: 'openai' as const, model: 'x' };
    assert.equal(costMicros(m, { input: 1000, output: 500 }, 100), null);
    assert.equal(costMicros({ ...m, pricing: {} }, { input: 1000, output: 500 }, 100), null);
    assert.equal(costMicros({ ...m, pricing: { input_per_million_usd: 3, output_per_million_usd: 15 } }, { input: 1000, output: 500 }, 100), 3000 + 7500);
    // $3.60 per GPU-hour = $0.001 per second = 1000 micro-dollars per second
    assert.equal(costMicros({ ...m, pricing: { gpu_hour_usd: 3.6 } }, { input: 1, output: 1 }, 2500), 2500);
    assert.equal(estimateTokens(''), 0);
    assert.equal(estimateTokens('one two three'), 4);
  });

  it('cache key: canonical parameters, sensitive to prompt, model and parameters', () => {
    assert.equal(canonicalJson({ b: 1, a: [1, { d: 2, c: undefined }] }), '{"a":[1,{"d":2}],"b":1}');
    const msgs = [{ role: 'user' as const, content: 'x' }];
    const k = cacheKey('m', 'chat', msgs, 'x', { temperature: 0, max_tokens: 5 });
    assert.deepEqual(cacheKey('m', 'chat', msgs, 'x', { max_tokens: 5, temperature: 0 }), k);
    assert.notDeepEqual(cacheKey('m2', 'chat', msgs, 'x', { temperature: 0, max_tokens: 5 }), k);
    assert.notDeepEqual(cacheKey('m', 'chat', [{ role: 'user', content: 'y' }], 'y', { temperature: 0, max_tokens: 5 }), k);
    assert.notDeepEqual(cacheKey('m', 'chat', msgs, 'x', { temperature: 0, max_tokens: 6 }), k);
    assert.match(k.promptHash, /^[0-9a-f]{64}$/);
  });

  it('cache policy: deterministic only at temperature 0', () => {
    assert.equal(cacheable('deterministic', { temperature: 0 }), true);
    assert.equal(cacheable('deterministic', { temperature: 0.2 }), false);
    assert.equal(cacheable('deterministic', {}), false);
    assert.equal(cacheable('always', { temperature: 1 }), true);
    assert.equal(cacheable('never', { temperature: 0 }), false);
  });

  it('redaction: secretlint findings, known keys, bearer tokens; plain text untouched', async () => {
    const gh = 'ghp_' + 'x1Y2'.repeat(9);
    const pem = '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7bq' + 'A'.repeat(60) + '\n-----END RSA PRIVATE KEY-----';
    assert.equal(await redactText(`token ${gh} here`), 'token [REDACTED] here');
    assert.doesNotMatch(await redactText(`key:\n${pem}\n`), /MIIEow/);
    assert.equal(await redactText('my key is my-own-key-123456789', ['my-own-key-123456789']), 'my key is [REDACTED]');
    assert.equal(await redactText('Authorization: Bearer abcdefghijklmnopqrstuvwxyz012345'), 'Authorization: Bearer [REDACTED]');
    const plain = 'def add(a, b):\n    return a + b  # a_perfectly_normal_identifier_name';
    assert.equal(await redactText(plain), plain);
    assert.equal(await containsSecret(plain, []), false);
    assert.equal(await containsSecret(gh, []), true);
  });

  it('keys: memory beats the environment; per model beats per provider; sources are named, never the key', () => {
    const keys = new KeyStore({ OPENAI_API_KEY: 'env-key-0123456789', MY_KEY: 'model-env-key-0123' });
    const a = { id: 'a', provider: 'openai' as const, model: 'x' };
    const b = { id: 'b', provider: 'openai-compatible' as const, model: 'y', apiKeyEnv: 'MY_KEY' };
    assert.equal(keys.get(a), 'env-key-0123456789');
    assert.equal(keys.source(a), 'env');
    assert.equal(keys.get(b), 'model-env-key-0123');
    keys.set('openai', 'mem-provider-key-01');
    assert.equal(keys.get(a), 'mem-provider-key-01');
    keys.set('a', 'mem-model-key-0123');
    assert.equal(keys.get(a), 'mem-model-key-0123');
    assert.equal(keys.source(a), 'memory');
    keys.set('a', null);
    keys.set('openai', null);
    assert.equal(keys.get(a), 'env-key-0123456789');
    assert.ok(keys.knownValues([a, b]).includes('model-env-key-0123'));
  });

  it('single-flight: joiners get the text so far, then the rest; the leader alone calls', async () => {
    const sf = new SingleFlight<string>();
    let calls = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const run = async (_s: AbortSignal, emit: (t: string) => void) => {
      calls++;
      emit('hel');
      await gate;
      emit('lo');
      return 'hello';
    };
    const a: string[] = [];
    const b: string[] = [];
    const pa = sf.join('k', { onDelta: (t) => a.push(t) }, new AbortController().signal, run);
    const pb = sf.join('k', { onDelta: (t) => b.push(t) }, new AbortController().signal, run);
    release();
    const [ra, rb] = await Promise.all([pa, pb]);
    assert.equal(calls, 1);
    assert.deepEqual([ra.leader, rb.leader], [true, false]);
    assert.equal(a.join(''), 'hello');
    assert.equal(b.join(''), 'hello');
    assert.equal(sf.inFlight, 0);
  });
});
