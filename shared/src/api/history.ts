// /api/execution/*: execution history, feedback and per-version metrics.
import { Type, type Static } from 'typebox';

export const HistoryQuery = Type.Object({
  prompt_id: Type.Optional(Type.Integer({ minimum: 1 })),
  version_id: Type.Optional(Type.Integer({ minimum: 1 })),
  model: Type.Optional(Type.String()),
  success: Type.Optional(Type.Boolean()),
  from_cache: Type.Optional(Type.Boolean()),
  session_id: Type.Optional(Type.String()),
  user_id: Type.Optional(Type.String()),
  since: Type.Optional(Type.String({ format: 'date-time' })),
  until: Type.Optional(Type.String({ format: 'date-time' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  before: Type.Optional(Type.Integer({ minimum: 1, description: 'cursor: next_cursor of the previous page' })),
});
export type HistoryQuery = Static<typeof HistoryQuery>;

export const Execution = Type.Object({
  id: Type.Integer(),
  prompt_id: Type.Union([Type.Integer(), Type.Null()]),
  version_id: Type.Union([Type.Integer(), Type.Null()]),
  input_variables: Type.Record(Type.String(), Type.Unknown()),
  rendered_prompt: Type.String(),
  output: Type.String(),
  model_used: Type.String(),
  provider: Type.String(),
  success: Type.Boolean(),
  error_message: Type.Union([Type.String(), Type.Null()]),
  execution_time_ms: Type.Integer(),
  queue_time_ms: Type.Integer(),
  first_token_ms: Type.Union([Type.Integer(), Type.Null()]),
  tokens_input: Type.Integer(),
  tokens_output: Type.Integer(),
  tokens_used: Type.Integer(),
  tokens_estimated: Type.Boolean(),
  estimated_cost_usd: Type.Union([Type.Number(), Type.Null()]),
  from_cache: Type.Boolean(),
  session_id: Type.Union([Type.String(), Type.Null()]),
  user_id: Type.Union([Type.String(), Type.Null()]),
  experiment_id: Type.Union([Type.Integer(), Type.Null()]),
  rating: Type.Union([Type.Integer(), Type.Null()]),
  feedback: Type.Union([Type.String(), Type.Null()]),
  created_at: Type.String(),
});
export type Execution = Static<typeof Execution>;

export const HistoryPage = Type.Object({
  items: Type.Array(Execution),
  next_cursor: Type.Union([Type.Integer(), Type.Null()]),
});
export type HistoryPage = Static<typeof HistoryPage>;

export const FeedbackBody = Type.Object(
  {
    execution_id: Type.Integer({ minimum: 1 }),
    rating: Type.Integer({ minimum: 1, maximum: 5 }),
    feedback: Type.Optional(Type.String({ maxLength: 10_000 })),
  },
  { additionalProperties: false },
);
export type FeedbackBody = Static<typeof FeedbackBody>;

export const MetricsQuery = Type.Object({
  prompt_id: Type.Optional(Type.Integer({ minimum: 1 })),
  version_id: Type.Optional(Type.Integer({ minimum: 1 })),
  model: Type.Optional(Type.String()),
  since: Type.Optional(Type.String({ format: 'date-time' })),
  until: Type.Optional(Type.String({ format: 'date-time' })),
});
export type MetricsQuery = Static<typeof MetricsQuery>;

export const VersionMetricsSchema = Type.Object({
  prompt_id: Type.Union([Type.Integer(), Type.Null()]),
  version_id: Type.Union([Type.Integer(), Type.Null()]),
  count: Type.Integer(),
  success_rate: Type.Number(),
  mean_latency_ms: Type.Number(),
  p95_latency_ms: Type.Number(),
  tokens_input: Type.Integer(),
  tokens_output: Type.Integer(),
  cost_usd: Type.Number({ description: 'over the executions with a known cost' }),
  unknown_cost_count: Type.Integer(),
  from_cache_count: Type.Integer(),
  mean_rating: Type.Union([Type.Number(), Type.Null()]),
  rating_count: Type.Integer(),
});
export type VersionMetricsSchema = Static<typeof VersionMetricsSchema>;

export const MetricsResponse = Type.Object({ versions: Type.Array(VersionMetricsSchema) });
export type MetricsResponse = Static<typeof MetricsResponse>;
