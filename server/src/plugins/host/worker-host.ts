// Parent side of an isolated plugin: one worker thread per plugin, with a heap limit (resourceLimits) and a
// time limit per call enforced by terminating the worker. Whatever the plugin does (throw, loop forever,
// allocate without bound, call process.exit) ends as a rejected call or a `died` reason, never as a crash
// of the daemon.
import type { Worker } from 'node:worker_threads';
import type { JsonObject } from '../../../../shared/src/model/index.js';
import type { Logger } from '../../logger.js';
import { UserError, errorMessage } from '../../util/errors.js';
import { workerEntry } from '../../util/paths.js';
import type { PluginHostApi } from '../sdk/kinds.js';
import { spawnWorker } from './spawn.js';
import { PluginFailure, type FromWorker, type HostCallOptions, type PluginHost, type ToWorker, type WorkerInit } from './types.js';

export interface WorkerLimits {
  /** V8 old-generation heap of the worker */
  memoryMb: number;
  /** one call may take this long (time spent waiting on the daemon's own services is not counted) */
  callTimeoutMs: number;
  /** loading + activate() may take this long */
  activateTimeoutMs: number;
}

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
  method: string;
  timer: NodeJS.Timeout | null;
  onToken?: ((text: string) => void) | undefined;
}

export class WorkerHost implements PluginHost {
  readonly isolated = true;
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  /** host calls (runPrompt…) in flight: while any runs, the plugin is waiting on us, not looping */
  private hostCallsInFlight = 0;
  private exitCalled: number | null = null;
  private stopping = false;
  private deathReason: string | null = null;
  private readonly diedListeners: ((reason: string) => void)[] = [];

  constructor(
    private readonly init: Omit<WorkerInit, 'settings'>,
    private readonly limits: WorkerLimits,
    private readonly hostApi: PluginHostApi,
    private readonly log: Logger,
  ) {}

  onDied(listener: (reason: string) => void): void {
    this.diedListeners.push(listener);
  }

