// A local server speaking the Anthropic Messages API as @anthropic-ai/sdk expects it: POST /v1/messages,
// JSON or the SSE event stream (message_start, content_block_start, ping, content_block_delta…,
// content_block_stop, message_delta with output usage, message_stop); errors {type:"error",error:{type,message}}.
import { randomBytes } from 'node:crypto';
import { chunksOf, countTokens, replyFor, startBase, type FakeOptions, type FakeServer, type Route } from './base.js';
import { applyErrorFault, contentText, type ErrorShape } from './openai.js';

export const anthropicError: ErrorShape = (status, message) => ({
  type: 'error',
  error: {
    type: status === 429 ? 'rate_limit_error' : status === 529 ? 'overloaded_error' : status >= 500 ? 'api_error' : 'invalid_request_error',
    message,
  },
});

interface MessagesBody {
  model?: string;
  max_tokens?: number;
  system?: string | { text: string }[];
  messages?: { role: string; content: unknown }[];
  stream?: boolean;
}

export function startAnthropicFake(opts: FakeOptions = {}): Promise<FakeServer> {
  const messages: Route = async (ex) => {
    const body = (ex.body ?? {}) as MessagesBody;
    if (!Array.isArray(body.messages) || typeof body.max_tokens !== 'number') {
      await ex.json(400, anthropicError(400, !Array.isArray(body.messages) ? 'messages: Field required' : 'max_tokens: Field required'));
      return;
    }
    if (await applyErrorFault(ex, anthropicError)) return;
    const userTexts = body.messages.filter((m) => m.role === 'user').map((m) => contentText(m.content));
    const system = typeof body.system === 'string' ? body.system : (body.system ?? []).map((b) => b.text).join('');
    const prompt = userTexts[userTexts.length - 1] ?? '';
    const text = replyFor(opts, prompt);
    const pieces = chunksOf(text);
    const inputTokens = countTokens(system + body.messages.map((m) => contentText(m.content)).join('\n'));
    const id = `msg_${randomBytes(12).toString('hex')}`;
    const model = body.model ?? 'claude-fake';
    if (!body.stream) {
      await ex.json(200, {
        id,
        type: 'message',
        role: 'assistant',
        model,
        content: [{ type: 'text', text }],
        stop_reason: 'end_turn',
        stop_sequence: null,
        usage: { input_tokens: inputTokens, output_tokens: pieces.length },
      });
      return;
    }
    const sse = await ex.sse();
    await sse.send(
      { type: 'message_start', message: { id, type: 'message', role: 'assistant', model, content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: inputTokens, output_tokens: 1 } } },
      'message_start',
    );
    await sse.send({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }, 'content_block_start');
    await sse.send({ type: 'ping' }, 'ping');
    for (let i = 0; i < pieces.length; i++) {
      if (ex.res.destroyed) return;
      if (ex.fault?.kind === 'cut' && i === ex.fault.afterChunks) return sse.cut();
      if (ex.fault?.kind === 'malformed' && i === 1) {
        await sse.raw('event: content_block_delta\ndata: {"type":"content_block_delta",\n\n');
        continue;
      }
      await sse.send({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: pieces[i] } }, 'content_block_delta');
    }
    await sse.send({ type: 'content_block_stop', index: 0 }, 'content_block_stop');
    await sse.send({ type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: pieces.length } }, 'message_delta');
    await sse.send({ type: 'message_stop' }, 'message_stop');
    sse.end();
  };
  return startBase({ routes: { 'POST /v1/messages': { handler: messages, generation: true } } }, opts);
}
