// execution_history storage: one row per model request (prompt executions and raw prompts alike), the
// filtered list of the history panel, feedback, per-version aggregates for its charts, and retention.
import type { ExecutionRow, NewExecutionRow } from '../../schema/rowtypes.js';

export type { ExecutionRow, NewExecutionRow };

export interface HistoryFilter {
  promptId?: number;
  versionId?: number;
  model?: string;
  success?: boolean;
  fromCache?: boolean;
  sessionId?: string;
  userId?: string;
  since?: Date;
  until?: Date;
}

export interface HistoryPage {
  items: ExecutionRow[];
  /** pass as `before` for the next (older) page; null on the last page */
  nextCursor: number | null;
}

export interface VersionMetrics {
  promptId: number | null;
  versionId: number | null;
  count: number;
  successCount: number;
  successRate: number;
  meanLatencyMs: number;
  p95LatencyMs: number;
  tokensInput: number;
  tokensOutput: number;
  /** sum over rows with a known cost; `unknownCostCount` rows had no price */
  costMicros: number;
  unknownCostCount: number;
  fromCacheCount: number;
  meanRating: number | null;
  ratingCount: number;
}

export interface HistoryRepository {
  /** plain insert (raw prompts; prompt executions go through the prompt repository's recordExecution) */
  insert(row: NewExecutionRow): Promise<ExecutionRow>;
  /** many rows in one transaction (imports, benchmarks) */
  insertMany(rows: NewExecutionRow[]): Promise<number>;
  get(id: number): Promise<ExecutionRow | undefined>;
  /** newest first, keyset-paged by id so deep pages stay as fast as the first */
  list(f: HistoryFilter, page: { limit: number; before?: number }): Promise<HistoryPage>;
  /** sets rating/feedback and refreshes the prompt's avg_rating in one transaction; undefined when absent */
  setFeedback(id: number, rating: number, text: string | null): Promise<ExecutionRow | undefined>;
  /** aggregates grouped by version (rows without a version group under null) */
  versionMetrics(f: Pick<HistoryFilter, 'promptId' | 'versionId' | 'since' | 'until' | 'model'>): Promise<VersionMetrics[]>;
  /** deletes rows older than `before`, then the oldest beyond `maxRows`; returns how many went */
  purge(opts: { before?: Date; maxRows?: number }): Promise<number>;
  count(): Promise<number>;
}

export function p95Offset(count: number): number {
  return Math.max(0, Math.ceil(count * 0.95) - 1);
}
