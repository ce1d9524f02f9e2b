// Security findings in the editor: Explain / Fix a finding (arguments from the daemon's code actions) and the
// LLM Deep Security Scan of a file or the workspace (codetune/analysis/deepScan), whose findings are shown
// in the Problems panel under "CodeTune deep scan" and summarised in the Results panel.
import * as vscode from 'vscode';
import { cweUrl, DeepScanRequest, severityRank, type Finding } from '../../../shared/src/protocol/analysis.js';
import type { Ctx } from '../ctx.js';
import type { CommandFactory } from './index.js';
import { configuredModel, editorVariables, promptFor, runPrompt } from './run.js';
import { codeTarget, uriArg } from './target.js';

function isFinding(v: unknown): v is Finding {
  const f = v as Finding;
  return !!f && typeof f === 'object' && typeof f.ruleId === 'string' && typeof f.message === 'string' && !!f.range?.start;
}

function findingArg(args: unknown[]): Finding {
  const f = args.find(isFinding) ?? (args[0] as { finding?: unknown } | undefined)?.finding;
  if (!isFinding(f)) throw new Error('This command is run from a CodeTune security finding (the light bulb on a CodeTune diagnostic).');
  return f;
}

async function findingDoc(f: Finding, args: unknown[]): Promise<vscode.TextDocument> {
  const uri = args.map(uriArg).find(Boolean) ?? (/^[a-z][\w+.-]*:/i.test(f.file) ? vscode.Uri.parse(f.file) : undefined);
  if (uri) return vscode.workspace.openTextDocument(uri);
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (folder) return vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, f.file));
  const active = vscode.window.activeTextEditor?.document;
  if (active) return active;
  throw new Error(`Cannot open ${f.file}, the file of the finding.`);
}

function describe(f: Finding): string {
  const path = f.taintPath?.length ? `\nData flow: ${f.taintPath.map((s) => `line ${s.range.start.line + 1} ${s.label}`).join(' → ')}` : '';
  return `${f.cwe} (${f.severity}) ${f.ruleId} at line ${f.range.start.line + 1}: ${f.message}${path}`;
}

/** The finding's code with some context: its function when known, else ±10 lines. */
async function findingTarget(doc: vscode.TextDocument, f: Finding) {
  const start = new vscode.Position(f.range.start.line, f.range.start.character);
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  editor.selection = new vscode.Selection(start, start);
  const t = await codeTarget([]);
  if (t.kind === 'function') return t;
  const r = doc.validateRange(new vscode.Range(Math.max(0, f.range.start.line - 10), 0, f.range.end.line + 11, 0));
  return { doc, range: r, text: doc.getText(r), kind: 'selection' as const, label: `lines ${r.start.line + 1}–${r.end.line}` };
}

const explainFinding: CommandFactory = {
  enabled: (ctx) => async (...args: unknown[]) => {
    const f = findingArg(args);
    const doc = await findingDoc(f, args);
    const target = await findingTarget(doc, f);
    const base = editorVariables(target);
    // the starter "explain" prompt takes only code: the finding goes with the code as a note the model reads
    const variables = { ...base, code: `Security finding to explain: ${describe(f)}\n\n${String(base.code)}`, diagnostics: describe(f) };
    return runPrompt(ctx, { title: `Explain ${f.cwe}`, promptName: promptFor('explainFinding', 'explain'), variables, target });
  },
};

const fixFinding: CommandFactory = {
  enabled: (ctx) => async (...args: unknown[]) => {
    const f = findingArg(args);
    const doc = await findingDoc(f, args);
    if (f.fix) {
      // the rule's own fix needs no model: show it as a diff to accept
      const r = f.fix.range;
      const p = await ctx.proposals.propose(doc, new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character), f.fix.text, f.fix.title || `Fix ${f.cwe}`);
      return { proposalId: p.id };
    }
    const target = await findingTarget(doc, f);
    const variables = { ...editorVariables(target), diagnostics: describe(f) };
    return runPrompt(ctx, { title: `Fix ${f.cwe}`, promptName: promptFor('fixFinding', 'fix-diagnostic'), variables, target, suggestion: { range: target.range, mode: 'replace' } });
  },
};

let deepDiagnostics: vscode.DiagnosticCollection | undefined;

const SEVERITY: Record<Finding['severity'], vscode.DiagnosticSeverity> = {
  critical: vscode.DiagnosticSeverity.Error,
  high: vscode.DiagnosticSeverity.Error,
  medium: vscode.DiagnosticSeverity.Warning,
  low: vscode.DiagnosticSeverity.Information,
  info: vscode.DiagnosticSeverity.Hint,
};

function toDiagnostic(f: Finding): vscode.Diagnostic {
  const d = new vscode.Diagnostic(new vscode.Range(f.range.start.line, f.range.start.character, f.range.end.line, f.range.end.character), `${f.message} [${f.severity}]`, SEVERITY[f.severity]);
  d.source = 'CodeTune deep scan';
  d.code = { value: f.cwe, target: vscode.Uri.parse(cweUrl(f.cwe)) };
  return d;
}

