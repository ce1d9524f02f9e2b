import { asc, eq } from 'drizzle-orm';
import * as pg from '../../schema/pg.js';
import type { PgHandle } from '../../handles.js';
import { toPluginStateRecord as toRecord, type PluginStateRepository } from './types.js';


export function pgPluginState(h: PgHandle): PluginStateRepository {
  const t = pg.pluginState;
  return {
    async get(pluginId) {
      const [row] = await h.db.select().from(t).where(eq(t.pluginId, pluginId));
      return row ? toRecord(row) : undefined;
    },
    async list() {
      return (await h.db.select().from(t).orderBy(asc(t.pluginId))).map(toRecord);
    },
    async save(rec) {
      const values = { ...rec, updatedAt: new Date() };
      const [row] = await h.db.insert(t).values(values).onConflictDoUpdate({ target: t.pluginId, set: values }).returning();
      return toRecord(row!);
    },
    async remove(pluginId) {
      const rows = await h.db.delete(t).where(eq(t.pluginId, pluginId)).returning({ id: t.pluginId });
      return rows.length > 0;
    },
  };
}
