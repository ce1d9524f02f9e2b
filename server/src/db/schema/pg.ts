// PostgreSQL schema. Same table and column names as sqlite.ts; arrays as text[], JSON as jsonb, money as
// bigint micro-dollars, timestamps with time zone. `rowtypes.ts` checks both dialects agree.
import { sql } from 'drizzle-orm';
import {
  pgTable,
  serial,
  integer,
  bigint,
  text,
  doublePrecision,
  boolean,
  jsonb,
  timestamp,
  index,
  uniqueIndex,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import type {
  FewShotExample,
  VariableSpec,
  ExperimentVariant,
  JsonObject,
} from '../../../../shared/src/model/index.js';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date', precision: 3 });
const createdAt = () => ts('created_at').notNull().defaultNow();
const updatedAt = () => ts('updated_at').notNull().defaultNow();

export const promptLibrary = pgTable(
  'prompt_library',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    category: text('category').notNull(),
    useCase: text('use_case').notNull().default(''),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    createdBy: text('created_by').notNull().default(''),
    isActive: boolean('is_active').notNull().default(true),
    modelType: text('model_type').notNull().default('chat'),
    temperature: doublePrecision('temperature').notNull().default(0.2),
    maxTokens: integer('max_tokens').notNull().default(1024),
    systemPrompt: text('system_prompt').notNull().default(''),
    userPromptTemplate: text('user_prompt_template').notNull(),
    fewShotExamples: jsonb('few_shot_examples').$type<FewShotExample[]>().notNull().default(sql`'[]'::jsonb`),
    variables: jsonb('variables').$type<VariableSpec[]>().notNull().default(sql`'[]'::jsonb`),
    cachePolicy: text('cache_policy').notNull().default('deterministic'),
    cacheTtlSeconds: integer('cache_ttl_seconds'),
    usageCount: integer('usage_count').notNull().default(0),
    successRate: doublePrecision('success_rate').notNull().default(0),
    avgExecutionTime: doublePrecision('avg_execution_time').notNull().default(0),
    avgRating: doublePrecision('avg_rating'),
    currentVersionId: integer('current_version_id').references((): AnyPgColumn => promptVersions.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('prompt_library_name_unique').on(t.name),
    index('idx_prompt_library_category').on(t.category),
    index('idx_prompt_library_is_active').on(t.isActive),
    index('idx_prompt_library_updated_at').on(t.updatedAt),
  ],
);

export const promptVersions = pgTable(
  'prompt_versions',
  {
    id: serial('id').primaryKey(),
    promptId: integer('prompt_id').notNull().references(() => promptLibrary.id, { onDelete: 'cascade' }),
    versionNumber: integer('version_number').notNull(),
    systemPrompt: text('system_prompt').notNull().default(''),
    userPromptTemplate: text('user_prompt_template').notNull(),
    fewShotExamples: jsonb('few_shot_examples').$type<FewShotExample[]>().notNull().default(sql`'[]'::jsonb`),
    variables: jsonb('variables').$type<VariableSpec[]>().notNull().default(sql`'[]'::jsonb`),
    modelType: text('model_type').notNull().default('chat'),
    temperature: doublePrecision('temperature').notNull().default(0.2),
    maxTokens: integer('max_tokens').notNull().default(1024),
    createdBy: text('created_by').notNull().default(''),
    changeNotes: text('change_notes').notNull().default(''),
    isDeployed: boolean('is_deployed').notNull().default(false),
    deployedAt: ts('deployed_at'),
    testExecutions: integer('test_executions').notNull().default(0),
    testSuccessRate: doublePrecision('test_success_rate').notNull().default(0),
    testAvgExecutionTime: doublePrecision('test_avg_execution_time').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('prompt_versions_prompt_version_unique').on(t.promptId, t.versionNumber),
    index('idx_prompt_versions_prompt_id').on(t.promptId),
    index('idx_prompt_versions_deployed').on(t.promptId, t.isDeployed),
  ],
);

export const executionHistory = pgTable(
  'execution_history',
  {
    id: serial('id').primaryKey(),
    promptId: integer('prompt_id').references(() => promptLibrary.id, { onDelete: 'set null' }),
    versionId: integer('version_id').references(() => promptVersions.id, { onDelete: 'set null' }),
    inputVariables: jsonb('input_variables').$type<JsonObject>().notNull().default(sql`'{}'::jsonb`),
    renderedPrompt: text('rendered_prompt').notNull().default(''),
    output: text('output').notNull().default(''),
    modelUsed: text('model_used').notNull(),
    provider: text('provider').notNull().default(''),
    success: boolean('success').notNull(),
    errorMessage: text('error_message'),
    executionTimeMs: integer('execution_time_ms').notNull().default(0),
    queueTimeMs: integer('queue_time_ms').notNull().default(0),
    firstTokenMs: integer('first_token_ms'),
    tokensInput: integer('tokens_input').notNull().default(0),
    tokensOutput: integer('tokens_output').notNull().default(0),
    tokensUsed: integer('tokens_used').notNull().default(0),
    tokensEstimated: boolean('tokens_estimated').notNull().default(false),
    estimatedCostMicros: bigint('estimated_cost_micros', { mode: 'number' }),
    fromCache: boolean('from_cache').notNull().default(false),
    sessionId: text('session_id'),
    userId: text('user_id'),
    experimentId: integer('experiment_id'),
    rating: integer('rating'),
    feedback: text('feedback'),
    createdAt: createdAt(),
  },
  (t) => [
    index('idx_execution_history_prompt_id').on(t.promptId),
    index('idx_execution_history_version_id').on(t.versionId),
    index('idx_execution_history_created_at').on(t.createdAt),
    index('idx_execution_history_model_used').on(t.modelUsed),
    index('idx_execution_history_success').on(t.success),
  ],
);

export const modelCache = pgTable(
  'model_cache',
  {
    id: serial('id').primaryKey(),
    modelName: text('model_name').notNull(),
    promptHash: text('prompt_hash').notNull(),
    parametersHash: text('parameters_hash').notNull(),
    promptId: integer('prompt_id'),
    response: text('response').notNull(),
    tokensUsed: integer('tokens_used').notNull().default(0),
    sizeBytes: integer('size_bytes').notNull().default(0),
    isValid: boolean('is_valid').notNull().default(true),
    accessCount: integer('access_count').notNull().default(0),
    lastAccessedAt: ts('last_accessed_at').notNull().defaultNow(),
    expiresAt: ts('expires_at').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('model_cache_key_unique').on(t.modelName, t.promptHash, t.parametersHash),
    index('idx_model_cache_expires_at').on(t.expiresAt),
    index('idx_model_cache_last_accessed').on(t.lastAccessedAt),
    index('idx_model_cache_prompt_id').on(t.promptId),
  ],
);

export const trainingConfig = pgTable(
  'training_config',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    baseModel: text('base_model').notNull(),
    datasetPath: text('dataset_path').notNull().default(''),
    hyperparameters: jsonb('hyperparameters').$type<JsonObject>().notNull().default(sql`'{}'::jsonb`),
    status: text('status').notNull().default('pending'),
    createdBy: text('created_by').notNull().default(''),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('training_config_name_unique').on(t.name), index('idx_training_config_status').on(t.status)],
);

