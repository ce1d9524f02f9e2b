// The WHERE terms of a history filter, for either dialect's execution_history table (same column names).
import { eq, gte, lte, type Column, type SQL } from 'drizzle-orm';
import type { HistoryFilter } from './types.js';

type HistoryColumns = Record<'promptId' | 'versionId' | 'modelUsed' | 'success' | 'fromCache' | 'sessionId' | 'userId' | 'createdAt', Column>;

export function historyConditions(X: HistoryColumns, f: HistoryFilter): SQL[] {
  const c: SQL[] = [];
  if (f.promptId !== undefined) c.push(eq(X.promptId, f.promptId));
  if (f.versionId !== undefined) c.push(eq(X.versionId, f.versionId));
  if (f.model !== undefined) c.push(eq(X.modelUsed, f.model));
  if (f.success !== undefined) c.push(eq(X.success, f.success));
  if (f.fromCache !== undefined) c.push(eq(X.fromCache, f.fromCache));
  if (f.sessionId !== undefined) c.push(eq(X.sessionId, f.sessionId));
  if (f.userId !== undefined) c.push(eq(X.userId, f.userId));
  if (f.since !== undefined) c.push(gte(X.createdAt, f.since));
  if (f.until !== undefined) c.push(lte(X.createdAt, f.until));
  return c;
}
