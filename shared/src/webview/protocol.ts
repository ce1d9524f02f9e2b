// The message envelope between the extension host and a webview, shared by both sides (the host's bridge in
// extension/src/webviews/host.ts and the webview runtime in media/src/runtime/client.ts).
//
// Each panel declares two maps (see library.ts, history.ts, workbench.ts, results.ts):
//   requests: method → [params, result]   the webview asks, the host answers (correlation id, error envelope)
//   events:   name → payload              the host pushes (live updates, streamed tokens, daemon state)
// The webview starts by sending `ready`; the host answers `init` with the panel's start data and only then
// delivers events, so nothing pushed before the page's script ran is lost.
// Pure types and small guards only: this module is bundled into the browser and into the extension host.

/** method → [params, result] */
export type RequestMap = { [method: string]: [unknown, unknown] };
/** event name → payload */
export type EventMap = { [event: string]: unknown };

export type ParamsOf<M extends RequestMap, K extends keyof M> = M[K][0];
export type ResultOf<M extends RequestMap, K extends keyof M> = M[K][1];

/** What the webview can do about an error, rendered as a button next to the message. */
export type ErrorAction = 'restartDaemon' | 'configureModel' | 'setApiKey' | 'showLogs';

/** The error envelope: a stable code, one line for the user, and what to do about it. */
export interface WebviewError {
  /** stable string code (the daemon's `data.code` when it sent one, e.g. "not_found", "daemon_down") */
  code: string;
  message: string;
  hint?: string;
  action?: ErrorAction;
}

/** The daemon's state as a panel needs it, pushed on every change (drives the "daemon down" empty state). */
export interface DaemonState {
  health: 'starting' | 'ready' | 'degraded' | 'error' | 'stopped';
  message: string;
}

// webview → host
export interface ReadyMessage {
  kind: 'ready';
}
export interface RequestMessage<M extends RequestMap = RequestMap, K extends keyof M & string = keyof M & string> {
  kind: 'request';
  id: number;
  method: K;
  params: ParamsOf<M, K>;
}
export interface CancelMessage {
  kind: 'cancel';
  /** id of the request to cancel */
  id: number;
}
export type FromWebview<M extends RequestMap = RequestMap> = ReadyMessage | RequestMessage<M> | CancelMessage;

// host → webview
export interface InitMessage<I = unknown> {
  kind: 'init';
  data: I;
  daemon: DaemonState;
}
export type ResponseMessage<R = unknown> = { kind: 'response'; id: number; ok: true; result: R } | { kind: 'response'; id: number; ok: false; error: WebviewError };
export interface EventMessage<E extends EventMap = EventMap, K extends keyof E & string = keyof E & string> {
  kind: 'event';
  event: K;
  data: E[K];
}
export type ToWebview<E extends EventMap = EventMap, I = unknown> = InitMessage<I> | ResponseMessage | EventMessage<E> | { kind: 'daemon'; daemon: DaemonState };

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

/** Validates the shape of a message from the webview (it is untrusted input: a page may post anything). */
export function parseFromWebview(v: unknown): FromWebview | undefined {
  if (!isObject(v)) return undefined;
  if (v.kind === 'ready') return { kind: 'ready' };
  if (v.kind === 'cancel' && Number.isSafeInteger(v.id)) return { kind: 'cancel', id: v.id as number };
  if (v.kind === 'request' && Number.isSafeInteger(v.id) && typeof v.method === 'string') {
    return { kind: 'request', id: v.id as number, method: v.method, params: v.params };
  }
  return undefined;
}

/** Validates the shape of a message from the host. */
export function parseToWebview(v: unknown): ToWebview | undefined {
  if (!isObject(v) || typeof v.kind !== 'string') return undefined;
  switch (v.kind) {
    case 'init':
      return isObject(v.daemon) ? (v as unknown as InitMessage) : undefined;
    case 'response':
      return Number.isSafeInteger(v.id) && typeof v.ok === 'boolean' ? (v as unknown as ResponseMessage) : undefined;
    case 'event':
      return typeof v.event === 'string' ? (v as unknown as EventMessage) : undefined;
    case 'daemon':
      return isObject(v.daemon) ? (v as unknown as ToWebview) : undefined;
    default:
      return undefined;
  }
}

/** Error a webview request rejects with: carries the envelope so the page can render the action button. */
export class WebviewRequestError extends Error {
  constructor(readonly envelope: WebviewError) {
    super(envelope.message);
    this.name = 'WebviewRequestError';
  }
}

/** Commands a page may ask the host to run (the host refuses any other: page input is untrusted). */
export const HOST_COMMANDS = [
  'codetune.restartDaemon',
  'codetune.showLogs',
  'codetune.selectModel',
  'codetune.setApiKey',
  'codetune.configureModels',
  'codetune.openLibrary',
  'codetune.openHistory',
  'codetune.openWorkbench',
] as const;
export type HostCommand = (typeof HOST_COMMANDS)[number];

/** What an ErrorAction button runs. */
export const ACTION_COMMAND: Record<ErrorAction, HostCommand> = {
  restartDaemon: 'codetune.restartDaemon',
  configureModel: 'codetune.configureModels',
  setApiKey: 'codetune.setApiKey',
  showLogs: 'codetune.showLogs',
};

/** Requests every panel answers, merged into each panel's map. */
export type CommonRequests = {
  /** run one of HOST_COMMANDS with optional arguments (e.g. open the history on an execution id) */
  'host.command': [{ command: HostCommand; args?: unknown[] }, void];
  /** show a message in VS Code (errors the page cannot show well, confirmations) */
  'host.notify': [{ level: 'info' | 'warning' | 'error'; message: string }, void];
};
