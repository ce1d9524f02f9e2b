// `codetune serve` / `codetune lsp --stdio` as users run them, and every bad input of issue 2 getting one
// clear line, the right exit code and no stack trace.
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { codetune, exited, startCodetune } from '../../support/cli.js';

const fresh = () => mkdtempSync(join(tmpdir(), 'codetune-cli-'));
const NO_STACK = /\n\s+at /;

function frame(msg: object): string {
  const body = JSON.stringify(msg);
  return `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}

function parseFrames(out: string): { id?: number; result?: unknown; method?: string; params?: unknown }[] {
  const msgs = [];
  let rest = out;
  for (;;) {
    const m = /Content-Length: (\d+)\r\n\r\n/.exec(rest);
    if (!m) break;
    const start = m.index + m[0].length;
    msgs.push(JSON.parse(rest.slice(start, start + Number(m[1]))));
    rest = rest.slice(start + Number(m[1]));
  }
  return msgs;
}

describe('codetune CLI (daemon)', function () {
  this.timeout(60000);

  it('serve listens on loopback, prints the address and token file, writes the token 0600, and stops on SIGTERM', async () => {
    const dir = fresh();
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ models: [{ id: 'local', provider: 'openai-compatible', model: 'm', baseUrl: 'http://127.0.0.1:9/v1' }] }));
    const d = await startCodetune(['serve', '--data-dir', dir, '--port', '0'], (o) => o.includes('Token file'));
    const address = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(d.stdout())![1]!;
    assert.match(d.stdout(), new RegExp(`Token file: ${join(dir, 'daemon.token')}`));
    assert.equal(statSync(join(dir, 'daemon.token')).mode & 0o777, 0o600);
    const health = await (await fetch(`${address}/api/health`)).json();
    assert.equal(health.dialect, 'sqlite');
    assert.deepEqual(health.providers, [{ id: 'local', provider: 'openai-compatible', reachable: null, circuit: 'closed' }]);
    const token = readFileSync(join(dir, 'daemon.token'), 'utf8').trim();
    assert.equal((await fetch(`${address}/api/nothing`)).status, 401);
    assert.equal((await fetch(`${address}/api/nothing`, { headers: { authorization: `Bearer ${token}` } })).status, 404);
    d.child.kill('SIGTERM');
    assert.equal(await exited(d.child), 0);
    assert.match(readFileSync(join(dir, 'logs', 'daemon.log'), 'utf8'), /daemon stopped/);
  });

  it('a second serve on a taken port exits 1 with one clear line', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as { port: number }).port;
    try {
      const r = await codetune(['serve', '--data-dir', fresh(), '--port', String(port)]);
      assert.equal(r.code, 1);
      assert.match(r.stderr, new RegExp(`codetune: Port ${port} on 127.0.0.1 is already in use.*--port`));
      assert.doesNotMatch(r.stderr, NO_STACK);
    } finally {
      blocker.close();
    }
  });

  it('unknown flags exit 2 naming the flag', async () => {
    const r = await codetune(['serve', '--prot', '1']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown option '--prot'/);
    assert.match(r.stderr, /Did you mean --port\?/);
  });

  it('a corrupt config file is named with what is wrong', async () => {
    const dir = fresh();
    writeFileSync(join(dir, 'config.json'), '{ "models": [ { "id": "x", ');
    const r = await codetune(['serve', '--data-dir', dir, '--port', '0']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /config\.json is not valid JSON/);
    assert.doesNotMatch(r.stderr, NO_STACK);
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ models: [{ id: 'x', provider: 'nope', model: 'm' }] }));
    const r2 = await codetune(['serve', '--data-dir', dir, '--port', '0']);
    assert.equal(r2.code, 1);
    assert.match(r2.stderr, /invalid at models\.0\.provider/);
  });

  it('a data dir that is not writable is refused with the fix', async function () {
    if (process.getuid?.() === 0) {
      // root writes everywhere; a file in the way of the folder fails for root too
      const parent = fresh();
      writeFileSync(join(parent, 'file'), 'x');
      const r = await codetune(['serve', '--data-dir', join(parent, 'file', 'sub'), '--port', '0']);
      assert.equal(r.code, 1);
      assert.match(r.stderr, /data directory .* is not writable.*--data-dir/);
      return;
    }
    const dir = fresh();
    chmodSync(dir, 0o500);
    const r = await codetune(['serve', '--data-dir', join(dir, 'sub'), '--port', '0']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /not writable/);
  });

  it('a malformed or unreachable DATABASE_URL gets one clear line', async () => {
    const bad = await codetune(['serve', '--data-dir', fresh(), '--port', '0'], { env: { DATABASE_URL: 'postgres://user:pw@[bad' } });
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /database URL is malformed/);
    assert.doesNotMatch(bad.stderr, /pw/);
    const closed: Server = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as { port: number }).port;
    closed.close();
    const down = await codetune(['serve', '--data-dir', fresh(), '--port', '0', '--database', `postgres://u:secretpw@127.0.0.1:${port}/db`]);
    assert.equal(down.code, 1);
    assert.match(down.stderr, new RegExp(`Cannot connect to PostgreSQL at postgres://u:\\*\\*\\*\\*@127\\.0\\.0\\.1:${port}/db: connection refused`));
    assert.doesNotMatch(down.stderr, /secretpw/);
    assert.doesNotMatch(down.stderr, NO_STACK);
  });

  it('lsp --stdio speaks only LSP on stdout, answers codetune/daemon/info and exits 0 after shutdown + exit', async () => {
    const dir = fresh();
    const input =
      frame({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } }) +
      frame({ jsonrpc: '2.0', method: 'initialized', params: {} }) +
      frame({ jsonrpc: '2.0', id: 2, method: 'codetune/daemon/info' }) +
      frame({ jsonrpc: '2.0', id: 3, method: 'shutdown' }) +
      frame({ jsonrpc: '2.0', method: 'exit' });
    const { spawn } = await import('node:child_process');
    const child = spawn(process.execPath, ['dist/server.mjs', 'lsp', '--stdio', '--data-dir', dir], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d));
    // send the exit only after the info answer arrived, as a real client would
    const exitAt = input.lastIndexOf('Content-Length');
    child.stdin.write(input.slice(0, exitAt));
    for (let i = 0; i < 100 && !out.includes('"id":3'); i++) await new Promise((r) => setTimeout(r, 100));
    child.stdin.write(input.slice(exitAt));
    const code = await exited(child);
    const msgs = parseFrames(out);
    assert.equal(out.replace(/Content-Length: \d+\r\n\r\n\{.*?\}(?=Content-Length|$)/gs, ''), '', 'nothing but LSP frames on stdout');
    const info = msgs.find((m) => m.id === 2)!.result as { dialect: string; dataDir: string };
    assert.equal(info.dialect, 'sqlite');
    assert.equal(info.dataDir, dir);
    assert.ok(msgs.some((m) => m.method === 'codetune/status/didChange'));
    // the shutdown is answered (the daemon closed its database first), then `exit` ends the process with 0
    assert.ok(msgs.some((m) => m.id === 3 && 'result' in m), 'shutdown answered');
    assert.equal(code, 0);
    assert.match(readFileSync(join(dir, 'logs', 'daemon.log'), 'utf8'), /daemon stopped/);
  });
});
