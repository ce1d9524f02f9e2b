// The webview side of the typed bridge (shared/src/webview/protocol.ts): requests with correlation ids that
// resolve or reject with the error envelope, events from the host, the ready handshake, and the page state
// kept by VS Code across hide/show and window reloads (setState/getState).
import {
  parseToWebview,
  WebviewRequestError,
  type DaemonState,
  type EventMap,
  type InitMessage,
  type RequestMap,
} from '../../../shared/src/webview/protocol.js';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

type Listener<T> = (data: T) => void;

export class Client<M extends RequestMap, E extends EventMap, I, S extends object> {
  private readonly api: VsCodeApi = acquireVsCodeApi();
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
  private readonly listeners = new Map<string, Set<Listener<unknown>>>();
  private readonly daemonListeners = new Set<Listener<DaemonState>>();
  private initResolve: ((m: InitMessage<I>) => void) | undefined;
  daemon: DaemonState = { health: 'starting', message: '' };

  constructor(private readonly defaults: S) {
    window.addEventListener('message', (ev: MessageEvent) => this.receive(ev.data));
  }

  /** Sends `ready` and resolves with the host's `init` (start data + daemon state). */
  start(): Promise<InitMessage<I>> {
    const p = new Promise<InitMessage<I>>((resolve) => (this.initResolve = resolve));
    this.api.postMessage({ kind: 'ready' });
    return p;
  }

  request<K extends keyof M & string>(method: K, params: M[K][0], signal?: AbortSignal): Promise<M[K][1]> {
    const id = this.nextId++;
    return new Promise<M[K][1]>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      signal?.addEventListener('abort', () => this.api.postMessage({ kind: 'cancel', id }), { once: true });
      this.api.postMessage({ kind: 'request', id, method, params });
    });
  }

  on<K extends keyof E & string>(event: K, fn: Listener<E[K]>): void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(fn as Listener<unknown>);
  }

  onDaemon(fn: Listener<DaemonState>): void {
    this.daemonListeners.add(fn);
  }

  /** The page's state (filters, selection, drafts): survives hiding the panel and reloading the window. */
  get state(): S {
    const s = this.api.getState();
    return { ...this.defaults, ...(typeof s === 'object' && s !== null ? (s as Partial<S>) : {}) };
  }

  setState(patch: Partial<S>): void {
    this.api.setState({ ...this.state, ...patch });
  }

  private receive(raw: unknown): void {
    const msg = parseToWebview(raw);
    if (!msg) return;
    switch (msg.kind) {
      case 'init':
        this.daemon = msg.daemon;
        this.initResolve?.(msg as InitMessage<I>);
        this.initResolve = undefined;
        return;
      case 'daemon':
        this.daemon = msg.daemon;
        for (const fn of this.daemonListeners) fn(msg.daemon);
        return;
      case 'response': {
        const p = this.pending.get(msg.id);
        if (!p) return;
        this.pending.delete(msg.id);
        if (msg.ok) p.resolve(msg.result);
        else p.reject(new WebviewRequestError(msg.error));
        return;
      }
      case 'event':
        for (const fn of this.listeners.get(msg.event) ?? []) fn(msg.data);
        return;
    }
  }
}
