// Worker-thread entry that runs one external plugin. It imports the plugin module, activates it with a
// context whose `host` methods are forwarded to the daemon, and answers calls from the parent. Anything the
// plugin does wrong stays in this thread: the parent sees a failed call, an error event, or this thread's
// exit, and marks the plugin "error".
import { parentPort, workerData } from 'node:worker_threads';
import type { JsonObject } from '../../../../shared/src/model/index.js';
import type { PluginContext, PluginDefinition, PluginHostApi, PluginLogger } from '../sdk/kinds.js';
import type { FromWorker, ToWorker, WorkerInit } from './types.js';

const port = parentPort;
if (!port) throw new Error('the plugin worker must run in a worker thread');
const init = workerData as WorkerInit;
const send = (m: FromWorker) => port.postMessage(m);

// a plugin calling process.exit() ends only this thread; say so first, so the parent can name the reason
const realExit = process.exit.bind(process);
process.exit = ((code?: number) => {
  send({ t: 'exit-called', code: typeof code === 'number' ? code : 0 });
  return realExit(code);
}) as typeof process.exit;

// a worker shares the daemon's process: these would take the daemon down with the plugin
process.abort = (() => {
  throw new Error('process.abort() is not allowed in a CodeTune plugin');
}) as typeof process.abort;
const realKill = process.kill.bind(process);
process.kill = ((pid: number, signal?: string | number) => {
  if (pid === process.pid || pid === 0 || pid === -process.pid || pid === process.ppid) throw new Error('a CodeTune plugin may not signal the daemon');
  return realKill(pid, signal);
}) as typeof process.kill;

let nextHostCall = 1;
const hostCalls = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
const hostCall = (method: keyof PluginHostApi) => (...args: unknown[]) =>
  new Promise<unknown>((resolve, reject) => {
    const id = nextHostCall++;
    hostCalls.set(id, { resolve, reject });
    // plain JSON only: functions and AbortSignals stay in this thread (see HostRunOptions)
    send({ t: 'host-call', id, method, args: JSON.parse(JSON.stringify(args)) as unknown[] });
  });

const host = {
  runPrompt: hostCall('runPrompt'),
  complete: hostCall('complete'),
  analyze: hostCall('analyze'),
  embed: hostCall('embed'),
} as unknown as PluginHostApi;

const logAt = (level: 'debug' | 'info' | 'warn' | 'error') => (msg: string, data?: JsonObject) => send({ t: 'log', level, msg: String(msg), ...(data ? { data } : {}) });
const log: PluginLogger = { debug: logAt('debug'), info: logAt('info'), warn: logAt('warn'), error: logAt('error') };

const ctx: PluginContext = Object.freeze({ pluginId: init.pluginId, settings: Object.freeze(init.settings), engineVersion: init.engineVersion, log, host });

const aborts = new Map<number, AbortController>();
let impl: Record<string, unknown> | null = null;
let definition: PluginDefinition | null = null;

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

async function activate(): Promise<void> {
  try {
    const mod = (await import(init.entry)) as Record<string, unknown>;
    // ESM default export, a named `plugin`, or a CommonJS module.exports = { default } / definePlugin(...)
    let def = (mod.default ?? mod.plugin) as Record<string, unknown> | undefined;
    if (def && typeof def.activate !== 'function' && def.default) def = def.default as Record<string, unknown>;
    if (!def || typeof def.activate !== 'function') {
      send({ t: 'activate-failed', message: 'its entry module exports no plugin (export default definePlugin({ activate }) )' });
      return;
    }
    definition = def as unknown as PluginDefinition;
    const result = (await definition.activate(ctx)) as unknown as Record<string, unknown> | undefined;
    const missing = init.methods.filter((m) => typeof result?.[m] !== 'function');
    if (!result || missing.length) {
      send({ t: 'activate-failed', message: `activate() must return the ${init.kind} interface; missing: ${missing.join(', ') || 'everything'}` });
      return;
    }
    impl = result;
    send({ t: 'ready' });
  } catch (e) {
    send({ t: 'activate-failed', message: `activate() threw: ${message(e)}` });
  }
}

async function call(m: Extract<ToWorker, { t: 'call' }>): Promise<void> {
  const ac = new AbortController();
  aborts.set(m.id, ac);
  try {
    const fn = impl?.[m.method];
    if (typeof fn !== 'function') throw new Error(`the plugin has no method ${m.method}`);
    const opts = { signal: ac.signal, ...(m.stream ? { onToken: (text: string) => send({ t: 'token', id: m.id, text: String(text) }) } : {}) };
    const value = await (fn as (...a: unknown[]) => unknown).apply(impl, [...m.args, opts]);
    // structured clone drops functions and class identity; JSON round-trip makes the contract explicit
    send({ t: 'result', id: m.id, ok: true, value: value === undefined ? null : JSON.parse(JSON.stringify(value)) });
  } catch (e) {
    send({ t: 'result', id: m.id, ok: false, message: message(e) });
  } finally {
    aborts.delete(m.id);
  }
}

port.on('message', (m: ToWorker) => {
  switch (m.t) {
    case 'call':
      void call(m);
      break;
    case 'cancel':
      aborts.get(m.id)?.abort();
      break;
    case 'host-result': {
      const p = hostCalls.get(m.id);
      hostCalls.delete(m.id);
      if (p) m.ok ? p.resolve(m.value) : p.reject(new Error(m.message));
      break;
    }
    case 'deactivate':
      void (async () => {
        try {
          await definition?.deactivate?.();
        } catch (e) {
          log.warn(`deactivate() threw: ${message(e)}`);
        }
        send({ t: 'deactivated' });
      })();
      break;
  }
});

void activate();
