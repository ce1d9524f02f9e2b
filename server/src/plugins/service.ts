// The plugins capability's service on ctx.services.plugins: the registry plus where external plugins come
// from (config file, editor setting, workspace folders, data dir), the file watcher, and task running.
import { dirname, isAbsolute, resolve } from 'node:path';
import type { JsonValue } from '../../../shared/src/model/index.js';
import type { PluginTaskInput, PluginTaskResult } from '../../../shared/src/protocol/plugins.js';
import type { DaemonContext } from '../context.js';
import type { DiscoveryRoots } from './discovery.js';
import type { HostCallOptions } from './host/types.js';
import { PluginRegistry, type RegistryOptions } from './registry.js';
import type { PluginDefinition, PluginHostApi } from './sdk/kinds.js';
import { runPluginTask, type SearchHandler } from './tasks.js';
import { watchPlugins, type PluginWatcher } from './watch.js';

export interface PluginsServiceOptions {
  builtins: PluginDefinition[];
  hostApi: PluginHostApi;
  search?: SearchHandler;
  limits?: RegistryOptions['limits'];
  /** fs.watch debounce; 0 disables watching */
  watchDebounceMs?: number;
}

export class PluginsService {
  readonly registry: PluginRegistry;
  private watcher: PluginWatcher | null = null;
  private editorPaths: string[] = [];
  private workspaceFolders: string[] = [];

  constructor(
    private readonly ctx: DaemonContext,
    private readonly opts: PluginsServiceOptions,
  ) {
    this.registry = new PluginRegistry({
      log: ctx.log.child({ component: 'plugins' }),
      store: ctx.repos.plugins,
      engineVersion: ctx.version,
      builtins: opts.builtins,
      hostApi: opts.hostApi,
      roots: () => this.roots(),
      ...(opts.limits ? { limits: opts.limits } : {}),
    });
  }

  /** Built-ins are up when this resolves; external plugins finish starting in the background (see ready()). */
  async start(): Promise<void> {
    await this.registry.start({ background: true });
    if ((this.opts.watchDebounceMs ?? 300) > 0) {
      this.watcher = watchPlugins(this.registry, () => this.roots(), this.ctx.log.child({ component: 'plugins' }), this.opts.watchDebounceMs ?? 300);
    }
  }

  ready(): Promise<void> {
    return this.registry.ready();
  }

  async stop(): Promise<void> {
    this.watcher?.close();
    await this.registry.stop();
  }

  /**
   * Folders from `plugins.paths` of the config file (relative to the file), the editor's
   * `codetune.plugins.paths`, and node_modules of the data dir and of the workspace folders. Plugins from
   * the config file and the data dir are the user's own; the others load only in a trusted workspace.
   */
  roots(): DiscoveryRoots {
    const base = dirname(this.ctx.config.configPath);
    const fromConfig = (this.ctx.config.file.plugins?.paths ?? []).map((p) => (isAbsolute(p) ? p : resolve(base, p)));
    return {
      folders: [...new Set([...fromConfig, ...this.editorPaths])],
      npmRoots: [...new Set([this.ctx.config.dataDir, ...this.workspaceFolders])],
      // what the workspace controls (a cloned repository's node_modules, a workspace setting) waits for trust
      workspaceRoots: [...this.editorPaths, ...this.workspaceFolders],
    };
  }

  /** The editor's setting and workspace folders changed: look again. */
  async setEditorRoots(r: { paths?: string[]; workspaceFolders?: string[] }): Promise<void> {
    const before = JSON.stringify(this.roots());
    if (r.paths) this.editorPaths = r.paths.filter((p) => typeof p === 'string' && p.length > 0).map((p) => resolve(p));
    if (r.workspaceFolders) this.workspaceFolders = r.workspaceFolders.map((p) => resolve(p));
    if (JSON.stringify(this.roots()) === before) return;
    await this.registry.rescan();
    this.watcher?.refresh();
  }

  async runTask(id: string, task: string, input: PluginTaskInput, opts: HostCallOptions = {}): Promise<PluginTaskResult> {
    const t = performance.now();
    const result: JsonValue = await runPluginTask(this.registry, id, task, input ?? {}, { ...opts, ...(this.opts.search ? { search: this.opts.search } : {}) });
    return { pluginId: id, task, result, durationMs: Math.round(performance.now() - t) };
  }
}
