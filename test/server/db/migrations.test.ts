// Migrations applied on an empty database of each dialect produce exactly the schema the Drizzle files
// declare: every table, column, unique constraint and index, with the same names on both dialects.
import assert from 'node:assert/strict';
import { getTableConfig as liteConfig, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import { getTableConfig as pgConfig, type PgTable } from 'drizzle-orm/pg-core';
import { getTableName, is, Table } from 'drizzle-orm';
import Database from 'better-sqlite3';
import postgres from 'postgres';
import * as lite from '../../../server/src/db/schema/sqlite.js';
import * as pg from '../../../server/src/db/schema/pg.js';
import { openRepositories } from '../../../server/src/db/open.js';
import { DIALECTS, freshDatabase } from '../../support/db.js';

const liteTables = (Object.values(lite) as unknown[]).filter((t): t is SQLiteTable => is(t, Table)).map((t) => liteConfig(t));
const pgTables = (Object.values(pg) as unknown[]).filter((t): t is PgTable => is(t, Table)).map((t) => pgConfig(t));

interface Shape {
  tables: Map<string, string[]>;
  indexes: Set<string>;
}

function declared(kind: 'sqlite' | 'postgres'): Shape {
  const tables = new Map<string, string[]>();
  const indexes = new Set<string>();
  for (const t of kind === 'sqlite' ? liteTables : pgTables) {
    tables.set(t.name, t.columns.map((c) => c.name).sort());
    for (const i of t.indexes) indexes.add(i.config.name!);
  }
  return { tables, indexes };
}

async function actual(kind: 'sqlite' | 'postgres', location: string): Promise<Shape> {
  const tables = new Map<string, string[]>();
  const indexes = new Set<string>();
  if (kind === 'sqlite') {
    const db = new Database(location, { readonly: true });
    const names = db.prepare(`select name from sqlite_master where type='table' and name not like 'sqlite_%' and name not like '\\_\\_%' escape '\\' and sql not like 'CREATE VIRTUAL%'`).all() as { name: string }[];
    for (const { name } of names) {
      if (/_fts(_|$)/.test(name)) continue; // FTS5 shadow tables belong to the full-text index
      tables.set(name, (db.prepare(`select name from pragma_table_info(?)`).all(name) as { name: string }[]).map((r) => r.name).sort());
    }
    for (const { name } of db.prepare(`select name from sqlite_master where type='index' and name not like 'sqlite_autoindex%'`).all() as { name: string }[]) indexes.add(name);
    db.close();
  } else {
    const sql = postgres(location, { max: 1, onnotice: () => {} });
    const cols = await sql<{ table_name: string; column_name: string }[]>`
      select table_name, column_name from information_schema.columns
      where table_schema = 'public' and table_name not like '\\_\\_%'`;
    for (const c of cols) tables.set(c.table_name, [...(tables.get(c.table_name) ?? []), c.column_name].sort());
    for (const r of await sql<{ indexname: string }[]>`select indexname from pg_indexes where schemaname = 'public' and indexname not like '%_pkey'`) indexes.add(r.indexname);
    await sql.end();
  }
  return { tables, indexes };
}

describe('migrations', function () {
  this.timeout(60000);
  for (const dialect of DIALECTS) {
    it(`create every declared table, column and index on an empty ${dialect} database, and re-running applies nothing`, async () => {
      const db = await freshDatabase(dialect);
      try {
        const repos = await openRepositories(db.target);
        await repos.close();
        const want = declared(dialect);
        const got = await actual(dialect, db.target.location);
        for (const [table, columns] of want.tables) {
          assert.deepEqual(got.tables.get(table), columns, `columns of ${table}`);
        }
        for (const name of want.indexes) assert.ok(got.indexes.has(name), `index ${name} exists`);
        // a second start sees every migration applied
        const again = await openRepositories(db.target);
        await again.close();
        assert.deepEqual((await actual(dialect, db.target.location)).tables, got.tables);
      } finally {
        await db.drop();
      }
    });
  }

  it('declares the same tables, columns and index names on both dialects', () => {
    const a = declared('sqlite');
    const b = declared('postgres');
    assert.deepEqual([...a.tables.entries()].sort(), [...b.tables.entries()].sort());
    assert.deepEqual([...a.indexes].sort(), [...b.indexes].sort());
  });

  it('has the seed\'s constraints: unique prompt name, unique version number per prompt, unique cache key, cascade to versions', () => {
    const find = (name: string) => liteTables.find((t) => t.name === name)!;
    const uniques = (name: string) => find(name).indexes.filter((i) => i.config.unique).map((i) => i.config.columns.map((c) => (c as { name: string }).name));
    assert.deepEqual(uniques('prompt_library'), [['name']]);
    assert.deepEqual(uniques('prompt_versions'), [['prompt_id', 'version_number']]);
    assert.deepEqual(uniques('model_cache'), [['model_name', 'prompt_hash', 'parameters_hash']]);
    const fk = find('prompt_versions').foreignKeys[0]!;
    assert.equal(fk.onDelete, 'cascade');
    assert.equal(getTableName(fk.reference().foreignTable), 'prompt_library');
  });
});
