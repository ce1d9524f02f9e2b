// Messages of the Execution History panel: the filtered table, one execution's details, feedback, and the
// data of its charts. Shapes are the daemon's (shared/src/protocol/history.ts).
import type { ExecutionInfo, HistoryChangeParams, HistoryListParams, HistoryListResult, VersionMetricsInfo } from '../protocol/history.js';
import type { CommonRequests } from './protocol.js';

/** The filters of the table, as the page keeps them (strings from the form; '' = any). */
export interface HistoryFilters {
  promptId: string;
  versionId: string;
  model: string;
  success: '' | 'true' | 'false';
  fromCache: '' | 'true' | 'false';
  /** yyyy-mm-dd, inclusive */
  since: string;
  until: string;
}

/** A prompt's name for the filter's choices and the table. */
export interface PromptName {
  id: number;
  name: string;
}

export interface ChartData {
  /** the executions the time charts use (newest first, at most `limit`) */
  points: { at: string; latencyMs: number; success: boolean; costUsd: number | null; fromCache: boolean }[];
  versions: VersionMetricsInfo[];
  /** version id → "name v3" */
  versionLabels: Record<string, string>;
}

export type HistoryRequests = CommonRequests & {
  'history.list': [HistoryListParams, HistoryListResult];
  'history.get': [{ id: number }, ExecutionInfo];
  'history.feedback': [{ id: number; rating: number; feedback?: string }, ExecutionInfo];
  'history.charts': [Omit<HistoryListParams, 'before' | 'limit'>, ChartData];
  'history.prompts': [Record<string, never>, PromptName[]];
  'history.models': [Record<string, never>, string[]];
  /** open the prompt of an execution in the library */
  'history.openPrompt': [{ promptId: number }, void];
};

export type HistoryEvents = {
  'history.changed': HistoryChangeParams;
  /** show this execution (the panel was already open when a result's history link was followed) */
  'history.show': { executionId: number };
};

export interface HistoryInit {
  /** execution to show (opened from a result's "History #id" link) */
  executionId?: number;
}

/** The daemon's list parameters for the page's filters; throws with a message naming a bad field. */
export function toListParams(f: HistoryFilters): Omit<HistoryListParams, 'before' | 'limit'> {
  const out: Omit<HistoryListParams, 'before' | 'limit'> = {};
  const int = (v: string, field: string) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${field} must be a positive whole number (got "${v}").`);
    return n;
  };
  if (f.promptId) out.promptId = int(f.promptId, 'Prompt');
  if (f.versionId) out.versionId = int(f.versionId, 'Version id');
  if (f.model.trim()) out.model = f.model.trim();
  if (f.success) out.success = f.success === 'true';
  if (f.fromCache) out.fromCache = f.fromCache === 'true';
  const day = (v: string, field: string, end: boolean) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(v))) throw new Error(`${field} must be a date like 2026-01-31 (got "${v}").`);
    return new Date(`${v}T${end ? '23:59:59.999' : '00:00:00.000'}Z`).toISOString();
  };
  if (f.since) out.since = day(f.since, 'From', false);
  if (f.until) out.until = day(f.until, 'To', true);
  if (out.since && out.until && out.since > out.until) throw new Error('"From" is after "To".');
  return out;
}

/** Sums cost per UTC day, oldest first (unknown costs are left out and counted). */
export function costPerDay(points: ChartData['points']): { day: string; usd: number; unknown: number }[] {
  const days = new Map<string, { usd: number; unknown: number }>();
  for (const p of points) {
    const day = p.at.slice(0, 10);
    const d = days.get(day) ?? { usd: 0, unknown: 0 };
    if (p.costUsd === null) d.unknown++;
    else d.usd += p.costUsd;
    days.set(day, d);
  }
  return [...days].sort(([a], [b]) => a.localeCompare(b)).map(([day, d]) => ({ day, ...d }));
}

/** Share of executions answered from the cache. */
export function cacheHitRate(versions: VersionMetricsInfo[]): number | null {
  const count = versions.reduce((s, v) => s + v.count, 0);
  return count ? versions.reduce((s, v) => s + v.fromCacheCount, 0) / count : null;
}
