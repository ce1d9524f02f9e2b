import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfigFile, parseDatabaseTarget, resolveConfig } from '../../../server/src/config/load.js';
import { UserError } from '../../../server/src/util/errors.js';

const dir = () => mkdtempSync(join(tmpdir(), 'codetune-cfg-'));

describe('config', () => {
  describe('parseDatabaseTarget', () => {
    it('defaults to SQLite in the data dir', () => {
      assert.deepEqual(parseDatabaseTarget(undefined, '/data'), { dialect: 'sqlite', location: '/data/codetune.db', display: '/data/codetune.db' });
    });
    it('selects PostgreSQL for postgres:// and postgresql:// and hides the password', () => {
      const t = parseDatabaseTarget('postgresql://me:s3cret@db.local:5433/ct', '/d');
      assert.equal(t.dialect, 'postgres');
      assert.equal(t.location, 'postgresql://me:s3cret@db.local:5433/ct');
      assert.equal(t.display, 'postgresql://me:****@db.local:5433/ct');
    });
    it('accepts sqlite: URLs and plain paths', () => {
      assert.equal(parseDatabaseTarget('sqlite:/tmp/x.db', '/d').location, '/tmp/x.db');
      assert.equal(parseDatabaseTarget('sqlite:///tmp/y.db', '/d').location, '/tmp/y.db');
      assert.equal(parseDatabaseTarget('/abs/z.db', '/d').location, '/abs/z.db');
    });
    it('rejects other schemes and malformed PostgreSQL URLs with a hint', () => {
      assert.throws(() => parseDatabaseTarget('mysql://x/y', '/d'), (e: UserError) => e.code === 'config_invalid' && /mysql/.test(e.message) && /postgres:\/\//.test(e.hint ?? ''));
      assert.throws(() => parseDatabaseTarget('postgres://u:p@[oops', '/d'), /malformed/);
    });
  });

  describe('loadConfigFile', () => {
    it('returns defaults when the default file is absent, and fails when an explicit one is', () => {
      assert.deepEqual(loadConfigFile(join(dir(), 'config.json'), false), {});
      assert.throws(() => loadConfigFile(join(dir(), 'nope.json'), true), /does not exist/);
    });
    it('names the field that is wrong and unknown fields', () => {
      const d = dir();
      const f = join(d, 'config.json');
      writeFileSync(f, JSON.stringify({ cache: { ttlSeconds: -1 } }));
      assert.throws(() => loadConfigFile(f, true), /invalid at cache\.ttlSeconds: must be >= 1/);
      writeFileSync(f, JSON.stringify({ modles: [] }));
      assert.throws(() => loadConfigFile(f, true), /unknown field "modles"/);
    });
    it('accepts a full valid file', () => {
      const f = join(dir(), 'c.json');
      const cfg = {
        models: [{ id: 'wrn', provider: 'hf', model: 'WhiteRabbitNeo/WhiteRabbitNeo-33B-v1.5', baseUrl: 'https://x.hf.space', apiKeyEnv: 'HF_TOKEN', pricing: { gpu_hour_usd: 4 }, limits: { concurrency: 2 } }],
        plugins: { paths: ['/p'] },
        retention: { days: 30, maxRows: 100000 },
      };
      writeFileSync(f, JSON.stringify(cfg));
      assert.deepEqual(loadConfigFile(f, true), cfg);
    });
  });

  it('resolveConfig creates the data dir and reads DATABASE_URL from the environment', () => {
    const d = join(dir(), 'nested', 'data');
    const r = resolveConfig({ dataDir: d }, { DATABASE_URL: 'postgres://a@h/db' });
    assert.equal(r.dataDir, d);
    assert.equal(r.database.dialect, 'postgres');
    assert.equal(r.configPath, join(d, 'config.json'));
  });
});
