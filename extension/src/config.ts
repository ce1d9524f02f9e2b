// Typed reads of the extension's settings. Read on use (never cached in globals) so changes apply at once.
import * as vscode from 'vscode';

export interface DaemonSettings {
  nodePath: string;
  address: string;
  dataDir: string;
  database: string;
  configFile: string;
  httpPort: number | null;
  logLevel: string;
  maxRestarts: number;
}

export function daemonSettings(): DaemonSettings {
  const c = vscode.workspace.getConfiguration('codetune.daemon');
  const port = c.get<number | null>('httpPort', null);
  return {
    nodePath: c.get<string>('nodePath', '').trim(),
    address: c.get<string>('address', '').trim(),
    dataDir: c.get<string>('dataDir', '').trim(),
    database: c.get<string>('database', '').trim(),
    configFile: c.get<string>('configFile', '').trim(),
    httpPort: typeof port === 'number' && port >= 0 ? port : null,
    logLevel: c.get<string>('logLevel', 'info'),
    maxRestarts: Math.max(0, c.get<number>('maxRestarts', 5)),
  };
}

/** Settings whose change requires a daemon restart. */
export const RESTART_SETTINGS = ['codetune.daemon'];
