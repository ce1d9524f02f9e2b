// /api/training/*: fine-tuning run configurations and the metrics a run reports.
import { Type, type Static } from 'typebox';

export const TrainingConfigCreate = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    base_model: Type.String({ minLength: 1 }),
    dataset_path: Type.Optional(Type.String()),
    hyperparameters: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    created_by: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type TrainingConfigCreate = Static<typeof TrainingConfigCreate>;

export const TrainingConfigSchema = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  base_model: Type.String(),
  dataset_path: Type.String(),
  hyperparameters: Type.Record(Type.String(), Type.Unknown()),
  status: Type.String(),
  created_by: Type.String(),
  created_at: Type.String(),
  updated_at: Type.String(),
});
export type TrainingConfigSchema = Static<typeof TrainingConfigSchema>;

export const TrainingMetricSchema = Type.Object({
  epoch: Type.Integer({ minimum: 0 }),
  step: Type.Integer({ minimum: 0 }),
  loss: Type.Union([Type.Number(), Type.Null()]),
  metrics: Type.Record(Type.String(), Type.Unknown()),
  recorded_at: Type.Optional(Type.String()),
});

export const TrainingMetricsBody = Type.Object(
  { metrics: Type.Array(Type.Omit(TrainingMetricSchema, ['recorded_at']), { minItems: 1, maxItems: 10_000 }) },
  { additionalProperties: false },
);
export type TrainingMetricsBody = Static<typeof TrainingMetricsBody>;

export const TrainingMetricsResponse = Type.Object({ config_id: Type.Integer(), metrics: Type.Array(TrainingMetricSchema) });
export type TrainingMetricsResponse = Static<typeof TrainingMetricsResponse>;

export const ConfigIdParams = Type.Object({ config_id: Type.Integer({ minimum: 1 }) });
export const MetricsSinceQuery = Type.Object({ since_step: Type.Optional(Type.Integer({ minimum: 0 })) });
