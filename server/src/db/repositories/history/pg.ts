// PostgreSQL implementation of the history repository (postgres.js through drizzle).
import { and, desc, eq, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import * as pg from '../../schema/pg.js';
import type { PgHandle } from '../../handles.js';
import { type HistoryFilter, type HistoryRepository, type VersionMetrics } from './types.js';
import { historyConditions } from './filters.js';

const X = pg.executionHistory;
const P = pg.promptLibrary;

const conditions = (f: HistoryFilter): SQL[] => historyConditions(X, f);

export function pgHistory(h: PgHandle): HistoryRepository {
  const db = h.db;
  return {
    async insert(row) {
      const [r] = await db.insert(X).values(row).returning();
      return r!;
    },
    async insertMany(rows) {
      if (!rows.length) return 0;
      return db.transaction(async (tx) => {
        let n = 0;
        // postgres caps bound parameters at 65535; ~30 columns a row → 1000 rows a statement
        for (let i = 0; i < rows.length; i += 1000) {
          const r = await tx.insert(X).values(rows.slice(i, i + 1000));
          n += r.count;
        }
        return n;
      });
    },
    async get(id) {
      const [r] = await db.select().from(X).where(eq(X.id, id));
      return r;
    },
    async list(f, page) {
      const c = conditions(f);
      // time-bounded lists walk the created_at index (newest first); the others walk ids, which grow
      // with time, so "newest first" never needs a sort either way
      const byTime = f.since !== undefined || f.until !== undefined;
      if (page.before !== undefined) {
        if (byTime) {
          const [edge] = await db.select({ at: X.createdAt }).from(X).where(eq(X.id, page.before));
          // the range term first: an OR alone would keep the planner off the created_at index
          if (edge) c.push(lte(X.createdAt, edge.at), or(lt(X.createdAt, edge.at), lt(X.id, page.before))!);
          else c.push(lt(X.id, page.before));
        } else c.push(lt(X.id, page.before));
      }
      const rows = await db
        .select()
        .from(X)
        .where(c.length ? and(...c) : undefined)
        .orderBy(...(byTime ? [desc(X.createdAt), desc(X.id)] : [desc(X.id)]))
        .limit(page.limit + 1);
      const more = rows.length > page.limit;
      const items = more ? rows.slice(0, page.limit) : rows;
      return { items, nextCursor: more ? items[items.length - 1]!.id : null };
    },
    async setFeedback(id, rating, text) {
      return db.transaction(async (tx) => {
        const [row] = await tx.update(X).set({ rating, feedback: text }).where(eq(X.id, id)).returning();
        if (row?.promptId != null) {
          await tx
            .update(P)
            .set({ avgRating: sql`(select avg(${X.rating}) from ${X} where ${X.promptId} = ${row.promptId} and ${X.rating} is not null)` })
            .where(eq(P.id, row.promptId));
        }
        return row;
      });
    },
    async versionMetrics(f) {
      const c = conditions(f);
      const groups = await db
        .select({
          promptId: X.promptId,
          versionId: X.versionId,
          count: sql<number>`count(*)::int`,
          successCount: sql<number>`count(*) filter (where ${X.success})::int`,
          meanLatencyMs: sql<number>`coalesce(avg(${X.executionTimeMs}), 0)::float8`,
          // percentile_disc = the value at rank ceil(0.95·n), the same definition as SQLite's p95Offset
          p95LatencyMs: sql<number>`coalesce(percentile_disc(0.95) within group (order by ${X.executionTimeMs}), 0)::int`,
          tokensInput: sql<number>`coalesce(sum(${X.tokensInput}), 0)::bigint`,
          tokensOutput: sql<number>`coalesce(sum(${X.tokensOutput}), 0)::bigint`,
          costMicros: sql<number>`coalesce(sum(${X.estimatedCostMicros}), 0)::bigint`,
          unknownCostCount: sql<number>`count(*) filter (where ${X.estimatedCostMicros} is null)::int`,
          fromCacheCount: sql<number>`count(*) filter (where ${X.fromCache})::int`,
          meanRating: sql<number | null>`avg(${X.rating})::float8`,
          ratingCount: sql<number>`count(${X.rating})::int`,
        })
        .from(X)
        .where(c.length ? and(...c) : undefined)
        .groupBy(X.promptId, X.versionId);
      return groups.map(
        (g): VersionMetrics => ({
          ...g,
          tokensInput: Number(g.tokensInput),
          tokensOutput: Number(g.tokensOutput),
          costMicros: Number(g.costMicros),
          successRate: g.count ? g.successCount / g.count : 0,
        }),
      );
    },
    async purge({ before, maxRows }) {
      return db.transaction(async (tx) => {
        let n = 0;
        if (before) n += (await tx.delete(X).where(lt(X.createdAt, before))).count;
        if (maxRows !== undefined) {
          const [edge] = await tx.select({ id: X.id }).from(X).orderBy(desc(X.id)).limit(1).offset(maxRows);
          if (edge) n += (await tx.delete(X).where(lte(X.id, edge.id))).count;
        }
        return n;
      });
    },
    async count() {
      const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(X);
      return r?.n ?? 0;
    },
  };
}
