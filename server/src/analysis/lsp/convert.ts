// Findings ↔ LSP: diagnostics with severity, CWE code + link, the taint path as related information, and
// the finding itself in `data` so code actions can act on it without analysing again.
import { DiagnosticSeverity, type Diagnostic, type DiagnosticRelatedInformation } from 'vscode-languageserver/node';
import { cweUrl, type Finding, type Severity } from '../../../../shared/src/protocol/analysis.js';

export const DIAGNOSTIC_SOURCE = 'codetune';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  critical: DiagnosticSeverity.Error,
  high: DiagnosticSeverity.Error,
  medium: DiagnosticSeverity.Warning,
  low: DiagnosticSeverity.Information,
  info: DiagnosticSeverity.Hint,
};

export interface DiagnosticData {
  finding: Finding;
}

export function toDiagnostic(f: Finding, uri: string, relatedSupported: boolean): Diagnostic {
  const d: Diagnostic = {
    range: f.range,
    severity: SEVERITY[f.severity],
    // the client shows `code` with `codeDescription.href` as a link (VS Code: { value, target })
    code: f.cwe,
    codeDescription: { href: cweUrl(f.cwe) },
    source: DIAGNOSTIC_SOURCE,
    message: `${f.message} [${f.ruleId}, ${f.severity}]`,
    data: { finding: f } satisfies DiagnosticData,
  };
  if (relatedSupported && f.taintPath?.length) {
    d.relatedInformation = f.taintPath.map(
      (s, i): DiagnosticRelatedInformation => ({ location: { uri, range: s.range }, message: `${i + 1}. ${s.label}` }),
    );
  }
  return d;
}

/** The one diagnostic a file gets when it is not analysed (too large, binary…), so the user knows why. */
export function noticeDiagnostic(message: string): Diagnostic {
  return { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: DiagnosticSeverity.Information, source: DIAGNOSTIC_SOURCE, message };
}

export function findingOf(d: Diagnostic): Finding | undefined {
  const data = d.data as Partial<DiagnosticData> | undefined;
  return d.source === DIAGNOSTIC_SOURCE && data?.finding && typeof data.finding.ruleId === 'string' ? data.finding : undefined;
}
