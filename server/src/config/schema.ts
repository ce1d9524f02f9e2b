// The config file (<data-dir>/config.json or --config FILE). Validated with TypeBox; every error names
// the field and the file. Secrets never live here: a model names the environment variable holding its key.
import { Type, type Static } from 'typebox';

export const PROVIDERS = ['hf', 'openai', 'anthropic', 'openai-compatible'] as const;

export const ModelPricing = Type.Object(
  {
    input_per_million_usd: Type.Optional(Type.Number({ minimum: 0 })),
    output_per_million_usd: Type.Optional(Type.Number({ minimum: 0 })),
    /** GPU Space: a per-request cost is derived from its busy time */
    gpu_hour_usd: Type.Optional(Type.Number({ minimum: 0 })),
  },
  { additionalProperties: false },
);

export const ModelLimits = Type.Object(
  {
    concurrency: Type.Optional(Type.Integer({ minimum: 1, maximum: 256 })),
    requestsPerMinute: Type.Optional(Type.Integer({ minimum: 1 })),
    tokensPerMinute: Type.Optional(Type.Integer({ minimum: 1 })),
    connectTimeoutMs: Type.Optional(Type.Integer({ minimum: 1 })),
    firstTokenTimeoutMs: Type.Optional(Type.Integer({ minimum: 1 })),
    totalTimeoutMs: Type.Optional(Type.Integer({ minimum: 1 })),
    maxRetries: Type.Optional(Type.Integer({ minimum: 0, maximum: 10 })),
    loadingWaitMs: Type.Optional(Type.Integer({ minimum: 0 })),
  },
  { additionalProperties: false },
);

export const ModelConfig = Type.Object(
  {
    id: Type.String({ minLength: 1, pattern: '^[A-Za-z0-9._:/-]+$' }),
    provider: Type.Union([Type.Literal('hf'), Type.Literal('openai'), Type.Literal('anthropic'), Type.Literal('openai-compatible')]),
    model: Type.String({ minLength: 1 }),
    baseUrl: Type.Optional(Type.String({ minLength: 1 })),
    apiKeyEnv: Type.Optional(Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]*$' })),
    kind: Type.Optional(Type.Union([Type.Literal('chat'), Type.Literal('completion'), Type.Literal('embedding')])),
    pricing: Type.Optional(ModelPricing),
    limits: Type.Optional(ModelLimits),
    fallback: Type.Optional(Type.Array(Type.String())),
  },
  { additionalProperties: false },
);

export const ConfigFile = Type.Object(
  {
    models: Type.Optional(Type.Array(ModelConfig)),
    defaultModel: Type.Optional(Type.String()),
    plugins: Type.Optional(Type.Object({ paths: Type.Optional(Type.Array(Type.String())) }, { additionalProperties: false })),
    cache: Type.Optional(
      Type.Object(
        {
          ttlSeconds: Type.Optional(Type.Integer({ minimum: 1 })),
          maxEntries: Type.Optional(Type.Integer({ minimum: 1 })),
          maxBytes: Type.Optional(Type.Integer({ minimum: 1 })),
          memoryEntries: Type.Optional(Type.Integer({ minimum: 0 })),
        },
        { additionalProperties: false },
      ),
    ),
    retention: Type.Optional(
      Type.Object(
        { days: Type.Optional(Type.Integer({ minimum: 1 })), maxRows: Type.Optional(Type.Integer({ minimum: 1 })) },
        { additionalProperties: false },
      ),
    ),
    analysis: Type.Optional(
      Type.Object(
        {
          rulePaths: Type.Optional(Type.Array(Type.String())),
          minSeverity: Type.Optional(Type.String()),
          maxFileBytes: Type.Optional(Type.Integer({ minimum: 1 })),
          exclude: Type.Optional(Type.Array(Type.String())),
        },
        { additionalProperties: true },
      ),
    ),
  },
  { additionalProperties: false },
);

export type ModelConfig = Static<typeof ModelConfig>;
export type ConfigFile = Static<typeof ConfigFile>;
