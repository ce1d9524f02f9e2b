// PostgreSQL through postgres.js with a small pool. Connection failures are turned into one clear message
// that names the host (never the password) and what to check.
import postgres from 'postgres';
import { drizzle } from 'drizzle-orm/postgres-js';
import { UserError, errorMessage } from '../../util/errors.js';
import * as schema from '../schema/pg.js';
import type { PgHandle } from '../handles.js';

export interface PgOptions {
  max?: number;
  connectTimeoutSeconds?: number;
}

export async function openPostgres(url: string, display: string, opts: PgOptions = {}): Promise<PgHandle> {
  const sql = postgres(url, {
    max: opts.max ?? 10,
    connect_timeout: opts.connectTimeoutSeconds ?? 10,
    idle_timeout: 30,
    onnotice: () => {},
  });
  try {
    await sql`select 1`;
  } catch (e) {
    await sql.end({ timeout: 1 }).catch(() => {});
    const code = (e as { code?: string }).code;
    const why = code === 'ECONNREFUSED' ? 'connection refused' : code === 'ENOTFOUND' ? 'host not found' : errorMessage(e);
    throw new UserError('database_unavailable', `Cannot connect to PostgreSQL at ${display}: ${why}.`, {
      hint: 'Check that the server is running and that --database / DATABASE_URL is right.',
      cause: e,
    });
  }
  return { dialect: 'postgres', db: drizzle({ client: sql, schema }), sql };
}
