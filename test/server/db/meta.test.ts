// Contract of the meta repository, and of the SQLite settings the daemon depends on.
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { forEachDialect } from '../../support/db.js';

forEachDialect('meta repository', (repos, dialect) => {
  it('stores, overwrites and reads values', async () => {
    assert.equal(await repos().meta.get('k'), undefined);
    await repos().meta.set('k', 'one');
    await repos().meta.set('k', 'two');
    assert.equal(await repos().meta.get('k'), 'two');
  });

  it('setIfAbsent lets exactly one of many concurrent callers win', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => repos().meta.setIfAbsent('once', String(i))));
    assert.equal(results.filter(Boolean).length, 1);
    assert.equal(await repos().meta.get('once'), String(results.indexOf(true)));
  });

  it('answers ping and reports its dialect', async () => {
    await repos().ping();
    assert.equal(repos().dialect, dialect);
  });

  if (dialect === 'sqlite') {
    it('runs in WAL mode with foreign keys on', async () => {
      const db = new Database(repos().location);
      try {
        assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
      } finally {
        db.close();
      }
    });
  }
});
