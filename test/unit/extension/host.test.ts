// The webview bridge's message handling without VS Code: a fake Port records what the host posts.
import assert from 'node:assert/strict';
import { Bridge, toWebviewError, type Port } from '../../../extension/src/webviews/host.js';
import type { DaemonState } from '../../../shared/src/webview/protocol.js';

type Map = { echo: [{ text: string }, { text: string }]; fail: [Record<string, never>, void]; slow: [Record<string, never>, string] };
type Events = { tick: { n: number } };

class FakePort implements Port {
  sent: Record<string, unknown>[] = [];
  private listener: ((m: unknown) => void) | undefined;
  postMessage(m: unknown): Promise<boolean> {
    this.sent.push(m as Record<string, unknown>);
    return Promise.resolve(true);
  }
  onDidReceiveMessage(l: (m: unknown) => void) {
    this.listener = l;
    return { dispose: () => (this.listener = undefined) };
  }
  /** delivers a message from the page and lets the bridge's async handling finish */
  async fromPage(m: unknown): Promise<void> {
    this.listener?.(m);
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
  }
  get listening(): boolean {
    return this.listener !== undefined;
  }
}

function setup(daemon: DaemonState = { health: 'ready', message: 'ok' }) {
  const port = new FakePort();
  let slowSignal: AbortSignal | undefined;
  const errors: string[] = [];
  const bridge = new Bridge<Map, Events, { hello: string }>(port, {
    init: () => ({ hello: 'world' }),
    daemon: () => daemon,
    onError: (m) => errors.push(m),
    handlers: {
      echo: ({ text }) => ({ text: text.toUpperCase() }),
      fail: () => {
        throw Object.assign(new Error('prompt 7 does not exist'), { code: -31901, data: { code: 'not_found', hint: 'Refresh the list.' } });
      },
      slow: (_p, signal) =>
        new Promise<string>((resolve, reject) => {
          slowSignal = signal;
          signal.addEventListener('abort', () => reject(Object.assign(new Error('aborted'), { name: 'AbortError' })));
        }),
    },
  });
  return { port, bridge, errors, slow: () => slowSignal };
}

