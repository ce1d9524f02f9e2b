// Applies the drizzle-kit migrations shipped in drizzle/<dialect>/ at start. Our own small runner around
// drizzle's reader, because several daemons may start at once on one database: SQLite takes the write
// lock first (BEGIN IMMEDIATE) and PostgreSQL an advisory transaction lock, so exactly one applies each
// migration and the others see it applied.
import { readMigrationFiles, type MigrationMeta } from 'drizzle-orm/migrator';
import { resourcePath } from '../util/paths.js';
import type { DbHandle, PgHandle, SqliteHandle } from './handles.js';

const TABLE = '__codetune_migrations';
// arbitrary constant shared by every CodeTune daemon: "CTMIGRAT"
const PG_LOCK_KEY = 0x43544d49;

export function migrationsFolder(dialect: DbHandle['dialect']): string {
  return resourcePath('drizzle', dialect === 'sqlite' ? 'sqlite' : 'postgres');
}

export interface MigrationReport {
  applied: number;
  total: number;
}

export async function migrate(h: DbHandle): Promise<MigrationReport> {
  const migrations = readMigrationFiles({ migrationsFolder: migrationsFolder(h.dialect) });
  return h.dialect === 'sqlite' ? migrateSqlite(h, migrations) : migratePg(h, migrations);
}

function migrateSqlite(h: SqliteHandle, migrations: MigrationMeta[]): MigrationReport {
  const db = h.raw;
  db.exec(`create table if not exists ${TABLE} (id integer primary key autoincrement, hash text not null, created_at integer not null, applied_at integer not null)`);
  const run = db.transaction(() => {
    const last = db.prepare(`select max(created_at) as m from ${TABLE}`).get() as { m: number | null };
    let applied = 0;
    for (const m of migrations) {
      if (last.m !== null && m.folderMillis <= last.m) continue;
      for (const stmt of m.sql) if (stmt.trim()) db.exec(stmt);
      db.prepare(`insert into ${TABLE} (hash, created_at, applied_at) values (?, ?, ?)`).run(m.hash, m.folderMillis, Date.now());
      applied++;
    }
    return applied;
  });
  // foreign keys cannot be toggled inside a transaction; migrations that rebuild tables need them off
  db.pragma('foreign_keys = OFF');
  try {
    return { applied: run.immediate(), total: migrations.length };
  } finally {
    db.pragma('foreign_keys = ON');
  }
}

async function migratePg(h: PgHandle, migrations: MigrationMeta[]): Promise<MigrationReport> {
  let applied = 0;
  await h.sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(${PG_LOCK_KEY})`;
    await tx.unsafe(`create table if not exists ${TABLE} (id serial primary key, hash text not null, created_at bigint not null, applied_at bigint not null)`);
    const [row] = await tx.unsafe<{ m: string | null }[]>(`select max(created_at) as m from ${TABLE}`);
    const last = row?.m == null ? null : Number(row.m);
    for (const m of migrations) {
      if (last !== null && m.folderMillis <= last) continue;
      for (const stmt of m.sql) if (stmt.trim()) await tx.unsafe(stmt);
      await tx.unsafe(`insert into ${TABLE} (hash, created_at, applied_at) values ($1, $2, $3)`, [m.hash, m.folderMillis, Date.now()]);
      applied++;
    }
  });
  return { applied, total: migrations.length };
}
