// Daemon bootstrap: config → database + migrations → capabilities → HTTP → LSP, and the reverse on shutdown.
import { createServer, type Server, type Socket } from 'node:net';
import { SocketMessageReader, SocketMessageWriter } from 'vscode-languageserver-protocol/node';
import { resolveConfig, type CommonOptions } from './config/load.js';
import { openRepositories } from './db/open.js';
import type { DaemonContext, Services } from './context.js';
import type { App } from './http/app.js';
import { createLogger, routeLogLines, type Logger } from './logger.js';
import { startLspServer, coreFeatures, type LspServer } from './lsp/server.js';
import { capabilities, capabilityFeatures, capabilityRoutes, startCapabilities, stopCapabilities } from './capabilities.js';
import { UserError } from './util/errors.js';
import { ensureToken } from './util/token.js';
import { version } from './util/paths.js';

export interface DaemonOptions extends CommonOptions {
  /** HTTP API; omitted = no HTTP (the default for `lsp --stdio`) */
  http?: { host: string; port: number };
  /** LSP over stdio (what the extension spawns) */
  stdio?: boolean;
  /** LSP over TCP for a shared daemon */
  lspPort?: number;
  lspHost?: string;
  logLevel?: string;
}

export interface Daemon {
  ctx: DaemonContext;
  app: App | null;
  lspTcp: Server | null;
  /** resolves when the daemon should exit (stdio closed, or stop() called) */
  done: Promise<void>;
  stop(opts?: { keepLsp?: boolean }): Promise<void>;
}

export async function startDaemon(opts: DaemonOptions, log?: Logger): Promise<Daemon> {
  const t0 = performance.now();
  const config = resolveConfig(opts);
  const logger = log ?? createLogger({ dataDir: config.dataDir, ...(opts.logLevel ? { level: opts.logLevel } : {}) });
  const repos = await openRepositories(config.database, logger);
  const { token, file: tokenFile } = ensureToken(config.dataDir);
  const ctx: DaemonContext = {
    log: logger,
    repos,
    config,
    version: version(),
    startedAt: new Date(),
    tokenFile,
    httpAddress: null,
    services: {} as Services,
  };

  const connections = new Set<LspServer>();
  const sockets = new Set<Socket>();
  let app: App | null = null;
  let lspTcp: Server | null = null;
  let resolveDone!: () => void;
  const done = new Promise<void>((r) => (resolveDone = r));
  let stopping: Promise<void> | null = null;

  const stop = (o: { keepLsp?: boolean } = {}) =>
    (stopping ??= (async () => {
      logger.info('daemon stopping');
      await app?.close().catch((e: unknown) => logger.warn({ err: e }, 'http close failed'));
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => (lspTcp ? lspTcp.close(() => r()) : r()));
      if (!o.keepLsp) for (const c of connections) await c.dispose().catch(() => {});
      await stopCapabilities(ctx);
      await repos.close();
      logger.info('daemon stopped');
      logger.flush?.();
      if (o.keepLsp) {
        // LSP `shutdown`: the reply must still go out, and the client's `exit` then ends the process
        // (vscode-languageserver's watchdog); end it ourselves only if no `exit` ever comes
        setTimeout(resolveDone, 5000);
      } else {
        resolveDone();
      }
    })());

  try {
    await startCapabilities(ctx);
    const features = [...capabilityFeatures()];

    if (opts.http) {
      // loaded only when HTTP is wanted: Fastify and its schema compilers are a third of the daemon's code,
      // and the editor's per-window daemon (lsp --stdio) usually runs without HTTP
      const { buildApp } = await import('./http/app.js');
      app = await buildApp({ ctx, token, routes: capabilityRoutes(ctx) });
      try {
        await app.listen({ host: opts.http.host, port: opts.http.port });
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EADDRINUSE') {
          throw new UserError('port_in_use', `Port ${opts.http.port} on ${opts.http.host} is already in use (is another codetune serve running?).`, {
            hint: 'Stop the other process or pass --port with a free port.',
          });
        }
        if (code === 'EADDRNOTAVAIL' || code === 'EACCES') {
          throw new UserError('port_in_use', `Cannot listen on ${opts.http.host}:${opts.http.port} (${code}).`, { hint: 'Pass another --host or --port.' });
        }
        throw e;
      }
      const addr = app.server.address();
      ctx.httpAddress = typeof addr === 'object' && addr ? `http://${addr.family === 'IPv6' ? `[${addr.address}]` : addr.address}:${addr.port}` : null;
    }

    if (opts.lspPort !== undefined) {
      lspTcp = createServer((socket) => {
        sockets.add(socket);
        const server = startLspServer(ctx, { reader: new SocketMessageReader(socket), writer: new SocketMessageWriter(socket) }, features);
        void server.closed.then(() => socket.end());
        connections.add(server);
        socket.on('close', () => {
          sockets.delete(socket);
          connections.delete(server);
          void server.dispose();
        });
        socket.on('error', (e) => logger.warn({ err: e.message }, 'lsp socket error'));
      });
      await new Promise<void>((resolve, reject) => {
        lspTcp!.once('error', (e: NodeJS.ErrnoException) =>
          reject(
            e.code === 'EADDRINUSE'
              ? new UserError('port_in_use', `LSP port ${opts.lspPort} is already in use.`, { hint: 'Pass another --lsp-port.' })
              : e,
          ),
        );
        lspTcp!.listen(opts.lspPort, opts.lspHost ?? '127.0.0.1', () => resolve());
      });
    }

    if (opts.stdio) {
      // the client's `exit` ends the process right after (vscode-languageserver's watchdog), so the
      // clean stop happens on `shutdown`, which the client always sends first
      const server = startLspServer(ctx, 'stdio', features, () => stop({ keepLsp: true }));
      const con = server.connection.console;
      routeLogLines((level, line) => {
        try {
          if (level === 'error' || level === 'fatal') con.error(line);
          else if (level === 'warn') con.warn(line);
          else if (level === 'info') con.info(line);
          else con.log(line);
        } catch {
          process.stderr.write(`${level} ${line}\n`); // the connection is gone (exiting)
        }
      });
      // the editor went away (exit notification or closed pipe): shut down cleanly
      void server.closed.then(() => stop());
      process.stdin.on('end', () => void stop());
    }
  } catch (e) {
    await stop();
    throw e;
  }

  logger.info({ ms: Math.round(performance.now() - t0), http: ctx.httpAddress, dialect: repos.dialect, capabilities: capabilities.map((c) => c.name) }, 'daemon started');
  return { ctx, app, lspTcp, done, stop };
}

export { coreFeatures };
