import { asc, eq } from 'drizzle-orm';
import * as pg from '../../schema/pg.js';
import type { PgHandle } from '../../handles.js';
import type { PluginStateRecord, PluginStateRepository } from './types.js';
import type { PluginStateName } from '../../../../../shared/src/protocol/plugins.js';

type Row = typeof pg.pluginState.$inferSelect;
const toRecord = (r: Row): PluginStateRecord => ({
  pluginId: r.pluginId,
  enabled: r.enabled,
  state: r.state as PluginStateName,
  errorMessage: r.errorMessage,
  settings: r.settings,
  updatedAt: r.updatedAt,
});

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
