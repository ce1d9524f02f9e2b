// codetune/history/*: execution history, feedback and per-version metrics for the history panel.
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';
import type { JsonObject } from '../model/index.js';

export interface HistoryFilter {
  promptId?: number;
  versionId?: number;
  model?: string;
  success?: boolean;
  fromCache?: boolean;
  sessionId?: string;
  userId?: string;
  /** ISO 8601 */
  since?: string;
  until?: string;
}

export interface ExecutionInfo {
  id: number;
  promptId: number | null;
  versionId: number | null;
  inputVariables: JsonObject;
  renderedPrompt: string;
  output: string;
  modelUsed: string;
  provider: string;
  success: boolean;
  errorMessage: string | null;
  executionTimeMs: number;
  queueTimeMs: number;
  firstTokenMs: number | null;
  tokensInput: number;
  tokensOutput: number;
  tokensUsed: number;
  tokensEstimated: boolean;
  /** null: unknown */
  estimatedCostUsd: number | null;
  fromCache: boolean;
  sessionId: string | null;
  userId: string | null;
  rating: number | null;
  feedback: string | null;
  createdAt: string;
}

export interface HistoryListParams extends HistoryFilter {
  limit?: number;
  /** nextCursor of the previous page */
  before?: number;
}

export interface HistoryListResult {
  items: ExecutionInfo[];
  nextCursor: number | null;
}

/** client → server: executions, newest first, filtered and paged. */
export namespace HistoryListRequest {
  export const method = 'codetune/history/list' as const;
  export const type = new RequestType<HistoryListParams, HistoryListResult, void>(method);
}

/** client → server: one execution. */
export namespace HistoryGetRequest {
  export const method = 'codetune/history/get' as const;
  export const type = new RequestType<{ id: number }, ExecutionInfo, void>(method);
}

export interface FeedbackParams {
  id: number;
  /** 1–5 */
  rating: number;
  feedback?: string;
}

/** client → server: rate an execution (and so its version). */
export namespace HistoryFeedbackRequest {
  export const method = 'codetune/history/feedback' as const;
  export const type = new RequestType<FeedbackParams, ExecutionInfo, void>(method);
}

export interface VersionMetricsInfo {
  promptId: number | null;
  versionId: number | null;
  count: number;
  successRate: number;
  meanLatencyMs: number;
  p95LatencyMs: number;
  tokensInput: number;
  tokensOutput: number;
  costUsd: number;
  unknownCostCount: number;
  fromCacheCount: number;
  meanRating: number | null;
  ratingCount: number;
}

/** client → server: per-version aggregates for the charts. */
export namespace HistoryMetricsRequest {
  export const method = 'codetune/history/metrics' as const;
  export const type = new RequestType<Pick<HistoryFilter, 'promptId' | 'versionId' | 'model' | 'since' | 'until'>, { versions: VersionMetricsInfo[] }, void>(method);
}

export interface HistoryChangeParams {
  kind: 'created' | 'feedback' | 'purged';
  executionId?: number;
  promptId?: number | null;
  versionId?: number | null;
  purged?: number;
}

/** server → client: the history changed (a new execution, feedback, a retention purge). */
export namespace HistoryDidChangeNotification {
  export const method = 'codetune/history/didChange' as const;
  export const type = new NotificationType<HistoryChangeParams>(method);
}
