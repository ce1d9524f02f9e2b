// The "CodeTune" log output channel: everything goes here (the daemon's stderr too).
import * as vscode from 'vscode';

export type Log = vscode.LogOutputChannel;

export function createLog(): Log {
  return vscode.window.createOutputChannel('CodeTune', { log: true });
}