describe('webview bridge (host side)', () => {
  it('queues events until the page is ready, then sends init first and the queued events after it', async () => {
    const { port, bridge } = setup();
    bridge.emit('tick', { n: 1 });
    bridge.emit('tick', { n: 2 });
    assert.equal(port.sent.length, 0);
    await port.fromPage({ kind: 'ready' });
    assert.deepEqual(
      port.sent.map((m) => m.kind),
      ['init', 'event', 'event'],
    );
    assert.deepEqual(port.sent[0], { kind: 'init', data: { hello: 'world' }, daemon: { health: 'ready', message: 'ok' } });
    assert.deepEqual(port.sent[2], { kind: 'event', event: 'tick', data: { n: 2 } });
    assert.equal(bridge.readyCount, 1);
    bridge.emit('tick', { n: 3 });
    assert.deepEqual(port.sent.at(-1), { kind: 'event', event: 'tick', data: { n: 3 } });
  });

  it('answers each request with its correlation id, result or error envelope', async () => {
    const { port, errors } = setup();
    await port.fromPage({ kind: 'ready' });
    await port.fromPage({ kind: 'request', id: 7, method: 'echo', params: { text: 'hi' } });
    await port.fromPage({ kind: 'request', id: 8, method: 'fail', params: {} });
    assert.deepEqual(port.sent.at(-2), { kind: 'response', id: 7, ok: true, result: { text: 'HI' } });
    assert.deepEqual(port.sent.at(-1), { kind: 'response', id: 8, ok: false, error: { code: 'not_found', message: 'prompt 7 does not exist', hint: 'Refresh the list.' } });
    assert.deepEqual(errors, ['fail']);
  });

  it('refuses unknown methods (including inherited names) and ignores malformed messages', async () => {
    const { port } = setup();
    await port.fromPage({ kind: 'ready' });
    const before = port.sent.length;
    await port.fromPage({ kind: 'request', id: 1, method: 'toString', params: {} });
    await port.fromPage({ kind: 'request', id: 'x', method: 'echo' });
    await port.fromPage('garbage');
    await port.fromPage(null);
    assert.equal(port.sent.length, before + 1);
    assert.deepEqual(port.sent.at(-1), { kind: 'response', id: 1, ok: false, error: { code: 'unknown_method', message: 'Unknown request "toString".' } });
  });

  it('cancel aborts the handler and the page gets a cancelled envelope', async () => {
    const { port, slow } = setup();
    await port.fromPage({ kind: 'ready' });
    await port.fromPage({ kind: 'request', id: 3, method: 'slow', params: {} });
    assert.equal(slow()?.aborted, false);
    await port.fromPage({ kind: 'cancel', id: 3 });
    assert.equal(slow()?.aborted, true);
    assert.deepEqual(port.sent.at(-1), { kind: 'response', id: 3, ok: false, error: { code: 'cancelled', message: 'Cancelled.' } });
  });

  it('a second ready (page reloaded) aborts what the old page asked for and sends a fresh init', async () => {
    const { port, slow, bridge } = setup();
    await port.fromPage({ kind: 'ready' });
    await port.fromPage({ kind: 'request', id: 4, method: 'slow', params: {} });
    await port.fromPage({ kind: 'ready' });
    assert.equal(slow()?.aborted, true);
    assert.equal(port.sent.filter((m) => m.kind === 'init').length, 2);
    assert.equal(bridge.readyCount, 2);
  });

  it('after dispose nothing is posted and the listener is gone', async () => {
    const { port, bridge } = setup();
    await port.fromPage({ kind: 'ready' });
    const n = port.sent.length;
    bridge.dispose();
    bridge.emit('tick', { n: 9 });
    assert.equal(port.sent.length, n);
    assert.equal(port.listening, false);
  });

  it('dispatch runs a request as if the page sent it: same handler, response posted to the page', async () => {
    const { port, bridge } = setup();
    await port.fromPage({ kind: 'ready' });
    const seen: string[] = [];
    bridge.onDidHandle((e) => seen.push(`${e.method}:${e.response.ok}`));
    const r = await bridge.dispatch('echo', { text: 'abc' }, 99);
    assert.deepEqual(r, { ok: true, result: { text: 'ABC' } });
    assert.deepEqual(port.sent.at(-1), { kind: 'response', id: 99, ok: true, result: { text: 'ABC' } });
    const f = await bridge.dispatch('fail', {}, 100);
    assert.equal(f.ok, false);
    assert.deepEqual(seen, ['echo:true', 'fail:false']);
  });

  it('whenReady resolves on the handshake', async () => {
    const { port, bridge } = setup();
    let ready = false;
    void bridge.whenReady().then(() => (ready = true));
    await new Promise((r) => setImmediate(r));
    assert.equal(ready, false);
    await port.fromPage({ kind: 'ready' });
    assert.equal(ready, true);
  });
});

describe('toWebviewError', () => {
  it('maps a daemon that is not running to daemon_down with the Restart action', () => {
    const e = toWebviewError(new Error('connection closed'), { health: 'error', message: 'Node.js not found' });
    assert.deepEqual(e, { code: 'daemon_down', message: 'The CodeTune daemon is not running: Node.js not found', action: 'restartDaemon' });
  });
  it('maps the daemon codes the user fixes with a model or a key to their action', () => {
    assert.equal(toWebviewError({ message: 'no model', data: { code: 'no_model' } }).action, 'configureModel');
    assert.equal(toWebviewError({ message: 'key', data: { code: 'missing_api_key', hint: 'Set it' } }).action, 'setApiKey');
    assert.equal(toWebviewError({ message: 'x', data: { code: 'validation' } }).action, undefined);
    // the daemon's generic codes carry the cause in their text
    assert.equal(toWebviewError({ message: 'No model is configured.', data: { code: 'bad_request', hint: 'Add one' } }).action, 'configureModel');
    assert.equal(toWebviewError({ message: 'No model "gpt" is configured.', data: { code: 'not_found' } }).action, 'configureModel');
    assert.equal(toWebviewError({ message: 'not authorised (401): bad key', data: { code: 'upstream_error', hint: 'Set the API key (command …)' } }).action, 'setApiKey');
  });
  it('maps LSP RequestCancelled (-32800) and AbortError to cancelled', () => {
    assert.equal(toWebviewError({ message: 'x', code: -32800 }).code, 'cancelled');
    assert.equal(toWebviewError(Object.assign(new Error('x'), { name: 'AbortError' })).code, 'cancelled');
  });
});
