// The host side of a webview's typed request/reply bridge. It does not import `vscode`: a panel hands it a
// Port (the webview's postMessage/onDidReceiveMessage), so the message handling is unit-tested on its own
// (test/unit/extension/host.test.ts).
//
// Protocol (shared/src/webview/protocol.ts): the page sends `ready`, the bridge answers `init` with the
// panel's start data and the daemon's state, then flushes the events queued meanwhile. Each `request` is
// answered by exactly one `response` with the same id — a result or an error envelope, never a thrown
// exception across the boundary. `cancel` aborts the handler's AbortSignal.
import {
  parseFromWebview,
  type DaemonState,
  type ErrorAction,
  type EventMap,
  type RequestMap,
  type ToWebview,
  type WebviewError,
} from '../../../shared/src/webview/protocol.js';

export interface Disposable {
  dispose(): void;
}

/** The part of vscode.Webview the bridge needs. */
export interface Port {
  postMessage(message: unknown): PromiseLike<boolean>;
  onDidReceiveMessage(listener: (message: unknown) => void): Disposable;
}

export interface HandledRequest {
  id: number;
  method: string;
  ms: number;
  response: { ok: true; result: unknown } | { ok: false; error: WebviewError };
}

export type Handlers<M extends RequestMap> = {
  [K in keyof M]: (params: M[K][0], signal: AbortSignal) => M[K][1] | PromiseLike<M[K][1]>;
};

export interface BridgeOptions<M extends RequestMap, I> {
  handlers: Handlers<M>;
  /** start data sent with `init` (computed at each ready: a reloaded page gets fresh data) */
  init: () => I | PromiseLike<I>;
  daemon: () => DaemonState;
  /** where handler failures are logged (the CodeTune log) */
  onError?: (method: string, error: unknown) => void;
}

export class Bridge<M extends RequestMap, E extends EventMap, I = unknown> implements Disposable {
  private ready = false;
  private queue: ToWebview<E, I>[] = [];
  private readonly inflight = new Map<number, AbortController>();
  private readonly subscription: Disposable;
  private disposed = false;
  private readonly handledListeners = new Set<(e: HandledRequest) => void>();
  /** resolves each time the page completes the ready handshake (tests wait on it) */
  private readyWaiters: (() => void)[] = [];
  readyCount = 0;

  constructor(
    private readonly port: Port,
    private readonly opts: BridgeOptions<M, I>,
  ) {
    this.subscription = port.onDidReceiveMessage((m) => void this.receive(m));
  }

  get isReady(): boolean {
    return this.ready;
  }

