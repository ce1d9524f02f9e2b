// The LSP server over real streams: initialize, codetune/daemon/info, the status push, and bad input.
import assert from 'node:assert/strict';
import { DaemonInfoRequest, StatusDidChangeNotification, type StatusParams } from '../../../shared/src/protocol/index.js';
import { forEachDialect } from '../../support/db.js';
import { testContext } from '../../support/daemon.js';
import { lspPair, type LspPair } from '../../support/lsp.js';

forEachDialect('LSP daemon feature', (repos, dialect) => {
  let pair: LspPair;
  afterEach(async () => pair?.close());

  it('initializes, answers codetune/daemon/info and pushes a ready status', async () => {
    const ctx = testContext(repos());
    pair = lspPair(ctx);
    const status = new Promise<StatusParams>((resolve) => pair.client.onNotification(StatusDidChangeNotification.type, resolve));
    const init = await pair.initialize();
    assert.equal(init.serverInfo?.name, 'codetune');
    assert.equal(init.serverInfo?.version, ctx.version);
    const info = await pair.client.sendRequest(DaemonInfoRequest.type);
    assert.equal(info.dialect, dialect);
    assert.equal(info.pid, process.pid);
    assert.equal(info.dataDir, ctx.config.dataDir);
    assert.equal(info.httpAddress, null);
    assert.ok(info.uptimeMs >= 0);
    const s = await status;
    assert.equal(s.health, 'ready');
    assert.equal(s.dialect, dialect);
  });

  it('answers an unknown method with MethodNotFound and keeps serving', async () => {
    pair = lspPair(testContext(repos()));
    await pair.initialize();
    await assert.rejects(pair.client.sendRequest('codetune/nope/never', {}), (e: { code?: number }) => e.code === -32601);
    assert.equal((await pair.client.sendRequest(DaemonInfoRequest.type)).dialect, dialect);
  });

  it('survives a malformed JSON body and keeps serving', async () => {
    pair = lspPair(testContext(repos()));
    await pair.initialize();
    const garbage = '{"jsonrpc":"2.0","id":99,"method":';
    pair.toServer.write(`Content-Length: ${Buffer.byteLength(garbage)}\r\n\r\n${garbage}`);
    const info = await pair.client.sendRequest(DaemonInfoRequest.type);
    assert.equal(info.dialect, dialect);
  });
});
