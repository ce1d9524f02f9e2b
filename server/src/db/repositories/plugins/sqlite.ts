import { asc, eq, sql } from 'drizzle-orm';
import * as lite from '../../schema/sqlite.js';
import type { SqliteHandle } from '../../handles.js';
import { toPluginStateRecord as toRecord, type PluginStateRepository } from './types.js';


export function sqlitePluginState(h: SqliteHandle): PluginStateRepository {
  const t = lite.pluginState;
  // state changes on every activation and call failure: keep the hot statements prepared
  const getStmt = h.db.select().from(t).where(eq(t.pluginId, sql.placeholder('id'))).prepare();
  return {
    async get(pluginId) {
      const row = getStmt.get({ id: pluginId });
      return row ? toRecord(row) : undefined;
    },
    async list() {
      return h.db.select().from(t).orderBy(asc(t.pluginId)).all().map(toRecord);
    },
    async save(rec) {
      const values = { ...rec, updatedAt: new Date() };
      const row = h.db.insert(t).values(values).onConflictDoUpdate({ target: t.pluginId, set: values }).returning().get();
      return toRecord(row);
    },
    async remove(pluginId) {
      return h.db.delete(t).where(eq(t.pluginId, pluginId)).run().changes > 0;
    },
  };
}
