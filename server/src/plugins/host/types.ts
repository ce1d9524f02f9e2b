// A plugin host runs one plugin's code: in-process for built-ins, in a worker thread for external plugins.
// The registry talks only to this interface, so lifecycle and state handling are the same for both.
import type { JsonObject } from '../../../../shared/src/model/index.js';

export interface HostCallOptions {
  signal?: AbortSignal;
  onToken?: (text: string) => void;
}

export interface PluginHost {
  readonly isolated: boolean;
  /** loads the code and activates it with `settings`; rejects with a PluginFailure */
  start(settings: JsonObject): Promise<void>;
  /** calls a method of the kind's interface; rejects with a PluginFailure (or a cancelled UserError) */
  call(method: string, args: unknown[], opts?: HostCallOptions): Promise<unknown>;
  /** deactivates and unloads; never rejects */
  stop(): Promise<void>;
  /** the plugin died on its own (crash, memory, process.exit, call timeout): the host is unusable now */
  onDied(listener: (reason: string) => void): void;
}

/**
 * A plugin failed. `fatal`: the host is gone (the plugin was stopped) and must be reloaded; otherwise
 * only this call failed and the plugin keeps running.
 */
export class PluginFailure extends Error {
  readonly fatal: boolean;
  constructor(message: string, fatal: boolean) {
    super(message);
    this.name = 'PluginFailure';
    this.fatal = fatal;
  }
}

/** Messages between the daemon (parent) and a plugin worker. Every value is structured-cloneable. */
export type ToWorker =
  | { t: 'call'; id: number; method: string; args: unknown[]; stream: boolean }
  | { t: 'cancel'; id: number }
  | { t: 'host-result'; id: number; ok: true; value: unknown }
  | { t: 'host-result'; id: number; ok: false; message: string }
  | { t: 'deactivate' };

export type FromWorker =
  | { t: 'ready' }
  | { t: 'activate-failed'; message: string }
  | { t: 'result'; id: number; ok: true; value: unknown }
  | { t: 'result'; id: number; ok: false; message: string }
  | { t: 'token'; id: number; text: string }
  | { t: 'host-call'; id: number; method: string; args: unknown[] }
  | { t: 'log'; level: 'debug' | 'info' | 'warn' | 'error'; msg: string; data?: JsonObject }
  | { t: 'exit-called'; code: number }
  | { t: 'deactivated' };

export interface WorkerInit {
  pluginId: string;
  kind: string;
  /** file URL of the plugin's entry module */
  entry: string;
  settings: JsonObject;
  engineVersion: string;
  /** methods the kind must implement */
  methods: readonly string[];
}
