// Running a library prompt from a command: progress notification with Cancel, the answer streamed into the
// Results panel as it arrives, the run linked to its history entry, and — for code suggestions — an inline
// diff the user accepts or rejects (nothing changes the file before that).
import * as vscode from 'vscode';
import type { JsonValue } from '../../../shared/src/model/index.js';
import type { ErrorAction } from '../../../shared/src/webview/protocol.js';
import type { Ctx } from '../ctx.js';
import { extractCode, reindent } from '../diff/hunks.js';
import { toWebviewError } from '../webviews/host.js';
import { daemonState } from '../webviews/panel.js';
import { resultsPanel } from '../webviews/results.js';
import type { CodeTarget } from './target.js';

const ACTION_BUTTON: Record<Exclude<ErrorAction, 'showLogs'>, { label: string; command: string }> = {
  restartDaemon: { label: 'Restart Daemon', command: 'codetune.restartDaemon' },
  configureModel: { label: 'Configure a Model', command: 'codetune.configureModels' },
  setApiKey: { label: 'Set API Key', command: 'codetune.setApiKey' },
};

export interface PromptRun {
  /** command title shown in the Results panel, e.g. "Optimize" */
  title: string;
  /** library prompt name */
  promptName: string;
  variables: Record<string, JsonValue>;
  target?: CodeTarget;
  /** where a suggestion goes: replaces the target range (default) or is inserted at a position */
  suggestion?: { range: vscode.Range; mode: 'replace' | 'insert' };
}

export interface RunResult {
  runId: string;
  status: 'done' | 'error' | 'cancelled';
  output: string;
  executionId?: number;
  firstTokenMs?: number;
  /** id of the inline diff opened for a suggestion */
  proposalId?: string;
}

/** The model the commands use: the setting, else the daemon's default (undefined). */
export function configuredModel(): string | undefined {
  const m = vscode.workspace.getConfiguration('codetune').get<string>('model', '').trim();
  return m || undefined;
}

/** Library prompt a command runs: the user's override in codetune.commands.prompts, else the starter name. */
export function promptFor(command: string, fallback: string): string {
  const map = vscode.workspace.getConfiguration('codetune.commands').get<Record<string, string>>('prompts', {});
  const v = map?.[command];
  return typeof v === 'string' && v.trim() ? v.trim() : fallback;
}

/** The built-in variables the editor supplies to every prompt. */
export function editorVariables(t: CodeTarget): Record<string, JsonValue> {
  const diagnostics = vscode.languages
    .getDiagnostics(t.doc.uri)
    .filter((d) => d.range.intersection(t.range))
    .map((d) => `line ${d.range.start.line + 1}: [${vscode.DiagnosticSeverity[d.severity].toLowerCase()}] ${d.message}${d.source ? ` (${d.source})` : ''}`)
    .join('\n');
  return { code: t.text, language: t.doc.languageId, file_path: vscode.workspace.asRelativePath(t.doc.uri), diagnostics };
}

