// Fingerprints and inline suppressions.
// A fingerprint hashes the rule, the file's relative path, the matched text with whitespace collapsed and the
// enclosing function's name, plus an ordinal among identical matches: no line numbers, so a finding keeps its
// fingerprint (and its workspace suppression) when code above it moves.
import { createHash } from 'node:crypto';
import type { Finding } from '../../../shared/src/protocol/analysis.js';

export class Fingerprinter {
  private readonly seen = new Map<string, number>();
  constructor(private readonly file: string) {}

  of(ruleId: string, matched: string, functionName: string): string {
    const base = `${ruleId}\0${this.file.replace(/\\/g, '/')}\0${matched.replace(/\s+/g, ' ').trim()}\0${functionName}`;
    const n = this.seen.get(base) ?? 0;
    this.seen.set(base, n + 1);
    return createHash('sha256').update(`${base}\0${n}`).digest('hex').slice(0, 32);
  }
}

const IGNORE = /codetune-ignore\s+([A-Za-z0-9._/,*\s-]+?)\s*(?::\s*(.*?))?\s*(?:\*\/|-->|$)/;

/**
 * `codetune-ignore <rule-id>[, <rule-id>…]: reason` in a comment on the finding's line or the line above
 * suppresses it; `*` or the finding's CWE (e.g. CWE-89) work as ids too.
 */
export function inlineSuppression(lines: string[], f: Finding): string | undefined {
  for (const ln of [f.range.start.line, f.range.start.line - 1]) {
    const line = lines[ln];
    if (!line || !line.includes('codetune-ignore')) continue;
    const m = IGNORE.exec(line);
    if (!m) continue;
    const ids = m[1]!.split(/[\s,]+/).filter(Boolean);
    if (ids.some((id) => id === '*' || id === f.ruleId || id.toUpperCase() === f.cwe)) return m[2]?.trim() || 'suppressed inline';
  }
  return undefined;
}

/** Marks findings suppressed inline or by the workspace list (fingerprint → reason). */
export function applySuppressions(text: string, findings: Finding[], workspace?: Map<string, string>): void {
  const lines = text.includes('codetune-ignore') ? text.split('\n') : [];
  for (const f of findings) {
    const inline = lines.length ? inlineSuppression(lines, f) : undefined;
    if (inline !== undefined) f.suppressed = { kind: 'inline', reason: inline };
    else if (workspace?.has(f.fingerprint)) f.suppressed = { kind: 'workspace', reason: workspace.get(f.fingerprint) || 'suppressed in workspace' };
  }
}

/** The comment line that suppresses a finding, in the language's comment syntax. */
export function suppressionComment(style: '//' | '#' | 'both', ruleId: string, indent: string, reason = 'reviewed, not exploitable'): string {
  const lead = style === '#' ? '#' : '//';
  return `${indent}${lead} codetune-ignore ${ruleId}: ${reason}\n`;
}
