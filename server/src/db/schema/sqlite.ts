// SQLite schema. Table and column names are identical to pg.ts; `rowtypes.ts` checks at compile time that
// both dialects produce the same row types. Arrays and JSON are stored as JSON text, money as integer
// micro-dollars, timestamps as integer milliseconds.
import { sql } from 'drizzle-orm';
import { sqliteTable, integer, text, real, index, uniqueIndex, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import type {
  FewShotExample,
  VariableSpec,
  ExperimentVariant,
  JsonObject,
} from '../../../../shared/src/model/index.js';

const now = sql`(cast(unixepoch('subsec') * 1000 as integer))`;
const createdAt = () => integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now);
const updatedAt = () => integer('updated_at', { mode: 'timestamp_ms' }).notNull().default(now);

export const promptLibrary = sqliteTable(
  'prompt_library',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    category: text('category').notNull(),
    useCase: text('use_case').notNull().default(''),
    tags: text('tags', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
    createdBy: text('created_by').notNull().default(''),
    isActive: integer('is_active', { mode: 'boolean' }).notNull().default(true),
    modelType: text('model_type').notNull().default('chat'),
    temperature: real('temperature').notNull().default(0.2),
    maxTokens: integer('max_tokens').notNull().default(1024),
    systemPrompt: text('system_prompt').notNull().default(''),
    userPromptTemplate: text('user_prompt_template').notNull(),
    fewShotExamples: text('few_shot_examples', { mode: 'json' }).$type<FewShotExample[]>().notNull().default(sql`'[]'`),
    variables: text('variables', { mode: 'json' }).$type<VariableSpec[]>().notNull().default(sql`'[]'`),
    cachePolicy: text('cache_policy').notNull().default('deterministic'),
    cacheTtlSeconds: integer('cache_ttl_seconds'),
    // performance fields, maintained with each execution
    usageCount: integer('usage_count').notNull().default(0),
    successRate: real('success_rate').notNull().default(0),
    avgExecutionTime: real('avg_execution_time').notNull().default(0),
    avgRating: real('avg_rating'),
    currentVersionId: integer('current_version_id').references((): AnySQLiteColumn => promptVersions.id, { onDelete: 'set null' }),
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

export const promptVersions = sqliteTable(
  'prompt_versions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    promptId: integer('prompt_id').notNull().references(() => promptLibrary.id, { onDelete: 'cascade' }),
    versionNumber: integer('version_number').notNull(),
    systemPrompt: text('system_prompt').notNull().default(''),
    userPromptTemplate: text('user_prompt_template').notNull(),
    fewShotExamples: text('few_shot_examples', { mode: 'json' }).$type<FewShotExample[]>().notNull().default(sql`'[]'`),
    variables: text('variables', { mode: 'json' }).$type<VariableSpec[]>().notNull().default(sql`'[]'`),
    modelType: text('model_type').notNull().default('chat'),
    temperature: real('temperature').notNull().default(0.2),
    maxTokens: integer('max_tokens').notNull().default(1024),
    createdBy: text('created_by').notNull().default(''),
    changeNotes: text('change_notes').notNull().default(''),
    isDeployed: integer('is_deployed', { mode: 'boolean' }).notNull().default(false),
    deployedAt: integer('deployed_at', { mode: 'timestamp_ms' }),
    testExecutions: integer('test_executions').notNull().default(0),
    testSuccessRate: real('test_success_rate').notNull().default(0),
    testAvgExecutionTime: real('test_avg_execution_time').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('prompt_versions_prompt_version_unique').on(t.promptId, t.versionNumber),
    index('idx_prompt_versions_prompt_id').on(t.promptId),
    index('idx_prompt_versions_deployed').on(t.promptId, t.isDeployed),
  ],
);

export const executionHistory = sqliteTable(
  'execution_history',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    promptId: integer('prompt_id').references(() => promptLibrary.id, { onDelete: 'set null' }),
    versionId: integer('version_id').references(() => promptVersions.id, { onDelete: 'set null' }),
    inputVariables: text('input_variables', { mode: 'json' }).$type<JsonObject>().notNull().default(sql`'{}'`),
    renderedPrompt: text('rendered_prompt').notNull().default(''),
    output: text('output').notNull().default(''),
    modelUsed: text('model_used').notNull(),
    provider: text('provider').notNull().default(''),
    success: integer('success', { mode: 'boolean' }).notNull(),
    errorMessage: text('error_message'),
    executionTimeMs: integer('execution_time_ms').notNull().default(0),
    queueTimeMs: integer('queue_time_ms').notNull().default(0),
    firstTokenMs: integer('first_token_ms'),
    tokensInput: integer('tokens_input').notNull().default(0),
    tokensOutput: integer('tokens_output').notNull().default(0),
    tokensUsed: integer('tokens_used').notNull().default(0),
    tokensEstimated: integer('tokens_estimated', { mode: 'boolean' }).notNull().default(false),
    // micro-dollars; null means "unknown" (no price configured), never a silent $0
    estimatedCostMicros: integer('estimated_cost_micros'),
    fromCache: integer('from_cache', { mode: 'boolean' }).notNull().default(false),
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

export const modelCache = sqliteTable(
  'model_cache',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    modelName: text('model_name').notNull(),
    promptHash: text('prompt_hash').notNull(),
    parametersHash: text('parameters_hash').notNull(),
    promptId: integer('prompt_id'),
    response: text('response').notNull(),
    tokensUsed: integer('tokens_used').notNull().default(0),
    sizeBytes: integer('size_bytes').notNull().default(0),
    isValid: integer('is_valid', { mode: 'boolean' }).notNull().default(true),
    accessCount: integer('access_count').notNull().default(0),
    lastAccessedAt: integer('last_accessed_at', { mode: 'timestamp_ms' }).notNull().default(now),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('model_cache_key_unique').on(t.modelName, t.promptHash, t.parametersHash),
    index('idx_model_cache_expires_at').on(t.expiresAt),
    index('idx_model_cache_last_accessed').on(t.lastAccessedAt),
    index('idx_model_cache_prompt_id').on(t.promptId),
  ],
);

export const trainingConfig = sqliteTable(
  'training_config',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    baseModel: text('base_model').notNull(),
    datasetPath: text('dataset_path').notNull().default(''),
    hyperparameters: text('hyperparameters', { mode: 'json' }).$type<JsonObject>().notNull().default(sql`'{}'`),
    status: text('status').notNull().default('pending'),
    createdBy: text('created_by').notNull().default(''),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('training_config_name_unique').on(t.name), index('idx_training_config_status').on(t.status)],
);

