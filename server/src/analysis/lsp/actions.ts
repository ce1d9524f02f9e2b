// Code actions on CodeTune diagnostics: the rule's fix, suppress with an inline comment, suppress in the
// workspace list (a server command), and "Explain with AI" / "Fix with AI" (commands the extension runs,
// with the finding as argument).
import { CodeActionKind, type CodeAction, type CodeActionParams, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ANALYSIS_COMMANDS, type Finding } from '../../../../shared/src/protocol/analysis.js';
import { SYNTAX, resolveLanguage } from '../languages.js';
import { suppressionComment } from '../suppress.js';
import { findingOf } from './convert.js';

export function codeActions(params: CodeActionParams, documents: TextDocuments<TextDocument>): CodeAction[] {
  const doc = documents.get(params.textDocument.uri);
  if (!doc) return [];
  const uri = doc.uri;
  const actions: CodeAction[] = [];
  const wantsQuickFix = !params.context.only || params.context.only.some((k) => k === CodeActionKind.QuickFix || k.startsWith(`${CodeActionKind.QuickFix}.`));
  if (!wantsQuickFix) return [];
  for (const d of params.context.diagnostics) {
    const f = findingOf(d);
    if (!f) continue;
    if (f.fix) {
      actions.push({
        title: f.fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        isPreferred: true,
        edit: { changes: { [uri]: [{ range: f.fix.range, newText: f.fix.text }] } },
      });
    }
    actions.push(inlineSuppression(doc, f, d));
    actions.push({
      title: `Suppress ${f.ruleId} in this workspace`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [d],
      command: { title: 'Suppress in workspace', command: ANALYSIS_COMMANDS.suppressInWorkspace, arguments: [uri, f] },
    });
    actions.push(aiAction('Explain with AI', ANALYSIS_COMMANDS.explainFinding, uri, f, d));
    actions.push(aiAction('Fix with AI', ANALYSIS_COMMANDS.fixFinding, uri, f, d));
  }
  return actions;
}

function inlineSuppression(doc: TextDocument, f: Finding, d: CodeAction['diagnostics'] extends (infer T)[] | undefined ? T : never): CodeAction {
  const line = f.range.start.line;
  const text = doc.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
  const indent = /^[\t ]*/.exec(text)?.[0] ?? '';
  const lang = resolveLanguage(doc.languageId) ?? resolveLanguage(doc.uri);
  const style = lang ? SYNTAX[lang].comment : '//';
  return {
    title: `Suppress ${f.ruleId} with a codetune-ignore comment`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [d],
    edit: { changes: { [doc.uri]: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: suppressionComment(style, f.ruleId, indent) }] } },
  };
}

function aiAction(title: string, command: string, uri: string, f: Finding, d: NonNullable<CodeAction['diagnostics']>[number]): CodeAction {
  return { title, kind: CodeActionKind.QuickFix, diagnostics: [d], command: { title, command, arguments: [{ uri, finding: f }] } };
}