  start(settings: JsonObject): Promise<void> {
    const worker = spawnWorker(workerEntry('plugin-worker', new URL('./worker.ts', import.meta.url).href), {
      workerData: { ...this.init, settings } satisfies WorkerInit,
      resourceLimits: { maxOldGenerationSizeMb: this.limits.memoryMb, maxYoungGenerationSizeMb: Math.min(16, Math.max(4, this.limits.memoryMb / 8)), stackSizeMb: 4 },
      // the plugin's console output would corrupt the LSP stream on stdout: route it to the log instead
      stdout: true,
      stderr: true,
    });
    this.worker = worker;
    worker.stdout.on('data', (d: Buffer) => this.log.info({ out: d.toString().trimEnd() }, 'plugin stdout'));
    worker.stderr.on('data', (d: Buffer) => this.log.warn({ out: d.toString().trimEnd() }, 'plugin stderr'));

    return new Promise<void>((resolve, reject) => {
      let settled = false;
      const settle = (err: string | null) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (err === null) resolve();
        else reject(new PluginFailure(err, true));
      };
      const timer = setTimeout(() => {
        settle(`loading and activating did not finish within ${this.limits.activateTimeoutMs} ms; the plugin was stopped`);
        void this.kill();
      }, this.limits.activateTimeoutMs);

      worker.on('message', (m: FromWorker) => {
        if (m.t === 'ready') settle(null);
        else if (m.t === 'activate-failed') {
          settle(`activation failed: ${m.message}`);
          void this.kill();
        } else this.onMessage(m);
      });
      worker.on('error', (e: Error & { code?: string }) => {
        const reason =
          e.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? `ran out of memory (limit ${this.limits.memoryMb} MB); the plugin was stopped`
            : `crashed: ${errorMessage(e)}`;
        this.deathReason ??= reason;
      });
      worker.on('exit', (code) => {
        this.worker = null;
        const reason =
          this.deathReason ??
          (this.exitCalled !== null ? `called process.exit(${this.exitCalled}); the plugin was stopped` : `its worker exited unexpectedly (code ${code})`);
        this.failAll(reason);
        if (!settled) settle(reason);
        else if (!this.stopping) for (const l of this.diedListeners) l(reason);
      });
    });
  }

  call(method: string, args: unknown[], opts: HostCallOptions = {}): Promise<unknown> {
    const worker = this.worker;
    if (!worker) return Promise.reject(new PluginFailure(this.deathReason ?? 'the plugin is not running', true));
    if (opts.signal?.aborted) return Promise.reject(cancelled(method));
    const id = this.nextId++;
    return new Promise<unknown>((resolve, reject) => {
      const p: Pending = { resolve, reject, method, timer: null, onToken: opts.onToken };
      this.pending.set(id, p);
      this.armTimer(id, p);
      opts.signal?.addEventListener(
        'abort',
        () => {
          if (!this.pending.delete(id)) return;
          if (p.timer) clearTimeout(p.timer);
          this.post({ t: 'cancel', id });
          reject(cancelled(method));
        },
        { once: true },
      );
      this.post({ t: 'call', id, method, args, stream: Boolean(opts.onToken) });
    });
  }

  async stop(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    this.stopping = true;
    // give deactivate() a short while, then terminate regardless
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(t);
        resolve();
      };
      const t = setTimeout(done, 2000);
      worker.on('message', (m: FromWorker) => m.t === 'deactivated' && done());
      worker.once('exit', done);
      this.post({ t: 'deactivate' });
    });
    await this.kill();
    this.failAll('the plugin was unloaded');
  }

  private armTimer(id: number, p: Pending): void {
    p.timer = setTimeout(() => {
      if (!this.pending.has(id)) return;
      // the plugin is waiting on one of our services (a model call): not its fault, keep waiting
      if (this.hostCallsInFlight > 0) return this.armTimer(id, p);
      const reason = `call ${p.method} did not finish within ${this.limits.callTimeoutMs} ms; the plugin was stopped`;
      this.deathReason ??= reason;
      void this.kill();
    }, this.limits.callTimeoutMs);
    p.timer.unref();
  }

  private onMessage(m: FromWorker): void {
    switch (m.t) {
      case 'result': {
        const p = this.pending.get(m.id);
        if (!p) return;
        this.pending.delete(m.id);
        if (p.timer) clearTimeout(p.timer);
        if (m.ok) p.resolve(m.value);
        else p.reject(new PluginFailure(`${p.method} failed: ${m.message}`, false));
        return;
      }
      case 'token':
        this.pending.get(m.id)?.onToken?.(m.text);
        return;
      case 'host-call':
        void this.serveHostCall(m.id, m.method, m.args);
        return;
      case 'log':
        this.log[m.level]({ ...(m.data ?? {}) }, m.msg);
        return;
      case 'exit-called':
        this.exitCalled = m.code;
        return;
      default:
        return;
    }
  }

  private async serveHostCall(id: number, method: string, args: unknown[]): Promise<void> {
    this.hostCallsInFlight++;
    try {
      const fn = (this.hostApi as unknown as Record<string, unknown>)[method];
      if (typeof fn !== 'function') throw new Error(`the daemon offers no host method ${method}`);
      const value = await (fn as (...a: unknown[]) => Promise<unknown>).apply(this.hostApi, args);
      this.post({ t: 'host-result', id, ok: true, value: JSON.parse(JSON.stringify(value ?? null)) });
    } catch (e) {
      this.post({ t: 'host-result', id, ok: false, message: e instanceof UserError ? e.describe() : errorMessage(e) });
    } finally {
      this.hostCallsInFlight--;
    }
  }

  private post(m: ToWorker): void {
    try {
      this.worker?.postMessage(m);
    } catch (e) {
      this.log.debug({ err: errorMessage(e) }, 'plugin worker gone before a message');
    }
  }

  private failAll(reason: string): void {
    for (const [id, p] of this.pending) {
      if (p.timer) clearTimeout(p.timer);
      this.pending.delete(id);
      p.reject(new PluginFailure(reason, true));
    }
  }

  private async kill(): Promise<void> {
    const w = this.worker;
    if (w) await w.terminate().catch(() => {});
  }
}

function cancelled(method: string): UserError {
  return new UserError('cancelled', `The ${method} call was cancelled.`);
}
