// Scores the static analyser against the annotated corpus in test/fixtures/security/.
// A line ending in `expect: CWE-N` must get a finding of that CWE; `safe: CWE-N` must not. Any other
// finding on a line without an annotation counts as an unexpected false positive.
//   node --import tsx bench/score-security.ts          (prints rates per CWE and per language)
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Analyzer } from '../server/src/analysis/engine.js';
import { resolveLanguage } from '../server/src/analysis/languages.js';
import { loadRules } from '../server/src/analysis/rules/load.js';

export interface Tally {
  tp: number;
  fn: number;
  fp: number;
  tn: number;
  /** findings on lines with no annotation for their CWE */
  unexpected: number;
}

export interface Score {
  byCwe: Map<string, Tally>;
  byLanguage: Map<string, Tally>;
  total: Tally;
  /** one line per miss or false alarm: file:line what */
  details: string[];
  files: number;
  /** documented limits (`known-miss` / `known-fp` lines), not part of the rates */
  known: { misses: number; falseAlarms: number; nowRight: string[] };
}

const ANNOTATION = /(expect|safe|known-miss|known-fp):\s*((?:CWE-\d+[,\s]*)+)/g;

export const CORPUS_DIR = fileURLToPath(new URL('../test/fixtures/security/', import.meta.url));

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => (e.isDirectory() ? listFiles(join(dir, e.name)) : resolveLanguage(e.name) ? [join(dir, e.name)] : []));
}

const empty = (): Tally => ({ tp: 0, fn: 0, fp: 0, tn: 0, unexpected: 0 });

export async function scoreCorpus(dir = CORPUS_DIR, analyzer = new Analyzer(loadRules())): Promise<Score> {
  const score: Score = { byCwe: new Map(), byLanguage: new Map(), total: empty(), details: [], files: 0, known: { misses: 0, falseAlarms: 0, nowRight: [] } };
  const bump = (cwe: string, lang: string, key: keyof Tally) => {
    for (const [map, k] of [[score.byCwe, cwe], [score.byLanguage, lang]] as const) {
      const t = map.get(k) ?? empty();
      t[key]++;
      map.set(k, t);
    }
    score.total[key]++;
  };
  for (const file of listFiles(dir)) {
    score.files++;
    const lang = resolveLanguage(file)!;
    const text = readFileSync(file, 'utf8');
    const rel = relative(dir, file);
    const findings = await analyzerFindings(analyzer, text, file, rel);
    const found = new Map<number, Set<string>>();
    for (const f of findings) {
      const s = found.get(f.range.start.line) ?? new Set<string>();
      s.add(f.cwe);
      found.set(f.range.start.line, s);
    }
    const annotated = new Map<number, Set<string>>();
    text.split('\n').forEach((line, i) => {
      for (const m of line.matchAll(ANNOTATION)) {
        for (const cwe of m[2]!.match(/CWE-\d+/g) ?? []) {
          const hit = found.get(i)?.has(cwe) ?? false;
          const set = annotated.get(i) ?? new Set<string>();
          set.add(cwe);
          annotated.set(i, set);
          if (m[1] === 'known-miss') {
            if (hit) score.known.nowRight.push(`${rel}:${i + 1} known miss of ${cwe} is now detected`);
            else score.known.misses++;
          } else if (m[1] === 'known-fp') {
            if (hit) score.known.falseAlarms++;
            else score.known.nowRight.push(`${rel}:${i + 1} known false alarm of ${cwe} is gone`);
          } else if (m[1] === 'expect') {
            bump(cwe, lang, hit ? 'tp' : 'fn');
            if (!hit) score.details.push(`${rel}:${i + 1} missed ${cwe}`);
          } else {
            bump(cwe, lang, hit ? 'fp' : 'tn');
            if (hit) score.details.push(`${rel}:${i + 1} false alarm ${cwe} on a safe line`);
          }
        }
      }
    });
    for (const [line, cwes] of found) {
      for (const cwe of cwes) {
        if (annotated.get(line)?.has(cwe)) continue;
        bump(cwe, lang, 'unexpected');
        score.details.push(`${rel}:${line + 1} unexpected ${cwe}`);
      }
    }
  }
  return score;
}

async function analyzerFindings(analyzer: Analyzer, text: string, file: string, rel: string) {
  return analyzer.analyze(text, file, { file: rel });
}

/** True-positive rate (recall) and false-positive rate over the safe look-alikes plus unexpected findings. */
export function rates(t: Tally): { tpr: number; fpr: number; precision: number } {
  const tpr = t.tp + t.fn ? t.tp / (t.tp + t.fn) : 1;
  const negatives = t.fp + t.tn + t.unexpected;
  const fpr = negatives ? (t.fp + t.unexpected) / negatives : 0;
  const precision = t.tp + t.fp + t.unexpected ? t.tp / (t.tp + t.fp + t.unexpected) : 1;
  return { tpr, fpr, precision };
}

export function formatScore(s: Score): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(7);
  const row = (name: string, t: Tally) => {
    const r = rates(t);
    return `${name.padEnd(12)} ${String(t.tp).padStart(4)} ${String(t.fn).padStart(4)} ${String(t.fp + t.unexpected).padStart(4)} ${String(t.tn).padStart(4)}  ${pct(r.tpr)} ${pct(r.fpr)} ${pct(r.precision)}`;
  };
  const head = `${''.padEnd(12)}   TP   FN   FP   TN      TPR     FPR  precision`;
  const sortCwe = [...s.byCwe.entries()].sort((a, b) => Number(a[0].slice(4)) - Number(b[0].slice(4)));
  return [
    `corpus: ${s.files} files`,
    'per CWE',
    head,
    ...sortCwe.map(([k, t]) => row(k, t)),
    '',
    'per language',
    head,
    ...[...s.byLanguage.entries()].sort().map(([k, t]) => row(k, t)),
    '',
    row('total', s.total),
    '',
    `documented limits (test/fixtures/security/limits, not in the rates): ${s.known.misses} known misses, ${s.known.falseAlarms} known false alarms`,
    ...s.known.nowRight,
    ...(s.details.length ? ['', ...s.details] : []),
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const s = await scoreCorpus();
  process.stdout.write(`${formatScore(s)}\n`);
}