export const trainingMetric = pgTable(
  'training_metric',
  {
    id: serial('id').primaryKey(),
    configId: integer('config_id').notNull().references(() => trainingConfig.id, { onDelete: 'cascade' }),
    epoch: integer('epoch').notNull().default(0),
    step: integer('step').notNull().default(0),
    loss: doublePrecision('loss'),
    metrics: jsonb('metrics').$type<JsonObject>().notNull().default(sql`'{}'::jsonb`),
    recordedAt: ts('recorded_at').notNull().defaultNow(),
  },
  (t) => [index('idx_training_metric_config_id').on(t.configId, t.step)],
);

export const promptExperiments = pgTable(
  'prompt_experiments',
  {
    id: serial('id').primaryKey(),
    promptId: integer('prompt_id').notNull().references(() => promptLibrary.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    status: text('status').notNull().default('running'),
    variants: jsonb('variants').$type<ExperimentVariant[]>().notNull(),
    winnerVersionId: integer('winner_version_id'),
    createdAt: createdAt(),
    endedAt: ts('ended_at'),
  },
  (t) => [index('idx_prompt_experiments_prompt_id').on(t.promptId, t.status)],
);

export const pluginState = pgTable('plugin_state', {
  pluginId: text('plugin_id').primaryKey(),
  enabled: boolean('enabled').notNull().default(true),
  state: text('state').notNull().default('loaded'),
  errorMessage: text('error_message'),
  settings: jsonb('settings').$type<JsonObject>().notNull().default(sql`'{}'::jsonb`),
  updatedAt: updatedAt(),
});

export const findingSuppressions = pgTable(
  'finding_suppressions',
  {
    id: serial('id').primaryKey(),
    workspace: text('workspace').notNull(),
    fingerprint: text('fingerprint').notNull(),
    ruleId: text('rule_id').notNull(),
    filePath: text('file_path').notNull().default(''),
    reason: text('reason').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('finding_suppressions_unique').on(t.workspace, t.fingerprint)],
);

export const embeddings = pgTable(
  'embeddings',
  {
    id: serial('id').primaryKey(),
    ownerType: text('owner_type').notNull(),
    ownerId: integer('owner_id').notNull(),
    model: text('model').notNull(),
    contentHash: text('content_hash').notNull(),
    vector: jsonb('vector').$type<number[]>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('embeddings_owner_unique').on(t.ownerType, t.ownerId, t.model)],
);

export const daemonMeta = pgTable('daemon_meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: updatedAt(),
});
