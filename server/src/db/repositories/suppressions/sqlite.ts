// Suppression list on SQLite (synchronous better-sqlite3 behind the async interface).
import { and, asc, eq, sql } from 'drizzle-orm';
import * as lite from '../../schema/sqlite.js';
import type { SqliteHandle } from '../../handles.js';
import type { NewSuppression, Suppression, SuppressionRepository } from './types.js';

export function sqliteSuppressions(h: SqliteHandle): SuppressionRepository {
  const t = lite.findingSuppressions;
  const listStmt = h.db.select().from(t).where(eq(t.workspace, sql.placeholder('workspace'))).orderBy(asc(t.id)).prepare();
  return {
    async list(workspace) {
      return listStmt.all({ workspace }) as Suppression[];
    },
    async add(s: NewSuppression) {
      const values = { workspace: s.workspace, fingerprint: s.fingerprint, ruleId: s.ruleId, filePath: s.filePath ?? '', reason: s.reason ?? '' };
      const row = h.db
        .insert(t)
        .values(values)
        .onConflictDoUpdate({ target: [t.workspace, t.fingerprint], set: { reason: values.reason, ruleId: values.ruleId, filePath: values.filePath } })
        .returning()
        .get();
      return row as Suppression;
    },
    async remove(workspace, fingerprint) {
      return h.db.delete(t).where(and(eq(t.workspace, workspace), eq(t.fingerprint, fingerprint))).run().changes > 0;
    },
  };
}
