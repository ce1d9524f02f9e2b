// Opens the database named by the resolved config, applies migrations and returns the repositories.
import type { DatabaseTarget } from '../config/load.js';
import type { Logger } from '../logger.js';
import { silentLogger } from '../logger.js';
import type { DbHandle } from './handles.js';
import { migrate } from './migrate.js';
import { openPostgres } from './pg/open.js';
import { openSqlite } from './sqlite/open.js';
import { pgMeta, sqliteMeta } from './repositories/meta.js';
import { pgSuppressions } from './repositories/suppressions/pg.js';
import { sqliteSuppressions } from './repositories/suppressions/sqlite.js';
import { pgPrompts } from './repositories/prompts/pg.js';
import { sqlitePrompts } from './repositories/prompts/sqlite.js';
import type { Repositories } from './repositories/types.js';
import { sqlitePluginState } from './repositories/plugins/sqlite.js';
import { pgPluginState } from './repositories/plugins/pg.js';
import { sqliteEmbeddings } from './repositories/embeddings/sqlite.js';
import { pgEmbeddings } from './repositories/embeddings/pg.js';
import { sqliteHistory } from './repositories/history/sqlite.js';
import { pgHistory } from './repositories/history/pg.js';
import { sqliteCache } from './repositories/cache/sqlite.js';
import { pgCache } from './repositories/cache/pg.js';
import { sqliteTraining } from './repositories/training/sqlite.js';
import { pgTraining } from './repositories/training/pg.js';

export type { Repositories };

export async function openRepositories(target: DatabaseTarget, log: Logger = silentLogger()): Promise<Repositories> {
  const started = performance.now();
  const handle: DbHandle = target.dialect === 'sqlite' ? openSqlite(target.location) : await openPostgres(target.location, target.display);
  try {
    const report = await migrate(handle);
    log.info({ dialect: target.dialect, database: target.display, ...report, ms: Math.round(performance.now() - started) }, 'database ready');
  } catch (e) {
    await closeHandle(handle);
    throw e;
  }
  return buildRepositories(handle, target.display);
}

type DomainRepositories = Omit<Repositories, 'dialect' | 'location' | 'ping' | 'close'>;

function domainRepositories(h: DbHandle): DomainRepositories {
  if (h.dialect === 'sqlite') {
    return {
      meta: sqliteMeta(h),
      suppressions: sqliteSuppressions(h),
      prompts: sqlitePrompts(h),
      plugins: sqlitePluginState(h),
      embeddings: sqliteEmbeddings(h),
      history: sqliteHistory(h),
      cache: sqliteCache(h),
      training: sqliteTraining(h),
    };
  }
  return {
    meta: pgMeta(h),
    suppressions: pgSuppressions(h),
    prompts: pgPrompts(h),
    plugins: pgPluginState(h),
    embeddings: pgEmbeddings(h),
    history: pgHistory(h),
    cache: pgCache(h),
    training: pgTraining(h),
  };
}

function buildRepositories(h: DbHandle, location: string): Repositories {
  let closed = false;
  const ping = h.dialect === 'sqlite' ? h.raw.prepare('select 1') : null;
  return {
    dialect: h.dialect,
    location,
    ...domainRepositories(h),
    async ping() {
      if (h.dialect === 'sqlite') ping!.get();
      else await h.sql`select 1`;
    },
    async close() {
      if (closed) return;
      closed = true;
      await closeHandle(h);
    },
  };
}

async function closeHandle(h: DbHandle): Promise<void> {
  if (h.dialect === 'sqlite') {
    // fold the WAL back into the main file so a copied .db is complete
    try {
      h.raw.pragma('wal_checkpoint(PASSIVE)');
    } catch {
      // another process may hold it; the WAL stays valid
    }
    h.raw.close();
  } else {
    await h.sql.end({ timeout: 5 });
  }
}
