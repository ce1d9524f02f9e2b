// Security analysis figures:
//   1. diagnostics latency for a 2,000-line file: didChange → publishDiagnostics over a real LSP connection
//      with the debounce set to 0, p50/p95 (goal p95 ≤ 15 ms), plus the analysis alone;
//   2. scan throughput in lines/s over ≥ 200,000 generated lines in eight languages, side by side with the
//      raw @ast-grep/napi parse cost of the same files (goal ≥ 200,000 lines/s).
//   node --import tsx bench/analysis.ts [--rounds N]
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from '@ast-grep/napi';
import { ConfigurationRequest, DidChangeTextDocumentNotification, DidOpenTextDocumentNotification, PublishDiagnosticsNotification } from 'vscode-languageserver-protocol';
import { Analyzer } from '../server/src/analysis/engine.js';
import { astGrepLang, ensureLanguages, resolveLanguage } from '../server/src/analysis/languages.js';
import { analysisFeature } from '../server/src/analysis/lsp/feature.js';
import { loadRules } from '../server/src/analysis/rules/load.js';
import { runScan } from '../server/src/analysis/scan/run.js';
import { parseDatabaseTarget } from '../server/src/config/load.js';
import { openRepositories } from '../server/src/db/open.js';
import { testContext } from '../test/support/daemon.js';
import { lspPair } from '../test/support/lsp.js';
import { TEMPLATES, generate } from './_codegen.js';

const rounds = Number(process.argv[process.argv.indexOf('--rounds') + 1]) || 100;

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}

async function latency(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'codetune-bench-'));
  const repos = await openRepositories(parseDatabaseTarget(join(dir, 'bench.db'), dir));
  const pair = lspPair(testContext(repos), [analysisFeature]);
  const waiting = new Map<number, () => void>();
  pair.client.onNotification(PublishDiagnosticsNotification.type, (p) => waiting.get(p.version ?? -1)?.());
  pair.client.onRequest(ConfigurationRequest.type, (p) => p.items.map(() => ({ debounceMs: 0 })));
  await pair.initialize({ workspace: { configuration: true } });
  const text = generate('js', 2000, 0).split('\n').slice(0, 2000).join('\n');
  const uri = pathToFileURL(join(dir, 'big.js')).href;
  const published = (v: number) => new Promise<void>((r) => waiting.set(v, r));
  let p = published(1);
  await pair.client.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'javascript', version: 1, text } });
  await p;
  const times: number[] = [];
  for (let v = 2; v < rounds + 12; v++) {
    const edited = text.replace("'listed'", `'listed ${v}'`);
    p = published(v);
    const t0 = performance.now();
    await pair.client.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: v }, contentChanges: [{ text: edited }] });
    await p;
    if (v >= 12) times.push(performance.now() - t0); // first rounds warm the JIT and caches
  }
  await pair.close();
  const analyzer = new Analyzer(loadRules());
  const alone: number[] = [];
  for (let i = 0; i < 30; i++) {
    const t0 = performance.now();
    analyzer.analyzeSync(text, 'javascript');
    alone.push(performance.now() - t0);
  }
  const parseOnly: number[] = [];
  for (let i = 0; i < 30; i++) {
    const t0 = performance.now();
    parse(astGrepLang('javascript'), text);
    parseOnly.push(performance.now() - t0);
  }
  const withSecrets: number[] = [];
  for (let i = 0; i < 30; i++) {
    const t0 = performance.now();
    await analyzer.analyze(text, 'javascript');
    withSecrets.push(performance.now() - t0);
  }
  await repos.close();
  rmSync(dir, { recursive: true, force: true });
  const f = (x: number) => `${x.toFixed(1)} ms`;
  console.log(`diagnostics latency, 2,000-line JavaScript file, change → publishDiagnostics (debounce 0), ${times.length} edits:`);
  console.log(`  p50 ${f(percentile(times, 50))}   p95 ${f(percentile(times, 95))}   max ${f(Math.max(...times))}   (goal p95 ≤ 15 ms)`);
  console.log(`  analysis alone: raw @ast-grep/napi parse p50 ${f(percentile(parseOnly, 50))}, parse + rules + taint p50 ${f(percentile(alone, 50))}, + secretlint p50 ${f(percentile(withSecrets, 50))}`);
}

async function throughput(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'codetune-bench-scan-'));
  const exts = Object.keys(TEMPLATES);
  let lines = 0;
  let n = 0;
  while (lines < 200_000) {
    const ext = exts[n % exts.length]!;
    const sub = join(dir, ext);
    mkdirSync(sub, { recursive: true });
    const text = generate(ext, 600, n * 1000);
    writeFileSync(join(sub, `file${n}.${ext}`), text);
    lines += text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
    n++;
  }
  ensureLanguages();
  const files = exts.flatMap((ext) => Array.from({ length: n }, (_, i) => join(dir, ext, `file${i}.${ext}`))).filter((p) => {
    try {
      readFileSync(p);
      return true;
    } catch {
      return false;
    }
  });
  const t0 = performance.now();
  for (const p of files) parse(astGrepLang(resolveLanguage(p)!), readFileSync(p, 'utf8'));
  const parseMs = performance.now() - t0;
  const jobs = availableParallelism();
  const base = { paths: [dir], root: dir, exclude: [], rulePaths: [], minSeverity: 'info' as const, maxFileBytes: 10_000_000 };
  const one = await runScan({ ...base, jobs: 1 });
  const many = await runScan({ ...base, jobs });
  rmSync(dir, { recursive: true, force: true });
  const rate = (l: number, ms: number) => `${Math.round(l / (ms / 1000)).toLocaleString('en')} lines/s`;
  console.log(`scan throughput over ${lines.toLocaleString('en')} generated lines in ${files.length} files (${exts.join(', ')}):`);
  console.log(`  raw @ast-grep/napi parse, 1 thread:        ${rate(lines, parseMs)}  (${(parseMs / 1000).toFixed(2)} s)`);
  console.log(`  codetune scan, 1 thread (rules+taint+secrets): ${rate(one.lines, one.ms)}  (${(one.ms / 1000).toFixed(2)} s, ${one.findings.length} findings)`);
  console.log(`  codetune scan, ${jobs} worker threads:       ${rate(many.lines, many.ms)}  (${(many.ms / 1000).toFixed(2)} s, ${many.findings.length} findings)   (goal ≥ 200,000 lines/s)`);
}

await latency();
if (!process.argv.includes("--latency-only")) await throughput();
