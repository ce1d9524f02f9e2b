// POST /api/prompts/{id}/execute: render a prompt version and run it through model dispatch.
import { Type, type Static } from 'typebox';

export const GenerationParameters = Type.Object(
  {
    temperature: Type.Optional(Type.Number({ minimum: 0, maximum: 2 })),
    max_tokens: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
    top_p: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
    stop: Type.Optional(Type.Array(Type.String(), { maxItems: 16 })),
    seed: Type.Optional(Type.Integer()),
  },
  { additionalProperties: false, description: 'overrides of the version\'s temperature / max_tokens and more' },
);
export type GenerationParameters = Static<typeof GenerationParameters>;

export const ExecuteBody = Type.Object(
  {
    variables: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: 'values for the template variables' })),
    version_id: Type.Optional(Type.Integer({ minimum: 1, description: 'default: the deployed version' })),
    model: Type.Optional(Type.String({ description: 'model id from the config; default: the default model' })),
    parameters: Type.Optional(GenerationParameters),
    stream: Type.Optional(Type.Boolean({ description: 'answer as server-sent events (also ?stream=true)' })),
    bypass_cache: Type.Optional(Type.Boolean()),
    user_id: Type.Optional(Type.String({ maxLength: 200 })),
    session_id: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type ExecuteBody = Static<typeof ExecuteBody>;

export const ExecuteQuery = Type.Object({ stream: Type.Optional(Type.Boolean()) });

export const ExecuteResponse = Type.Object({
  execution_id: Type.Integer(),
  output: Type.String(),
  from_cache: Type.Boolean(),
  model_used: Type.String(),
  version_id: Type.Union([Type.Integer(), Type.Null()]),
  tokens_used: Type.Integer(),
  tokens_estimated: Type.Boolean(),
  execution_time_ms: Type.Integer(),
  queue_time_ms: Type.Integer(),
  first_token_ms: Type.Union([Type.Integer(), Type.Null()]),
  estimated_cost_usd: Type.Union([Type.Number(), Type.Null()], { description: 'null: unknown (no price configured for the model)' }),
});
export type ExecuteResponse = Static<typeof ExecuteResponse>;
