// codetune/daemon/* and codetune/status/*: what the daemon is and how healthy it is.
import { NotificationType, RequestType0 } from 'vscode-languageserver-protocol';
import type { Dialect } from '../model/index.js';

export interface DaemonInfo {
  version: string;
  pid: number;
  dialect: Dialect;
  /** database file path or URL without password */
  database: string;
  dataDir: string;
  /** where the HTTP API listens, or null when it does not (lsp --stdio without --port) */
  httpAddress: string | null;
  /** path of the bearer-token file for the HTTP API */
  tokenFile: string;
  startedAt: string;
  uptimeMs: number;
  node: string;
}

/** client → server: describe the daemon. */
export namespace DaemonInfoRequest {
  export const method = 'codetune/daemon/info' as const;
  export const type = new RequestType0<DaemonInfo, void>(method);
}

export type DaemonHealth = 'starting' | 'ready' | 'degraded' | 'error';

export interface StatusParams {
  health: DaemonHealth;
  /** one line for the status item's tooltip */
  message: string;
  dialect?: Dialect;
}

/** server → client: the daemon's health changed (feeds the status item). */
export namespace StatusDidChangeNotification {
  export const method = 'codetune/status/didChange' as const;
  export const type = new NotificationType<StatusParams>(method);
}
