// Runs a scan: collects the files, analyses them on worker threads (in this thread for small scans, where
// starting workers would cost more than it saves) and returns findings sorted by file and position.
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { Finding } from '../../../../shared/src/protocol/analysis.js';
import { spawnWorker } from '../../plugins/host/spawn.js';
import { workerEntry } from '../../util/paths.js';
import { Analyzer } from '../engine.js';
import { loadRules } from '../rules/load.js';
import { collectTargets, type Notice, type ScanTarget } from './files.js';
import { scanFile, type FileResult, type ScanOptions } from './scanfile.js';

export interface ScanRequest extends ScanOptions {
  paths: string[];
  root: string;
  exclude: string[];
  /** worker threads; 1 scans in this thread */
  jobs: number;
}

export interface ScanResult {
  findings: Finding[];
  notices: Notice[];
  files: number;
  lines: number;
  /** rule files or rules that were skipped */
  ruleProblems: string[];
  analyzer: Analyzer;
  ms: number;
}

/** Below this many files a scan stays in-process. */
const WORKER_THRESHOLD = 16;

export function defaultJobs(): number {
  return Math.max(1, Math.min(availableParallelism(), 8));
}

export async function runScan(req: ScanRequest): Promise<ScanResult> {
  const started = performance.now();
  const notices: Notice[] = [];
  const targets = collectTargets(req.paths, req.root, req.exclude, notices);
  const analyzer = new Analyzer(loadRules(req.rulePaths));
  const opts: ScanOptions = { minSeverity: req.minSeverity, maxFileBytes: req.maxFileBytes, rulePaths: req.rulePaths };
  const results =
    req.jobs > 1 && targets.length >= WORKER_THRESHOLD ? await onWorkers(targets, opts, Math.min(req.jobs, targets.length)) : await inProcess(analyzer, targets, opts);
  const findings = results.flatMap((r) => r.findings);
  findings.sort((a, b) => a.file.localeCompare(b.file) || a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return {
    findings,
    notices: [...notices, ...results.flatMap((r) => r.notices)],
    files: targets.length,
    lines: results.reduce((n, r) => n + r.lines, 0),
    ruleProblems: analyzer.rules.problems,
    analyzer,
    ms: performance.now() - started,
  };
}

async function inProcess(analyzer: Analyzer, targets: ScanTarget[], opts: ScanOptions): Promise<FileResult[]> {
  const out: FileResult[] = [];
  for (const t of targets) out.push(await scanFile(analyzer, t, opts));
  return out;
}

function onWorkers(targets: ScanTarget[], opts: ScanOptions, jobs: number): Promise<FileResult[]> {
  const results: FileResult[] = new Array(targets.length);
  let next = 0;
  let done = 0;
  const workers: Worker[] = [];
  return new Promise<FileResult[]>((resolve, reject) => {
    const finish = (err?: Error) => {
      for (const w of workers) void w.terminate();
      if (err) reject(err);
      else resolve(results);
    };
    const feed = (w: Worker) => {
      if (next >= targets.length) return;
      const id = next++;
      w.postMessage({ id, target: targets[id] });
    };
    for (let i = 0; i < jobs; i++) {
      const w = spawnWorker(workerEntry('analysis-scan', new URL('./worker.ts', import.meta.url).href), { workerData: opts });
      workers.push(w);
      w.on('message', (m: { ready?: boolean; id?: number; result?: FileResult }) => {
        if (m.ready) return feed(w);
        results[m.id!] = m.result!;
        if (++done === targets.length) return finish();
        feed(w);
      });
      w.on('error', (e) => finish(new Error(`scan worker failed: ${e.message}`)));
    }
  });
}
