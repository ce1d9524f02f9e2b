// Helpers for tests that run inside the real VS Code extension host (npm run test:e2e). Each
// test/extension/*.test.ts is bundled on its own, so anything shared between bundles (the metrics the
// harness reports) lives on globalThis rather than in a module variable.
import * as vscode from 'vscode';
import type { NotificationType, RequestType, RequestType0 } from 'vscode-languageserver-protocol';
import type { CodetuneApi } from '../../../extension/src/extension.js';

export const EXTENSION_ID = 'codetune.codetune-studio';

/** Activates CodeTune (idempotent) and returns what activate() returned. */
export async function getApi(): Promise<CodetuneApi> {
  const ext = vscode.extensions.getExtension<CodetuneApi>(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} is not loaded: the harness must pass the repository as extensionDevelopmentPath`);
  const api = ext.isActive ? ext.exports : await ext.activate();
  if (!api) throw new Error(`${EXTENSION_ID} activated but returned no API`);
  return api;
}

/**
 * Sends a request declared in shared/src/protocol (pass its `.type`) through the extension's own client.
 * Each test bundle carries its own copy of vscode-jsonrpc, and the extension's copy does not recognise the
 * test copy's ParameterStructures ("Unknown parameter structure auto"), so a `.type` created in a test
 * must not reach the client as is: the request goes by its method name, still typed by `type`.
 */
export async function daemonRequest<R>(api: CodetuneApi, type: RequestType0<R, unknown>): Promise<R>;
export async function daemonRequest<P, R>(api: CodetuneApi, type: RequestType<P, R, unknown>, params: P): Promise<R>;
export async function daemonRequest<P, R>(api: CodetuneApi, type: { method: string }, ...params: [] | [P]): Promise<R> {
  const client = await api.daemon.ready();
  return params.length ? client.sendRequest<R>(type.method, params[0]) : client.sendRequest<R>(type.method);
}

/** Sends a notification declared in shared/src/protocol through the extension's client (see daemonRequest). */
export async function daemonNotify<P>(api: CodetuneApi, type: NotificationType<P>, params: P): Promise<void> {
  const client = await api.daemon.ready();
  await client.sendNotification(type.method, params);
}

export interface WaitOptions {
  /** what is awaited, for the error message */
  what: string;
  timeoutMs?: number;
  intervalMs?: number;
}

/**
 * Polls `probe` until it returns something other than undefined/false, or fails after `timeoutMs`
 * with the last error or value seen — so a hung daemon fails one test instead of the whole run.
 */
export async function waitFor<T>(probe: () => T | undefined | false | Promise<T | undefined | false>, o: WaitOptions): Promise<T> {
  const deadline = Date.now() + (o.timeoutMs ?? 20_000);
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined && v !== false) return v;
      last = v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) {
      const why = last instanceof Error ? last.message : JSON.stringify(last);
      throw new Error(`timed out after ${o.timeoutMs ?? 20_000} ms waiting for ${o.what} (last: ${why})`);
    }
    await new Promise((r) => setTimeout(r, o.intervalMs ?? 100));
  }
}

/** Rejects when `p` takes longer than `ms`: LSP requests to a dying daemon may otherwise never settle. */
export function withTimeout<T>(p: Thenable<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
    Promise.resolve(p).then(
      (v) => (clearTimeout(t), resolve(v)),
      (e: unknown) => (clearTimeout(t), reject(e instanceof Error ? e : new Error(String(e)))),
    );
  });
}

/** True while a process with this pid exists (signal 0 only checks). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

type MetricStore = Record<string, number>;
const METRICS_KEY = '__codetuneE2eMetrics';

/** Records a figure (ms, bytes…) into the result JSON the harness writes; bench/extension.ts reads it. */
export function recordMetric(name: string, value: number): void {
  const g = globalThis as unknown as Record<string, MetricStore | undefined>;
  (g[METRICS_KEY] ??= {})[name] = value;
}

export function recordedMetrics(): MetricStore {
  return { ...((globalThis as unknown as Record<string, MetricStore | undefined>)[METRICS_KEY] ?? {}) };
}