export async function runPrompt(ctx: Ctx, spec: PromptRun): Promise<RunResult> {
  const cancel = new vscode.CancellationTokenSource();
  const t = spec.target;
  const run = ctx.runs.start(
    {
      title: spec.title,
      promptName: spec.promptName,
      target: t?.label ?? 'no code',
      file: t ? vscode.workspace.asRelativePath(t.doc.uri) : undefined,
      language: t?.doc.languageId,
      suggestion: !!spec.suggestion,
    },
    { cancel },
  );
  // show the panel beside the code without taking the focus from the editor
  const editorColumn = vscode.window.activeTextEditor?.viewColumn;
  resultsPanel.createOrShow(ctx, undefined, vscode.ViewColumn.Beside);
  if (editorColumn && t) void vscode.window.showTextDocument(t.doc, { preserveFocus: false, preview: false, viewColumn: editorColumn });

  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `CodeTune: ${spec.title}`, cancellable: true },
    async (progress, token) => {
      token.onCancellationRequested(() => cancel.cancel());
      progress.report({ message: `running "${spec.promptName}" on the ${t?.label ?? 'input'}…` });
      let chars = 0;
      try {
        const out = await ctx.api.executePrompt(
          { name: spec.promptName, variables: spec.variables, model: configuredModel(), bypassCache: vscode.workspace.getConfiguration('codetune.cache').get<boolean>('bypass', false) },
          (text) => {
            if (!chars) progress.report({ message: 'receiving the answer…' });
            chars += text.length;
            ctx.runs.append(run.runId, text);
          },
          cancel.token,
        );
        ctx.runs.update(run.runId, {
          status: 'done',
          output: out.output,
          executionId: out.executionId,
          model: out.modelUsed,
          fromCache: out.fromCache,
          executionTimeMs: out.executionTimeMs,
          tokensUsed: out.tokensUsed,
          costUsd: out.estimatedCostUsd ?? undefined,
        });
        return 'done' as const;
      } catch (e) {
        if (cancel.token.isCancellationRequested) {
          ctx.runs.update(run.runId, { status: 'cancelled' });
          return 'cancelled' as const;
        }
        const error = toWebviewError(e, daemonState(ctx));
        ctx.runs.update(run.runId, { status: 'error', error });
        ctx.log.error(`${spec.title} failed: ${error.message}`);
        // a button only where the user can act on it; the log in every case
        const fix = error.action && error.action !== 'showLogs' ? ACTION_BUTTON[error.action] : undefined;
        void vscode.window.showErrorMessage(`${spec.title} failed: ${error.message}${error.hint ? ` ${error.hint}` : ''}`, ...(fix ? [fix.label] : []), 'Show Logs').then((p) => {
          if (p === 'Show Logs') ctx.log.show();
          else if (p && fix) void vscode.commands.executeCommand(fix.command);
        });
        return 'error' as const;
      }
    },
  );
  const final = ctx.runs.get(run.runId)!;
  const res: RunResult = { runId: run.runId, status: result, output: final.output, executionId: final.executionId, firstTokenMs: final.firstTokenMs };
  if (result === 'done' && spec.suggestion && t) {
    const suggest = async (): Promise<string> => {
      const p = await proposeFromAnswer(ctx, t, spec.suggestion!, final.output, spec.title);
      ctx.runs.update(run.runId, { proposal: 'open' });
      const sub = ctx.proposals.onDidResolve((o) => {
        if (o.id !== p) return;
        sub.dispose();
        ctx.runs.update(run.runId, { proposal: o.state });
      });
      return p;
    };
    ctx.runs.extra(run.runId)!.suggest = async () => void (await suggest());
    if (vscode.workspace.getConfiguration('codetune.commands').get<boolean>('showDiffForSuggestions', true)) res.proposalId = await suggest();
  }
  return res;
}

/** Opens the inline diff of a suggestion: the answer's code in place of the target (or inserted). */
async function proposeFromAnswer(ctx: Ctx, t: CodeTarget, where: { range: vscode.Range; mode: 'replace' | 'insert' }, answer: string, title: string): Promise<string> {
  const code = extractCode(answer, t.doc.languageId);
  const startLine = t.doc.lineAt(where.range.start.line);
  const indent = /^[ \t]*/.exec(startLine.text)![0];
  let text: string;
  let range = where.range;
  if (where.mode === 'insert') {
    // generated code goes on its own lines after the insertion point, indented like it
    const line = t.doc.lineAt(where.range.end.line);
    range = new vscode.Range(line.rangeIncludingLineBreak.end, line.rangeIncludingLineBreak.end);
    text = reindent(code, indent).replace(/\n?$/, '\n');
    if (line.lineNumber === t.doc.lineCount - 1 && !line.text.endsWith('\n')) text = '\n' + text;
  } else {
    // a whole-line range keeps the file's indentation; a partial selection takes the code as it is
    const wholeLines = where.range.start.character <= startLine.firstNonWhitespaceCharacterIndex;
    if (wholeLines) range = new vscode.Range(where.range.start.line, 0, where.range.end.line, where.range.end.character);
    text = wholeLines ? reindent(code, indent) : code.trim();
    const original = t.doc.getText(range);
    if (!original.endsWith('\n')) text = text.replace(/\n$/, '');
  }
  const p = await ctx.proposals.propose(t.doc, range, text, title);
  if (!p.hunks.length) {
    await ctx.proposals.reject(p.id);
    void vscode.window.showInformationMessage(`${title}: the suggestion is the same as the current code.`);
  }
  return p.id;
}
