// A real LSP server over paired in-memory streams, and a client connection driving it with the shared
// request types (vscode-languageserver-node's own test approach).
import { PassThrough } from 'node:stream';
import {
  createProtocolConnection,
  InitializeRequest,
  InitializedNotification,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type InitializeResult,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import type { DaemonContext } from '../../server/src/context.js';
import { startLspServer, type FeatureFactory, type LspServer } from '../../server/src/lsp/server.js';

export interface LspPair {
  client: ProtocolConnection;
  server: LspServer;
  initialize(caps?: ClientCapabilities): Promise<InitializeResult>;
  /** the raw stream into the server, for malformed-input tests */
  toServer: PassThrough;
  close(): Promise<void>;
}

export function lspPair(ctx: DaemonContext, features: FeatureFactory[] = []): LspPair {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const server = startLspServer(ctx, { reader: new StreamMessageReader(toServer), writer: new StreamMessageWriter(toClient) }, features);
  const client = createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  client.listen();
  return {
    client,
    server,
    toServer,
    async initialize(caps: ClientCapabilities = {}) {
      const result = await client.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: caps, workspaceFolders: null });
      await client.sendNotification(InitializedNotification.type, {});
      return result;
    },
    async close() {
      client.dispose();
      await server.dispose();
      toServer.end();
      toClient.end();
    },
  };
}
