// Where the daemon finds the files it ships with (migrations, starter prompts, rules) and where the
// worker entry points are, both when bundled into dist/ and when run from source by the tests (tsx).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

declare const __CODETUNE_BUNDLED__: boolean | undefined;
/** true inside dist/*.mjs (esbuild defines it), false when run from TypeScript sources */
export const BUNDLED = typeof __CODETUNE_BUNDLED__ !== 'undefined' && __CODETUNE_BUNDLED__;

let root: string | undefined;

/** The folder holding CodeTune's package.json: the repository, or the installed extension. */
export function packageRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'codetune-studio') return (root = dir);
      } catch {
        // not ours; keep walking up
      }
    }
    const up = dirname(dir);
    if (up === dir) throw new Error('codetune: cannot find the package root (package.json named codetune-studio)');
    dir = up;
  }
}

export function resourcePath(...parts: string[]): string {
  return resolve(packageRoot(), ...parts);
}

/**
 * The file a worker thread should load. Bundled: dist/<name>.mjs. From source: the .ts file next to the
 * caller (tsx is inherited through execArgv).
 */
export function workerEntry(name: string, sourceUrl: string): URL {
  // not relative to import.meta.url: with code splitting this module may live in dist/chunks/
  if (BUNDLED) return pathToFileURL(resourcePath('dist', `${name}.mjs`));
  return new URL(sourceUrl);
}

export function version(): string {
  return (JSON.parse(readFileSync(resourcePath('package.json'), 'utf8')) as { version: string }).version;
}