export const trainingMetric = sqliteTable(
  'training_metric',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    configId: integer('config_id').notNull().references(() => trainingConfig.id, { onDelete: 'cascade' }),
    epoch: integer('epoch').notNull().default(0),
    step: integer('step').notNull().default(0),
    loss: real('loss'),
    metrics: text('metrics', { mode: 'json' }).$type<JsonObject>().notNull().default(sql`'{}'`),
    recordedAt: integer('recorded_at', { mode: 'timestamp_ms' }).notNull().default(now),
  },
  (t) => [index('idx_training_metric_config_id').on(t.configId, t.step)],
);

export const promptExperiments = sqliteTable(
  'prompt_experiments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    promptId: integer('prompt_id').notNull().references(() => promptLibrary.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    status: text('status').notNull().default('running'),
    variants: text('variants', { mode: 'json' }).$type<ExperimentVariant[]>().notNull(),
    winnerVersionId: integer('winner_version_id'),
    createdAt: createdAt(),
    endedAt: integer('ended_at', { mode: 'timestamp_ms' }),
  },
  (t) => [index('idx_prompt_experiments_prompt_id').on(t.promptId, t.status)],
);

export const pluginState = sqliteTable('plugin_state', {
  pluginId: text('plugin_id').primaryKey(),
  enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
  state: text('state').notNull().default('loaded'),
  errorMessage: text('error_message'),
  settings: text('settings', { mode: 'json' }).$type<JsonObject>().notNull().default(sql`'{}'`),
  updatedAt: updatedAt(),
});

export const findingSuppressions = sqliteTable(
  'finding_suppressions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    workspace: text('workspace').notNull(),
    fingerprint: text('fingerprint').notNull(),
    ruleId: text('rule_id').notNull(),
    filePath: text('file_path').notNull().default(''),
    reason: text('reason').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('finding_suppressions_unique').on(t.workspace, t.fingerprint)],
);

export const embeddings = sqliteTable(
  'embeddings',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    ownerType: text('owner_type').notNull(),
    ownerId: integer('owner_id').notNull(),
    model: text('model').notNull(),
    contentHash: text('content_hash').notNull(),
    vector: text('vector', { mode: 'json' }).$type<number[]>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('embeddings_owner_unique').on(t.ownerType, t.ownerId, t.model)],
);

export const daemonMeta = sqliteTable('daemon_meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: updatedAt(),
});
