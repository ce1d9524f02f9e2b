// Everything activate() builds, handed to commands, features and webviews.
import type * as vscode from 'vscode';
import type { DaemonApi } from './daemon/api.js';
import type { Proposals } from './diff/proposals.js';
import type { DaemonClient } from './lsp/client.js';
import type { Log } from './log.js';
import type { Status } from './status.js';
import type { RunStore } from './webviews/runs.js';

/** Host-only data of a run in the Results panel. */
export interface RunExtra {
  cancel: vscode.CancellationTokenSource;
  /** opens the run's code suggestion as an inline diff (absent when the answer is not a suggestion) */
  suggest?: () => Promise<void>;
}

export interface Ctx {
  readonly extension: vscode.ExtensionContext;
  readonly log: Log;
  readonly status: Status;
  readonly daemon: DaemonClient;
  /** typed calls of the daemon's custom LSP methods */
  readonly api: DaemonApi;
  /** runs shown in the Results panel */
  readonly runs: RunStore<RunExtra>;
  /** inline diffs of code suggestions */
  readonly proposals: Proposals;
  readonly subscriptions: vscode.Disposable[];
}
