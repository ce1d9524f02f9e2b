// Reloads external plugins when their files change, and rescans when plugins appear or go. fs.watch events
// come in bursts (an editor save is several writes, npm install is thousands), so changes are debounced per
// plugin and a rescan waits for the burst to end.
import { watch, existsSync, type FSWatcher } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Logger } from '../logger.js';
import { errorMessage } from '../util/errors.js';
import type { DiscoveryRoots } from './discovery.js';
import type { PluginRegistry } from './registry.js';

export interface PluginWatcher {
  /** watch again after roots changed (new setting, new workspace folder) */
  refresh(): void;
  close(): void;
}

export function watchPlugins(registry: PluginRegistry, roots: () => DiscoveryRoots, log: Logger, debounceMs = 300): PluginWatcher {
  const watchers = new Map<string, FSWatcher>();
  const timers = new Map<string, NodeJS.Timeout>();
  let closed = false;

  const schedule = (key: string, run: () => Promise<unknown>) => {
    clearTimeout(timers.get(key));
    const t = setTimeout(() => {
      timers.delete(key);
      if (closed) return;
      run().catch((e: unknown) => log.warn({ err: errorMessage(e), key }, 'plugin reload after a file change failed'));
    }, debounceMs);
    t.unref();
    timers.set(key, t);
  };

  const onChange = (base: string) => (_event: string, filename: string | Buffer | null) => {
    const file = filename ? resolve(base, filename.toString()) : base;
    if (/[\\/](\.git|node_modules[\\/]\.cache)[\\/]/.test(file)) return;
    const id = registry.pluginAt(file);
    // a plugin whose folder (or package.json) went away was removed: a rescan drops it
    const gone = id !== undefined && !existsSync(join(registry.get(id).path ?? '', 'package.json'));
    if (id && !gone) {
      log.debug({ plugin: id, file }, 'plugin file changed');
      schedule(`plugin:${id}`, async () => {
        // the plugin may have been removed by a rescan in the meantime
        if (registry.has(id)) await registry.reload(id);
        refresh();
      });
    } else {
      schedule('rescan', async () => {
        await registry.rescan();
        refresh();
      });
    }
  };

  const add = (dir: string, recursive: boolean) => {
    if (watchers.has(dir) || !existsSync(dir)) return;
    try {
      const w = watch(dir, { recursive, persistent: false }, onChange(dir));
      w.on('error', (e) => {
        log.debug({ dir, err: errorMessage(e) }, 'plugin watcher stopped');
        w.close();
        watchers.delete(dir);
      });
      watchers.set(dir, w);
    } catch (e) {
      log.debug({ dir, err: errorMessage(e) }, 'cannot watch plugin folder');
    }
  };

  function refresh(): void {
    if (closed) return;
    const r = roots();
    const wanted = new Set<string>();
    // configured folders are small and hold plugin sources: watch them whole
    for (const f of r.folders) wanted.add(`r:${resolve(f)}`);
    // node_modules is large: watch only its top level (installs, removals) and each plugin package
    for (const root of r.npmRoots) wanted.add(`t:${join(resolve(root), 'node_modules')}`);
    for (const d of registry.externalDirs()) if (!r.folders.some((f) => d.startsWith(resolve(f)))) wanted.add(`r:${d}`);
    for (const key of [...watchers.keys()]) {
      if (![...wanted].some((w) => w.slice(2) === key)) {
        watchers.get(key)?.close();
        watchers.delete(key);
      }
    }
    for (const w of wanted) add(w.slice(2), w.startsWith('r:'));
  }

  refresh();
  return {
    refresh,
    close() {
      closed = true;
      for (const t of timers.values()) clearTimeout(t);
      for (const w of watchers.values()) w.close();
      watchers.clear();
    },
  };
}
