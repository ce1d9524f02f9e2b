// Empty, loading and error states shared by the panels. Errors carry the envelope's action as a button:
// daemon down → "Restart daemon", no model configured → "Configure a model", missing key → "Set API key".
import { ACTION_COMMAND, WebviewRequestError, type CommonRequests, type DaemonState, type ErrorAction, type WebviewError } from '../../../shared/src/webview/protocol.js';
import { h } from './dom.js';

const ACTION_LABEL: Record<ErrorAction, string> = {
  restartDaemon: 'Restart daemon',
  configureModel: 'Configure a model',
  setApiKey: 'Set API key',
  showLogs: 'Show logs',
};

/** Any panel's client: every panel's map includes CommonRequests. */
type AnyClient = { request(method: 'host.command', params: CommonRequests['host.command'][0]): Promise<void> };

export function envelopeOf(e: unknown): WebviewError {
  if (e instanceof WebviewRequestError) return e.envelope;
  return { code: 'error', message: e instanceof Error ? e.message : String(e) };
}

export function actionButton(client: AnyClient, action: ErrorAction): HTMLElement {
  return h('vscode-button', { onclick: () => void client.request('host.command', { command: ACTION_COMMAND[action] }) }, ACTION_LABEL[action]);
}

/** A block that says what went wrong and offers the action that fixes it. */
export function errorState(client: AnyClient, e: unknown, retry?: () => void): HTMLElement {
  const env = envelopeOf(e);
  return h(
    'div',
    { class: 'state state-error', role: 'alert' },
    h('p', { class: 'state-title' }, env.message),
    env.hint ? h('p', { class: 'state-hint' }, env.hint) : null,
    h('div', { class: 'state-actions' }, env.action ? actionButton(client, env.action) : null, retry ? h('vscode-button', { secondary: true, onclick: retry }, 'Retry') : null),
  );
}

export function emptyState(title: string, hint?: string, ...actions: HTMLElement[]): HTMLElement {
  return h('div', { class: 'state state-empty' }, h('p', { class: 'state-title' }, title), hint ? h('p', { class: 'state-hint' }, hint) : null, h('div', { class: 'state-actions' }, actions));
}

export function loadingState(what: string): HTMLElement {
  return h('div', { class: 'state state-loading', 'aria-busy': 'true' }, h('vscode-progress-ring', { 'aria-label': what }), h('span', null, what));
}

/** The banner shown on top of a panel while the daemon is not running. */
export function daemonBanner(client: AnyClient, d: DaemonState): HTMLElement | null {
  if (d.health === 'ready' || d.health === 'degraded') return null;
  const text = d.health === 'starting' ? `The CodeTune daemon is starting… ${d.message}` : `The CodeTune daemon is not running: ${d.message}`;
  return h('div', { class: 'banner', role: 'status' }, h('span', null, text), d.health === 'starting' ? null : actionButton(client, 'restartDaemon'), d.health === 'starting' ? null : actionButton(client, 'showLogs'));
}
