// `codetune plugins list` (every plugin the daemon would load with these flags, and its state) and
// `codetune plugins check DIR` (for plugin authors and CI: validate a plugin folder's manifest, check its
// engine range, load and activate it in an isolated worker exactly as the daemon does; exit 1 when it fails).
import { resolve } from 'node:path';
import { Command } from 'commander';
import type { PluginInfo } from '../../../shared/src/protocol/plugins.js';
import { reportFailure, withCommonOptions } from '../cli/common.js';
import { resolveConfig, type CommonOptions } from '../config/load.js';
import type { DaemonContext, Services } from '../context.js';
import { openRepositories } from '../db/open.js';
import type { PluginStateRecord, PluginStateRepository } from '../db/repositories/plugins/types.js';
import { silentLogger } from '../logger.js';
import { UserError } from '../util/errors.js';
import { version } from '../util/paths.js';
import { builtinPlugins } from './builtin/index.js';
import { unavailableHostApi } from './hostapi.js';
import { PluginRegistry } from './registry.js';
import { PluginsService } from './service.js';

interface Flags extends CommonOptions {
  json?: boolean;
}

/** Plugin state kept in memory: `check` must not write the user's database. */
export function memoryPluginState(): PluginStateRepository {
  const rows = new Map<string, PluginStateRecord>();
  return {
    async get(id) {
      return rows.get(id);
    },
    async list() {
      return [...rows.values()];
    },
    async save(rec) {
      const row = { ...rec, updatedAt: new Date() };
      rows.set(rec.pluginId, row);
      return row;
    },
    async remove(id) {
      return rows.delete(id);
    },
  };
}

/** Loads the plugin in DIR in a worker and activates it; `ok` when it ends up active. */
export async function checkPlugin(dir: string, engineVersion = version()): Promise<{ ok: boolean; plugin: PluginInfo | null; ms: number }> {
  const t = performance.now();
  const registry = new PluginRegistry({
    log: silentLogger(),
    store: memoryPluginState(),
    engineVersion,
    builtins: [],
    hostApi: unavailableHostApi(),
    roots: () => ({ folders: [dir], npmRoots: [] }),
    trusted: true,
  });
  try {
    await registry.start();
    const found = registry.list();
    if (found.length === 0) {
      throw new UserError('bad_request', `${dir} holds no CodeTune plugin (no package.json with a "codetune" field, here or one level down).`, {
        hint: 'See examples/README.md for the manifest.',
      });
    }
    const plugin = found[0]!;
    return { ok: found.every((p) => p.state === 'active'), plugin, ms: Math.round(performance.now() - t) };
  } finally {
    await registry.stop();
  }
}

/** Every plugin the daemon would load with these flags (built-ins, config folders, the data dir's npm packages). */
export async function listPlugins(flags: CommonOptions): Promise<PluginInfo[]> {
  const config = resolveConfig(flags);
  const repos = await openRepositories(config.database);
  const ctx: DaemonContext = { log: silentLogger(), repos, config, version: version(), startedAt: new Date(), tokenFile: '', httpAddress: null, services: {} as Services };
  const service = new PluginsService(ctx, { builtins: builtinPlugins(ctx), hostApi: unavailableHostApi(), watchDebounceMs: 0 });
  try {
    await service.start();
    await service.ready();
    return service.registry.list();
  } finally {
    await service.stop();
    await repos.close();
  }
}

export function formatPlugins(list: PluginInfo[]): string {
  const rows = list.map((p) => [p.id, p.version, p.kind, p.source, p.state, p.message ?? '']);
  const widths = [0, 1, 2, 3, 4].map((i) => Math.max(...rows.map((r) => r[i]!.length), 2));
  return rows.map((r) => r.map((c, i) => (i < 5 ? c.padEnd(widths[i]!) : c)).join('  ').trimEnd()).join('\n') + '\n';
}

export function pluginsCommand(): Command {
  const cmd = new Command('plugins').description('the plugin registry: list the plugins and their state, check a plugin folder');
  cmd.addCommand(
    withCommonOptions(new Command('list'))
      .description('list every plugin (built-in and external) with its kind, source and state')
      .option('--json', 'print the list as JSON')
      .action(async (flags: Flags) => {
        try {
          const list = await listPlugins(flags);
          process.stdout.write(flags.json ? `${JSON.stringify(list)}\n` : formatPlugins(list));
        } catch (e) {
          process.exitCode = reportFailure(e);
        }
      }),
  );
  cmd.addCommand(
    new Command('check')
      .description('validate a plugin folder and activate it in an isolated worker, as the daemon would; exit 1 when it fails')
      .argument('<dir>', 'the plugin folder (holding package.json with a "codetune" field)')
      .option('--json', 'print the result as JSON')
      .action(async (dir: string, flags: { json?: boolean }) => {
        try {
          const r = await checkPlugin(resolve(dir));
          const p = r.plugin!;
          if (flags.json) process.stdout.write(`${JSON.stringify(r)}\n`);
          else if (r.ok) process.stdout.write(`ok: ${p.id} ${p.version} (${p.kind}, tasks: ${p.tasks.join(', ')}) activated in ${r.ms} ms\n`);
          else process.stdout.write(`error: ${p.id}: ${p.message ?? p.state}\n`);
          process.exitCode = r.ok ? 0 : 1;
        } catch (e) {
          process.exitCode = reportFailure(e);
        }
      }),
  );
  return cmd;
}
