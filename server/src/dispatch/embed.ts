// Embeddings through a configured model of kind "embedding": the OpenAI-compatible /v1/embeddings (OpenAI,
// vLLM, our Space's MiniLM, Ollama) with the openai SDK, or a Hugging Face endpoint's feature extraction.
// Same queue, breaker and key handling as generation; no history row (an embedding is not an execution).
import type { ModelConfig } from '../config/schema.js';
import { UserError } from '../util/errors.js';
import { DEFAULTS, asProviderError } from './call.js';
import type { Dispatcher } from './dispatcher.js';
import { ProviderError, toUserError } from './errors.js';
import { classify, timedFetch } from './providers/common.js';
import { openAiBase } from './providers/openai.js';

export interface Embeddings {
  vectors: number[][];
  model: string;
}

function embeddingModel(d: Dispatcher, id?: string): ModelConfig {
  if (id) {
    const m = d.models.resolve(id);
    if ((m.kind ?? 'chat') !== 'embedding') throw new UserError('bad_request', `Model ${m.id} is not an embedding model.`, { hint: 'Give it "kind": "embedding" in the config, or name another model.' });
    return m;
  }
  const m = d.models.all().find((x) => x.kind === 'embedding');
  if (!m) throw new UserError('bad_request', 'No embedding model is configured.', { hint: 'Add a model with "kind": "embedding" (for example the Space\'s "minilm").' });
  return m;
}

export async function embed(d: Dispatcher, texts: string[], opts: { model?: string; signal?: AbortSignal } = {}): Promise<Embeddings> {
  const model = embeddingModel(d, opts.model);
  const limits = { ...DEFAULTS, ...model.limits };
  const breaker = d.lanes.breaker(model);
  if (!breaker.allow()) throw toUserError(new ProviderError('circuit_open', 'the circuit is open after repeated failures'), model.id);
  const signal = AbortSignal.any([opts.signal ?? new AbortController().signal, AbortSignal.timeout(limits.totalTimeoutMs)]);
  const apiKey = d.keys.get(model);
  const estimate = texts.reduce((n, t) => n + Math.ceil(t.length / 4), 0);
  try {
    const vectors = await d.lanes.queue(model).run(
      async () => {
        const tf = timedFetch(limits.connectTimeoutMs);
        const call = { connectTimeoutMs: limits.connectTimeoutMs, signal } as Parameters<typeof classify>[1];
        try {
          if (model.provider === 'hf') {
            const { InferenceClient } = await import('@huggingface/inference');
            const client = new InferenceClient(apiKey ?? '', model.baseUrl ? { endpointUrl: model.baseUrl.replace(/\/+$/, '') } : {});
            const out = await client.featureExtraction({ model: model.model, inputs: texts }, { signal, fetch: tf.fetch, retry_on_error: false });
            return (out as number[][]).map((v) => (Array.isArray(v[0]) ? (v as unknown as number[][])[0]! : v));
          }
          const { default: OpenAI } = await import('openai');
          const client = new OpenAI({ apiKey: apiKey ?? 'no-key', baseURL: openAiBase(model.baseUrl), maxRetries: 0, fetch: tf.fetch });
          const r = await client.embeddings.create({ model: model.model, input: texts, encoding_format: 'float' }, { signal });
          return [...r.data].sort((a, b) => a.index - b.index).map((x) => x.embedding);
        } catch (e) {
          throw classify(e, call, tf, false);
        }
      },
      { signal, estimateTokens: estimate },
    );
    breaker.success();
    return { vectors, model: model.id };
  } catch (e) {
    const pe = asProviderError(e, signal);
    if (pe.kind === 'network' || pe.kind === 'server' || pe.kind === 'timeout') breaker.failure();
    else breaker.release();
    throw toUserError(pe, model.id);
  }
}
