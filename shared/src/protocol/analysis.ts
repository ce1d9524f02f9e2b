// codetune/analysis/*: the one finding shape of the security analysis (static rules and the LLM deep scan),
// the summary push for the status item, and the settings the daemon pulls under `codetune.analysis`.
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';

export const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Zero-based line and UTF-16 character, like LSP positions. */
export interface FindingPosition {
  line: number;
  character: number;
}
export interface FindingRange {
  start: FindingPosition;
  end: FindingPosition;
}

/** One step of a taint path: where the value is, and what happens to it there. */
export interface TaintStep {
  range: FindingRange;
  /** e.g. "source: req.query.id", "assigned to `sql`", "sink: db.query" */
  label: string;
}

/** A replacement of `range` by `text` in the finding's file. */
export interface FindingFix {
  title: string;
  range: FindingRange;
  text: string;
}

export interface Finding {
  ruleId: string;
  /** e.g. "CWE-89" */
  cwe: string;
  severity: Severity;
  /** what is wrong and why it matters */
  message: string;
  /** path (workspace-relative where known) or URI of the file */
  file: string;
  range: FindingRange;
  fix?: FindingFix;
  /** source → sink, in order; absent for pattern rules */
  taintPath?: TaintStep[];
  source: 'static' | 'llm';
  /** hash of rule, relative path, normalized matched text and enclosing function: survives edits elsewhere */
  fingerprint: string;
  /** name of the enclosing function ('' at top level) */
  functionName?: string;
  /** set when an inline comment or the workspace list suppresses it; such findings are only reported by SARIF */
  suppressed?: { kind: 'inline' | 'workspace'; reason: string };
}

/** Settings pulled with workspace/configuration, section `codetune.analysis`. */
export interface AnalysisSettings {
  enabled: boolean;
  minSeverity: Severity;
  /** rule sets to run (e.g. "injection", "crypto", "secrets"); empty = all */
  enabledRuleSets: string[];
  /** keep only findings on lines changed against git HEAD */
  onlyChangedLines: boolean;
  maxFileBytes: number;
  /** glob patterns (workspace-relative) of files not analysed */
  exclude: string[];
  /** extra folders of YAML rules */
  rulePaths: string[];
  /** quiet period after a change before analysing, in ms */
  debounceMs: number;
}

export const DEFAULT_ANALYSIS_SETTINGS: AnalysisSettings = {
  enabled: true,
  minSeverity: 'low',
  enabledRuleSets: [],
  onlyChangedLines: false,
  maxFileBytes: 1_000_000,
  exclude: [],
  rulePaths: [],
  debounceMs: 300,
};

export interface AnalysisSummaryParams {
  /** document the summary is about; counts cover every open document */
  uri: string;
  counts: Record<Severity, number>;
  /** the same counts over all open documents */
  totals: Record<Severity, number>;
}

/** server → client: the findings of a document changed (feeds the status item). */
export namespace AnalysisDidChangeNotification {
  export const method = 'codetune/analysis/didChange' as const;
  export const type = new NotificationType<AnalysisSummaryParams>(method);
}

export interface DeepScanParams {
  uri: string;
  /** limit the scan to this selection; the whole document when absent */
  range?: FindingRange;
  /** model id of the config; the security plugin's default when absent */
  model?: string;
}
export interface DeepScanResult {
  findings: Finding[];
  /** malformed parts of the model's answer, one line each */
  problems: string[];
}

/** client → server: run the LLM security audit over a document or selection (implemented by the security plugin). */
export namespace DeepScanRequest {
  export const method = 'codetune/analysis/deepScan' as const;
  export const type = new RequestType<DeepScanParams, DeepScanResult, void>(method);
}

/** Command ids the daemon puts on code actions and code lenses; the extension implements them. */
export const ANALYSIS_COMMANDS = {
  explainFinding: 'codetune.explainFinding',
  fixFinding: 'codetune.fixFinding',
  suppressInWorkspace: 'codetune.analysis.suppressInWorkspace',
  analyze: 'codetune.analyze',
  securityAudit: 'codetune.securityAudit',
  generateTests: 'codetune.generateTests',
} as const;

export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

export function cweUrl(cwe: string): string {
  const n = /(\d+)/.exec(cwe)?.[1];
  return n ? `https://cwe.mitre.org/data/definitions/${n}.html` : 'https://cwe.mitre.org/';
}
