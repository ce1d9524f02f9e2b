// The plugin registry: every plugin's lifecycle (discover → validate manifest → load → activate → deactivate →
// unload), its persisted state and settings, and the one door through which the daemon calls plugins.
// Built-ins run in-process; external plugins run in worker threads and only in a trusted workspace.
import { availableParallelism } from 'node:os';
import type { JsonObject } from '../../../shared/src/model/index.js';
import type { PluginInfo, PluginKind, PluginStateName, PluginsDidChangeParams } from '../../../shared/src/protocol/plugins.js';
import type { PluginStateRepository } from '../db/repositories/plugins/types.js';
import type { Logger } from '../logger.js';
import { UserError, errorMessage, isUserError } from '../util/errors.js';
import { discoverExternal, readCandidate, type DiscoveryRoots } from './discovery.js';
import { fromCandidate, readPackageJson, toInfo, type Entry } from './entry.js';
import { guardedHostApi } from './hostapi.js';
import { InProcessHost } from './host/inprocess.js';
import { PluginFailure, type HostCallOptions, type PluginHost } from './host/types.js';
import { WorkerHost, type WorkerLimits } from './host/worker-host.js';
import { KIND_METHODS, type PluginDefinition, type PluginHostApi } from './sdk/kinds.js';
import { checkEngine, validateManifest } from './sdk/manifest.js';
import { settingsProblem, validateSettings, withDefaults } from './settings.js';

export const UNTRUSTED_MESSAGE = 'Not loaded: this workspace is not trusted, and external plugins run only in trusted workspaces. Trust the workspace to load it.';
export const TRUST_PENDING_MESSAGE = 'Not loaded yet: it comes from the workspace, which the editor has not declared trusted (codetune/plugins/setTrust).';

export const DEFAULT_LIMITS: WorkerLimits = { memoryMb: 256, callTimeoutMs: 60_000, activateTimeoutMs: 15_000 };
const MAX_MEMORY_MB = 2048;

export interface RegistryOptions {
  log: Logger;
  store: PluginStateRepository;
  engineVersion: string;
  builtins: PluginDefinition[];
  /** the daemon's services for plugins; the registry narrows them to each manifest's capabilities */
  hostApi: PluginHostApi;
  /** where external plugins are looked for (read again on every rescan) */
  roots: () => DiscoveryRoots;
  /** defaults for isolated plugins; a manifest may ask for other limits within caps */
  limits?: Partial<WorkerLimits>;
  /** true / false as the editor says; absent: not told (workspace plugins wait, the user's own load) */
  trusted?: boolean;
}

export type ChangeListener = (change: PluginsDidChangeParams) => void;

export class PluginRegistry {
  private readonly entries = new Map<string, Entry>();
  private readonly listeners = new Set<ChangeListener>();
  private readonly limits: WorkerLimits;
  private trusted: boolean | null;
  private stopped = false;

  constructor(private readonly opts: RegistryOptions) {
    this.limits = { ...DEFAULT_LIMITS, ...opts.limits };
    this.trusted = opts.trusted ?? null;
  }

  // ── lifecycle of the registry ─────────────────────────────────────────────────────────────────────────

  private initial: Promise<void> = Promise.resolve();

  /**
   * Registers built-ins, discovers external plugins and brings every enabled one up (in parallel). With
   * `background`, only the built-ins are awaited: external plugins keep starting in their workers while the
   * daemon answers (each reports `loaded` → `active` or `error` through didChange); `ready()` waits for them.
   */
  async start(opts: { background?: boolean } = {}): Promise<void> {
    const stored = new Map((await this.opts.store.list().catch(() => [])).map((r) => [r.pluginId, r]));
    for (const def of this.opts.builtins) {
      const check = validateManifest(def.manifest, `built-in ${def.manifest?.id ?? '?'}`);
      if (!check.ok) throw new Error(check.message); // our own bug: fail loudly in tests
      this.add({ id: check.manifest.id, manifest: check.manifest, source: 'builtin', definition: def }, stored.get(check.manifest.id));
    }
    for (const c of discoverExternal(this.opts.roots())) {
      const id = c.ok ? c.manifest.id : c.id;
      if (this.entries.has(id)) {
        this.opts.log.warn({ plugin: id, dir: c.dir }, 'a plugin with this id is already registered; this copy is ignored');
        continue;
      }
      this.add(fromCandidate(c), stored.get(id));
    }
    const all = [...this.entries.values()];
    const builtins = all.filter((e) => e.source === 'builtin');
    const external = all.filter((e) => e.source !== 'builtin');
    // listed at once as "loaded", so a client sees every plugin from the first list
    for (const e of external) e.state = 'loaded';
    await Promise.all(builtins.map((e) => this.serial(e, () => this.up(e))));
    // a few workers at a time: twenty booting at once on a small machine slow each other and the daemon
    const gate = limit(Math.max(2, availableParallelism()));
    this.initial = Promise.all(external.map((e) => gate(() => this.serial(e, () => this.up(e))))).then(() => undefined);
    if (!opts.background) await this.initial;
  }

