// Entry point for extensionTestsPath: VS Code's extension host require()s dist/test/extension/index.cjs
// and awaits run(). Runs every dist/test/extension/*.test.cjs (bundled from test/extension/*.test.ts by
// esbuild.mjs) with mocha's BDD interface, prints `N passed, N failed, N skipped` as the last line and
// writes the result JSON the harness (test/e2e/run.sh) and bench/extension.ts read.
//
// Extension host environment (set through the driver's --env / run.sh's CODETUNE_E2E_ENV):
//   CODETUNE_TEST_RESULT  where to write the result JSON (none: not written)
//   CODETUNE_TEST_GREP    only tests whose full title matches this regular expression
//   CODETUNE_TEST_FILES   comma-separated file names (daemon.test.cjs,…) to run instead of all
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';
import { recordedMetrics } from './support/vscode.js';

interface TestRecord {
  title: string;
  file: string | undefined;
  state: 'passed' | 'failed' | 'skipped';
  durationMs: number | undefined;
  error?: string;
}

export interface ExtensionTestResult {
  passed: number;
  failed: number;
  skipped: number;
  durationMs: number;
  vscodeVersion: string;
  node: string;
  tests: TestRecord[];
  /** figures tests recorded with recordMetric() (activationMs, …) */
  metrics: Record<string, number>;
}

function testFiles(dir: string): string[] {
  const wanted = process.env.CODETUNE_TEST_FILES?.split(',').map((s) => s.trim()).filter(Boolean);
  const all = fs.readdirSync(dir).filter((f) => f.endsWith('.test.cjs')).sort();
  if (!wanted?.length) return all;
  const unknown = wanted.filter((w) => !all.includes(w));
  if (unknown.length) throw new Error(`CODETUNE_TEST_FILES names ${unknown.join(', ')}, which are not in ${dir} (have: ${all.join(', ')})`);
  return wanted;
}

export function run(): Promise<void> {
  const started = Date.now();
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
  const grep = process.env.CODETUNE_TEST_GREP;
  if (grep) mocha.grep(new RegExp(grep));
  for (const f of testFiles(__dirname)) mocha.addFile(path.join(__dirname, f));

  const records: TestRecord[] = [];
  const rel = (file: string | undefined) => (file ? path.basename(file) : undefined);
  return new Promise<void>((resolve, reject) => {
    let runner: Mocha.Runner;
    try {
      runner = mocha.run((failures) => {
        const passed = records.filter((r) => r.state === 'passed').length;
        const skipped = records.filter((r) => r.state === 'skipped').length;
        // hook failures ("before all" …) are failures too, even though no test ran
        const failed = Math.max(failures, records.filter((r) => r.state === 'failed').length);
        const result: ExtensionTestResult = {
          passed,
          failed,
          skipped,
          durationMs: Date.now() - started,
          vscodeVersion: vscode.version,
          node: process.version,
          tests: records,
          metrics: recordedMetrics(),
        };
        const out = process.env.CODETUNE_TEST_RESULT;
        if (out) {
          fs.mkdirSync(path.dirname(out), { recursive: true });
          fs.writeFileSync(out, JSON.stringify(result, null, 2));
        }
        console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
        if (failed > 0) reject(new Error(`${failed} extension test(s) failed`));
        else resolve();
      });
    } catch (e) {
      // a test file that throws at load time: report it instead of hanging the extension host
      console.error(`Loading the extension tests failed: ${(e as Error).stack ?? String(e)}`);
      reject(e instanceof Error ? e : new Error(String(e)));
      return;
    }
    runner.on('pass', (t) => records.push({ title: t.fullTitle(), file: rel(t.file), state: 'passed', durationMs: t.duration }));
    runner.on('pending', (t) => records.push({ title: t.fullTitle(), file: rel(t.file), state: 'skipped', durationMs: undefined }));
    runner.on('fail', (t, err) =>
      records.push({ title: t.fullTitle(), file: rel(t.file), state: 'failed', durationMs: t.duration, error: err.stack ?? err.message }),
    );
  });
}
