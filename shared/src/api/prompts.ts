// HTTP schemas of the prompt library (/api/prompts…). Field names are the seed's snake_case columns; the
// same shapes travel over LSP (shared/src/protocol/prompts.ts). Enumerated fields (category, model_type)
// are plain strings here and checked by the daemon, whose error names the field and lists the choices.
import { Type, type Static } from 'typebox';

const Json = Type.Unknown({ description: 'any JSON value' });

export const VariableSpecSchema = Type.Object({
  name: Type.String({ description: 'letters, digits and _; used as {{name}}' }),
  type: Type.String({ description: 'string | code | number | boolean | enum | json' }),
  required: Type.Boolean(),
  default: Type.Optional(Json),
  description: Type.Optional(Type.String()),
  values: Type.Optional(Type.Array(Type.String(), { description: 'allowed values of an enum' })),
});

export const FewShotExampleSchema = Type.Object({ input: Type.String(), output: Type.String() });

/** What a version holds; every field optional on input (the prompt's current content fills the gaps). */
const contentFields = {
  system_prompt: Type.String(),
  user_prompt_template: Type.String(),
  few_shot_examples: Type.Array(FewShotExampleSchema),
  variables: Type.Array(VariableSpecSchema),
  model_type: Type.String({ description: 'chat | completion' }),
  temperature: Type.Number({ minimum: 0, maximum: 2 }),
  max_tokens: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
};
const metadataFields = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  description: Type.String({ maxLength: 10_000 }),
  category: Type.String({ description: 'code_generation, code_review, refactoring, security, testing, documentation, explanation, optimization, analysis, debugging, other' }),
  use_case: Type.String({ maxLength: 200 }),
  tags: Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 50 }),
  is_active: Type.Boolean(),
  cache_policy: Type.String({ description: 'always | deterministic | never' }),
  cache_ttl_seconds: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]),
};

export const PromptCreate = Type.Object({
  ...metadataFields,
  ...contentFields,
  description: Type.Optional(metadataFields.description),
  use_case: Type.Optional(metadataFields.use_case),
  tags: Type.Optional(metadataFields.tags),
  is_active: Type.Optional(metadataFields.is_active),
  cache_policy: Type.Optional(metadataFields.cache_policy),
  cache_ttl_seconds: Type.Optional(metadataFields.cache_ttl_seconds),
  system_prompt: Type.Optional(contentFields.system_prompt),
  few_shot_examples: Type.Optional(contentFields.few_shot_examples),
  variables: Type.Optional(contentFields.variables),
  model_type: Type.Optional(contentFields.model_type),
  temperature: Type.Optional(contentFields.temperature),
  max_tokens: Type.Optional(contentFields.max_tokens),
  created_by: Type.Optional(Type.String({ maxLength: 200 })),
  change_notes: Type.Optional(Type.String({ maxLength: 10_000 })),
});
export type PromptCreate = Static<typeof PromptCreate>;

/** Metadata changes never make a version; content changes make one (with change_notes). */
export const PromptUpdate = Type.Partial(
  Type.Object({ ...metadataFields, ...contentFields, change_notes: Type.String({ maxLength: 10_000 }), created_by: Type.String({ maxLength: 200 }), deploy: Type.Boolean() }),
);
export type PromptUpdate = Static<typeof PromptUpdate>;

export const VersionCreate = Type.Partial(
  Type.Object({ ...contentFields, change_notes: Type.String({ maxLength: 10_000 }), created_by: Type.String({ maxLength: 200 }), deploy: Type.Boolean() }),
);
export type VersionCreate = Static<typeof VersionCreate>;

