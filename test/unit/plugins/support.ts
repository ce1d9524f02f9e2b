// Helpers of the plugin tests: plugin folders written on the fly, and a registry over a real repository.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Repositories } from '../../../server/src/db/repositories/types.js';
import { silentLogger } from '../../../server/src/logger.js';
import type { PluginsDidChangeParams } from '../../../shared/src/protocol/plugins.js';
import { unavailableHostApi } from '../../../server/src/plugins/hostapi.js';
import { PluginRegistry, type RegistryOptions } from '../../../server/src/plugins/registry.js';

export function tempDir(prefix = 'codetune-plugins-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export interface PluginFolderSpec {
  id: string;
  kind?: 'analyzer' | 'llm' | 'codegen' | 'embedding';
  version?: string;
  engine?: string;
  settings?: object;
  capabilities?: string[];
  limits?: object;
  tasks?: string[];
  keywords?: string[];
  /** source of index.mjs */
  code: string;
}

/** Writes <parent>/<id>/{package.json,index.mjs} and returns the plugin folder. */
export function writePlugin(parent: string, spec: PluginFolderSpec): string {
  const dir = join(parent, spec.id);
  mkdirSync(dir, { recursive: true });
  const pkg = {
    name: spec.id,
    version: spec.version ?? '1.0.0',
    type: 'module',
    main: 'index.mjs',
    ...(spec.keywords ? { keywords: spec.keywords } : {}),
    codetune: {
      kind: spec.kind ?? 'analyzer',
      engines: { codetune: spec.engine ?? '>=0.1.0' },
      ...(spec.settings ? { settings: spec.settings } : {}),
      ...(spec.capabilities ? { capabilities: spec.capabilities } : {}),
      ...(spec.limits ? { limits: spec.limits } : {}),
      ...(spec.tasks ? { tasks: spec.tasks } : {}),
    },
  };
  writeFileSync(join(dir, 'package.json'), JSON.stringify(pkg, null, 2));
  writeFileSync(join(dir, 'index.mjs'), spec.code);
  return dir;
}

/** An analyzer whose findings carry `marker`, so a test can tell which code version answered. */
export function analyzerCode(marker: string): string {
  return `export default {
  activate(ctx) {
    return {
      async analyze(input) {
        return { findings: [{ ruleId: 'marker', message: ${JSON.stringify(marker)} + ':' + (ctx.settings.prefix ?? ''), severity: 'low', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } }], metrics: { lines: input.code.split('\\n').length, maxComplexity: 1, units: [] } };
      },
    };
  },
};
`;
}

export function makeRegistry(repos: Repositories, over: Partial<RegistryOptions> = {}): { registry: PluginRegistry; changes: PluginsDidChangeParams[] } {
  const registry = new PluginRegistry({
    log: silentLogger(),
    store: repos.plugins,
    engineVersion: '0.1.0',
    builtins: [],
    hostApi: unavailableHostApi(),
    roots: () => ({ folders: [], npmRoots: [] }),
    ...over,
  });
  const changes: PluginsDidChangeParams[] = [];
  registry.onDidChange((c) => changes.push(c));
  return { registry, changes };
}

export async function until(cond: () => boolean | Promise<boolean>, what: string, ms = 10000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
