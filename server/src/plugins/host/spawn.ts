// Starts a plugin worker. Bundled, the entry is dist/plugin-worker.mjs. Run from TypeScript sources (tests,
// benches), Node 20 does not carry tsx's `--import` loader into worker threads, and loading tsx in every
// worker costs about half a second each; so the worker entry is compiled once per process with esbuild (a
// dev dependency, present wherever sources run) and every worker starts from that plain ES module, exactly
// as in the bundle. Without esbuild, the worker registers tsx itself.
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

const compiled = new Map<string, URL | null>();

export function spawnWorker(entry: URL, options: WorkerOptions): Worker {
  // no inherited flags: a daemon started with `--import tsx` would otherwise load tsx again in every
  // worker, and plugins must not depend on the daemon's flags anyway
  options = { execArgv: [], ...options };
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry, options);
  const js = compileOnce(entry);
  if (js) return new Worker(js, options);
  // the ESM build of tsx's API (require.resolve would give the CommonJS one)
  const tsxRoot = dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
  const tsx = pathToFileURL(join(tsxRoot, 'dist/esm/api/index.mjs')).href;
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(boot, { ...options, eval: true });
}

function compileOnce(entry: URL): URL | null {
  const known = compiled.get(entry.href);
  if (known !== undefined) return known;
  let out: URL | null = null;
  try {
    // loaded by name at run time only: this path never runs inside the bundle
    const load = createRequire(import.meta.url);
    const esbuild = load('esbuild') as typeof import('esbuild');
    const dir = mkdtempSync(join(tmpdir(), 'codetune-plugin-worker-'));
    const file = join(dir, 'plugin-worker.mjs');
    esbuild.buildSync({ entryPoints: [fileURLToPath(entry)], bundle: true, format: 'esm', platform: 'node', target: 'node20', outfile: file, logLevel: 'silent' });
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    out = pathToFileURL(file);
  } catch {
    out = null;
  }
  compiled.set(entry.href, out);
  return out;
}
