// `codetune serve` and `codetune lsp --stdio`.
import { Command } from 'commander';
import { startDaemon, type Daemon, type DaemonOptions } from '../main.js';
import { parsePort, withCommonOptions } from './common.js';

interface DaemonFlags {
  dataDir?: string;
  database?: string;
  config?: string;
  logLevel?: string;
  host: string;
  port: number;
  lspPort?: number;
  stdio?: boolean;
  http?: boolean;
}

export function serveCommand(): Command {
  return withCommonOptions(new Command('serve'))
    .description('run a long-lived daemon: HTTP API (and LSP over TCP with --lsp-port)')
    .option('--host <host>', 'address the HTTP API binds to', '127.0.0.1')
    .option('--port <port>', 'HTTP port (0 picks a free one)', parsePort, 7860)
    .option('--lsp-port <port>', 'also serve LSP over TCP on this port', parsePort)
    .action(async (flags: DaemonFlags) => {
      const daemon = await run({ ...common(flags), http: { host: flags.host, port: flags.port }, ...(flags.lspPort !== undefined ? { lspPort: flags.lspPort, lspHost: flags.host } : {}) });
      const { ctx, lspTcp } = daemon;
      const lspAddr = lspTcp?.address();
      process.stdout.write(
        [
          `CodeTune daemon ${ctx.version} listening on ${ctx.httpAddress} (${ctx.repos.dialect}: ${ctx.repos.location})`,
          `Token file: ${ctx.tokenFile}  (send it as "Authorization: Bearer <token>"; /api/health needs none)`,
          `OpenAPI document: ${ctx.httpAddress}/docs`,
          ...(lspAddr && typeof lspAddr === 'object' ? [`LSP: tcp://${lspAddr.address}:${lspAddr.port}  (set codetune.daemon.address to connect VS Code)`] : []),
          `Logs: ${ctx.config.dataDir}/logs/daemon.log   Stop with Ctrl+C.`,
          '',
        ].join('\n'),
      );
      await daemon.done;
    });
}

export function lspCommand(): Command {
  return withCommonOptions(new Command('lsp'))
    .description('run the daemon as a language server on stdio (what the VS Code extension spawns)')
    .requiredOption('--stdio', 'speak LSP on stdin/stdout')
    .option('--host <host>', 'address the optional HTTP API binds to', '127.0.0.1')
    .option('--port <port>', 'also serve the HTTP API on this port', parsePort)
    .action(async (flags: DaemonFlags & { port?: number }) => {
      const daemon = await run({ ...common(flags), stdio: true, ...(flags.port !== undefined ? { http: { host: flags.host, port: flags.port } } : {}) });
      await daemon.done;
    });
}

function common(f: DaemonFlags): DaemonOptions {
  return {
    ...(f.dataDir ? { dataDir: f.dataDir } : {}),
    ...(f.database ? { database: f.database } : {}),
    ...(f.config ? { config: f.config } : {}),
    ...(f.logLevel ? { logLevel: f.logLevel } : {}),
  };
}

async function run(opts: DaemonOptions): Promise<Daemon> {
  const daemon = await startDaemon(opts);
  const onSignal = (sig: NodeJS.Signals) => {
    daemon.ctx.log.info({ signal: sig }, 'signal received');
    void daemon.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return daemon;
}
