// Suppression list on PostgreSQL.
import { and, asc, eq } from 'drizzle-orm';
import * as pg from '../../schema/pg.js';
import type { PgHandle } from '../../handles.js';
import type { NewSuppression, Suppression, SuppressionRepository } from './types.js';

export function pgSuppressions(h: PgHandle): SuppressionRepository {
  const t = pg.findingSuppressions;
  return {
    async list(workspace) {
      return (await h.db.select().from(t).where(eq(t.workspace, workspace)).orderBy(asc(t.id))) as Suppression[];
    },
    async add(s: NewSuppression) {
      const values = { workspace: s.workspace, fingerprint: s.fingerprint, ruleId: s.ruleId, filePath: s.filePath ?? '', reason: s.reason ?? '' };
      const [row] = await h.db
        .insert(t)
        .values(values)
        .onConflictDoUpdate({ target: [t.workspace, t.fingerprint], set: { reason: values.reason, ruleId: values.ruleId, filePath: values.filePath } })
        .returning();
      return row as Suppression;
    },
    async remove(workspace, fingerprint) {
      const rows = await h.db.delete(t).where(and(eq(t.workspace, workspace), eq(t.fingerprint, fingerprint))).returning({ id: t.id });
      return rows.length > 0;
    },
  };
}
