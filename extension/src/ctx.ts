// Everything activate() builds, handed to commands, features and webviews.
import type * as vscode from 'vscode';
import type { DaemonClient } from './lsp/client.js';
import type { Log } from './log.js';
import type { Status } from './status.js';

export interface Ctx {
  readonly extension: vscode.ExtensionContext;
  readonly log: Log;
  readonly status: Status;
  readonly daemon: DaemonClient;
  readonly subscriptions: vscode.Disposable[];
}
