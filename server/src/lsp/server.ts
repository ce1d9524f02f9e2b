// The LSP server: one per connection (stdio for a spawned daemon, one per TCP client for a shared one),
// composed of feature modules whose capabilities are merged at initialize.
import { createConnection as createNodeConnection } from 'vscode-languageserver/node';
import {
  createConnection as createWatchedConnection,
  createProtocolConnection,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type ServerCapabilities,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { MessageReader, MessageWriter } from 'vscode-languageserver-protocol';
import type { DaemonContext } from '../context.js';
import type { Feature, FeatureEnv } from './feature.js';
import { daemonFeature } from './features/daemon.js';

export interface LspServer {
  connection: Connection;
  /** resolves when the client sent `exit` or the stream closed */
  closed: Promise<void>;
  dispose(): Promise<void>;
}

export type FeatureFactory = (ctx: DaemonContext) => Feature;

/** Features every connection gets; capabilities add theirs through `extraFeatures`. */
export const coreFeatures: FeatureFactory[] = [() => daemonFeature()];

/**
 * `stdio`: the process's own stdin/stdout; vscode-languageserver then ends the process when the editor
 * goes away, which is right for a spawned daemon. Reader/writer (TCP clients of a shared daemon, tests):
 * an `exit` or a closed stream ends only that connection, never the process.
 */
export type LspTransport = 'stdio' | { reader: MessageReader; writer: MessageWriter };

export function startLspServer(
  ctx: DaemonContext,
  transport: LspTransport,
  extraFeatures: FeatureFactory[] = [],
  /** runs on the client's `shutdown` request, before the reply (stdio: stop the whole daemon cleanly) */
  onShutdown?: () => Promise<void>,
): LspServer {
  let resolveClosed!: () => void;
  const closed = new Promise<void>((r) => (resolveClosed = r));
  let connection: Connection;
  if (transport === 'stdio') {
    connection = createNodeConnection(ProposedFeatures.all, process.stdin, process.stdout);
  } else {
    let shutdownReceived = false;
    const { reader, writer } = transport;
    connection = createWatchedConnection(
      (logger) => createProtocolConnection(reader, writer, logger),
      {
        initialize: () => {},
        get shutdownReceived() {
          return shutdownReceived;
        },
        set shutdownReceived(v: boolean) {
          shutdownReceived = v;
        },
        exit: () => resolveClosed(),
      },
      ProposedFeatures.all,
    );
    reader.onClose(() => resolveClosed());
  }
  const log = ctx.log.child({ component: 'lsp' });
  const documents = new TextDocuments(TextDocument);
  const features = [...coreFeatures, ...extraFeatures].map((f) => f(ctx));
  const env: FeatureEnv = { connection, ctx, documents };

  connection.onInitialize((params) => {
    const caps: ServerCapabilities = { textDocumentSync: TextDocumentSyncKind.Incremental };
    for (const f of features) mergeCapabilities(caps, f.initialize(env, params.capabilities));
    log.info({ client: params.clientInfo?.name ?? 'unknown' }, 'lsp initialize');
    return { capabilities: caps, serverInfo: { name: 'codetune', version: ctx.version } };
  });
  connection.onInitialized(async () => {
    for (const f of features) await f.initialized?.(env);
  });
  connection.onShutdown(async () => {
    for (const f of features) await f.shutdown?.();
    await onShutdown?.();
  });
  connection.onExit(() => resolveClosed());
  connection.onDidChangeConfiguration(() => {
    // settings are pulled per resource by the features that need them
  });

  documents.listen(connection);
  connection.listen();

  return {
    connection,
    closed,
    async dispose() {
      for (const f of features) await f.shutdown?.();
      connection.dispose();
      resolveClosed();
    },
  };
}

function mergeCapabilities(into: ServerCapabilities, add: Partial<ServerCapabilities>): void {
  for (const [k, v] of Object.entries(add)) {
    const key = k as Extract<keyof ServerCapabilities, string>;
    const cur = into[key];
    if (cur && typeof cur === 'object' && v && typeof v === 'object' && !Array.isArray(v)) {
      Object.assign(cur, v);
    } else {
      (into as Record<string, unknown>)[key] = v;
    }
  }
}
