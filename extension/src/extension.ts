// activate(): build the context, register everything, start the daemon without waiting for it.
import * as vscode from 'vscode';
import { registerCommands } from './commands/index.js';
import { watchModels } from './commands/models.js';
import type { Ctx, RunExtra } from './ctx.js';
import { DaemonApi } from './daemon/api.js';
import { Proposals } from './diff/proposals.js';
import { createLog } from './log.js';
import { DaemonClient } from './lsp/client.js';
import { Status } from './status.js';
import { PANELS, registerPanels } from './webviews/panels.js';
import { RESULTS_KEY, RunStore } from './webviews/runs.js';
import { watchTrust } from './trust.js';

/** What activate() returns: used by the integration tests and by other extensions. */
export interface CodetuneApi {
  readonly activationMs: number;
  readonly daemon: DaemonClient;
  readonly status: Status;
  /** the extension's context (runs, proposals, daemon calls): for the integration tests */
  readonly ctx: Ctx;
  /** the webview panels (open instances and their bridges): for the integration tests */
  readonly panels: typeof PANELS;
}

let current: Ctx | undefined;

export function activate(extension: vscode.ExtensionContext): CodetuneApi {
  const t0 = performance.now();
  const log = createLog();
  const status = new Status();
  const daemon = new DaemonClient({ extensionPath: extension.extensionPath, log, status });
  const api = new DaemonApi(daemon);
  const proposals = new Proposals();
  const runs = new RunStore<RunExtra>();
  // the Results panel shows the last answers again after a window reload
  runs.restore(extension.workspaceState.get(RESULTS_KEY), () => ({ cancel: new vscode.CancellationTokenSource() }));
  const ctx: Ctx = { extension, log, status, daemon, api, runs, proposals, subscriptions: extension.subscriptions };
  current = ctx;
  extension.subscriptions.push(log, status, daemon, api, proposals);
  try {
    registerCommands(ctx);
    // serializers only: the panels' code runs when one is opened or restored
    registerPanels(ctx);
    watchTrust(ctx);
    watchModels(ctx);
    extension.subscriptions.push(
      runs.onEvent((event, data) => {
        if (event === 'run.update' && 'status' in data && data.status !== 'running') void extension.workspaceState.update(RESULTS_KEY, runs.snapshot());
      }),
    );
    extension.subscriptions.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('codetune.daemon')) {
          log.info('Daemon settings changed; restarting the daemon');
          void daemon.restart();
        }
      }),
    );
  } catch (e) {
    // VS Code does not show activation failures; we do
    const msg = `CodeTune failed to activate: ${(e as Error).message}`;
    log.error(msg);
    void vscode.window.showErrorMessage(msg);
    throw e;
  }
  // not awaited: activation must not wait for the daemon
  void daemon.start();
  const activationMs = performance.now() - t0;
  log.info(`CodeTune activated in ${activationMs.toFixed(1)} ms`);
  return { activationMs, daemon, status, ctx, panels: PANELS };
}

export async function deactivate(): Promise<void> {
  await current?.daemon.stop();
  current = undefined;
}
