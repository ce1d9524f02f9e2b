// PostgreSQL implementation of the training repository.
import { and, asc, eq, gt } from 'drizzle-orm';
import * as pg from '../../schema/pg.js';
import type { PgHandle } from '../../handles.js';
import { isUniqueViolation, nameTaken } from './sqlite.js';
import type { TrainingRepository } from './types.js';

const T = pg.trainingConfig;
const M = pg.trainingMetric;

export function pgTraining(h: PgHandle): TrainingRepository {
  const db = h.db;
  return {
    async createConfig(c) {
      try {
        const [r] = await db.insert(T).values(c).returning();
        return r!;
      } catch (e) {
        if (isUniqueViolation(e)) throw nameTaken(c.name);
        throw e;
      }
    },
    async getConfig(id) {
      const [r] = await db.select().from(T).where(eq(T.id, id));
      return r;
    },
    async setStatus(id, status) {
      const [r] = await db.update(T).set({ status, updatedAt: new Date() }).where(eq(T.id, id)).returning();
      return r;
    },
    async addMetrics(configId, rows) {
      return db.transaction(async (tx) => {
        const [cfg] = await tx.select({ id: T.id }).from(T).where(eq(T.id, configId)).for('share');
        if (!cfg) return undefined;
        if (!rows.length) return 0;
        return (await tx.insert(M).values(rows.map((r) => ({ ...r, configId })))).count;
      });
    },
    async metrics(configId, opts = {}) {
      const c = [eq(M.configId, configId)];
      if (opts.sinceStep !== undefined) c.push(gt(M.step, opts.sinceStep));
      return db.select().from(M).where(and(...c)).orderBy(asc(M.step), asc(M.id)).limit(opts.limit ?? 10000);
    },
  };
}