interface ScanReport {
  files: number;
  findings: (Finding & { uri: string })[];
  problems: string[];
}

async function scan(ctx: Ctx, uris: vscode.Uri[], title: string): Promise<ScanReport> {
  deepDiagnostics ??= vscode.languages.createDiagnosticCollection('codetune-deep');
  const report: ScanReport = { files: 0, findings: [], problems: [] };
  const cancel = new vscode.CancellationTokenSource();
  const run = ctx.runs.start({ title, promptName: 'security plugin', target: uris.length === 1 ? vscode.workspace.asRelativePath(uris[0]!) : `${uris.length} files`, suggestion: false }, { cancel });
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `CodeTune: ${title}`, cancellable: true }, async (progress, token) => {
    token.onCancellationRequested(() => cancel.cancel());
    for (const uri of uris) {
      if (cancel.token.isCancellationRequested) break;
      progress.report({ message: vscode.workspace.asRelativePath(uri), increment: 100 / uris.length });
      try {
        const res = await ctx.api.send(DeepScanRequest.type, { uri: uri.toString(), model: configuredModel() }, cancel.token);
        report.files++;
        deepDiagnostics!.set(uri, res.findings.filter((f) => !f.suppressed).map(toDiagnostic));
        report.findings.push(...res.findings.filter((f) => !f.suppressed).map((f) => ({ ...f, uri: uri.toString() })));
        report.problems.push(...res.problems.map((p) => `${vscode.workspace.asRelativePath(uri)}: ${p}`));
        const lines = res.findings.filter((f) => !f.suppressed).map((f) => `${vscode.workspace.asRelativePath(uri)}:${f.range.start.line + 1} ${f.cwe} ${f.severity} — ${f.message}\n`);
        ctx.runs.append(run.runId, lines.join('') || `${vscode.workspace.asRelativePath(uri)}: no findings\n`);
      } catch (e) {
        if (cancel.token.isCancellationRequested) break;
        report.problems.push(`${vscode.workspace.asRelativePath(uri)}: ${(e as Error).message}`);
        ctx.runs.append(run.runId, `${vscode.workspace.asRelativePath(uri)}: scan failed: ${(e as Error).message}\n`);
      }
    }
  });
  report.findings.sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
  const summary = `\n${report.findings.length} finding(s) in ${report.files} file(s)${report.problems.length ? `; ${report.problems.length} problem(s): ${report.problems.join('; ')}` : ''}`;
  ctx.runs.append(run.runId, summary);
  ctx.runs.update(run.runId, { status: cancel.token.isCancellationRequested ? 'cancelled' : 'done' });
  return report;
}

const deepScanFile: CommandFactory = {
  enabled: (ctx) => async (...args: unknown[]) => {
    const uri = args.map(uriArg).find(Boolean) ?? vscode.window.activeTextEditor?.document.uri;
    if (!uri) throw new Error('Open the file to scan first.');
    return scan(ctx, [uri], `Deep Security Scan: ${vscode.workspace.asRelativePath(uri)}`);
  },
};

/** Source files worth a deep scan; the LLM scan costs a model call per file, so it asks above this many. */
const WORKSPACE_GLOB = '**/*.{js,jsx,ts,tsx,mjs,cjs,py,java,go,cs,php,rb,c,h,cpp,hpp,cc}';
const EXCLUDE_GLOB = '{**/node_modules/**,**/dist/**,**/build/**,**/.git/**,**/vendor/**,**/.venv/**,**/venv/**,**/target/**}';
const CONFIRM_ABOVE = 25;

const deepScanWorkspace: CommandFactory = {
  enabled: (ctx) => async () => {
    if (!vscode.workspace.workspaceFolders?.length) throw new Error('Open a folder to scan the workspace.');
    const uris = await vscode.workspace.findFiles(WORKSPACE_GLOB, EXCLUDE_GLOB, 2000);
    if (!uris.length) {
      void vscode.window.showInformationMessage('Deep Security Scan: no source files found in the workspace.');
      return { files: 0, findings: [], problems: [] } satisfies ScanReport;
    }
    if (uris.length > CONFIRM_ABOVE) {
      const go = await vscode.window.showWarningMessage(`Scan ${uris.length} files? The deep scan makes one model call per file.`, { modal: true }, 'Scan');
      if (go !== 'Scan') return undefined;
    }
    return scan(ctx, uris, 'Deep Security Scan: workspace');
  },
};

export function findingCommands(): Record<string, CommandFactory> {
  return {
    'codetune.explainFinding': explainFinding,
    'codetune.fixFinding': fixFinding,
    'codetune.deepScanFile': deepScanFile,
    'codetune.deepScanWorkspace': deepScanWorkspace,
  };
}
