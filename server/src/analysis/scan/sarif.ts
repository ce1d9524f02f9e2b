// SARIF 2.1.0 output: every rule in tool.driver.rules with its CWE as an `external/cwe/cwe-N` tag and a
// GitHub `security-severity`, results with 1-based regions, partialFingerprints (our line-independent
// fingerprint), codeFlows for taint paths, suppressed findings carried with `suppressions`, and skipped
// files as tool execution notifications.
import { pathToFileURL } from 'node:url';
import { cweUrl, type Finding, type FindingRange, type Severity } from '../../../../shared/src/protocol/analysis.js';
import type { Rule } from '../rules/types.js';
import type { Notice } from './files.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' };
const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '1.0' };

interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  helpUri: string;
  help: { text: string };
  defaultConfiguration: { level: string };
  properties: { tags: string[]; 'security-severity': string; precision: string };
}

function sarifRule(id: string, cwe: string, severity: Severity, message: string, precision: string): SarifRule {
  const n = /\d+/.exec(cwe)?.[0];
  return {
    id,
    name: id.replace(/[^A-Za-z0-9]+(.)/g, (_, c: string) => c.toUpperCase()),
    shortDescription: { text: message.split(/(?<=\.)\s/)[0]! },
    fullDescription: { text: message },
    helpUri: cweUrl(cwe),
    help: { text: `${message}\n\n${cwe}: ${cweUrl(cwe)}` },
    defaultConfiguration: { level: LEVEL[severity] },
    properties: { tags: ['security', ...(n ? [`external/cwe/cwe-${n}`] : [])], 'security-severity': SECURITY_SEVERITY[severity], precision },
  };
}

function region(r: FindingRange) {
  return { startLine: r.start.line + 1, startColumn: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1 };
}

export function toSarif(findings: Finding[], rules: Rule[], notices: Notice[], root: string, version: string): object {
  const driverRules: SarifRule[] = rules.map((r) => sarifRule(r.id, r.cwe, r.severity, r.message, r.kind === 'taint' ? 'high' : 'medium'));
  const index = new Map(driverRules.map((r, i) => [r.id, i]));
  for (const f of findings) {
    if (index.has(f.ruleId)) continue;
    index.set(f.ruleId, driverRules.length);
    driverRules.push(sarifRule(f.ruleId, f.cwe, f.severity, f.message, 'high'));
  }
  const loc = (file: string, r: FindingRange, message?: string) => ({
    physicalLocation: { artifactLocation: { uri: file, uriBaseId: '%SRCROOT%' }, region: region(r) },
    ...(message ? { message: { text: message } } : {}),
  });
  const results = findings.map((f) => ({
    ruleId: f.ruleId,
    ruleIndex: index.get(f.ruleId),
    level: LEVEL[f.severity],
    message: { text: f.message },
    locations: [loc(f.file, f.range)],
    partialFingerprints: { 'codetuneFingerprint/v1': f.fingerprint },
    ...(f.taintPath?.length ? { codeFlows: [{ threadFlows: [{ locations: f.taintPath.map((s) => ({ location: loc(f.file, s.range, s.label) })) }] }] } : {}),
    ...(f.fix ? { fixes: [{ description: { text: f.fix.title }, artifactChanges: [{ artifactLocation: { uri: f.file, uriBaseId: '%SRCROOT%' }, replacements: [{ deletedRegion: region(f.fix.range), insertedContent: { text: f.fix.text } }] }] }] } : {}),
    ...(f.suppressed ? { suppressions: [{ kind: f.suppressed.kind === 'inline' ? 'inSource' : 'external', justification: f.suppressed.reason }] } : {}),
    properties: { cwe: f.cwe, severity: f.severity, source: f.source },
  }));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'CodeTune', informationUri: 'https://cwe.mitre.org/', version, semanticVersion: version, rules: driverRules } },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(root.endsWith('/') ? root : `${root}/`).href } },
        columnKind: 'utf16CodeUnits',
        results,
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: notices.map((n) => ({
              level: n.level === 'error' ? 'error' : n.level === 'warning' ? 'warning' : 'note',
              message: { text: `${n.file}: ${n.message}` },
              locations: [{ physicalLocation: { artifactLocation: { uri: n.file, uriBaseId: '%SRCROOT%' } } }],
            })),
          },
        ],
      },
    ],
  };
}
