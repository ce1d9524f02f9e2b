// `anthropic` through @anthropic-ai/sdk (Messages API). System messages go to `system`; a completion-kind
// model is sent its flattened prompt as one user message (the Messages API has no raw completion).
import { ProviderError } from '../errors.js';
import type { Provider, ProviderCall, ProviderResult } from '../types.js';
import { classify, timedFetch } from './common.js';

const DEFAULT_MAX_TOKENS = 1024;

export function anthropicProvider(): Provider {
  return {
    async generate(call: ProviderCall): Promise<ProviderResult> {
      const tf = timedFetch(call.connectTimeoutMs);
      const { default: Anthropic } = await import('@anthropic-ai/sdk');
      const client = new Anthropic({
        // the dispatcher refuses to call an anthropic model without a key (see keys.ts requiresKey)
        apiKey: call.apiKey ?? null,
        ...(call.model.baseUrl ? { baseURL: call.model.baseUrl.replace(/\/+$/, '').replace(/\/v1$/, '') } : {}),
        maxRetries: 0,
        timeout: 24 * 3600_000,
        fetch: tf.fetch,
      });
      const system = call.messages.filter((m) => m.role === 'system').map((m) => m.content).join('\n\n');
      const messages =
        call.model.kind === 'completion'
          ? [{ role: 'user' as const, content: call.text }]
          : call.messages.filter((m) => m.role !== 'system').map((m) => ({ role: m.role as 'user' | 'assistant', content: m.content }));
      const p = call.params;
      const body = {
        model: call.model.model,
        max_tokens: p.max_tokens ?? DEFAULT_MAX_TOKENS,
        messages,
        ...(system ? { system } : {}),
        ...(p.temperature !== undefined ? { temperature: p.temperature } : {}),
        ...(p.top_p !== undefined ? { top_p: p.top_p } : {}),
        ...(p.stop?.length ? { stop_sequences: p.stop } : {}),
      };
      let emitted = false;
      try {
        if (!call.stream) {
          const r = await client.messages.create({ ...body, stream: false }, { signal: call.signal });
          const text = r.content.map((b) => (b.type === 'text' ? b.text : '')).join('');
          if (text) {
            emitted = true;
            call.onDelta(text);
          }
          return { text, usage: { input: r.usage.input_tokens, output: r.usage.output_tokens } };
        }
        const stream = await client.messages.create({ ...body, stream: true }, { signal: call.signal });
        let text = '';
        let input: number | undefined;
        let output: number | undefined;
        for await (const ev of stream) {
          if (ev.type === 'message_start') input = ev.message.usage.input_tokens;
          else if (ev.type === 'message_delta') output = ev.usage.output_tokens;
          else if (ev.type === 'content_block_delta' && ev.delta.type === 'text_delta' && ev.delta.text) {
            text += ev.delta.text;
            emitted = true;
            call.onDelta(ev.delta.text);
          }
        }
        // some SDK streams end quietly when aborted; an aborted call never counts as an answer
        if (call.signal.aborted) throw new ProviderError('cancelled', 'cancelled');
        return input !== undefined && output !== undefined ? { text, usage: { input, output } } : { text };
      } catch (e) {
        throw classify(e, call, tf, emitted);
      }
    },
  };
}
