// Rows → the snake_case shapes of the HTTP API and LSP (shared/src/api/prompts.ts).
import type { Experiment, Prompt, PromptVersion } from '../../../shared/src/api/prompts.js';
import type { ExperimentRow, PromptRow, PromptVersionRow } from '../db/repositories/prompts/types.js';

export function promptDto(r: PromptRow): Prompt {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    category: r.category,
    use_case: r.useCase,
    tags: r.tags,
    created_by: r.createdBy,
    is_active: r.isActive,
    model_type: r.modelType,
    temperature: r.temperature,
    max_tokens: r.maxTokens,
    system_prompt: r.systemPrompt,
    user_prompt_template: r.userPromptTemplate,
    few_shot_examples: r.fewShotExamples,
    variables: r.variables,
    cache_policy: r.cachePolicy,
    cache_ttl_seconds: r.cacheTtlSeconds,
    usage_count: r.usageCount,
    success_rate: r.successRate,
    avg_execution_time: r.avgExecutionTime,
    avg_rating: r.avgRating,
    current_version_id: r.currentVersionId,
    created_at: r.createdAt.toISOString(),
    updated_at: r.updatedAt.toISOString(),
  };
}

export function versionDto(v: PromptVersionRow): PromptVersion {
  return {
    id: v.id,
    prompt_id: v.promptId,
    version_number: v.versionNumber,
    system_prompt: v.systemPrompt,
    user_prompt_template: v.userPromptTemplate,
    few_shot_examples: v.fewShotExamples,
    variables: v.variables,
    model_type: v.modelType,
    temperature: v.temperature,
    max_tokens: v.maxTokens,
    created_by: v.createdBy,
    change_notes: v.changeNotes,
    is_deployed: v.isDeployed,
    deployed_at: v.deployedAt ? v.deployedAt.toISOString() : null,
    test_executions: v.testExecutions,
    test_success_rate: v.testSuccessRate,
    test_avg_execution_time: v.testAvgExecutionTime,
    created_at: v.createdAt.toISOString(),
  };
}

export function experimentDto(e: ExperimentRow): Experiment {
  return {
    id: e.id,
    prompt_id: e.promptId,
    name: e.name,
    status: e.status,
    variants: e.variants,
    winner_version_id: e.winnerVersionId,
    created_at: e.createdAt.toISOString(),
    ended_at: e.endedAt ? e.endedAt.toISOString() : null,
  };
}
