// Dialect-independent helpers of the prompt repositories: search-query tokenizing, conflict detection and
// the SQL of the counters an execution updates.
import { sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { UserError } from '../../../util/errors.js';

/**
 * Words of a full-text query: lower-cased runs of letters and digits, the same split both indexes apply to
 * the documents. Every word must match, as a prefix ("sec" finds "security"). At most 16 words.
 */
export function searchTerms(q: string | undefined): string[] {
  if (!q) return [];
  return [...new Set(q.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean))].slice(0, 16);
}

export function fts5Query(terms: string[]): string {
  // terms hold only letters and digits, so quoting them needs no escaping
  return terms.map((t) => `"${t}"*`).join(' ');
}

export function tsQuery(terms: string[]): string {
  return terms.map((t) => `${t}:*`).join(' & ');
}

/** Walks an error and its causes (drivers wrap each other) for a unique-constraint violation. */
export function isUniqueViolation(e: unknown): boolean {
  for (let cur: unknown = e, depth = 0; cur && depth < 5; depth++) {
    const code = (cur as { code?: unknown }).code;
    if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505') return true;
    cur = (cur as { cause?: unknown }).cause;
  }
  return false;
}

export function nameTaken(name: string): UserError {
  return new UserError('conflict', `A prompt named '${name}' already exists.`, {
    hint: 'Choose another name, or edit the existing prompt.',
    details: { field: 'name', name },
  });
}

/**
 * SET clauses of the running counters an execution updates. Both dialects evaluate every right-hand side
 * against the row's old values, and the row is locked by the UPDATE, so concurrent executions lose no
 * count. The two numbers are inlined as literals: they are produced here (0/1 and a non-negative integer),
 * never taken from text.
 */
export function counterUpdates(
  cols: { count: AnyColumn; rate: AnyColumn; avg: AnyColumn },
  success: boolean,
  ms: number,
): { count: SQL; rate: SQL; avg: SQL } {
  const s = sql.raw(success ? '1.0' : '0.0');
  const t = sql.raw(String(Math.max(0, Math.round(Number.isFinite(ms) ? ms : 0))));
  return {
    rate: sql`(${cols.rate} * ${cols.count} + ${s}) / (${cols.count} + 1)`,
    avg: sql`(${cols.avg} * ${cols.count} + ${t}) / (${cols.count} + 1)`,
    count: sql`${cols.count} + 1`,
  };
}
