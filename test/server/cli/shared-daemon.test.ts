// A shared daemon: `codetune serve --lsp-port N` serves LSP over TCP to several clients at once (what
// codetune.daemon.address connects to), next to its HTTP API.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createProtocolConnection,
  InitializeRequest,
  InitializedNotification,
  SocketMessageReader,
  SocketMessageWriter,
} from 'vscode-languageserver-protocol/node';
import { DaemonInfoRequest } from '../../../shared/src/protocol/index.js';
import { exited, startCodetune } from '../../support/cli.js';

async function lspClient(port: number) {
  const socket = connect({ host: '127.0.0.1', port });
  await new Promise<void>((r) => socket.once('connect', () => r()));
  const conn = createProtocolConnection(new SocketMessageReader(socket), new SocketMessageWriter(socket));
  conn.listen();
  await conn.sendRequest(InitializeRequest.type, { processId: null, rootUri: null, capabilities: {}, workspaceFolders: null });
  await conn.sendNotification(InitializedNotification.type, {});
  return { conn, socket };
}

describe('shared daemon (serve --lsp-port)', function () {
  this.timeout(30000);
  it('serves LSP over TCP to two clients at once and keeps serving when one leaves', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'codetune-shared-'));
    const d = await startCodetune(['serve', '--data-dir', dir, '--port', '0', '--lsp-port', '0'], (o) => o.includes('LSP: tcp://'));
    try {
      const port = Number(/LSP: tcp:\/\/127\.0\.0\.1:(\d+)/.exec(d.stdout())![1]);
      const http = /listening on (http:\/\/[^ ]+)/.exec(d.stdout())![1]!;
      const a = await lspClient(port);
      const b = await lspClient(port);
      const [ia, ib] = await Promise.all([a.conn.sendRequest(DaemonInfoRequest.type), b.conn.sendRequest(DaemonInfoRequest.type)]);
      assert.equal(ia.pid, ib.pid);
      assert.equal(ia.httpAddress, http);
      a.conn.dispose();
      a.socket.destroy();
      await new Promise((r) => setTimeout(r, 200));
      assert.equal((await b.conn.sendRequest(DaemonInfoRequest.type)).pid, ia.pid);
      b.conn.dispose();
      b.socket.destroy();
    } finally {
      d.child.kill('SIGTERM');
      assert.equal(await exited(d.child), 0);
    }
  });
});
