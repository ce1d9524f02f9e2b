// PostgreSQL implementation of the model_cache repository.
import { and, eq, gt, lt, or, sql, type SQL } from 'drizzle-orm';
import * as pg from '../../schema/pg.js';
import type { PgHandle } from '../../handles.js';
import type { CachePut, CacheRepository } from './types.js';

const C = pg.modelCache;

function row(e: CachePut) {
  return { ...e, sizeBytes: Buffer.byteLength(e.response), isValid: true, accessCount: 0, lastAccessedAt: new Date() };
}

export function pgCache(h: PgHandle): CacheRepository {
  const db = h.db;
  return {
    async get(k, now) {
      const [r] = await db
        .select()
        .from(C)
        .where(and(eq(C.modelName, k.modelName), eq(C.promptHash, k.promptHash), eq(C.parametersHash, k.parametersHash), eq(C.isValid, true), gt(C.expiresAt, now)));
      return r;
    },
    async put(e) {
      await db
        .insert(C)
        .values(row(e))
        .onConflictDoUpdate({
          target: [C.modelName, C.promptHash, C.parametersHash],
          set: { response: e.response, promptId: e.promptId, tokensUsed: e.tokensUsed, sizeBytes: Buffer.byteLength(e.response), isValid: true, accessCount: 0, lastAccessedAt: new Date(), expiresAt: e.expiresAt },
        });
    },
    async putMany(entries) {
      return db.transaction(async (tx) => {
        let n = 0;
        for (let i = 0; i < entries.length; i += 2000) n += (await tx.insert(C).values(entries.slice(i, i + 2000).map(row)).onConflictDoNothing()).count;
        return n;
      });
    },
    async recordAccess(batch) {
      if (!batch.length) return;
      await db.transaction(async (tx) => {
        for (const a of batch) {
          await tx
            .update(C)
            .set({ accessCount: sql`${C.accessCount} + ${a.hits}`, lastAccessedAt: sql`greatest(${C.lastAccessedAt}, ${a.at.toISOString()}::timestamptz)` })
            .where(and(eq(C.modelName, a.modelName), eq(C.promptHash, a.promptHash), eq(C.parametersHash, a.parametersHash)));
        }
      });
    },
    async invalidate(f) {
      const c: SQL[] = [eq(C.isValid, true)];
      if (f.modelName !== undefined) c.push(eq(C.modelName, f.modelName));
      if (f.promptId !== undefined) c.push(eq(C.promptId, f.promptId));
      return (await db.update(C).set({ isValid: false }).where(and(...c))).count;
    },
    async purgeExpired(now) {
      return (await db.delete(C).where(or(eq(C.isValid, false), lt(C.expiresAt, now)))).count;
    },
    async evict({ maxEntries, maxBytes }) {
      return db.transaction(async (tx) => {
        let n = 0;
        if (maxEntries !== undefined) {
          n += (await tx.execute(sql`delete from model_cache where id in (select id from model_cache order by last_accessed_at desc, id desc offset ${maxEntries})`)).count;
        }
        if (maxBytes !== undefined) {
          // delete the oldest entries whose running total (oldest first) is needed to get under the cap
          n += (
            await tx.execute(sql`
              with t as (select coalesce(sum(size_bytes), 0) as total from model_cache),
                   r as (select id, sum(size_bytes) over (order by last_accessed_at asc, id asc) - size_bytes as before from model_cache)
              delete from model_cache where id in (select r.id from r, t where t.total - r.before > ${maxBytes})`)
          ).count;
        }
        return n;
      });
    },
    async totals() {
      const [r] = await db.select({ entries: sql<number>`count(*)::int`, bytes: sql<number>`coalesce(sum(${C.sizeBytes}), 0)::bigint` }).from(C).where(eq(C.isValid, true));
      return { entries: r?.entries ?? 0, bytes: Number(r?.bytes ?? 0) };
    },
  };
}
