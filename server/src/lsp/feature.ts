// A capability of the LSP server. Each feature declares what it adds to the server's capabilities and
// registers its handlers only for what the client supports (tabby-agent's Feature pattern).
import type { ClientCapabilities, Connection, ServerCapabilities, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DaemonContext } from '../context.js';

export interface FeatureEnv {
  connection: Connection;
  ctx: DaemonContext;
  documents: TextDocuments<TextDocument>;
}

export interface Feature {
  initialize(env: FeatureEnv, client: ClientCapabilities): Partial<ServerCapabilities>;
  initialized?(env: FeatureEnv): void | Promise<void>;
  shutdown?(): void | Promise<void>;
}
