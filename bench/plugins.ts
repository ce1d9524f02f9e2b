// Plugin registry figures: per-call overhead of an isolated (worker-thread) plugin against the same code
// in-process (p50, p99), and daemon start time with 20 external plugins installed against none.
//   node --import tsx bench/plugins.ts            (npm run bench -- plugins)
// Env: BENCH_CALLS (default 2000), BENCH_STARTS (default 5), BENCH_PLUGINS (default 20).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openRepositories } from '../server/src/db/open.js';
import { silentLogger } from '../server/src/logger.js';
import { startDaemon } from '../server/src/main.js';
import { unavailableHostApi } from '../server/src/plugins/hostapi.js';
import { PluginRegistry } from '../server/src/plugins/registry.js';
import { definePlugin, type AnalyzerPlugin, type CodeInput } from '../server/src/plugins/sdk/index.js';
import { freshDatabase } from '../test/support/db.js';

const CALLS = Number(process.env.BENCH_CALLS ?? 2000);
const STARTS = Number(process.env.BENCH_STARTS ?? 5);
const PLUGINS = Number(process.env.BENCH_PLUGINS ?? 20);

function pct(samples: number[], p: number): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(s.length * p) - 1))]!;
}
const line = (what: string, value: string, goal = '') => console.log(`  ${what.padEnd(58)} ${value.padStart(14)}${goal ? `   (goal ${goal})` : ''}`);
const ms = (v: number) => `${v.toFixed(3)} ms`;

// the same small analyzer both ways: scans lines for a marker, so the call does a little real work
const ANALYZE = `async analyze(input) {
  const findings = [];
  input.code.split('\\n').forEach((text, line) => {
    const i = text.indexOf('TODO');
    if (i >= 0) findings.push({ ruleId: 'todo', message: text.trim(), severity: 'info', range: { start: { line, character: i }, end: { line, character: text.length } } });
  });
  return { findings };
}`;
const pluginSource = `export default { activate() { return { ${ANALYZE} }; } };\n`;

function writePlugin(parent: string, id: string): void {
  const dir = join(parent, id);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: id, version: '1.0.0', type: 'module', main: 'index.mjs', codetune: { kind: 'analyzer', engines: { codetune: '>=0.1.0' } } }));
  writeFileSync(join(dir, 'index.mjs'), pluginSource);
}

const input: CodeInput = {
  language: 'python',
  code: Array.from({ length: 200 }, (_, i) => (i % 25 === 0 ? `x${i} = ${i}  # TODO check ${i}` : `x${i} = ${i}`)).join('\n'),
};

async function callOverhead(): Promise<void> {
  const db = await freshDatabase('sqlite');
  const repos = await openRepositories(db.target);
  const folder = mkdtempSync(join(tmpdir(), 'codetune-bench-plugins-'));
  writePlugin(folder, 'bench.isolated');
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const impl = new Function(`return { ${ANALYZE} };`)() as AnalyzerPlugin;
  const inProcess = definePlugin({ manifest: { id: 'bench.inprocess', name: 'in-process', version: '1.0.0', kind: 'analyzer', engines: { codetune: '*' } }, activate: () => impl });
  const registry = new PluginRegistry({
    log: silentLogger(),
    store: repos.plugins,
    engineVersion: '0.1.0',
    builtins: [inProcess],
    hostApi: unavailableHostApi(),
    roots: () => ({ folders: [folder], npmRoots: [] }),
  });
  try {
    await registry.start();
    const run = async (id: string) => {
      for (let i = 0; i < Math.min(200, CALLS); i++) await registry.call(id, 'analyze', [input]); // warm-up
      const samples: number[] = [];
      for (let i = 0; i < CALLS; i++) {
        const t = performance.now();
        await registry.call(id, 'analyze', [input]);
        samples.push(performance.now() - t);
      }
      return samples;
    };
    const local = await run('bench.inprocess');
    const isolated = await run('bench.isolated');
    console.log(`  per call (${CALLS} sequential analyze calls, 200-line input, ${input.code.length} chars):`);
    line('in-process p50', ms(pct(local, 0.5)));
    line('in-process p99', ms(pct(local, 0.99)));
    line('isolated (worker thread) p50', ms(pct(isolated, 0.5)));
    line('isolated (worker thread) p99', ms(pct(isolated, 0.99)));
    line('isolation overhead p50', ms(pct(isolated, 0.5) - pct(local, 0.5)), '< 1 ms');
    line('isolation overhead p99', ms(pct(isolated, 0.99) - pct(local, 0.99)), '< 5 ms');
  } finally {
    await registry.stop();
    await repos.close();
    await db.drop();
    rmSync(folder, { recursive: true, force: true });
  }
}

async function startTime(plugins: number): Promise<{ started: number[]; active: number[] }> {
  const samples: number[] = [];
  const activeAt: number[] = [];
  const folder = mkdtempSync(join(tmpdir(), 'codetune-bench-plugins-'));
  for (let i = 0; i < plugins; i++) writePlugin(folder, `bench.plugin-${String(i).padStart(2, '0')}`);
  try {
    for (let run = 0; run < STARTS; run++) {
      const dataDir = mkdtempSync(join(tmpdir(), 'codetune-bench-data-'));
      writeFileSync(join(dataDir, 'config.json'), JSON.stringify({ plugins: { paths: [folder] } }));
      const t = performance.now();
      const daemon = await startDaemon({ dataDir }, silentLogger());
      samples.push(performance.now() - t);
      // external plugins start in their workers while the daemon already answers
      await daemon.ctx.services.plugins.ready();
      activeAt.push(performance.now() - t);
      const active = daemon.ctx.services.plugins.registry.list().filter((p) => p.source !== 'builtin' && p.state === 'active').length;
      if (active !== plugins) throw new Error(`expected ${plugins} active external plugins, got ${active}`);
      await daemon.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  return { started: samples, active: activeAt };
}

await callOverhead();
const none = await startTime(0);
const many = await startTime(PLUGINS);
console.log(`  daemon start (config → SQLite migrated → all capabilities, no HTTP), median of ${STARTS}:`);
line('answering, no external plugin', ms(pct(none.started, 0.5)));
line(`answering, ${PLUGINS} external plugins installed`, ms(pct(many.started, 0.5)), '< 1000 ms');
line(`all ${PLUGINS} plugins active (each in its own worker)`, ms(pct(many.active, 0.5)), '< 3000 ms');
