// The LLM deep scan's side of the finding shape: parse a model's answer into findings (tolerating fences,
// prose around the JSON and partly wrong entries, and saying what was wrong), and merge them with the
// static findings without duplicates.
//   expected answer: {"findings":[{"rule_id","title","severity","cwe","line","end_line","message","fix"?}]}
import { SEVERITIES, type Finding, type Severity } from '../../../shared/src/protocol/analysis.js';
import { Fingerprinter } from './suppress.js';

export interface LlmParseResult {
  findings: Finding[];
  /** one line per problem with the answer (what was wrong, which entry) */
  problems: string[];
}

const SEVERITY_ALIASES: Record<string, Severity> = {
  critical: 'critical', high: 'high', medium: 'medium', moderate: 'medium', low: 'low', info: 'info',
  informational: 'info', warning: 'medium', error: 'high', severe: 'critical', note: 'info',
};

/** Finds the JSON object in an answer: inside ```json fences, or the outermost {...} in prose. */
function extractJson(answer: string): { value: unknown } | { error: string } {
  const candidates: string[] = [];
  for (const m of answer.matchAll(/```(?:json|JSON)?\s*\n?([\s\S]*?)```/g)) candidates.push(m[1]!.trim());
  const first = answer.indexOf('{');
  const last = answer.lastIndexOf('}');
  if (first >= 0 && last > first) candidates.push(answer.slice(first, last + 1));
  let lastError = 'the answer holds no JSON object';
  for (const c of candidates) {
    try {
      return { value: JSON.parse(c) };
    } catch (e) {
      // models often leave a trailing comma; one lenient retry before giving up on this candidate
      try {
        return { value: JSON.parse(c.replace(/,\s*([}\]])/g, '$1')) };
      } catch {
        lastError = `the JSON does not parse (${(e as Error).message})`;
      }
    }
  }
  return { error: lastError };
}

function positiveInt(v: unknown): number | undefined {
  const n = typeof v === 'string' ? Number(v.trim()) : v;
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 ? n : undefined;
}

export function parseLlmFindings(answer: string, file: string): LlmParseResult {
  const problems: string[] = [];
  const findings: Finding[] = [];
  const parsed = extractJson(answer);
  if ('error' in parsed) return { findings, problems: [`${parsed.error}; expected {"findings": [...]}.`] };
  const root = parsed.value;
  const list = Array.isArray(root) ? root : (root as { findings?: unknown })?.findings;
  if (!Array.isArray(list)) return { findings, problems: ['the JSON has no "findings" list; expected {"findings": [...]}.'] };
  const fp = new Fingerprinter(file);
  list.forEach((raw, i) => {
    const where = `finding ${i + 1}`;
    if (!raw || typeof raw !== 'object') {
      problems.push(`${where}: not an object; skipped.`);
      return;
    }
    const r = raw as Record<string, unknown>;
    const line = positiveInt(r.line);
    if (line === undefined) {
      problems.push(`${where}: "line" must be a line number (1 or more); skipped.`);
      return;
    }
    let end = positiveInt(r.end_line) ?? line;
    if (end < line) {
      problems.push(`${where}: "end_line" ${end} is before "line" ${line}; using ${line}.`);
      end = line;
    }
    const sevRaw = typeof r.severity === 'string' ? r.severity.trim().toLowerCase() : '';
    let severity = SEVERITY_ALIASES[sevRaw];
    if (!severity) {
      problems.push(`${where}: severity "${String(r.severity ?? '')}" is not one of ${SEVERITIES.join(', ')}; using medium.`);
      severity = 'medium';
    }
    const cweNum = /^(?:CWE-)?(\d+)$/i.exec(String(r.cwe ?? '').trim())?.[1];
    if (!cweNum) problems.push(`${where}: "cwe" ${JSON.stringify(r.cwe ?? null)} is not a CWE number; kept without one.`);
    const title = typeof r.title === 'string' ? r.title.trim() : '';
    const message = typeof r.message === 'string' && r.message.trim() ? r.message.trim() : title;
    if (!message) {
      problems.push(`${where}: no "message" or "title"; skipped.`);
      return;
    }
    const ruleId = typeof r.rule_id === 'string' && r.rule_id.trim() ? `llm.${r.rule_id.trim().replace(/^llm\./, '')}` : 'llm.finding';
    const range = { start: { line: line - 1, character: 0 }, end: { line: end - 1, character: Number.MAX_SAFE_INTEGER } };
    const f: Finding = {
      ruleId,
      cwe: cweNum ? `CWE-${cweNum}` : 'CWE-unknown',
      severity,
      message: title && message !== title ? `${title}: ${message}` : message,
      file,
      range,
      source: 'llm',
      fingerprint: fp.of(ruleId, `${cweNum ?? ''} ${title || message}`, ''),
    };
    if (typeof r.fix === 'string' && r.fix.trim()) {
      // the model's fix replaces the whole lines it names
      const text = r.fix.endsWith('\n') ? r.fix : `${r.fix}\n`;
      f.fix = { title: 'Apply the suggested fix', range: { start: { line: line - 1, character: 0 }, end: { line: end, character: 0 } }, text };
    } else if (r.fix !== undefined && typeof r.fix !== 'string') {
      problems.push(`${where}: "fix" must be a string of code; ignored.`);
    }
    findings.push(f);
  });
  return { findings, problems };
}

/**
 * Static findings plus the LLM findings that do not repeat one: an LLM finding with the same CWE whose
 * lines overlap a static finding (one line of slack: models count lines loosely) is a duplicate.
 */
export function mergeFindings(staticFindings: Finding[], llmFindings: Finding[]): Finding[] {
  const out = [...staticFindings];
  for (const l of llmFindings) {
    const dup = out.some(
      (s) => s.cwe === l.cwe && s.file === l.file && s.range.start.line <= l.range.end.line + 1 && l.range.start.line <= s.range.end.line + 1,
    );
    if (!dup) out.push(l);
  }
  return out;
}
