// Rows and results → the snake_case HTTP shapes (shared/src/api) and the camelCase LSP shapes
// (shared/src/protocol). Money leaves the daemon as USD; null stays null ("unknown").
import type { Execution, VersionMetricsSchema } from '../../../shared/src/api/history.js';
import type { ExecuteResponse } from '../../../shared/src/api/execute.js';
import type { ModelInfoSchema } from '../../../shared/src/api/models.js';
import type { ExecutionInfo, VersionMetricsInfo } from '../../../shared/src/protocol/history.js';
import type { ExecuteResult, ModelInfo } from '../../../shared/src/protocol/models.js';
import type { VersionMetrics } from '../db/repositories/history/types.js';
import type { ExecutionRow } from '../db/schema/rowtypes.js';
import { microsToUsd } from './cost.js';
import type { Dispatcher } from './dispatcher.js';
import type { ExecuteOutcome } from './execute.js';
import { modelKind } from './types.js';

export function executionDto(r: ExecutionRow): Execution {
  return {
    id: r.id,
    prompt_id: r.promptId,
    version_id: r.versionId,
    input_variables: r.inputVariables,
    rendered_prompt: r.renderedPrompt,
    output: r.output,
    model_used: r.modelUsed,
    provider: r.provider,
    success: r.success,
    error_message: r.errorMessage,
    execution_time_ms: r.executionTimeMs,
    queue_time_ms: r.queueTimeMs,
    first_token_ms: r.firstTokenMs,
    tokens_input: r.tokensInput,
    tokens_output: r.tokensOutput,
    tokens_used: r.tokensUsed,
    tokens_estimated: r.tokensEstimated,
    estimated_cost_usd: microsToUsd(r.estimatedCostMicros),
    from_cache: r.fromCache,
    session_id: r.sessionId,
    user_id: r.userId,
    experiment_id: r.experimentId,
    rating: r.rating,
    feedback: r.feedback,
    created_at: r.createdAt.toISOString(),
  };
}

export function executionInfo(r: ExecutionRow): ExecutionInfo {
  const d = executionDto(r);
  return {
    id: d.id,
    promptId: d.prompt_id,
    versionId: d.version_id,
    inputVariables: r.inputVariables,
    renderedPrompt: d.rendered_prompt,
    output: d.output,
    modelUsed: d.model_used,
    provider: d.provider,
    success: d.success,
    errorMessage: d.error_message,
    executionTimeMs: d.execution_time_ms,
    queueTimeMs: d.queue_time_ms,
    firstTokenMs: d.first_token_ms,
    tokensInput: d.tokens_input,
    tokensOutput: d.tokens_output,
    tokensUsed: d.tokens_used,
    tokensEstimated: d.tokens_estimated,
    estimatedCostUsd: d.estimated_cost_usd,
    fromCache: d.from_cache,
    sessionId: d.session_id,
    userId: d.user_id,
    rating: d.rating,
    feedback: d.feedback,
    createdAt: d.created_at,
  };
}

export function executeResponse(r: ExecuteOutcome): ExecuteResponse {
  return {
    execution_id: r.executionId,
    output: r.output,
    from_cache: r.fromCache,
    model_used: r.modelUsed,
    version_id: r.versionId,
    tokens_used: r.tokensUsed,
    tokens_estimated: r.tokensEstimated,
    execution_time_ms: r.executionTimeMs,
    queue_time_ms: r.queueTimeMs,
    first_token_ms: r.firstTokenMs,
    estimated_cost_usd: microsToUsd(r.costMicros),
  };
}

export function executeResult(r: ExecuteOutcome): ExecuteResult {
  return {
    executionId: r.executionId,
    output: r.output,
    fromCache: r.fromCache,
    modelUsed: r.modelUsed,
    versionId: r.versionId,
    tokensUsed: r.tokensUsed,
    tokensEstimated: r.tokensEstimated,
    executionTimeMs: r.executionTimeMs,
    queueTimeMs: r.queueTimeMs,
    firstTokenMs: r.firstTokenMs,
    estimatedCostUsd: microsToUsd(r.costMicros),
  };
}

export function metricsDto(m: VersionMetrics): VersionMetricsSchema {
  return {
    prompt_id: m.promptId,
    version_id: m.versionId,
    count: m.count,
    success_rate: m.successRate,
    mean_latency_ms: m.meanLatencyMs,
    p95_latency_ms: m.p95LatencyMs,
    tokens_input: m.tokensInput,
    tokens_output: m.tokensOutput,
    cost_usd: m.costMicros / 1_000_000,
    unknown_cost_count: m.unknownCostCount,
    from_cache_count: m.fromCacheCount,
    mean_rating: m.meanRating,
    rating_count: m.ratingCount,
  };
}

export function metricsInfo(m: VersionMetrics): VersionMetricsInfo {
  const { costMicros, ...rest } = m;
  const { successCount: _s, ...out } = rest;
  return { ...out, costUsd: costMicros / 1_000_000 };
}

export function modelInfos(d: Dispatcher): ModelInfo[] {
  return d.models.all().map((m) => {
    const q = d.lanes.queue(m);
    return {
      id: m.id,
      provider: m.provider,
      model: m.model,
      kind: modelKind(m),
      baseUrl: m.baseUrl ?? null,
      keySource: d.keys.source(m),
      apiKeyEnv: m.apiKeyEnv ?? null,
      circuit: d.lanes.breaker(m).state,
      queued: q.size,
      running: q.running,
      priced: !!m.pricing && Object.keys(m.pricing).length > 0,
      fallback: m.fallback ?? [],
      isDefault: m.id === (d.models.defaultModel ?? d.models.all()[0]?.id),
    };
  });
}

export function modelDto(m: ModelInfo): ModelInfoSchema {
  return {
    id: m.id,
    provider: m.provider,
    model: m.model,
    kind: m.kind,
    base_url: m.baseUrl,
    key_source: m.keySource,
    circuit: m.circuit,
    queued: m.queued,
    running: m.running,
    priced: m.priced,
    fallback: m.fallback,
    is_default: m.isDefault,
  };
}
