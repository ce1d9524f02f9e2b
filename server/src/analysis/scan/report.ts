// The text and JSON renderings of a scan.
import { SEVERITIES, type Finding, type Severity } from '../../../../shared/src/protocol/analysis.js';
import type { Notice } from './files.js';

export function countBySeverity(findings: Finding[]): Record<Severity, number> {
  const c = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of findings) if (!f.suppressed) c[f.severity]++;
  return c;
}

export function toText(findings: Finding[], notices: Notice[], files: number, lines: number, ms: number): string {
  const out: string[] = [];
  for (const f of findings) {
    if (f.suppressed) continue;
    out.push(`${f.file}:${f.range.start.line + 1}:${f.range.start.character + 1}  ${f.severity.padEnd(8)} ${f.cwe.padEnd(8)} ${f.ruleId}`);
    out.push(`    ${f.message}`);
    if (f.taintPath?.length) for (const s of f.taintPath) out.push(`      ${s.range.start.line + 1}:${s.range.start.character + 1}  ${s.label}`);
  }
  for (const n of notices) out.push(`${n.file}: ${n.level}: ${n.message}`);
  const c = countBySeverity(findings);
  const suppressed = findings.filter((f) => f.suppressed).length;
  const counts = SEVERITIES.slice().reverse().map((s) => `${c[s]} ${s}`).join(', ');
  out.push(
    `${files} files, ${lines.toLocaleString('en')} lines in ${(ms / 1000).toFixed(2)} s: ${counts}${suppressed ? `, ${suppressed} suppressed` : ''}${notices.length ? `; ${notices.length} notices` : ''}`,
  );
  return `${out.join('\n')}\n`;
}

export function toJson(findings: Finding[], notices: Notice[], files: number, lines: number): string {
  return `${JSON.stringify({ findings, notices, summary: { files, lines, counts: countBySeverity(findings), suppressed: findings.filter((f) => f.suppressed).length } }, null, 2)}\n`;
}
