// Small key/value facts about this database (for example whether the starter library was loaded).
import { eq, sql } from 'drizzle-orm';
import * as lite from '../schema/sqlite.js';
import * as pg from '../schema/pg.js';
import type { PgHandle, SqliteHandle } from '../handles.js';

export interface MetaRepository {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
  /** sets the key only if absent; true when this call set it (exactly one caller wins across processes) */
  setIfAbsent(key: string, value: string): Promise<boolean>;
}

export function sqliteMeta(h: SqliteHandle): MetaRepository {
  const t = lite.daemonMeta;
  const getStmt = h.db.select({ value: t.value }).from(t).where(eq(t.key, sql.placeholder('key'))).prepare();
  return {
    async get(key) {
      return getStmt.get({ key })?.value;
    },
    async set(key, value) {
      h.db.insert(t).values({ key, value }).onConflictDoUpdate({ target: t.key, set: { value, updatedAt: new Date() } }).run();
    },
    async setIfAbsent(key, value) {
      return h.db.insert(t).values({ key, value }).onConflictDoNothing().run().changes === 1;
    },
  };
}

export function pgMeta(h: PgHandle): MetaRepository {
  const t = pg.daemonMeta;
  return {
    async get(key) {
      const [row] = await h.db.select({ value: t.value }).from(t).where(eq(t.key, key));
      return row?.value;
    },
    async set(key, value) {
      await h.db.insert(t).values({ key, value }).onConflictDoUpdate({ target: t.key, set: { value, updatedAt: new Date() } });
    },
    async setIfAbsent(key, value) {
      const rows = await h.db.insert(t).values({ key, value }).onConflictDoNothing().returning({ key: t.key });
      return rows.length === 1;
    },
  };
}
