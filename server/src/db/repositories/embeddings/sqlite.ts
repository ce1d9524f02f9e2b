import { and, eq, notInArray, sql } from 'drizzle-orm';
import * as lite from '../../schema/sqlite.js';
import type { SqliteHandle } from '../../handles.js';
import type { EmbeddingOwnerType, EmbeddingRecord, EmbeddingsRepository } from './types.js';

export function sqliteEmbeddings(h: SqliteHandle): EmbeddingsRepository {
  const t = lite.embeddings;
  const listStmt = h.db
    .select({ ownerId: t.ownerId, model: t.model, contentHash: t.contentHash, vector: t.vector })
    .from(t)
    .where(and(eq(t.ownerType, sql.placeholder('ownerType')), eq(t.model, sql.placeholder('model'))))
    .prepare();
  return {
    async upsert(rec) {
      h.db
        .insert(t)
        .values(rec)
        .onConflictDoUpdate({ target: [t.ownerType, t.ownerId, t.model], set: { contentHash: rec.contentHash, vector: rec.vector, createdAt: new Date() } })
        .run();
    },
    async list(ownerType, model) {
      return listStmt.all({ ownerType, model }).map((r): EmbeddingRecord => ({ ownerType, ...r }));
    },
    async hashes(ownerType: EmbeddingOwnerType, model: string) {
      const rows = h.db.select({ id: t.ownerId, hash: t.contentHash }).from(t).where(and(eq(t.ownerType, ownerType), eq(t.model, model))).all();
      return new Map(rows.map((r) => [r.id, r.hash]));
    },
    async prune(ownerType, keepIds) {
      const where = keepIds.length ? and(eq(t.ownerType, ownerType), notInArray(t.ownerId, keepIds)) : eq(t.ownerType, ownerType);
      return h.db.delete(t).where(where).run().changes;
    },
  };
}
