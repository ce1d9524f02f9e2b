// Builds a DaemonContext for tests over a fresh database, without listening anywhere.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DaemonContext, Services } from '../../server/src/context.js';
import type { Repositories } from '../../server/src/db/repositories/types.js';
import type { ConfigFile } from '../../server/src/config/schema.js';
import { silentLogger } from '../../server/src/logger.js';
import { version } from '../../server/src/util/paths.js';

export function testContext(repos: Repositories, file: ConfigFile = {}): DaemonContext {
  const dataDir = mkdtempSync(join(tmpdir(), 'codetune-ctx-'));
  return {
    log: silentLogger(),
    repos,
    config: { dataDir, configPath: join(dataDir, 'config.json'), file, database: { dialect: repos.dialect, location: repos.location, display: repos.location } },
    version: version(),
    startedAt: new Date(),
    tokenFile: join(dataDir, 'daemon.token'),
    httpAddress: null,
    services: {} as Services,
  };
}
