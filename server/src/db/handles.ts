// The two dialect handles. Only the db/ folder imports this; the rest of the daemon sees `Repositories`.
import type Database from 'better-sqlite3';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import type { Sql } from 'postgres';
import type * as liteSchema from './schema/sqlite.js';
import type * as pgSchema from './schema/pg.js';

export interface SqliteHandle {
  dialect: 'sqlite';
  db: BetterSQLite3Database<typeof liteSchema>;
  raw: Database.Database;
  path: string;
}

export interface PgHandle {
  dialect: 'postgres';
  db: PostgresJsDatabase<typeof pgSchema>;
  sql: Sql;
}

export type DbHandle = SqliteHandle | PgHandle;
