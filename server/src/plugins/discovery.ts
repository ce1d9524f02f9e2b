// Finds external plugins: folders named in `plugins.paths` (config file) or `codetune.plugins.paths`
// (editor setting) — each either a plugin folder itself or a folder of plugin folders — and npm packages
// carrying the keyword `codetune-plugin` in node_modules of the workspace folders and the data dir.
// A plugin folder has a package.json whose "codetune" field is the manifest (see sdk/manifest.ts).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PluginSource } from '../../../shared/src/protocol/plugins.js';
import { errorMessage } from '../util/errors.js';
import { validateManifest, type ResolvedManifest } from './sdk/manifest.js';

export const NPM_KEYWORD = 'codetune-plugin';

/** `workspace`: found through a root the workspace controls (its node_modules, the editor's plugin paths) */
export type ExternalCandidate = (
  | { ok: true; manifest: ResolvedManifest; source: Exclude<PluginSource, 'builtin'>; dir: string; entry: string }
  | { ok: false; id: string; name: string; version: string; source: Exclude<PluginSource, 'builtin'>; dir: string; message: string }
) & { workspace?: boolean };

export interface PackageJson {
  name?: string;
  displayName?: string;
  version?: string;
  description?: string;
  main?: string;
  keywords?: string[];
  engines?: Record<string, string>;
  codetune?: Record<string, unknown>;
  /** set when package.json did not parse (often: caught mid-edit by the watcher) */
  parseError?: string;
}

export interface DiscoveryRoots {
  /** plugin folders, or folders holding plugin folders */
  folders: string[];
  /** folders whose node_modules may hold codetune-plugin packages */
  npmRoots: string[];
  /**
   * the entries of `folders` and `npmRoots` that come from the workspace (workspace folders, the editor's
   * setting): plugins found there load only once the editor says the workspace is trusted
   */
  workspaceRoots?: string[];
}

export function discoverExternal(roots: DiscoveryRoots): ExternalCandidate[] {
  const seen = new Set<string>();
  const out: ExternalCandidate[] = [];
  const fromWorkspace = new Set((roots.workspaceRoots ?? []).map((r) => resolve(r)));
  let workspace = false;
  const add = (dir: string, source: 'folder' | 'npm', pkg: PackageJson) => {
    const real = resolve(dir);
    if (seen.has(real)) return;
    seen.add(real);
    out.push({ ...readCandidate(real, source, pkg), ...(workspace ? { workspace } : {}) });
  };
  for (const folder of roots.folders) {
    workspace = fromWorkspace.has(resolve(folder));
    const pkg = readPackage(folder);
    if (pkg?.codetune) {
      add(folder, 'folder', pkg);
      continue;
    }
    for (const child of subdirs(folder)) {
      const p = readPackage(child);
      if (p?.codetune) add(child, 'folder', p);
    }
  }
  for (const root of roots.npmRoots) {
    workspace = fromWorkspace.has(resolve(root));
    const nm = join(root, 'node_modules');
    for (const dir of subdirs(nm)) {
      const names = basename(dir).startsWith('@') ? subdirs(dir) : [dir];
      for (const d of names) {
        const p = readPackage(d);
        if (p?.keywords?.includes(NPM_KEYWORD)) add(d, 'npm', p);
      }
    }
  }
  return out;
}

/** Builds the manifest of one plugin folder from its package.json and validates it. */
export function readCandidate(dir: string, source: 'folder' | 'npm', pkg: PackageJson): ExternalCandidate {
  const fallbackId = (pkg.codetune?.id as string | undefined) ?? pkg.name ?? basename(dir);
  const base = { id: String(fallbackId), name: pkg.displayName ?? pkg.name ?? basename(dir), version: pkg.version ?? '0.0.0', source, dir } as const;
  if (pkg.parseError) return { ok: false, ...base, message: `${join(dir, 'package.json')} is not valid JSON (${pkg.parseError}).` };
  if (!pkg.codetune || typeof pkg.codetune !== 'object') {
    return { ok: false, ...base, message: `${join(dir, 'package.json')} has no "codetune" manifest field; see examples/ for one.` };
  }
  const raw = {
    id: pkg.name,
    name: pkg.displayName ?? pkg.name,
    version: pkg.version,
    ...(pkg.description ? { description: pkg.description } : {}),
    ...(pkg.engines?.codetune ? { engines: { codetune: pkg.engines.codetune } } : {}),
    ...pkg.codetune,
  };
  const check = validateManifest(raw, join(dir, 'package.json'));
  if (!check.ok) return { ok: false, ...base, message: check.message };
  const main = check.manifest.main ?? pkg.main ?? 'index.js';
  const entry = resolve(dir, main);
  if (!entry.startsWith(resolve(dir))) return { ok: false, ...base, message: `The entry ${main} of plugin ${check.manifest.id} lies outside its folder.` };
  if (!existsSync(entry)) {
    return { ok: false, ...base, message: `The entry module ${entry} of plugin ${check.manifest.id} does not exist (build the plugin, or fix "main").` };
  }
  return { ok: true, manifest: check.manifest, source, dir, entry: pathToFileURL(entry).href };
}

function readPackage(dir: string): PackageJson | null {
  const file = join(dir, 'package.json');
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as PackageJson;
  } catch (e) {
    // a half-written package.json during an edit: report as a manifest without the codetune field
    return { name: basename(dir), codetune: {}, keywords: [NPM_KEYWORD], parseError: errorMessage(e) };
  }
}

function subdirs(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((n) => !n.startsWith('.'))
      .map((n) => join(dir, n))
      .filter((p) => {
        try {
          return statSync(p).isDirectory();
        } catch {
          return false;
        }
      });
  } catch {
    return [];
  }
}
