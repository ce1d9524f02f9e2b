import { and, eq, notInArray } from 'drizzle-orm';
import * as pg from '../../schema/pg.js';
import type { PgHandle } from '../../handles.js';
import type { EmbeddingOwnerType, EmbeddingRecord, EmbeddingsRepository } from './types.js';

export function pgEmbeddings(h: PgHandle): EmbeddingsRepository {
  const t = pg.embeddings;
  return {
    async upsert(rec) {
      await h.db
        .insert(t)
        .values(rec)
        .onConflictDoUpdate({ target: [t.ownerType, t.ownerId, t.model], set: { contentHash: rec.contentHash, vector: rec.vector, createdAt: new Date() } });
    },
    async list(ownerType, model) {
      const rows = await h.db
        .select({ ownerId: t.ownerId, model: t.model, contentHash: t.contentHash, vector: t.vector })
        .from(t)
        .where(and(eq(t.ownerType, ownerType), eq(t.model, model)));
      return rows.map((r): EmbeddingRecord => ({ ownerType, ...r }));
    },
    async hashes(ownerType: EmbeddingOwnerType, model: string) {
      const rows = await h.db.select({ id: t.ownerId, hash: t.contentHash }).from(t).where(and(eq(t.ownerType, ownerType), eq(t.model, model)));
      return new Map(rows.map((r) => [r.id, r.hash]));
    },
    async prune(ownerType, keepIds) {
      const where = keepIds.length ? and(eq(t.ownerType, ownerType), notInArray(t.ownerId, keepIds)) : eq(t.ownerType, ownerType);
      const rows = await h.db.delete(t).where(where).returning({ id: t.id });
      return rows.length;
    },
  };
}
