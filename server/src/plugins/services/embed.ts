// Embedding texts with a configured model of kind "embedding": the OpenAI embeddings protocol
// (POST {base}/v1/embeddings), which OpenAI, vLLM, Ollama, text-embeddings-inference and the CodeTune GPU
// Space (sentence-transformers) all speak. Anthropic has no embedding API.
import type { ModelConfig } from '../../config/schema.js';
import type { DaemonContext } from '../../context.js';
import { openAiBase } from '../../dispatch/providers/openai.js';
import { UserError, errorMessage } from '../../util/errors.js';
import { dispatchOf } from './dispatch.js';

const MAX_BATCH = 64;
const TIMEOUT_MS = 60_000;

/** The embedding model to use: the named one, else the first configured with kind "embedding"; undefined when none. */
export function embeddingModel(ctx: DaemonContext, id?: string): ModelConfig | undefined {
  const d = ctx.services.dispatch ? dispatchOf(ctx) : undefined;
  const fromConfig = d ? d.models.all() : (ctx.config.file.models ?? []);
  if (id) {
    const m = fromConfig.find((x) => x.id === id);
    if (!m) throw new UserError('not_found', `No model "${id}" is configured for embeddings.`, { hint: `Configured models: ${fromConfig.map((x) => x.id).join(', ') || 'none'}.` });
    return m;
  }
  return fromConfig.find((m) => m.kind === 'embedding');
}

export async function embedWith(ctx: DaemonContext, model: ModelConfig, texts: string[], signal?: AbortSignal): Promise<number[][]> {
  if (model.provider === 'anthropic') throw new UserError('bad_request', `Model ${model.id} is an Anthropic model; Anthropic offers no embeddings.`, { hint: 'Configure an embedding model of another provider.' });
  const key = ctx.services.dispatch ? dispatchOf(ctx).keys.get(model) : undefined;
  const out: number[][] = [];
  for (let i = 0; i < texts.length; i += MAX_BATCH) {
    const batch = texts.slice(i, i + MAX_BATCH);
    out.push(...(await embedBatch(model, key, batch, signal)));
  }
  return out;
}

async function embedBatch(model: ModelConfig, key: string | undefined, input: string[], signal?: AbortSignal): Promise<number[][]> {
  const url = `${openAiBase(model.baseUrl)}/embeddings`;
  const timeout = AbortSignal.timeout(model.limits?.totalTimeoutMs ?? TIMEOUT_MS);
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
      body: JSON.stringify({ model: model.model, input }),
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
  } catch (e) {
    if (signal?.aborted) throw new UserError('cancelled', 'The embedding request was cancelled.');
    if (timeout.aborted) throw new UserError('timeout', `The embedding model ${model.id} did not answer within ${model.limits?.totalTimeoutMs ?? TIMEOUT_MS} ms.`);
    throw new UserError('upstream_unavailable', `Cannot reach the embedding model ${model.id} (${errorMessage(e)}).`, { hint: 'Check its baseUrl and that the server is running.' });
  }
  const text = await res.text();
  if (!res.ok) {
    const detail = text.slice(0, 200).replace(/\s+/g, ' ');
    throw new UserError(res.status === 429 ? 'rate_limited' : 'upstream_error', `The embedding model ${model.id} answered ${res.status}: ${detail}`, {
      hint: res.status === 401 || res.status === 403 ? 'Check the API key of this model.' : 'See the CodeTune log.',
    });
  }
  let body: { data?: { index?: number; embedding?: unknown }[] };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    throw new UserError('upstream_error', `The embedding model ${model.id} sent an answer that is not JSON.`);
  }
  const rows = [...(body.data ?? [])].sort((a, b) => (a.index ?? 0) - (b.index ?? 0));
  const vectors = rows.map((r) => r.embedding);
  if (vectors.length !== input.length || !vectors.every((v): v is number[] => Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'number'))) {
    throw new UserError('upstream_error', `The embedding model ${model.id} returned ${vectors.length} vectors for ${input.length} texts, or vectors that are not lists of numbers.`);
  }
  return vectors;
}