export const Prompt = Type.Object({
  id: Type.Integer(),
  ...metadataFields,
  ...contentFields,
  created_by: Type.String(),
  usage_count: Type.Integer(),
  success_rate: Type.Number(),
  avg_execution_time: Type.Number(),
  avg_rating: Type.Union([Type.Number(), Type.Null()]),
  current_version_id: Type.Union([Type.Integer(), Type.Null()]),
  created_at: Type.String({ format: 'date-time' }),
  updated_at: Type.String({ format: 'date-time' }),
});
export type Prompt = Static<typeof Prompt>;

export const PromptVersion = Type.Object({
  id: Type.Integer(),
  prompt_id: Type.Integer(),
  version_number: Type.Integer(),
  ...contentFields,
  created_by: Type.String(),
  change_notes: Type.String(),
  is_deployed: Type.Boolean(),
  deployed_at: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  test_executions: Type.Integer(),
  test_success_rate: Type.Number(),
  test_avg_execution_time: Type.Number(),
  created_at: Type.String({ format: 'date-time' }),
});
export type PromptVersion = Static<typeof PromptVersion>;

export const PromptDetails = Type.Object({
  prompt: Prompt,
  deployed_version: Type.Union([PromptVersion, Type.Null()]),
  latest_version_number: Type.Integer(),
  /** on create and update: the version this request made, or null when only metadata changed */
  created_version: Type.Optional(Type.Union([PromptVersion, Type.Null()])),
});
export type PromptDetails = Static<typeof PromptDetails>;

export const PromptListQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 500, description: 'full-text query over name, description and templates (words match as prefixes)' })),
  category: Type.Optional(Type.String()),
  use_case: Type.Optional(Type.String()),
  tag: Type.Optional(Type.Array(Type.String(), { description: 'repeat for several; prompts carrying every tag' })),
  model_type: Type.Optional(Type.String()),
  active: Type.Optional(Type.Boolean()),
  sort: Type.Optional(Type.Union([Type.Literal('relevance'), Type.Literal('recent'), Type.Literal('name')])),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
});
export type PromptListQuery = Static<typeof PromptListQuery>;

export const PromptList = Type.Object({ items: Type.Array(Prompt), total: Type.Integer(), limit: Type.Integer(), offset: Type.Integer() });
export type PromptList = Static<typeof PromptList>;

export const DeleteQuery = Type.Object({ hard: Type.Optional(Type.Boolean({ default: false })) });
export const DeleteResult = Type.Object({ id: Type.Integer(), deleted: Type.Union([Type.Literal('soft'), Type.Literal('hard')]) });
export type DeleteResult = Static<typeof DeleteResult>;

export const DeployBody = Type.Object({
  version_id: Type.Optional(Type.Integer({ minimum: 1 })),
  version_number: Type.Optional(Type.Integer({ minimum: 1 })),
});
export type DeployBody = Static<typeof DeployBody>;

/** Rollback without a target deploys the newest version older than the deployed one. */
export const RollbackBody = Type.Object({ version_number: Type.Optional(Type.Integer({ minimum: 1 })) });
export type RollbackBody = Static<typeof RollbackBody>;

export const DiffQuery = Type.Object({ from: Type.Integer({ minimum: 1, description: 'version number' }), to: Type.Integer({ minimum: 1, description: 'version number' }) });
export type DiffQuery = Static<typeof DiffQuery>;

export const FieldDiff = Type.Object({
  field: Type.String(),
  changed: Type.Boolean(),
  from: Json,
  to: Json,
  /** unified line diff, for the text fields (and JSON-formatted examples and variables) when changed */
  patch: Type.Optional(Type.String()),
  added_lines: Type.Integer(),
  removed_lines: Type.Integer(),
});
export const VersionDiff = Type.Object({ prompt_id: Type.Integer(), from: Type.Integer(), to: Type.Integer(), fields: Type.Array(FieldDiff) });
export type VersionDiff = Static<typeof VersionDiff>;

