// codetune/daemon/info and the codetune/status/didChange push that feeds the extension's status item.
import { DaemonInfoRequest, StatusDidChangeNotification, type DaemonInfo } from '../../../../shared/src/protocol/index.js';
import type { DaemonContext } from '../../context.js';
import type { Feature } from '../feature.js';

export function daemonInfo(ctx: DaemonContext): DaemonInfo {
  return {
    version: ctx.version,
    pid: process.pid,
    dialect: ctx.repos.dialect,
    database: ctx.repos.location,
    dataDir: ctx.config.dataDir,
    httpAddress: ctx.httpAddress,
    tokenFile: ctx.tokenFile,
    startedAt: ctx.startedAt.toISOString(),
    uptimeMs: Date.now() - ctx.startedAt.getTime(),
    node: process.version,
  };
}

export function daemonFeature(): Feature {
  return {
    initialize({ connection, ctx }) {
      connection.onRequest(DaemonInfoRequest.type, () => daemonInfo(ctx));
      return {};
    },
    async initialized({ connection, ctx }) {
      let health: 'ready' | 'degraded' = 'ready';
      let message = `CodeTune daemon ${ctx.version} on ${ctx.repos.dialect}`;
      try {
        await ctx.repos.ping();
      } catch {
        health = 'degraded';
        message = 'The database does not answer; see the CodeTune log.';
      }
      await connection.sendNotification(StatusDidChangeNotification.type, { health, message, dialect: ctx.repos.dialect });
    },
  };
}
