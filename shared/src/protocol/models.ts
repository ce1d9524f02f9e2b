// codetune/models/* and codetune/prompts/execute: the models the daemon can call, their keys (sent from
// the editor's SecretStorage, kept only in the daemon's memory) and running a prompt with streaming.
import { ProgressType, RequestType, RequestType0 } from 'vscode-languageserver-protocol';
import type { JsonObject } from '../model/index.js';

export type ProviderName = 'hf' | 'openai' | 'anthropic' | 'openai-compatible';

/** The config file's model entry (server/src/config/schema.ts ModelConfig), as the extension's settings hold it. */
export interface ModelSettings {
  id: string;
  provider: ProviderName;
  model: string;
  baseUrl?: string;
  apiKeyEnv?: string;
  kind?: 'chat' | 'completion' | 'embedding';
  pricing?: { input_per_million_usd?: number; output_per_million_usd?: number; gpu_hour_usd?: number };
  limits?: {
    concurrency?: number;
    requestsPerMinute?: number;
    tokensPerMinute?: number;
    connectTimeoutMs?: number;
    firstTokenTimeoutMs?: number;
    totalTimeoutMs?: number;
    maxRetries?: number;
    loadingWaitMs?: number;
  };
  fallback?: string[];
}

export interface ModelInfo {
  id: string;
  provider: ProviderName;
  model: string;
  kind: 'chat' | 'completion' | 'embedding';
  baseUrl: string | null;
  /** where the key comes from; never the key */
  keySource: 'memory' | 'env' | 'none';
  /** the environment variable the model names for its key (config apiKeyEnv), if any */
  apiKeyEnv: string | null;
  circuit: 'closed' | 'open' | 'half-open';
  queued: number;
  running: number;
  /** false: costs show as unknown */
  priced: boolean;
  fallback: string[];
  isDefault: boolean;
}

export interface ModelsList {
  models: ModelInfo[];
  defaultModel: string | null;
}

/** client → server: the configured models and their live state. */
export namespace ModelsListRequest {
  export const method = 'codetune/models/list' as const;
  export const type = new RequestType0<ModelsList, void>(method);
}

export interface ConfigureModelsParams {
  /** replaces the models the editor configured before (config-file models stay unless the same id is sent) */
  models: ModelSettings[];
  defaultModel?: string;
}

/** client → server: the models of the extension's settings (codetune.models), sent at start and on change. */
export namespace ModelsConfigureRequest {
  export const method = 'codetune/models/configure' as const;
  export const type = new RequestType<ConfigureModelsParams, ModelsList, void>(method);
}

export interface SetApiKeyParams {
  /** a model id, or a provider name for every model of that provider */
  target: string;
  /** null removes the key from the daemon's memory */
  apiKey: string | null;
}

/** client → server: a key from SecretStorage. Kept in memory only, never stored or logged. */
export namespace ModelsSetApiKeyRequest {
  export const method = 'codetune/models/setApiKey' as const;
  export const type = new RequestType<SetApiKeyParams, { keySource: 'memory' | 'env' | 'none' }, void>(method);
}

export interface LoadModelResult {
  model: string;
  ready: boolean;
  waitedMs: number;
  message: string;
}

/** client → server: warm a model (a scaled-to-zero Space starts loading); reports progress with workDoneToken. */
export namespace ModelsLoadRequest {
  export const method = 'codetune/models/load' as const;
  export const type = new RequestType<{ model?: string; workDoneToken?: string | number }, LoadModelResult, void>(method);
}

export interface ExecuteParams {
  /** a library prompt (its deployed version unless versionId)… */
  promptId?: number;
  versionId?: number;
  variables?: JsonObject;
  /** …or a raw prompt */
  raw?: { messages?: { role: 'system' | 'user' | 'assistant'; content: string }[]; text?: string };
  model?: string;
  parameters?: { temperature?: number; max_tokens?: number; top_p?: number; stop?: string[]; seed?: number };
  bypassCache?: boolean;
  sessionId?: string;
  userId?: string;
  /** text pieces are sent as $/progress on this token as they arrive */
  partialResultToken?: string | number;
  /** queue position, loading and retries are reported as work-done progress on this token */
  workDoneToken?: string | number;
}

export interface ExecuteResult {
  executionId: number;
  output: string;
  fromCache: boolean;
  modelUsed: string;
  versionId: number | null;
  tokensUsed: number;
  tokensEstimated: boolean;
  executionTimeMs: number;
  queueTimeMs: number;
  firstTokenMs: number | null;
  /** null: unknown (no price configured) */
  estimatedCostUsd: number | null;
}

/** A piece of the answer, sent as $/progress on partialResultToken. */
export interface ExecutePartial {
  text: string;
}
export const ExecutePartialProgress = new ProgressType<ExecutePartial>();

/** client → server: run a prompt through model dispatch; cancellable ($/cancelRequest aborts the upstream call). */
export namespace PromptsExecuteRequest {
  export const method = 'codetune/prompts/execute' as const;
  export const type = new RequestType<ExecuteParams, ExecuteResult, void>(method);
}
