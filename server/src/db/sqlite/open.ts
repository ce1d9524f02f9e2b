// SQLite: WAL so readers never block the writer and several daemons (one per VS Code window) can share the
// file; synchronous=NORMAL is durable across process crashes in WAL mode (only an OS crash can lose the
// last transactions); busy_timeout turns lock contention between processes into a short wait instead of
// SQLITE_BUSY; foreign keys are off by default in SQLite and must be switched on per connection.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { UserError, errorMessage } from '../../util/errors.js';
import * as schema from '../schema/sqlite.js';
import type { SqliteHandle } from '../handles.js';

export const SQLITE_BUSY_TIMEOUT_MS = 5000;

export function openSqlite(path: string): SqliteHandle {
  let raw: Database.Database;
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    raw = new Database(path, { timeout: SQLITE_BUSY_TIMEOUT_MS });
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = NORMAL');
    raw.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
    raw.pragma('foreign_keys = ON');
    // a corrupt or non-database file fails here rather than at the first query
    raw.prepare('select count(*) from sqlite_master').get();
  } catch (e) {
    throw new UserError('database_unavailable', `Cannot open the SQLite database ${path}: ${errorMessage(e)}.`, {
      hint: 'Check the path and its permissions, or pass another one with --database.',
      cause: e,
    });
  }
  return { dialect: 'sqlite', db: drizzle({ client: raw, schema }), raw, path };
}
