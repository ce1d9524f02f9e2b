// SQLite implementation of the model_cache repository.
import { and, eq, gt, lt, or, sql, type SQL } from 'drizzle-orm';
import * as lite from '../../schema/sqlite.js';
import type { SqliteHandle } from '../../handles.js';
import type { CachePut, CacheRepository } from './types.js';

const C = lite.modelCache;

function row(e: CachePut) {
  return { ...e, sizeBytes: Buffer.byteLength(e.response), isValid: true, accessCount: 0, lastAccessedAt: new Date() };
}

export function sqliteCache(h: SqliteHandle): CacheRepository {
  const db = h.db;
  const tx = <T>(fn: () => T): T => h.raw.transaction(fn).immediate();
  const getStmt = db
    .select()
    .from(C)
    .where(
      and(
        eq(C.modelName, sql.placeholder('m')),
        eq(C.promptHash, sql.placeholder('p')),
        eq(C.parametersHash, sql.placeholder('q')),
        eq(C.isValid, true),
        gt(C.expiresAt, sql.placeholder('now')),
      ),
    )
    .prepare();
  const accessStmt = h.raw.prepare(
    'update model_cache set access_count = access_count + ?, last_accessed_at = max(last_accessed_at, ?) where model_name = ? and prompt_hash = ? and parameters_hash = ?',
  );
  const upsert = (e: CachePut) =>
    db
      .insert(C)
      .values(row(e))
      .onConflictDoUpdate({
        target: [C.modelName, C.promptHash, C.parametersHash],
        set: { response: e.response, promptId: e.promptId, tokensUsed: e.tokensUsed, sizeBytes: Buffer.byteLength(e.response), isValid: true, accessCount: 0, lastAccessedAt: new Date(), expiresAt: e.expiresAt },
      })
      .run();

  return {
    async get(k, now) {
      return getStmt.get({ m: k.modelName, p: k.promptHash, q: k.parametersHash, now: now.getTime() });
    },
    async put(e) {
      upsert(e);
    },
    async putMany(entries) {
      return tx(() => {
        let n = 0;
        for (let i = 0; i < entries.length; i += 1000) n += db.insert(C).values(entries.slice(i, i + 1000).map(row)).onConflictDoNothing().run().changes;
        return n;
      });
    },
    async recordAccess(batch) {
      if (!batch.length) return;
      tx(() => {
        for (const a of batch) accessStmt.run(a.hits, a.at.getTime(), a.modelName, a.promptHash, a.parametersHash);
      });
    },
    async invalidate(f) {
      const c: SQL[] = [eq(C.isValid, true)];
      if (f.modelName !== undefined) c.push(eq(C.modelName, f.modelName));
      if (f.promptId !== undefined) c.push(eq(C.promptId, f.promptId));
      return db.update(C).set({ isValid: false }).where(and(...c)).run().changes;
    },
    async purgeExpired(now) {
      return db.delete(C).where(or(eq(C.isValid, false), lt(C.expiresAt, now))).run().changes;
    },
    async evict({ maxEntries, maxBytes }) {
      return tx(() => {
        let n = 0;
        if (maxEntries !== undefined) {
          // everything older (by last access) than the maxEntries-th most recent goes
          n += h.raw
            .prepare('delete from model_cache where id in (select id from model_cache order by last_accessed_at desc, id desc limit -1 offset ?)')
            .run(maxEntries).changes;
        }
        if (maxBytes !== undefined) {
          // a row goes when, with every older row deleted, the total would still exceed the cap
          n += h.raw
            .prepare(
              `delete from model_cache where id in (
                 select r.id from (select id, sum(size_bytes) over (order by last_accessed_at asc, id asc) - size_bytes as before from model_cache) r,
                                  (select coalesce(sum(size_bytes), 0) as total from model_cache) t
                 where t.total - r.before > ?)`,
            )
            .run(maxBytes).changes;
        }
        return n;
      });
    },
    async totals() {
      const r = db.select({ entries: sql<number>`count(*)`, bytes: sql<number>`coalesce(sum(${C.sizeBytes}), 0)` }).from(C).where(eq(C.isValid, true)).get();
      return { entries: r?.entries ?? 0, bytes: r?.bytes ?? 0 };
    },
  };
}
