// Owns the connection to the daemon: spawns `codetune lsp --stdio` on a Node ≥ 20 (or connects to a shared
// daemon over TCP), restarts it when it dies (bounded), and reports health to the status item.
import * as net from 'node:net';
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  State,
  TransportKind,
  type CloseHandlerResult,
  type ErrorHandler,
  type ErrorHandlerResult,
  type LanguageClientOptions,
  type ServerOptions,
  type StreamInfo,
} from 'vscode-languageclient/node';
import { DaemonInfoRequest, StatusDidChangeNotification, type DaemonInfo } from '../../../shared/src/protocol/index.js';
import { daemonSettings, type DaemonSettings } from '../config.js';
import type { Log } from '../log.js';
import type { Status } from '../status.js';
import { findNode, NodeNotFoundError } from './node.js';

/** crashes counted within this window decide whether we restart again */
const CRASH_WINDOW_MS = 3 * 60 * 1000;

export interface DaemonClientDeps {
  extensionPath: string;
  log: Log;
  status: Status;
}

export class DaemonClient implements vscode.Disposable {
  client: LanguageClient | undefined;
  private crashes: number[] = [];
  private starting: Promise<void> | undefined;
  private readonly clientEmitter = new vscode.EventEmitter<LanguageClient | undefined>();
  /** fires when a new client is running (after start and every restart) */
  readonly onDidChangeClient = this.clientEmitter.event;

  constructor(private readonly deps: DaemonClientDeps) {}

  /** Starts the daemon; never throws (failures go to the status item, the log and a notification). */
  start(): Promise<void> {
    this.starting ??= this.doStart().finally(() => (this.starting = undefined));
    return this.starting;
  }

  async restart(): Promise<void> {
    this.deps.log.info('Restarting the CodeTune daemon');
    this.crashes = [];
    await this.stop();
    await this.start();
  }

  async stop(): Promise<void> {
    const c = this.client;
    this.client = undefined;
    this.clientEmitter.fire(undefined);
    if (c) {
      try {
        await c.stop(4000);
      } catch (e) {
        this.deps.log.warn(`Daemon did not stop cleanly: ${(e as Error).message}`);
      }
      await c.dispose().catch(() => {});
    }
    this.deps.status.set('stopped', 'The daemon is stopped. Run "CodeTune: Restart Daemon" to start it.');
  }

  /** The running client, or an error the user can act on. */
  async ready(): Promise<LanguageClient> {
    if (this.starting) await this.starting;
    if (this.client?.state === State.Running) return this.client;
    throw new Error(`The CodeTune daemon is not running (${this.deps.status.message}). Run "CodeTune: Restart Daemon" or see "CodeTune: Show Logs".`);
  }

  async info(): Promise<DaemonInfo> {
    const c = await this.ready();
    return c.sendRequest(DaemonInfoRequest.type);
  }

  dispose(): void {
    void this.stop();
    this.clientEmitter.dispose();
  }

  private async doStart(): Promise<void> {
    const { log, status } = this.deps;
    const settings = daemonSettings();
    status.set('starting', settings.address ? `Connecting to the shared daemon at ${settings.address}…` : 'Starting the CodeTune daemon…');
    let serverOptions: ServerOptions;
    try {
      serverOptions = settings.address ? this.tcpServer(settings.address) : await this.spawnedServer(settings);
    } catch (e) {
      const msg = (e as Error).message;
      log.error(msg);
      status.set('error', msg);
      if (e instanceof NodeNotFoundError) {
        void vscode.window.showErrorMessage(`${msg} Install Node.js ${20}+ or set its path.`, 'Open Settings').then((pick) => {
          if (pick) void vscode.commands.executeCommand('workbench.action.openSettings', 'codetune.daemon.nodePath');
        });
      }
      return;
    }

    const clientOptions: LanguageClientOptions = {
      documentSelector: [{ scheme: 'file' }, { scheme: 'untitled' }],
      outputChannel: log,
      errorHandler: this.errorHandler(settings),
      initializationFailedHandler: (err) => {
        log.error(`The daemon failed to initialize: ${String(err)}`);
        return false;
      },
      connectionOptions: { maxRestartCount: 0 },
    };
    const client = new LanguageClient('codetune', 'CodeTune daemon', serverOptions, clientOptions);
    client.onDidChangeState((e) => {
      if (e.newState === State.Stopped && this.client === client && status.health !== 'error') {
        status.set('starting', 'The daemon stopped; restarting…');
      }
    });
    this.client = client;
    const t0 = Date.now();
    try {
      await client.start();
    } catch (e) {
      if (this.client !== client) return;
      const msg = `The CodeTune daemon did not start: ${(e as Error).message}`;
      log.error(msg);
      status.set('error', `${msg} See the log for the daemon's own message.`);
      return;
    }
    client.onNotification(StatusDidChangeNotification.type, (p) => status.set(p.health, p.message));
    log.info(`Daemon connected in ${Date.now() - t0} ms`);
    if (status.health === 'starting') status.set('ready', 'The CodeTune daemon is running.');
    this.clientEmitter.fire(client);
  }

