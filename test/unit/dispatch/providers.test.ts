// The real SDK clients (openai, @anthropic-ai/sdk, @huggingface/inference) against the local fakes.
import assert from 'node:assert/strict';
import type { ModelConfig } from '../../../server/src/config/schema.js';
import { ProviderError } from '../../../server/src/dispatch/errors.js';
import { providerFor } from '../../../server/src/dispatch/providers/index.js';
import type { ProviderCall } from '../../../server/src/dispatch/types.js';
import { start, type Fault, type FakeServer, type Protocol } from '../../fakes/index.js';

const PROTOCOL: Record<ModelConfig['provider'], Protocol> = { hf: 'tgi', openai: 'openai', 'openai-compatible': 'openai', anthropic: 'anthropic' };

function call(model: ModelConfig, over: Partial<ProviderCall> = {}): ProviderCall & { deltas: string[] } {
  const deltas: string[] = [];
  return {
    model,
    messages: [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'hello world' },
    ],
    text: 'Be brief.\n\nhello world',
    params: { temperature: 0, max_tokens: 64 },
    stream: true,
    apiKey: 'test-key-123',
    signal: new AbortController().signal,
    connectTimeoutMs: 5000,
    onDelta: (t) => deltas.push(t),
    deltas,
    ...over,
  };
}

async function failure(p: Promise<unknown>): Promise<ProviderError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof ProviderError, `expected ProviderError, got ${String(e)}`);
    return e;
  }
  assert.fail('expected a failure');
}

for (const provider of ['hf', 'openai-compatible', 'anthropic'] as const) {
  for (const kind of ['chat', 'completion'] as const) {
    describe(`provider ${provider} (${kind}) against the local ${PROTOCOL[provider]} server`, () => {
      let fake: FakeServer;
      let model: ModelConfig;
      const startFake = async (faults: Fault[] = []) => {
        fake = await start({ protocol: PROTOCOL[provider], faults });
        model = { id: 'm', provider, model: 'fake-model', baseUrl: fake.url, kind };
      };
      afterEach(async () => fake?.stop());

      for (const stream of [true, false]) {
        it(`answers ${stream ? 'streamed' : 'as one JSON'} with text and usage`, async () => {
          await startFake();
          const c = call(model, { stream });
          const r = await providerFor(model).generate(c);
          const expected = kind === 'chat' ? 'Echo: hello world' : 'Echo: Be brief.\n\nhello world';
          assert.equal(r.text, expected);
          assert.equal(c.deltas.join(''), expected);
          if (stream) assert.ok(c.deltas.length > 1, 'streamed in several pieces');
          if (provider !== 'hf' || kind === 'chat' || stream) assert.ok((r.usage?.output ?? 0) > 0 || provider === 'hf', 'usage reported');
          assert.equal(fake.generationCalls(), 1);
          const headers = fake.calls.at(-1)!.headers;
          assert.ok(Object.values(headers).some((v) => String(v).includes('test-key-123')), 'the key is sent');
        });
      }

      it('classifies 429 with Retry-After as rate_limited', async () => {
        await startFake([{ kind: 'status', status: 429, retryAfter: 7 }]);
        const e = await failure(providerFor(model).generate(call(model)));
        assert.equal(e.kind, 'rate_limited');
        assert.equal(e.retryAfterMs, 7000);
        assert.equal(e.transient, true);
      });

      it('classifies 500 as a transient server error', async () => {
        await startFake([{ kind: 'status', status: 500 }]);
        const e = await failure(providerFor(model).generate(call(model, { stream: false })));
        assert.equal(e.kind, 'server');
        assert.equal(e.transient, true);
      });

      it('reports a malformed answer', async () => {
        await startFake([{ kind: 'malformed' }]);
        const e = await failure(providerFor(model).generate(call(model, { stream: false })));
        assert.equal(e.kind, 'malformed');
        assert.equal(e.transient, false);
      });

      it('reports a stream cut mid-way, after text went out, as not retryable', async () => {
        await startFake([{ kind: 'cut', afterChunks: 1 }]);
        const c = call(model);
        const e = await failure(providerFor(model).generate(c));
        assert.equal(c.deltas.length, 1);
        assert.equal(e.transient, false);
      });

      it('aborting the signal closes the connection at the server', async () => {
        await startFake([{ kind: 'hang' }]);
        const ac = new AbortController();
        const p = providerFor(model).generate(call(model, { signal: ac.signal }));
        await fake.waitForCalls(1);
        ac.abort();
        const e = await failure(p);
        assert.equal(e.kind, 'cancelled');
        const rec = await fake.waitForAbort(0);
        assert.equal(rec.aborted, true);
      });

      it('gives up after the connect timeout when no headers come', async () => {
        await startFake([{ kind: 'hang' }]);
        const e = await failure(providerFor(model).generate(call(model, { connectTimeoutMs: 150 })));
        assert.equal(e.kind, 'timeout');
        await fake.waitForAbort(0);
      });
    });
  }
}

describe('provider hf: a loading Space', () => {
  it('turns 503 "Model is currently loading" into kind loading with the estimate', async () => {
    const fake = await start({ protocol: 'tgi', faults: [{ kind: 'loading', estimatedTime: 42.5 }] });
    try {
      const model: ModelConfig = { id: 'space', provider: 'hf', model: 'tgi', baseUrl: fake.url };
      const e = await failure(providerFor(model).generate(call(model)));
      assert.equal(e.kind, 'loading');
      assert.equal(e.estimatedTimeS, 42.5);
      assert.equal(fake.generationCalls(), 1, 'the client did not retry on its own');
    } finally {
      await fake.stop();
    }
  });
});