export const RenderPreviewBody = Type.Object({
  variables: Type.Record(Type.String(), Json),
  version_id: Type.Optional(Type.Integer({ minimum: 1 })),
  /** preview unsaved content instead of a stored version (the editor's live preview) */
  draft: Type.Optional(Type.Partial(Type.Object(contentFields))),
});
export type RenderPreviewBody = Static<typeof RenderPreviewBody>;

export const RenderPreview = Type.Object({
  version_id: Type.Union([Type.Integer(), Type.Null()]),
  model_type: Type.String(),
  messages: Type.Array(Type.Object({ role: Type.String(), content: Type.String() })),
  text: Type.String({ description: 'exact text a completion model receives; for chat models a role-labelled transcript' }),
  variables: Type.Record(Type.String(), Json),
});
export type RenderPreview = Static<typeof RenderPreview>;

// A/B experiments on a prompt: weighted split between versions, sticky per user.
export const ExperimentVariantSchema = Type.Object({ version_id: Type.Integer({ minimum: 1 }), weight: Type.Number({ exclusiveMinimum: 0 }) });

export const ExperimentCreate = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200 }),
  variants: Type.Array(ExperimentVariantSchema, { minItems: 2, maxItems: 10 }),
});
export type ExperimentCreate = Static<typeof ExperimentCreate>;

export const Experiment = Type.Object({
  id: Type.Integer(),
  prompt_id: Type.Integer(),
  name: Type.String(),
  status: Type.String({ description: 'running | ended' }),
  variants: Type.Array(ExperimentVariantSchema),
  winner_version_id: Type.Union([Type.Integer(), Type.Null()]),
  created_at: Type.String({ format: 'date-time' }),
  ended_at: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
export type Experiment = Static<typeof Experiment>;

export const AssignQuery = Type.Object({ user_id: Type.String({ minLength: 1, maxLength: 200 }) });
export const Assignment = Type.Object({ experiment_id: Type.Integer(), user_id: Type.String(), version_id: Type.Integer(), version_number: Type.Integer() });
export type Assignment = Static<typeof Assignment>;

const Interval = Type.Object({ low: Type.Number(), high: Type.Number() });

export const VariantResult = Type.Object({
  version_id: Type.Integer(),
  version_number: Type.Integer(),
  weight: Type.Number(),
  count: Type.Integer(),
  successes: Type.Integer(),
  success_rate: Type.Union([Type.Number(), Type.Null()]),
  /** 95% Wilson score interval of the success rate */
  success_ci: Type.Union([Interval, Type.Null()]),
  mean_latency_ms: Type.Union([Type.Number(), Type.Null()]),
  p95_latency_ms: Type.Union([Type.Number(), Type.Null()]),
  mean_rating: Type.Union([Type.Number(), Type.Null()]),
  ratings: Type.Integer(),
});

export const SignificanceTest = Type.Object({
  statistic: Type.Union([Type.Number(), Type.Null()]),
  p_value: Type.Union([Type.Number(), Type.Null()]),
  /** p < 0.05 */
  significant: Type.Boolean(),
  /** degrees of freedom (Welch's t only) */
  df: Type.Optional(Type.Union([Type.Number(), Type.Null()])),
});

export const VariantComparison = Type.Object({
  baseline_version_id: Type.Integer(),
  version_id: Type.Integer(),
  /** two-proportion z-test of the success rates */
  success: SignificanceTest,
  /** Welch's t-test of the latencies */
  latency: SignificanceTest,
});

export const ExperimentResults = Type.Object({
  experiment: Experiment,
  variants: Type.Array(VariantResult),
  comparisons: Type.Array(VariantComparison),
  /** best success rate (ties: lower mean latency), or null before any execution */
  leader_version_id: Type.Union([Type.Integer(), Type.Null()]),
});
export type ExperimentResults = Static<typeof ExperimentResults>;

export const PromoteBody = Type.Object({ version_id: Type.Optional(Type.Integer({ minimum: 1, description: 'default: the leader' })) });
export type PromoteBody = Static<typeof PromoteBody>;
