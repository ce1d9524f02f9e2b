// /api/cache/*: output cache statistics and invalidation.
import { Type, type Static } from 'typebox';

const Counter = Type.Object({ hits: Type.Integer(), misses: Type.Integer(), hit_rate: Type.Number() });

export const CacheStatsResponse = Type.Object({
  hits: Type.Integer({ description: 'since the daemon started' }),
  misses: Type.Integer(),
  hit_rate: Type.Number(),
  entries: Type.Integer({ description: 'valid entries in model_cache' }),
  bytes: Type.Integer(),
  evictions: Type.Integer(),
  memory_entries: Type.Integer(),
  by_model: Type.Record(Type.String(), Counter),
  by_prompt: Type.Record(Type.String(), Counter),
});
export type CacheStatsResponse = Static<typeof CacheStatsResponse>;

export const InvalidateBody = Type.Object(
  {
    model: Type.Optional(Type.String()),
    prompt_id: Type.Optional(Type.Integer({ minimum: 1 })),
    all: Type.Optional(Type.Boolean({ description: 'required (true) when neither model nor prompt_id is given' })),
  },
  { additionalProperties: false },
);
export type InvalidateBody = Static<typeof InvalidateBody>;

export const InvalidateResponse = Type.Object({ invalidated: Type.Integer() });
