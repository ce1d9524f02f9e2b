// Compile-time proof that both dialects produce the same row types: if a column is added to one schema
// file and not the other (or with another type), `npm run typecheck` fails here.
import type { InferSelectModel, InferInsertModel, Table } from 'drizzle-orm';
import * as lite from './sqlite.js';
import * as pg from './pg.js';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Same<A extends Table, B extends Table> = Equal<InferSelectModel<A>, InferSelectModel<B>> extends true
  ? Equal<InferInsertModel<A>, InferInsertModel<B>>
  : false;
type Check<T extends true> = T;

export type RowTypesAgree = [
  Check<Same<typeof lite.promptLibrary, typeof pg.promptLibrary>>,
  Check<Same<typeof lite.promptVersions, typeof pg.promptVersions>>,
  Check<Same<typeof lite.executionHistory, typeof pg.executionHistory>>,
  Check<Same<typeof lite.modelCache, typeof pg.modelCache>>,
  Check<Same<typeof lite.trainingConfig, typeof pg.trainingConfig>>,
  Check<Same<typeof lite.trainingMetric, typeof pg.trainingMetric>>,
  Check<Same<typeof lite.promptExperiments, typeof pg.promptExperiments>>,
  Check<Same<typeof lite.pluginState, typeof pg.pluginState>>,
  Check<Same<typeof lite.findingSuppressions, typeof pg.findingSuppressions>>,
  Check<Same<typeof lite.embeddings, typeof pg.embeddings>>,
  Check<Same<typeof lite.daemonMeta, typeof pg.daemonMeta>>,
];

/** Row types the repositories hand out; identical for both dialects (checked above). */
export type PromptRow = InferSelectModel<typeof lite.promptLibrary>;
export type PromptVersionRow = InferSelectModel<typeof lite.promptVersions>;
export type ExecutionRow = InferSelectModel<typeof lite.executionHistory>;
export type NewExecutionRow = InferInsertModel<typeof lite.executionHistory>;
export type CacheRow = InferSelectModel<typeof lite.modelCache>;
export type TrainingConfigRow = InferSelectModel<typeof lite.trainingConfig>;
export type TrainingMetricRow = InferSelectModel<typeof lite.trainingMetric>;
export type ExperimentRow = InferSelectModel<typeof lite.promptExperiments>;
export type PluginStateRow = InferSelectModel<typeof lite.pluginState>;
export type SuppressionRow = InferSelectModel<typeof lite.findingSuppressions>;
export type EmbeddingRow = InferSelectModel<typeof lite.embeddings>;
