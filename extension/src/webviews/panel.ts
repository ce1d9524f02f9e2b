// One webview panel kind: createOrShow (one instance per kind), revive after a window reload through a
// registered serializer, the typed bridge, daemon-state pushes and disposal. Panels (library.ts, history.ts,
// workbench.ts, results.ts) describe themselves with a PanelSpec; the page keeps its own UI state with
// setState/getState, so a revived panel only needs the bridge again.
import * as vscode from 'vscode';
import type { DaemonState, EventMap, RequestMap } from '../../../shared/src/webview/protocol.js';
import type { Ctx } from '../ctx.js';
import { Bridge, type Handlers } from './host.js';
import { renderHtml, webviewOptions, type PanelName } from './html.js';

/** Page requests slower than this are noted in the log (a slow daemon query shows up there). */
const SLOW_REQUEST_MS = 2000;

export interface PanelSpec<M extends RequestMap, E extends EventMap, I> {
  viewType: string;
  name: PanelName;
  title: string;
  handlers: (ctx: Ctx, panel: OpenPanel<M, E, I>) => Handlers<M>;
  init: (ctx: Ctx, panel: OpenPanel<M, E, I>) => I | PromiseLike<I>;
  /** live-update subscriptions (daemon didChange notifications…); disposed with the panel */
  subscribe?: (ctx: Ctx, panel: OpenPanel<M, E, I>) => vscode.Disposable[];
}

export function daemonState(ctx: Ctx): DaemonState {
  return { health: ctx.status.health, message: ctx.status.message };
}

/** A panel on screen. */
export class OpenPanel<M extends RequestMap, E extends EventMap, I> implements vscode.Disposable {
  readonly bridge: Bridge<M, E, I>;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly disposeEmitter = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposeEmitter.event;
  /** data the opener passes to the next init (e.g. the prompt the workbench opens on) */
  pending: unknown;

  constructor(
    readonly ctx: Ctx,
    readonly spec: PanelSpec<M, E, I>,
    readonly panel: vscode.WebviewPanel,
  ) {
    const uri = ctx.extension.extensionUri;
    panel.webview.options = webviewOptions(uri);
    this.bridge = new Bridge<M, E, I>(panel.webview, {
      handlers: spec.handlers(ctx, this),
      init: () => spec.init(ctx, this),
      daemon: () => daemonState(ctx),
      onError: (method, e) => ctx.log.warn(`${spec.title}: ${method} failed: ${(e as Error)?.message ?? String(e)}`),
    });
    this.disposables.push(
      this.bridge,
      this.bridge.onDidHandle((e) => {
        if (e.ms > SLOW_REQUEST_MS) ctx.log.info(`${spec.title}: ${e.method} took ${e.ms} ms`);
      }),
      ctx.status.onDidChange(() => this.bridge.daemonChanged(daemonState(ctx))),
      panel.onDidDispose(() => this.dispose()),
      ...(spec.subscribe?.(ctx, this) ?? []),
    );
    panel.webview.html = renderHtml(panel.webview, uri, spec.name, spec.title);
  }

  dispose(): void {
    this.disposeEmitter.fire();
    for (const d of this.disposables.splice(0)) d.dispose();
    this.disposeEmitter.dispose();
  }
}

/** Keeps the single instance of each panel kind and registers its serializer. */
export class PanelRegistry<M extends RequestMap, E extends EventMap, I> {
  current: OpenPanel<M, E, I> | undefined;

  constructor(readonly spec: PanelSpec<M, E, I>) {}

  /** Reveals the open panel or creates one; `pending` goes to the page's next init. */
  createOrShow(ctx: Ctx, pending?: unknown, column: vscode.ViewColumn = vscode.ViewColumn.Active): OpenPanel<M, E, I> {
    if (this.current) {
      if (pending !== undefined) this.current.pending = pending;
      this.current.panel.reveal(column);
      return this.current;
    }
    const panel = vscode.window.createWebviewPanel(this.spec.viewType, this.spec.title, { viewColumn: column, preserveFocus: false }, webviewOptions(ctx.extension.extensionUri));
    return this.adopt(ctx, panel, pending);
  }

  /** Registers the serializer so VS Code restores the panel after a reload (the page restores its own state). */
  register(ctx: Ctx): vscode.Disposable {
    return vscode.window.registerWebviewPanelSerializer(this.spec.viewType, {
      deserializeWebviewPanel: async (panel: vscode.WebviewPanel) => {
        this.adopt(ctx, panel, undefined);
      },
    });
  }

  private adopt(ctx: Ctx, panel: vscode.WebviewPanel, pending: unknown): OpenPanel<M, E, I> {
    this.current?.dispose();
    const open = new OpenPanel(ctx, this.spec, panel);
    open.pending = pending;
    this.current = open;
    open.onDidDispose(() => {
      if (this.current === open) this.current = undefined;
    });
    return open;
  }
}

/** An AbortSignal as a vscode CancellationToken (for daemon requests made by webview handlers). */
export function tokenOf(signal: AbortSignal): vscode.CancellationToken {
  const source = new vscode.CancellationTokenSource();
  if (signal.aborted) source.cancel();
  else signal.addEventListener('abort', () => source.cancel(), { once: true });
  return source.token;
}
