// One plugin as the registry holds it, how it is built from a discovered folder, and how it is shown.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JsonObject } from '../../../shared/src/model/index.js';
import type { PluginInfo, PluginStateName } from '../../../shared/src/protocol/plugins.js';
import { errorMessage } from '../util/errors.js';
import { readCandidate, type ExternalCandidate } from './discovery.js';
import type { PluginHost } from './host/types.js';
import type { PluginDefinition } from './sdk/kinds.js';
import type { ResolvedManifest } from './sdk/manifest.js';
import { withDefaults } from './settings.js';

export interface Entry {
  id: string;
  manifest: ResolvedManifest;
  source: PluginInfo['source'];
  dir?: string;
  /** file URL of an external plugin's module */
  entry?: string;
  definition?: PluginDefinition;
  /** manifest or folder problem: the plugin cannot load until its files are fixed */
  invalid?: string;
  /** found through a workspace root: needs an explicitly trusted workspace */
  workspace?: boolean;
  enabled: boolean;
  settings: JsonObject;
  state: PluginStateName;
  message?: string;
  host: PluginHost | null;
  /** lifecycle operations of one plugin run one after another */
  queue: Promise<unknown>;
}

export function toInfo(e: Entry): PluginInfo {
  const m = e.manifest;
  return {
    id: e.id,
    name: m.name,
    version: m.version,
    kind: m.kind,
    description: m.description,
    tasks: m.tasks,
    source: e.source,
    ...(e.dir ? { path: e.dir } : {}),
    engine: m.engines.codetune,
    capabilities: m.capabilities,
    state: e.state,
    ...(e.message !== undefined ? { message: e.message } : {}),
    enabled: e.enabled,
    isolated: e.source !== 'builtin',
    settings: withDefaults(m.settings, e.settings),
    ...(m.settings ? { settingsSchema: m.settings } : {}),
  };
}

export function fromCandidate(c: ExternalCandidate): Pick<Entry, 'id' | 'manifest' | 'source' | 'dir' | 'entry' | 'invalid' | 'workspace'> {
  const ws = c.workspace ? { workspace: true } : {};
  if (c.ok) return { id: c.manifest.id, manifest: c.manifest, source: c.source, dir: c.dir, entry: c.entry, ...ws };
  // a plugin that cannot load still shows up, so the user sees why
  const manifest: ResolvedManifest = { id: c.id, name: c.name, version: c.version, kind: 'analyzer', description: '', tasks: [], engines: { codetune: '*' }, capabilities: [] };
  return { id: c.id, manifest, source: c.source, dir: c.dir, invalid: c.message, ...ws };
}

export function readPackageJson(dir: string): Parameters<typeof readCandidate>[2] {
  try {
    return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Parameters<typeof readCandidate>[2];
  } catch (err) {
    return { name: dir, parseError: errorMessage(err) };
  }
}
