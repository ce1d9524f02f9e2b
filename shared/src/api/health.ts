import { Type, type Static } from 'typebox';

export const HealthResponse = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('degraded')]),
  version: Type.String(),
  dialect: Type.Union([Type.Literal('sqlite'), Type.Literal('postgres')]),
  database: Type.Object({ ok: Type.Boolean(), latency_ms: Type.Number(), error: Type.Optional(Type.String()) }),
  uptime_s: Type.Number(),
  /** configured models: reachable is false while their circuit is open (repeated failures), null until known */
  providers: Type.Array(
    Type.Object({
      id: Type.String(),
      provider: Type.String(),
      reachable: Type.Union([Type.Boolean(), Type.Null()]),
      circuit: Type.Optional(Type.String()),
    }),
  ),
});
export type HealthResponse = Static<typeof HealthResponse>;
