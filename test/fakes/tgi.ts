// A local server speaking Hugging Face Text Generation Inference (what a GPU Space or an Inference Endpoint
// runs, and what @huggingface/inference's InferenceClient talks to with `endpointUrl`):
//   POST /v1/chat/completions, POST /v1/completions   (TGI's OpenAI-compatible Messages API; JSON or SSE)
//   POST /generate, POST /generate_stream             (TGI's native API; SSE with {token:{text}} events)
//   GET /health, GET /info
// Errors use TGI's shape {"error": "...", "error_type": "..."}; while loading, 503
// {"error":"Model is currently loading","estimated_time":N}.
import { chunksOf, countTokens, replyFor, startBase, type FakeOptions, type FakeServer, type Route } from './base.js';
import { applyErrorFault, openAiRouteTable, type ErrorShape } from './openai.js';

export const tgiError: ErrorShape = (status, message) => ({
  error: message,
  error_type: status === 429 ? 'overloaded' : status >= 500 ? 'generation' : 'validation',
});

interface GenerateBody {
  inputs?: string;
  parameters?: { max_new_tokens?: number; temperature?: number; details?: boolean };
}

export function startTgiFake(opts: FakeOptions = {}): Promise<FakeServer> {
  const table = openAiRouteTable(opts, tgiError);

  const generate: Route = async (ex) => {
    const body = (ex.body ?? {}) as GenerateBody;
    if (typeof body.inputs !== 'string') {
      await ex.json(422, tgiError(422, 'Input validation error: `inputs` must be a string'));
      return;
    }
    if (await applyErrorFault(ex, tgiError)) return;
    const text = replyFor(opts, body.inputs);
    const pieces = chunksOf(text);
    if (ex.call.path === '/generate') {
      await ex.json(200, { generated_text: text, details: { finish_reason: 'eos_token', generated_tokens: pieces.length, prefill: [], tokens: [] } });
      return;
    }
    const sse = await ex.sse();
    for (let i = 0; i < pieces.length; i++) {
      if (ex.res.destroyed) return;
      if (ex.fault?.kind === 'cut' && i === ex.fault.afterChunks) return sse.cut();
      if (ex.fault?.kind === 'malformed' && i === 1) {
        await sse.raw('data:{"index":2,"token":\n\n');
        continue;
      }
      const last = i === pieces.length - 1;
      await sse.raw(
        `data:${JSON.stringify({
          index: i + 1,
          token: { id: 1000 + i, text: pieces[i], logprob: -0.1, special: false },
          generated_text: last ? text : null,
          details: last ? { finish_reason: 'eos_token', generated_tokens: pieces.length, input_length: countTokens(body.inputs) } : null,
        })}\n\n`,
      );
    }
    sse.end();
  };

  table.routes['POST /generate'] = { handler: generate, generation: true };
  table.routes['POST /generate_stream'] = { handler: generate, generation: true };
  table.routes['GET /health'] = { handler: async (ex) => ex.json(200, {}), generation: false };
  table.routes['GET /info'] = {
    handler: async (ex) =>
      ex.json(200, { model_id: 'fake/tgi-model', model_dtype: 'torch.float16', max_input_tokens: 4096, max_total_tokens: 8192, version: '3.0.0' }),
    generation: false,
  };
  return startBase(table, opts);
}

