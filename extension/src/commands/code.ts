// The code commands (Analyze, Security Audit, Optimize, Explain, Generate Code, Generate Tests, Summarize,
// Refactor): each runs a library prompt on the selection, the function around the cursor or the file.
import * as vscode from 'vscode';
import type { Ctx } from '../ctx.js';
import type { CommandFactory } from './index.js';
import { editorVariables, promptFor, runPrompt, type RunResult } from './run.js';
import { codeTarget } from './target.js';

interface CodeCommand {
  title: string;
  /** key in codetune.commands.prompts */
  key: string;
  /** starter prompt name */
  prompt: string;
  /** the answer is code that replaces the target (an inline diff is offered) */
  replaces?: boolean;
  /** the answer is code inserted after the target (tests, generated code) */
  inserts?: boolean;
}

const CODE_COMMANDS: Record<string, CodeCommand> = {
  'codetune.analyze': { title: 'Analyze', key: 'analyze', prompt: 'analyze' },
  'codetune.securityAudit': { title: 'Security Audit', key: 'securityAudit', prompt: 'security-audit' },
  'codetune.optimize': { title: 'Optimize', key: 'optimize', prompt: 'optimize', replaces: true },
  'codetune.explain': { title: 'Explain', key: 'explain', prompt: 'explain' },
  'codetune.generateTests': { title: 'Generate Tests', key: 'generateTests', prompt: 'unit-tests', inserts: true },
  'codetune.summarize': { title: 'Summarize', key: 'summarize', prompt: 'summarize' },
  'codetune.refactor': { title: 'Refactor', key: 'refactor', prompt: 'refactor', replaces: true },
};

function codeCommand(c: CodeCommand): CommandFactory {
  return {
    enabled:
      (ctx: Ctx) =>
      async (...args: unknown[]): Promise<RunResult> => {
        const target = await codeTarget(args);
        if (!target.text.trim()) throw new Error(`${c.title}: there is no code to work on (the ${target.label} is empty).`);
        const suggestion = c.replaces ? { range: target.range, mode: 'replace' as const } : c.inserts ? { range: target.range, mode: 'insert' as const } : undefined;
        return runPrompt(ctx, { title: c.title, promptName: promptFor(c.key, c.prompt), variables: editorVariables(target), target, suggestion });
      },
  };
}

/** Comment markers of the common languages, to read a description written as a comment above the cursor. */
const COMMENT = /^\s*(?:\/\/+|#+|--+|;+|\/\*+|\*+\/?|<!--|%+|'+)\s?(.*?)(?:\*\/|-->)?\s*$/;

/** The comment block at or just above the cursor line, without its markers ('' when there is none). */
export function commentAbove(doc: vscode.TextDocument, line: number): { text: string; lastLine: number } {
  let end = line;
  while (end >= 0 && !doc.lineAt(end).text.trim()) end--;
  const lines: string[] = [];
  let l = end;
  for (; l >= 0; l--) {
    const m = COMMENT.exec(doc.lineAt(l).text);
    if (!m || !doc.lineAt(l).text.trim()) break;
    lines.unshift(m[1] ?? '');
  }
  return { text: lines.join('\n').trim(), lastLine: end };
}

const generateCode: CommandFactory = {
  enabled:
    (ctx) =>
    async (...args: unknown[]): Promise<RunResult | undefined> => {
      const editor = vscode.window.activeTextEditor;
      if (!editor) throw new Error('Generate Code writes into the open file: open one and put the cursor where the code should go.');
      const doc = editor.document;
      const given = args.find((a): a is string => typeof a === 'string' && !/^[a-z][\w+.-]*:\/\//i.test(a));
      let description = given ?? (editor.selection.isEmpty ? '' : doc.getText(editor.selection));
      let at = editor.selection.isEmpty ? editor.selection.active.line : editor.selection.end.line;
      if (!description) {
        const c = commentAbove(doc, editor.selection.active.line);
        if (c.text) {
          description = c.text;
          at = c.lastLine;
        }
      }
      if (!description) {
        description =
          (await vscode.window.showInputBox({
            title: 'CodeTune: Generate Code',
            prompt: 'Describe the code to write (or write it as a comment above the cursor and run the command again)',
            placeHolder: 'e.g. a function that parses an ISO 8601 duration into seconds',
            ignoreFocusOut: true,
          })) ?? '';
        if (!description.trim()) return undefined;
      }
      // the surrounding code is context; the generated code is inserted after the description
      const contextRange = new vscode.Range(Math.max(0, at - 40), 0, at, doc.lineAt(at).text.length);
      const target = { doc, range: new vscode.Range(at, 0, at, doc.lineAt(at).text.length), text: doc.getText(contextRange), kind: 'selection' as const, label: `line ${at + 1}` };
      const variables = { ...editorVariables(target), description: description.trim() };
      return runPrompt(ctx, { title: 'Generate Code', promptName: promptFor('generateCode', 'generate'), variables, target, suggestion: { range: target.range, mode: 'insert' } });
    },
};

export function codeCommands(): Record<string, CommandFactory> {
  const out: Record<string, CommandFactory> = {};
  for (const [id, c] of Object.entries(CODE_COMMANDS)) out[id] = codeCommand(c);
  out['codetune.generateCode'] = generateCode;
  return out;
}
