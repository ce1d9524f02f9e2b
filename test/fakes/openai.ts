// A local server speaking the OpenAI API as the openai SDK, vLLM and Ollama's /v1 route do:
// POST /v1/chat/completions (JSON, or SSE chunks ending with a usage chunk when stream_options.include_usage
// and `data: [DONE]`), POST /v1/completions, GET /v1/models, POST /v1/embeddings.
import { createHash } from 'node:crypto';
import {
  chunksOf,
  countTokens,
  faultHeaders,
  replyFor,
  startBase,
  type Exchange,
  type FakeOptions,
  type FakeServer,
  type Route,
  type RouteTable,
} from './base.js';

interface ChatBody {
  model?: string;
  messages?: { role: string; content: unknown }[];
  prompt?: string;
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  input?: string | string[];
}

/** How an error body looks: OpenAI nests it ({error:{message,type,code}}); TGI uses {error, error_type}. */
export type ErrorShape = (status: number, message: string) => unknown;

export const openAiError: ErrorShape = (status, message) => ({
  error: { message, type: status === 429 ? 'rate_limit_exceeded' : status >= 500 ? 'server_error' : 'invalid_request_error', code: null },
});

export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((p) => (p && typeof p === 'object' && 'text' in p ? String((p as { text: unknown }).text) : '')).join('');
  return '';
}

export function lastUserText(body: ChatBody): string {
  const msgs = body.messages ?? [];
  for (let i = msgs.length - 1; i >= 0; i--) if (msgs[i]!.role === 'user') return contentText(msgs[i]!.content);
  return body.prompt ?? '';
}

/** Answers a fault that ends the request before any normal answer; true when it did. */
export async function applyErrorFault(ex: Exchange, errorShape: ErrorShape): Promise<boolean> {
  const f = ex.fault;
  if (!f) return false;
  if (f.kind === 'status') {
    await ex.json(f.status, errorShape(f.status, f.message ?? `fake ${f.status}`), faultHeaders(f));
    return true;
  }
  if (f.kind === 'loading') {
    await ex.json(503, { error: 'Model is currently loading', estimated_time: f.estimatedTime });
    return true;
  }
  if (f.kind === 'cut' && !(ex.body as ChatBody | undefined)?.stream) {
    ex.res.socket?.destroy();
    return true;
  }
  return false;
}

function openAiRoutes(opts: FakeOptions, errorShape: ErrorShape): Record<string, Route> {
  const generate = (kind: 'chat' | 'text'): Route => async (ex) => {
    const body = (ex.body ?? {}) as ChatBody;
    if (typeof ex.body !== 'object' || (kind === 'chat' && !Array.isArray(body.messages))) {
      await ex.json(400, errorShape(400, kind === 'chat' ? "'messages' is a required property" : "'prompt' is a required property"));
      return;
    }
    if (await applyErrorFault(ex, errorShape)) return;
    const prompt = kind === 'chat' ? lastUserText(body) : (body.prompt ?? '');
    const promptAll = kind === 'chat' ? (body.messages ?? []).map((m) => contentText(m.content)).join('\n') : prompt;
    const text = replyFor(opts, prompt);
    const pieces = chunksOf(text);
    const usage = { prompt_tokens: countTokens(promptAll), completion_tokens: pieces.length, total_tokens: countTokens(promptAll) + pieces.length };
    const id = `${kind === 'chat' ? 'chatcmpl' : 'cmpl'}-${createHash('sha1').update(String(ex.call.path) + Math.random()).digest('hex').slice(0, 12)}`;
    const created = Math.floor(Date.now() / 1000);
    const model = body.model ?? 'fake-model';
    const object = kind === 'chat' ? 'chat.completion' : 'text_completion';
    if (!body.stream) {
      const choice =
        kind === 'chat'
          ? { index: 0, message: { role: 'assistant', content: text, refusal: null }, logprobs: null, finish_reason: 'stop' }
          : { index: 0, text, logprobs: null, finish_reason: 'stop' };
      await ex.json(200, { id, object, created, model, choices: [choice], usage });
      return;
    }
    const sse = await ex.sse();
    const chunkObject = kind === 'chat' ? 'chat.completion.chunk' : 'text_completion';
    const delta = (content: string, first: boolean) =>
      kind === 'chat' ? { index: 0, delta: first ? { role: 'assistant', content } : { content }, logprobs: null, finish_reason: null } : { index: 0, text: content, logprobs: null, finish_reason: null };
    for (let i = 0; i < pieces.length; i++) {
      if (ex.res.destroyed) return;
      if (ex.fault?.kind === 'cut' && i === ex.fault.afterChunks) return sse.cut();
      if (ex.fault?.kind === 'malformed' && i === 1) {
        await sse.raw('data: {"id": "broken", "choices": [\n\n');
        continue;
      }
      await sse.send({ id, object: chunkObject, created, model, choices: [delta(pieces[i]!, i === 0)] });
    }
    const stop = kind === 'chat' ? { index: 0, delta: {}, logprobs: null, finish_reason: 'stop' } : { index: 0, text: '', logprobs: null, finish_reason: 'stop' };
    await sse.send({ id, object: chunkObject, created, model, choices: [stop] });
    if (body.stream_options?.include_usage) await sse.send({ id, object: chunkObject, created, model, choices: [], usage });
    await sse.send('[DONE]');
    sse.end();
  };

  return {
    'POST /v1/chat/completions': generate('chat'),
    'POST /v1/completions': generate('text'),
    'GET /v1/models': async (ex) => {
      await ex.json(200, { object: 'list', data: [{ id: 'fake-model', object: 'model', created: 0, owned_by: 'codetune-fake' }] });
    },
    'POST /v1/embeddings': async (ex) => {
      const body = (ex.body ?? {}) as ChatBody;
      const inputs = Array.isArray(body.input) ? body.input : [body.input ?? ''];
      const data = inputs.map((text, index) => ({ object: 'embedding', index, embedding: embed(String(text)) }));
      const tokens = inputs.reduce((n, t) => n + countTokens(String(t)), 0);
      await ex.json(200, { object: 'list', data, model: body.model ?? 'fake-embedding', usage: { prompt_tokens: tokens, total_tokens: tokens } });
    },
  };
}

/** A deterministic 8-dimension unit vector derived from the text's hash. */
export function embed(text: string): number[] {
  const h = createHash('sha256').update(text).digest();
  const v = Array.from({ length: 8 }, (_, i) => h.readInt16BE(i * 2) / 32768);
  const norm = Math.hypot(...v) || 1;
  return v.map((x) => x / norm);
}

export function openAiRouteTable(opts: FakeOptions, errorShape: ErrorShape = openAiError): RouteTable {
  const generation = new Set(['POST /v1/chat/completions', 'POST /v1/completions']);
  return {
    routes: Object.fromEntries(Object.entries(openAiRoutes(opts, errorShape)).map(([k, handler]) => [k, { handler, generation: generation.has(k) }])),
  };
}

/** Starts an OpenAI-compatible server (OpenAI, vLLM, Ollama /v1, llama.cpp server). */
export function startOpenAiFake(opts: FakeOptions = {}): Promise<FakeServer> {
  return startBase(openAiRouteTable(opts), opts);
}
