// SQLite implementation of the history repository (better-sqlite3, synchronous; prepared statements for
// the hot paths: insert and get).
import { and, desc, eq, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import * as lite from '../../schema/sqlite.js';
import type { SqliteHandle } from '../../handles.js';
import { p95Offset, type HistoryFilter, type HistoryRepository, type VersionMetrics } from './types.js';
import { historyConditions } from './filters.js';

const X = lite.executionHistory;
const P = lite.promptLibrary;

const conditions = (f: HistoryFilter): SQL[] => historyConditions(X, f);

export function sqliteHistory(h: SqliteHandle): HistoryRepository {
  const db = h.db;
  const tx = <T>(fn: () => T): T => h.raw.transaction(fn).immediate();
  const getStmt = db.select().from(X).where(eq(X.id, sql.placeholder('id'))).prepare();

  return {
    async insert(row) {
      return db.insert(X).values(row).returning().get();
    },
    async insertMany(rows) {
      if (!rows.length) return 0;
      return tx(() => {
        let n = 0;
        // SQLite caps bound parameters (32766); ~30 columns a row → 500 rows a statement
        for (let i = 0; i < rows.length; i += 500) n += db.insert(X).values(rows.slice(i, i + 500)).run().changes;
        return n;
      });
    },
    async get(id) {
      return getStmt.get({ id });
    },
    async list(f, page) {
      const c = conditions(f);
      // time-bounded lists walk the created_at index (newest first); the others walk ids, which grow
      // with time, so "newest first" never needs a sort either way
      const byTime = f.since !== undefined || f.until !== undefined;
      if (page.before !== undefined) {
        if (byTime) {
          const edge = db.select({ at: X.createdAt }).from(X).where(eq(X.id, page.before)).get();
          // the range term first: an OR alone would keep the planner off the created_at index
          if (edge) c.push(lte(X.createdAt, edge.at), or(lt(X.createdAt, edge.at), lt(X.id, page.before))!);
          else c.push(lt(X.id, page.before));
        } else c.push(lt(X.id, page.before));
      }
      const rows = db
        .select()
        .from(X)
        .where(c.length ? and(...c) : undefined)
        .orderBy(...(byTime ? [desc(X.createdAt), desc(X.id)] : [desc(X.id)]))
        .limit(page.limit + 1)
        .all();
      const more = rows.length > page.limit;
      const items = more ? rows.slice(0, page.limit) : rows;
      return { items, nextCursor: more ? items[items.length - 1]!.id : null };
    },
    async setFeedback(id, rating, text) {
      return tx(() => {
        const row = db.update(X).set({ rating, feedback: text }).where(eq(X.id, id)).returning().get();
        if (row?.promptId != null) {
          db.update(P)
            .set({ avgRating: sql`(select avg(${X.rating}) from ${X} where ${X.promptId} = ${row.promptId} and ${X.rating} is not null)` })
            .where(eq(P.id, row.promptId))
            .run();
        }
        return row;
      });
    },
    async versionMetrics(f) {
      const c = conditions(f);
      const where = c.length ? and(...c) : undefined;
      const groups = db
        .select({
          promptId: X.promptId,
          versionId: X.versionId,
          count: sql<number>`count(*)`,
          successCount: sql<number>`coalesce(sum(${X.success}), 0)`,
          meanLatencyMs: sql<number>`coalesce(avg(${X.executionTimeMs}), 0)`,
          tokensInput: sql<number>`coalesce(sum(${X.tokensInput}), 0)`,
          tokensOutput: sql<number>`coalesce(sum(${X.tokensOutput}), 0)`,
          costMicros: sql<number>`coalesce(sum(${X.estimatedCostMicros}), 0)`,
          unknownCostCount: sql<number>`sum(case when ${X.estimatedCostMicros} is null then 1 else 0 end)`,
          fromCacheCount: sql<number>`coalesce(sum(${X.fromCache}), 0)`,
          meanRating: sql<number | null>`avg(${X.rating})`,
          ratingCount: sql<number>`count(${X.rating})`,
        })
        .from(X)
        .where(where)
        .groupBy(X.promptId, X.versionId)
        .all();
      return groups.map((g): VersionMetrics => {
        const inGroup = and(...c, g.versionId === null ? isNull(X.versionId) : eq(X.versionId, g.versionId), g.promptId === null ? isNull(X.promptId) : eq(X.promptId, g.promptId));
        const p95 = db.select({ v: X.executionTimeMs }).from(X).where(inGroup).orderBy(X.executionTimeMs).limit(1).offset(p95Offset(g.count)).get();
        return { ...g, successRate: g.count ? g.successCount / g.count : 0, p95LatencyMs: p95?.v ?? 0 };
      });
    },
    async purge({ before, maxRows }) {
      return tx(() => {
        let n = 0;
        if (before) n += db.delete(X).where(lt(X.createdAt, before)).run().changes;
        if (maxRows !== undefined) {
          const edge = db.select({ id: X.id }).from(X).orderBy(desc(X.id)).limit(1).offset(maxRows).get();
          if (edge) n += db.delete(X).where(lte(X.id, edge.id)).run().changes;
        }
        return n;
      });
    },
    async count() {
      return db.select({ n: sql<number>`count(*)` }).from(X).get()?.n ?? 0;
    },
  };
}
