// /api/models/*: configured models and warm-up.
import { Type, type Static } from 'typebox';

export const ModelInfoSchema = Type.Object({
  id: Type.String(),
  provider: Type.String(),
  model: Type.String(),
  kind: Type.String({ description: 'chat | completion | embedding' }),
  base_url: Type.Union([Type.String(), Type.Null()]),
  key_source: Type.String({ description: 'memory (set by the editor) | env | none; never the key' }),
  circuit: Type.String({ description: 'closed | open | half-open' }),
  queued: Type.Integer(),
  running: Type.Integer(),
  priced: Type.Boolean({ description: 'false: cost shows as unknown' }),
  fallback: Type.Array(Type.String()),
  is_default: Type.Boolean(),
});
export type ModelInfoSchema = Static<typeof ModelInfoSchema>;

export const ModelsResponse = Type.Object({ models: Type.Array(ModelInfoSchema), default_model: Type.Union([Type.String(), Type.Null()]) });
export type ModelsResponse = Static<typeof ModelsResponse>;

export const LoadBody = Type.Object({ model: Type.Optional(Type.String()) }, { additionalProperties: false });
export type LoadBody = Static<typeof LoadBody>;

export const LoadResponse = Type.Object({
  model: Type.String(),
  ready: Type.Boolean(),
  waited_ms: Type.Integer(),
  message: Type.String(),
});
export type LoadResponse = Static<typeof LoadResponse>;
