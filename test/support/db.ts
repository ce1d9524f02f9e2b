// Runs a suite once per dialect with a fresh, migrated database per test: the repository contract suite.
//   forEachDialect('prompts', (get) => { it('…', async () => { const repos = get(); … }) })
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Dialect } from '../../shared/src/model/index.js';
import { parseDatabaseTarget, type DatabaseTarget } from '../../server/src/config/load.js';
import { openRepositories } from '../../server/src/db/open.js';
import type { Repositories } from '../../server/src/db/repositories/types.js';
import { freshPgDatabase } from './pg.js';

export const DIALECTS: Dialect[] = process.env.TEST_DIALECTS ? (process.env.TEST_DIALECTS.split(',') as Dialect[]) : ['sqlite', 'postgres'];

export interface TestDatabase {
  target: DatabaseTarget;
  /** for SQLite: the folder holding the file */
  dir?: string;
  drop(): Promise<void>;
}

export async function freshDatabase(dialect: Dialect): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'codetune-db-'));
    return { target: parseDatabaseTarget(join(dir, 'test.db'), dir), dir, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const pg = await freshPgDatabase();
  return { target: parseDatabaseTarget(pg.url, tmpdir()), drop: pg.drop };
}

export function forEachDialect(title: string, body: (repos: () => Repositories, dialect: Dialect) => void): void {
  for (const dialect of DIALECTS) {
    describe(`${title} [${dialect}]`, function () {
      this.timeout(60000);
      let db: TestDatabase | undefined;
      let repos: Repositories | undefined;
      beforeEach(async () => {
        db = await freshDatabase(dialect);
        repos = await openRepositories(db.target);
      });
      afterEach(async () => {
        await repos?.close();
        await db?.drop();
        repos = undefined;
      });
      body(() => {
        if (!repos) throw new Error('repositories are only available inside a test');
        return repos;
      }, dialect);
    });
  }
}
