// Several daemons (one per VS Code window) share one SQLite file: both migrate at once and write
// concurrently; WAL + busy_timeout must make every write land, with no SQLITE_BUSY surfacing.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';

function runWriter(file: string, prefix: string, count: number): Promise<{ errors: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/writer.ts', file, prefix, String(count)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d));
    child.stderr.on('data', (d: Buffer) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`writer ${prefix} exited ${code}: ${err}`));
      resolve({ errors: (JSON.parse(out.trim().split('\n').pop()!) as { errors: number }).errors, stderr: err });
    });
  });
}

describe('two daemon processes on one SQLite file', function () {
  this.timeout(120000);
  it('both migrate at once and every concurrent write lands', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'codetune-mp-'));
    const file = join(dir, 'shared.db');
    try {
      const [a, b] = await Promise.all([runWriter(file, 'a', 300), runWriter(file, 'b', 300)]);
      assert.equal(a.errors + b.errors, 0, a.stderr + b.stderr);
      const db = new Database(file, { readonly: true });
      const count = (db.prepare(`select count(*) as n from daemon_meta where key like 'a-%' or key like 'b-%'`).get() as { n: number }).n;
      const migrations = (db.prepare('select count(*) as n from __codetune_migrations').get() as { n: number }).n;
      const once = db.prepare(`select value from daemon_meta where key = 'shared-once'`).all();
      db.close();
      assert.equal(count, 600);
      assert.equal(once.length, 1);
      // each migration recorded once although two processes started together
      assert.ok(migrations >= 1);
      const files = new Database(file, { readonly: true });
      const dup = files.prepare('select hash, count(*) as n from __codetune_migrations group by hash having n > 1').all();
      files.close();
      assert.deepEqual(dup, []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('loses no committed write when a daemon is killed with SIGKILL mid-way', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'codetune-kill-'));
    const file = join(dir, 'killed.db');
    try {
      const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/writer.ts', file, 'k', '100000'], {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, WRITER_ECHO: '1' },
      });
      let out = '';
      await new Promise<void>((resolve) => {
        child.stdout.on('data', (d: Buffer) => {
          out += d;
          if ((out.match(/committed/g) ?? []).length >= 200 && !child.killed) {
            child.kill('SIGKILL');
            resolve();
          }
        });
      });
      await new Promise((r) => child.once('close', r));
      const acknowledged = [...out.matchAll(/committed (k-\d+)/g)].map((m) => m[1]!);
      const db = new Database(file);
      assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
      const present = new Set((db.prepare(`select key from daemon_meta where key like 'k-%'`).all() as { key: string }[]).map((r) => r.key));
      db.close();
      for (const key of acknowledged) assert.ok(present.has(key), `${key} was acknowledged but is missing`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
