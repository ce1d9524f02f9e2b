// What every part of the running daemon may use. Built once in main.ts; tests build their own.
import type { ResolvedConfig } from './config/load.js';
import type { Repositories } from './db/repositories/types.js';
import type { Logger } from './logger.js';

export interface DaemonContext {
  readonly log: Logger;
  readonly repos: Repositories;
  readonly config: ResolvedConfig;
  readonly version: string;
  readonly startedAt: Date;
  /** path of the bearer-token file guarding the HTTP API */
  readonly tokenFile: string;
  /** set once the HTTP API listens */
  httpAddress: string | null;
  /** services of the capabilities, filled in at start (see capabilities.ts) */
  readonly services: Services;
}

/**
 * Services the capabilities put on the context. Each capability adds its field by module augmentation
 * (`declare module '../context.js' { interface Services { prompts: PromptService } }`), so this file does
 * not change when a capability is added.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface Services {}
