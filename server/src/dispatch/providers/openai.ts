// `openai` and `openai-compatible` (vLLM, Ollama, llama.cpp server, our Space) through the openai SDK.
// The SDK's own retries are off: the dispatcher retries, with its budget, breaker and history.
// The SDK is imported on first call, which keeps it off the daemon's start (the LSP handshake needs none of it).
import { ProviderError } from '../errors.js';
import { modelKind, type Provider, type ProviderCall, type ProviderResult, type Usage } from '../types.js';
import { classify, timedFetch } from './common.js';

export const OPENAI_DEFAULT_BASE = 'https://api.openai.com/v1';

/** baseUrl with /v1 appended when the user gave the server root (http://host:8000). */
export function openAiBase(baseUrl: string | undefined): string {
  if (!baseUrl) return OPENAI_DEFAULT_BASE;
  const u = baseUrl.replace(/\/+$/, '');
  return /\/v\d+$/.test(u) ? u : `${u}/v1`;
}

export function openAiProvider(): Provider {
  return {
    async generate(call: ProviderCall): Promise<ProviderResult> {
      const tf = timedFetch(call.connectTimeoutMs);
      const { default: OpenAI } = await import('openai');
      const client = new OpenAI({
        // local OpenAI-compatible servers need no key, but the SDK refuses an empty one
        apiKey: call.apiKey ?? 'no-key',
        baseURL: openAiBase(call.model.baseUrl),
        maxRetries: 0,
        timeout: 24 * 3600_000,
        fetch: tf.fetch,
      });
      const p = call.params;
      const common = {
        model: call.model.model,
        ...(p.temperature !== undefined ? { temperature: p.temperature } : {}),
        ...(p.max_tokens !== undefined ? { max_tokens: p.max_tokens } : {}),
        ...(p.top_p !== undefined ? { top_p: p.top_p } : {}),
        ...(p.stop?.length ? { stop: p.stop } : {}),
        ...(p.seed !== undefined ? { seed: p.seed } : {}),
      };
      let emitted = false;
      const emit = (t: string) => {
        if (!t) return;
        emitted = true;
        call.onDelta(t);
      };
      try {
        let text = '';
        let usage: Usage | undefined;
        const setUsage = (u: { prompt_tokens?: number; completion_tokens?: number } | null | undefined) => {
          if (u) usage = { input: u.prompt_tokens ?? 0, output: u.completion_tokens ?? 0 };
        };
        if (modelKind(call.model) === 'completion') {
          if (call.stream) {
            const s = await client.completions.create({ ...common, prompt: call.text, stream: true, stream_options: { include_usage: true } }, { signal: call.signal });
            for await (const c of s) {
              const t = c.choices[0]?.text ?? '';
              text += t;
              emit(t);
              setUsage(c.usage);
            }
          } else {
            const r = await client.completions.create({ ...common, prompt: call.text }, { signal: call.signal });
            text = r.choices[0]?.text ?? '';
            emit(text);
            setUsage(r.usage);
          }
        } else if (call.stream) {
          const s = await client.chat.completions.create(
            { ...common, messages: call.messages, stream: true, stream_options: { include_usage: true } },
            { signal: call.signal },
          );
          for await (const c of s) {
            const t = c.choices[0]?.delta?.content ?? '';
            text += t;
            emit(t);
            setUsage(c.usage);
          }
        } else {
          const r = await client.chat.completions.create({ ...common, messages: call.messages }, { signal: call.signal });
          if (!r || !Array.isArray(r.choices)) throw new ProviderError('malformed', 'the answer has no choices');
          text = r.choices[0]?.message?.content ?? '';
          emit(text);
          setUsage(r.usage);
        }
        // some SDK streams end quietly when aborted; an aborted call never counts as an answer
        if (call.signal.aborted) throw new ProviderError('cancelled', 'cancelled');
        return usage ? { text, usage } : { text };
      } catch (e) {
        throw classify(e, call, tf, emitted);
      }
    },
  };
}