  private async spawnedServer(s: DaemonSettings): Promise<ServerOptions> {
    const node = await findNode(s.nodePath);
    this.deps.log.info(`Using Node.js ${node.version} at ${node.path}`);
    const script = vscode.Uri.joinPath(vscode.Uri.file(this.deps.extensionPath), 'dist', 'server.mjs').fsPath;
    const args = [script, 'lsp', '--stdio', '--log-level', s.logLevel];
    if (s.dataDir) args.push('--data-dir', s.dataDir);
    if (s.database) args.push('--database', s.database);
    if (s.configFile) args.push('--config', s.configFile);
    if (s.httpPort !== null) args.push('--port', String(s.httpPort));
    const exec = { command: node.path, args, transport: TransportKind.stdio, options: { env: { ...process.env, CODETUNE_LOG_FORMAT: 'line' } } };
    return { run: exec, debug: exec };
  }

  private tcpServer(address: string): ServerOptions {
    const m = /^(?:tcp:\/\/)?\[?([^\]]+?)\]?:(\d+)$/.exec(address);
    if (!m) throw new Error(`codetune.daemon.address "${address}" is not host:port (for example 127.0.0.1:7861).`);
    const [, host, port] = m;
    return () =>
      new Promise<StreamInfo>((resolve, reject) => {
        const socket = net.connect({ host: host!, port: Number(port) }, () => resolve({ reader: socket, writer: socket }));
        socket.once('error', (e) => reject(new Error(`cannot reach the shared daemon at ${address}: ${e.message}. Is "codetune serve --lsp-port ${port}" running?`)));
      });
  }

  /** Restart after a crash, unless it keeps crashing: then stop and say so. */
  private errorHandler(s: DaemonSettings): ErrorHandler {
    const { log, status } = this.deps;
    return {
      error: (): ErrorHandlerResult => ({ action: ErrorAction.Continue }),
      closed: (): CloseHandlerResult => {
        if (!this.client) return { action: CloseAction.DoNotRestart, handled: true };
        const now = Date.now();
        this.crashes = [...this.crashes.filter((t) => now - t < CRASH_WINDOW_MS), now];
        if (this.crashes.length > s.maxRestarts) {
          const msg = `The CodeTune daemon stopped ${this.crashes.length} times in 3 minutes; it will not be restarted automatically.`;
          log.error(msg);
          status.set('error', `${msg} Check the log, then run "CodeTune: Restart Daemon".`);
          void vscode.window.showErrorMessage(msg, 'Show Logs', 'Restart Daemon').then((pick) => {
            if (pick === 'Show Logs') log.show();
            if (pick === 'Restart Daemon') void this.restart();
          });
          return { action: CloseAction.DoNotRestart, handled: true };
        }
        log.warn(`The CodeTune daemon exited; restarting (${this.crashes.length}/${s.maxRestarts} in 3 minutes).`);
        status.set('starting', 'The daemon exited; restarting…');
        // the client restarts the server itself; announce it when it is up again
        setTimeout(() => void this.afterRestart(), 0);
        return { action: CloseAction.Restart, handled: true };
      },
    };
  }

  private async afterRestart(): Promise<void> {
    const c = this.client;
    if (!c) return;
    for (let i = 0; i < 300 && c.state !== State.Running; i++) await new Promise((r) => setTimeout(r, 100));
    if (c.state === State.Running && this.client === c) {
      if (this.deps.status.health === 'starting') this.deps.status.set('ready', 'The CodeTune daemon is running (restarted).');
      this.clientEmitter.fire(c);
    }
  }
}
