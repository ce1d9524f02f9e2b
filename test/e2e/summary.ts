// Prints run.sh's verdict from the result files: failures first, then the last line
// `N passed, N failed, N skipped` (extension tests + UI scenarios). Exits 1 if anything failed.
// A pass that was asked for but left no result file (crash, timeout) counts as one failure, so a broken
// harness can never look green.
//   node --import tsx test/e2e/summary.ts OUT_DIR TESTS_ENABLED TEST_RC UI_ENABLED UI_RC
import * as fs from 'node:fs';
import * as path from 'node:path';

interface Counts { passed: number; failed: number; skipped: number }
interface TestResult extends Counts { tests: { title: string; state: string; error?: string }[]; metrics: Record<string, number> }
interface UiResult extends Counts { scenarios: { name: string; state: string; error?: string }[] }

const [outDir = '.', testsOn = '1', testRc = '0', uiOn = '1', uiRc = '0'] = process.argv.slice(2);

function read<T>(file: string): T | undefined {
  try {
    return JSON.parse(fs.readFileSync(path.join(outDir, file), 'utf8')) as T;
  } catch {
    return undefined;
  }
}

const total: Counts = { passed: 0, failed: 0, skipped: 0 };
const problems: string[] = [];

if (testsOn !== '0') {
  const r = read<TestResult>('test-result.json');
  if (!r) {
    total.failed += 1;
    problems.push(`extension tests: no ${outDir}/test-result.json (driver exit code ${testRc}${testRc === '124' ? ', timed out' : ''}); see the log above`);
  } else {
    total.passed += r.passed;
    total.failed += r.failed;
    total.skipped += r.skipped;
    for (const t of r.tests.filter((x) => x.state === 'failed')) problems.push(`extension test: ${t.title}\n      ${(t.error ?? '').split('\n')[0]}`);
    if (r.failed === 0 && testRc !== '0') {
      total.failed += 1;
      problems.push(`extension tests: all passed but the extension host exited with ${testRc}`);
    }
    const m = Object.entries(r.metrics).map(([k, v]) => `${k}=${Math.round(v * 10) / 10}`);
    if (m.length) console.log(`metrics: ${m.join(' ')}`);
  }
}

if (uiOn !== '0') {
  const r = read<UiResult>('ui-result.json');
  if (!r) {
    total.failed += 1;
    problems.push(`ui scenarios: no ${outDir}/ui-result.json (driver exit code ${uiRc}${uiRc === '124' ? ', timed out' : ''}); see the log above`);
  } else {
    total.passed += r.passed;
    total.failed += r.failed;
    total.skipped += r.skipped;
    for (const s of r.scenarios.filter((x) => x.state === 'failed')) problems.push(`ui scenario: ${s.name}\n      ${(s.error ?? '').split('\n').slice(0, 4).join('\n      ')}`);
  }
}

if (problems.length) console.log(`failures:\n  ${problems.join('\n  ')}`);
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(total.failed ? 1 : 0);
