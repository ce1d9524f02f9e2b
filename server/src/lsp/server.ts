// The LSP server: one per connection (stdio for a spawned daemon, one per TCP client for a shared one),
// composed of feature modules whose capabilities are merged at initialize.
import {
  createConnection,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type ServerCapabilities,
} from 'vscode-languageserver/node';
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

export function startLspServer(
  ctx: DaemonContext,
  transport: { reader: MessageReader; writer: MessageWriter } | { input: NodeJS.ReadableStream; output: NodeJS.WritableStream },
  extraFeatures: FeatureFactory[] = [],
  /** runs on the client's `shutdown` request, before the reply (stdio: stop the whole daemon cleanly) */
  onShutdown?: () => Promise<void>,
): LspServer {
  const connection =
    'reader' in transport
      ? createConnection(ProposedFeatures.all, transport.reader, transport.writer)
      : createConnection(ProposedFeatures.all, transport.input, transport.output);
  const log = ctx.log.child({ component: 'lsp' });
  const documents = new TextDocuments(TextDocument);
  const features = [...coreFeatures, ...extraFeatures].map((f) => f(ctx));
  const env: FeatureEnv = { connection, ctx, documents };

  let resolveClosed!: () => void;
  const closed = new Promise<void>((r) => (resolveClosed = r));

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