  /** Resolves once the plugins found at start have finished starting (or failed). */
  ready(): Promise<void> {
    return this.initial;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all([...this.entries.values()].map((e) => this.serial(e, () => this.down(e))));
  }

  onDidChange(listener: ChangeListener): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => void this.listeners.delete(listener) };
  }

  // ── queries ───────────────────────────────────────────────────────────────────────────────────────────

  list(): PluginInfo[] {
    return [...this.entries.values()]
      .sort((a, b) => Number(a.source !== 'builtin') - Number(b.source !== 'builtin') || a.id.localeCompare(b.id))
      .map((e) => toInfo(e));
  }

  get(id: string): PluginInfo {
    return toInfo(this.entry(id));
  }

  has(id: string): boolean {
    return this.entries.has(id);
  }

  /** Active plugins of a kind (optionally answering a task), built-ins last so a user's plugin wins. */
  active(kind: PluginKind, task?: string): PluginInfo[] {
    return this.list()
      .filter((p) => p.kind === kind && p.state === 'active' && (!task || p.tasks.includes(task)))
      .sort((a, b) => Number(a.source === 'builtin') - Number(b.source === 'builtin'));
  }

  /** null until the editor said (setTrust) */
  isTrusted(): boolean | null {
    return this.trusted;
  }

  // ── user operations ───────────────────────────────────────────────────────────────────────────────────

  async enable(id: string): Promise<PluginInfo> {
    const e = this.entry(id);
    return this.serial(e, async () => {
      e.enabled = true;
      await this.down(e);
      await this.up(e);
      return toInfo(e);
    });
  }

  async disable(id: string): Promise<PluginInfo> {
    const e = this.entry(id);
    return this.serial(e, async () => {
      e.enabled = false;
      await this.down(e);
      await this.set(e, 'disabled');
      return toInfo(e);
    });
  }

  /** Unloads and loads the plugin again; an external one is read from its files again (manifest included). */
  async reload(id: string): Promise<PluginInfo> {
    const e = this.entry(id);
    return this.serial(e, async () => {
      await this.down(e);
      if (e.dir && e.source !== 'builtin') {
        const fresh = fromCandidate(readCandidate(e.dir, e.source, readPackageJson(e.dir)));
        // the id is the key; a manifest that now names another id is reported, not silently re-keyed
        if (fresh.id !== e.id) fresh.invalid = `The manifest in ${e.dir} now names the id ${fresh.id}; ids cannot change. Remove and re-add the plugin.`;
        Object.assign(e, { manifest: fresh.manifest, entry: fresh.entry, invalid: fresh.invalid });
      }
      await this.up(e);
      return toInfo(e);
    });
  }

  /** Replaces the settings (validated: a UserError naming the field otherwise); a running plugin restarts with them. */
  async setSettings(id: string, settings: unknown): Promise<PluginInfo> {
    const e = this.entry(id);
    const valid = validateSettings(id, e.manifest.settings, settings);
    return this.serial(e, async () => {
      e.settings = valid;
      if (e.host || e.state === 'error') {
        await this.down(e);
        await this.up(e);
      } else {
        await this.set(e, e.state, e.message);
      }
      return toInfo(e);
    });
  }

  /** Untrusted: external plugins are unloaded and stay so until trust is given. */
  async setTrusted(trusted: boolean): Promise<PluginInfo[]> {
    if (trusted === this.trusted) return this.list();
    this.trusted = trusted;
    const external = [...this.entries.values()].filter((e) => e.source !== 'builtin');
    await Promise.all(
      external.map((e) =>
        this.serial(e, async () => {
          await this.down(e);
          await this.up(e);
        }),
      ),
    );
    return this.list();
  }

  /** Looks for external plugins again: loads new ones, unloads removed ones. */
  async rescan(): Promise<void> {
    if (this.stopped) return;
    const stored = new Map((await this.opts.store.list().catch(() => [])).map((r) => [r.pluginId, r]));
    const found = discoverExternal(this.opts.roots()).map(fromCandidate);
    const foundIds = new Set(found.map((f) => f.id));
    const removed: string[] = [];
    for (const e of [...this.entries.values()]) {
      if (e.source === 'builtin' || foundIds.has(e.id)) continue;
      await this.serial(e, () => this.down(e));
      this.entries.delete(e.id);
      removed.push(e.id);
    }
    if (removed.length) this.emit({ changed: [], removed });
    const added = found.filter((f) => !this.entries.has(f.id));
    for (const f of added) this.add(f, stored.get(f.id));
    await Promise.all(added.map((f) => this.entries.get(f.id)!).map((e) => this.serial(e, () => this.up(e))));
  }

  /** The id of the external plugin whose folder holds `file`, if any (for the file watcher). */
  pluginAt(file: string): string | undefined {
    for (const e of this.entries.values()) if (e.dir && (file === e.dir || file.startsWith(e.dir + '/') || file.startsWith(e.dir + '\\'))) return e.id;
    return undefined;
  }

  externalDirs(): string[] {
    return [...this.entries.values()].flatMap((e) => (e.dir ? [e.dir] : []));
  }

  // ── calls ─────────────────────────────────────────────────────────────────────────────────────────────

  /**
   * Calls a method of a plugin's kind interface. A call that fails marks the plugin "error" with the reason
   * (it recovers on its next successful call unless it was stopped); errors reach the caller as UserErrors.
   */
  async call<T = unknown>(id: string, method: string, args: unknown[], opts: HostCallOptions = {}): Promise<T> {
    const e = this.entry(id);
    const host = e.host;
    if (!host || (e.state !== 'active' && e.state !== 'error')) {
      throw new UserError('conflict', `Plugin ${id} is not running (${e.state}${e.message ? `: ${e.message}` : ''}).`, {
        hint:
          e.state === 'loaded'
            ? 'It is still starting; try again in a moment.'
            : e.state === 'disabled' && !e.message
              ? 'Enable it first.'
              : e.state === 'disabled'
                ? 'See the message above.'
                : 'Fix the cause, then reload the plugin.',
      });
    }
    try {
      const value = (await host.call(method, args, opts)) as T;
      if (e.state === 'error' && e.host === host) await this.set(e, 'active');
      return value;
    } catch (err) {
      if (err instanceof PluginFailure) {
        if (!err.fatal && e.host === host) await this.set(e, 'error', err.message);
        throw new UserError('upstream_error', `Plugin ${id}: ${err.message}`, {
          hint: err.fatal ? 'Fix the plugin, then reload it.' : 'The plugin keeps running; see the CodeTune log for details.',
        });
      }
      throw err;
    }
  }

  // ── internals ─────────────────────────────────────────────────────────────────────────────────────────

  private add(init: Pick<Entry, 'id' | 'manifest' | 'source' | 'dir' | 'entry' | 'definition' | 'invalid' | 'workspace'>, stored?: { enabled: boolean; settings: JsonObject }): void {
    this.entries.set(init.id, {
      ...init,
      enabled: stored?.enabled ?? true,
      settings: stored?.settings ?? {},
      state: 'loaded',
      host: null,
      queue: Promise.resolve(),
    });
  }

  private entry(id: string): Entry {
    const e = this.entries.get(id);
    if (!e) throw new UserError('not_found', `No plugin ${id}.`, { hint: 'GET /api/plugins (or codetune/plugins/list) lists the plugins.' });
    return e;
  }

  private serial<T>(e: Entry, op: () => Promise<T>): Promise<T> {
    const run = e.queue.then(op, op);
    e.queue = run.catch(() => {});
    return run;
  }

  /** validate → load → activate, or the state saying why not. Never throws. */
  private async up(e: Entry): Promise<void> {
    if (this.stopped) return;
    if (e.invalid) return this.set(e, 'error', e.invalid);
    if (!e.enabled) return this.set(e, 'disabled');
    if (e.source !== 'builtin' && this.trusted === false) return this.set(e, 'disabled', UNTRUSTED_MESSAGE);
    if (e.workspace && this.trusted !== true) return this.set(e, 'disabled', TRUST_PENDING_MESSAGE);
    const engine = checkEngine(e.manifest, this.opts.engineVersion);
    if (engine) return this.set(e, 'error', engine);
    const problem = settingsProblem(e.manifest.settings, e.settings);
    if (problem) {
      return this.set(e, 'error', `Its saved settings are invalid: settings${problem.field ? `.${problem.field}` : ''} ${problem.message}. Change them (PUT /api/plugins/${e.id}/settings).`);
    }
    const settings = withDefaults(e.manifest.settings, e.settings);
    const host = this.createHost(e);
    e.host = host;
    await this.set(e, 'loaded');
    try {
      await host.start(settings);
    } catch (err) {
      e.host = null;
      await host.stop();
      return this.set(e, 'error', err instanceof PluginFailure ? err.message : `activation failed: ${errorMessage(err)}`);
    }
    host.onDied((reason) => {
      if (e.host !== host) return;
      e.host = null;
      this.opts.log.warn({ plugin: e.id, reason }, 'plugin stopped');
      void this.set(e, 'error', reason);
    });
    await this.set(e, 'active');
  }

  /** deactivate → unload. */
  private async down(e: Entry): Promise<void> {
    const host = e.host;
    e.host = null;
    if (host) await host.stop();
  }

  private createHost(e: Entry): PluginHost {
    const log = this.opts.log.child({ plugin: e.id });
    const api = guardedHostApi(this.opts.hostApi, e.manifest);
    const methods = KIND_METHODS[e.manifest.kind];
    if (e.definition) return new InProcessHost(e.definition, { pluginId: e.id, kind: e.manifest.kind, methods, engineVersion: this.opts.engineVersion }, api, log);
    const wanted = e.manifest.limits ?? {};
    const limits: WorkerLimits = {
      memoryMb: Math.min(wanted.memoryMb ?? this.limits.memoryMb, MAX_MEMORY_MB),
      callTimeoutMs: wanted.callTimeoutMs ?? this.limits.callTimeoutMs,
      activateTimeoutMs: this.limits.activateTimeoutMs,
    };
    return new WorkerHost({ pluginId: e.id, kind: e.manifest.kind, entry: e.entry!, engineVersion: this.opts.engineVersion, methods }, limits, api, log);
  }

  private async set(e: Entry, state: PluginStateName, message?: string): Promise<void> {
    const changed = e.state !== state || e.message !== message;
    e.state = state;
    if (message === undefined) delete e.message;
    else e.message = message;
    if (state === 'error') this.opts.log.warn({ plugin: e.id, reason: message }, 'plugin error');
    try {
      await this.opts.store.save({ pluginId: e.id, enabled: e.enabled, state, errorMessage: message ?? null, settings: e.settings });
    } catch (err) {
      // the registry keeps working from memory; the state is written again on the next change
      this.opts.log.warn({ plugin: e.id, err: isUserError(err) ? err.message : errorMessage(err) }, 'plugin state not saved');
    }
    if (changed || state === 'active') this.emit({ changed: [toInfo(e)], removed: [] });
  }

  private emit(change: PluginsDidChangeParams): void {
    for (const l of this.listeners) {
      try {
        l(change);
      } catch (err) {
        this.opts.log.warn({ err: errorMessage(err) }, 'plugin change listener failed');
      }
    }
  }
}

/** At most `n` of the functions given run at once. */
function limit(n: number): <T>(fn: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (fn) => {
    if (running >= n) await new Promise<void>((r) => waiting.push(r));
    running++;
    try {
      return await fn();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}