  /** Resolves once the page has sent `ready` (immediately when it already has). */
  whenReady(): Promise<void> {
    if (this.ready) return Promise.resolve();
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  /** Called after every answered request (the panel logs slow and failed ones; tests observe round trips). */
  onDidHandle(listener: (e: HandledRequest) => void): Disposable {
    this.handledListeners.add(listener);
    return { dispose: () => this.handledListeners.delete(listener) };
  }

  /**
   * Handles a request exactly as if the page had sent it (same handler, same response posted to the page)
   * and returns the response. Used by the integration tests to drive a panel without a mouse.
   */
  async dispatch<K extends keyof M & string>(method: K, params: M[K][0], id = -Date.now()): Promise<{ ok: true; result: M[K][1] } | { ok: false; error: WebviewError }> {
    return new Promise((resolve) => {
      const sub = this.onDidHandle((e) => {
        if (e.id !== id) return;
        sub.dispose();
        resolve(e.response as { ok: true; result: M[K][1] } | { ok: false; error: WebviewError });
      });
      void this.receive({ kind: 'request', id, method, params });
    });
  }

  /** Pushes an event; queued until the page is ready. */
  emit<K extends keyof E & string>(event: K, data: E[K]): void {
    this.send({ kind: 'event', event, data } as ToWebview<E, I>);
  }

  /** Tells the page the daemon's state changed (its empty/error states depend on it). */
  daemonChanged(daemon: DaemonState): void {
    this.send({ kind: 'daemon', daemon });
  }

  /** The page was reloaded (webview hidden and restored without retainContextWhenHidden): wait for a new ready. */
  reset(): void {
    this.ready = false;
    for (const c of this.inflight.values()) c.abort();
    this.inflight.clear();
  }

  dispose(): void {
    this.disposed = true;
    this.subscription.dispose();
    for (const c of this.inflight.values()) c.abort();
    this.inflight.clear();
    this.queue = [];
  }

  private send(msg: ToWebview<E, I>): void {
    if (this.disposed) return;
    if (!this.ready && msg.kind !== 'init') {
      this.queue.push(msg);
      return;
    }
    void this.port.postMessage(msg);
  }

  private async receive(raw: unknown): Promise<void> {
    const msg = parseFromWebview(raw);
    if (!msg || this.disposed) return;
    if (msg.kind === 'ready') {
      // a second `ready` means the page reloaded: cancel what the old page asked for
      for (const c of this.inflight.values()) c.abort();
      this.inflight.clear();
      let data: I;
      try {
        data = await this.opts.init();
      } catch (e) {
        this.opts.onError?.('init', e);
        data = undefined as I;
      }
      if (this.disposed) return;
      void this.port.postMessage({ kind: 'init', data, daemon: this.opts.daemon() } satisfies ToWebview<E, I>);
      this.ready = true;
      this.readyCount++;
      const queued = this.queue;
      this.queue = [];
      for (const m of queued) void this.port.postMessage(m);
      for (const w of this.readyWaiters.splice(0)) w();
      return;
    }
    if (msg.kind === 'cancel') {
      this.inflight.get(msg.id)?.abort();
      return;
    }
    const handler = Object.prototype.hasOwnProperty.call(this.opts.handlers, msg.method) ? this.opts.handlers[msg.method as keyof M] : undefined;
    if (!handler) {
      void this.port.postMessage({ kind: 'response', id: msg.id, ok: false, error: { code: 'unknown_method', message: `Unknown request "${msg.method}".` } });
      return;
    }
    const controller = new AbortController();
    this.inflight.set(msg.id, controller);
    const started = Date.now();
    let response: HandledRequest['response'];
    try {
      response = { ok: true, result: await handler(msg.params as M[keyof M][0], controller.signal) };
    } catch (e) {
      this.opts.onError?.(msg.method, e);
      response = { ok: false, error: toWebviewError(e, this.opts.daemon()) };
    } finally {
      this.inflight.delete(msg.id);
    }
    if (!this.disposed) void this.port.postMessage({ kind: 'response', id: msg.id, ...response });
    for (const l of this.handledListeners) l({ id: msg.id, method: msg.method, ms: Date.now() - started, response });
  }
}

/** Daemon error codes (ResponseError data.code) that the user fixes with a setting or a key. */
const ACTION_BY_CODE: Record<string, ErrorAction> = {
  no_model: 'configureModel',
  model_not_configured: 'configureModel',
  unknown_model: 'configureModel',
  no_models: 'configureModel',
  missing_api_key: 'setApiKey',
  missing_key: 'setApiKey',
  unauthorized: 'setApiKey',
  daemon_down: 'restartDaemon',
};

/** The daemon's generic codes (bad_request, not_found, upstream_error) say what to do in their text. */
function actionByText(text: string): ErrorAction | undefined {
  if (/no model (is|"[^"]*" is) configured/i.test(text)) return 'configureModel';
  if (/set the api key|not authori[sz]ed \((401|403)\)/i.test(text)) return 'setApiKey';
  if (/not running|connection (is )?(closed|disposed)/i.test(text)) return 'restartDaemon';
  return undefined;
}

/**
 * Turns anything a handler threw into the error envelope. LSP ResponseErrors carry the daemon's stable code
 * and hint in `data` (shared/src/protocol/errors.ts); a daemon that is not running becomes `daemon_down`
 * with a Restart button; a cancelled request becomes `cancelled`.
 */
export function toWebviewError(e: unknown, daemon?: DaemonState): WebviewError {
  if (daemon && daemon.health !== 'ready' && daemon.health !== 'degraded') {
    return { code: 'daemon_down', message: `The CodeTune daemon is not running: ${daemon.message}`, action: 'restartDaemon' };
  }
  const err = e as { name?: string; message?: unknown; code?: unknown; data?: unknown };
  const message = typeof err?.message === 'string' ? err.message : String(e);
  if (err?.name === 'AbortError' || (typeof err?.code === 'number' && err.code === -32800)) return { code: 'cancelled', message: 'Cancelled.' };
  const data = (typeof err?.data === 'object' && err.data !== null ? err.data : {}) as { code?: unknown; hint?: unknown };
  const code = typeof data.code === 'string' ? data.code : typeof err?.code === 'string' ? err.code : 'error';
  const out: WebviewError = { code, message };
  if (typeof data.hint === 'string') out.hint = data.hint;
  const action = ACTION_BY_CODE[code] ?? actionByText(`${message} ${out.hint ?? ''}`);
  if (action) out.action = action;
  return out;
}
