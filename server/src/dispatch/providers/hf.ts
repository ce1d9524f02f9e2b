// `hf`: a Hugging Face GPU Space or Inference Endpoint (Text Generation Inference) through
// @huggingface/inference's InferenceClient with `endpointUrl` = the model's baseUrl. Chat models use the
// Messages API (/v1/chat/completions), completion models text generation (/v1/completions); both streamed
// or not. The client's own "retry on 503 forever" is turned off: a loading model becomes a ProviderError
// of kind 'loading' that the dispatcher waits for, with progress, up to limits.loadingWaitMs.
import { ProviderError, fromStatus } from '../errors.js';
import { modelKind, type Provider, type ProviderCall, type ProviderResult, type Usage } from '../types.js';
import { classify, timedFetch, upstreamMessage } from './common.js';

interface HfHttpError {
  httpResponse?: { status?: number; body?: unknown };
  message?: string;
}

function hfError(e: unknown, retryAfter: string | null): ProviderError | undefined {
  const r = (e as HfHttpError | null)?.httpResponse;
  if (!r || typeof r.status !== 'number') return undefined;
  const msg = upstreamMessage(r.body, (e as HfHttpError).message ?? 'no message').replace(/^Failed to perform inference: /, '');
  if (r.status === 200) return new ProviderError('malformed', msg);
  return fromStatus(r.status, msg, { get: (n) => (n.toLowerCase() === 'retry-after' ? retryAfter : null) }, r.body);
}

export function hfProvider(): Provider {
  return {
    async generate(call: ProviderCall): Promise<ProviderResult> {
      const tf = timedFetch(call.connectTimeoutMs);
      const endpointUrl = call.model.baseUrl?.replace(/\/+$/, '');
      const { InferenceClient } = await import('@huggingface/inference');
      const client = new InferenceClient(call.apiKey ?? '', endpointUrl ? { endpointUrl } : {});
      const opts = { signal: call.signal, retry_on_error: false, fetch: tf.fetch };
      const p = call.params;
      let emitted = false;
      const emit = (t: string) => {
        if (!t) return;
        emitted = true;
        call.onDelta(t);
      };
      try {
        let text = '';
        let usage: Usage | undefined;
        if (modelKind(call.model) === 'completion') {
          const args = {
            model: call.model.model,
            inputs: call.text,
            parameters: {
              ...(p.max_tokens !== undefined ? { max_new_tokens: p.max_tokens } : {}),
              ...(p.temperature !== undefined ? { temperature: p.temperature } : {}),
              ...(p.top_p !== undefined ? { top_p: p.top_p } : {}),
              ...(p.stop?.length ? { stop: p.stop } : {}),
              ...(p.seed !== undefined ? { seed: p.seed } : {}),
            },
          };
          if (call.stream) {
            for await (const ev of client.textGenerationStream(args, opts)) {
              // TGI's /v1/completions chunks carry choices[0].text; its native stream carries token.text
              const raw = ev as unknown as { token?: { text?: string; special?: boolean }; choices?: { text?: string }[]; usage?: { prompt_tokens?: number; completion_tokens?: number } };
              const t = raw.choices?.[0]?.text ?? (raw.token && !raw.token.special ? (raw.token.text ?? '') : '');
              text += t;
              emit(t);
              if (raw.usage) usage = { input: raw.usage.prompt_tokens ?? 0, output: raw.usage.completion_tokens ?? 0 };
            }
          } else {
            const r = await client.textGeneration(args, opts);
            text = r.generated_text ?? '';
            emit(text);
          }
        } else {
          const args = {
            model: call.model.model,
            messages: call.messages.map((m) => ({ role: m.role, content: m.content })),
            ...(p.max_tokens !== undefined ? { max_tokens: p.max_tokens } : {}),
            ...(p.temperature !== undefined ? { temperature: p.temperature } : {}),
            ...(p.top_p !== undefined ? { top_p: p.top_p } : {}),
            ...(p.stop?.length ? { stop: p.stop } : {}),
            ...(p.seed !== undefined ? { seed: p.seed } : {}),
          };
          if (call.stream) {
            for await (const c of client.chatCompletionStream({ ...args, stream_options: { include_usage: true } }, opts)) {
              const t = c.choices?.[0]?.delta?.content ?? '';
              text += t;
              emit(t);
              if (c.usage) usage = { input: c.usage.prompt_tokens ?? 0, output: c.usage.completion_tokens ?? 0 };
            }
          } else {
            const r = await client.chatCompletion(args, opts);
            if (!r || !Array.isArray(r.choices)) throw new ProviderError('malformed', 'the answer has no choices');
            text = r.choices[0]?.message?.content ?? '';
            emit(text);
            if (r.usage) usage = { input: r.usage.prompt_tokens ?? 0, output: r.usage.completion_tokens ?? 0 };
          }
        }
        // some SDK streams end quietly when aborted; an aborted call never counts as an answer
        if (call.signal.aborted) throw new ProviderError('cancelled', 'cancelled');
        return usage ? { text, usage } : { text };
      } catch (e) {
        if (!tf.timedOut && !call.signal.aborted) {
          const pe = hfError(e, tf.retryAfter);
          if (pe) throw pe;
        }
        throw classify(e, call, tf, emitted);
      }
    },
  };
}
