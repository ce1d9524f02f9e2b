// SQLite implementation of the training repository.
import { and, asc, eq, gt } from 'drizzle-orm';
import * as lite from '../../schema/sqlite.js';
import type { SqliteHandle } from '../../handles.js';
import { UserError } from '../../../util/errors.js';
import type { TrainingRepository } from './types.js';

const T = lite.trainingConfig;
const M = lite.trainingMetric;

/** drizzle wraps driver errors; the code may sit a few causes deep */
export function isUniqueViolation(e: unknown): boolean {
  for (let cur: unknown = e, depth = 0; cur && depth < 5; depth++) {
    const code = (cur as { code?: unknown }).code;
    if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === '23505') return true;
    cur = (cur as { cause?: unknown }).cause;
  }
  return false;
}

export function nameTaken(name: string): UserError {
  return new UserError('conflict', `A training config named "${name}" already exists.`, { hint: 'Choose another name.' });
}

export function sqliteTraining(h: SqliteHandle): TrainingRepository {
  const db = h.db;
  return {
    async createConfig(c) {
      try {
        return db.insert(T).values(c).returning().get();
      } catch (e) {
        if (isUniqueViolation(e)) throw nameTaken(c.name);
        throw e;
      }
    },
    async getConfig(id) {
      return db.select().from(T).where(eq(T.id, id)).get();
    },
    async setStatus(id, status) {
      return db.update(T).set({ status, updatedAt: new Date() }).where(eq(T.id, id)).returning().get();
    },
    async addMetrics(configId, rows) {
      return h.raw
        .transaction(() => {
          if (!db.select({ id: T.id }).from(T).where(eq(T.id, configId)).get()) return undefined;
          if (!rows.length) return 0;
          return db.insert(M).values(rows.map((r) => ({ ...r, configId }))).run().changes;
        })
        .immediate();
    },
    async metrics(configId, opts = {}) {
      const c = [eq(M.configId, configId)];
      if (opts.sinceStep !== undefined) c.push(gt(M.step, opts.sinceStep));
      return db.select().from(M).where(and(...c)).orderBy(asc(M.step), asc(M.id)).limit(opts.limit ?? 10000).all();
    },
  };
}
