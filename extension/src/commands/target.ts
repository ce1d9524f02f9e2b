// What a code command works on: the selection, else the function or class around the cursor, else the whole
// file. Function ranges come from the document's symbols (any language with a symbol provider) and, failing
// that, from the daemon's code lenses (which sit on the functions and classes it parses).
import * as vscode from 'vscode';
import { ANALYSIS_COMMANDS, type FindingRange } from '../../../shared/src/protocol/analysis.js';

export interface CodeTarget {
  doc: vscode.TextDocument;
  range: vscode.Range;
  text: string;
  kind: 'selection' | 'function' | 'file';
  /** what the results view calls it: "selection", "function handle", "file app.py" */
  label: string;
}

const CONTAINER_KINDS = new Set([vscode.SymbolKind.Function, vscode.SymbolKind.Method, vscode.SymbolKind.Constructor, vscode.SymbolKind.Class]);

/** Reads a range argument given by a code lens or a test: a vscode.Range, an LSP range, or {range}. */
export function rangeArg(arg: unknown): vscode.Range | undefined {
  if (arg instanceof vscode.Range) return arg;
  const r = (arg && typeof arg === 'object' && 'range' in arg ? (arg as { range: unknown }).range : arg) as FindingRange | undefined;
  if (r && typeof r === 'object' && r.start && r.end && Number.isInteger(r.start.line) && Number.isInteger(r.end.line)) {
    return new vscode.Range(r.start.line, r.start.character ?? 0, r.end.line, r.end.character ?? 0);
  }
  return undefined;
}

/** Reads a document argument: a Uri, a URI string, or {uri}. */
export function uriArg(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  if (typeof arg === 'string' && /^[a-z][\w+.-]*:/i.test(arg)) return vscode.Uri.parse(arg);
  if (arg && typeof arg === 'object' && 'uri' in arg) return uriArg((arg as { uri: unknown }).uri);
  return undefined;
}

/**
 * The target of a command called from the palette, the context menu, a code lens (uri + range arguments)
 * or a test. Throws when there is no editor to work on.
 */
export async function codeTarget(args: unknown[]): Promise<CodeTarget> {
  const uri = args.map(uriArg).find(Boolean);
  const range = args.map(rangeArg).find(Boolean);
  const editor = vscode.window.activeTextEditor;
  const doc = uri ? await vscode.workspace.openTextDocument(uri) : editor?.document;
  if (!doc) throw new Error('Open a file and select some code first: CodeTune commands work on the selection, the function around the cursor or the whole file.');
  if (range) {
    const r = doc.validateRange(range);
    // the daemon's code lenses name the unit: { uri, range, name, kind }
    const unit = args.find((a): a is { name: string; kind?: string } => !!a && typeof a === 'object' && typeof (a as { name?: unknown }).name === 'string');
    const label = unit ? `${unit.kind ?? 'function'} ${unit.name}` : `lines ${r.start.line + 1}–${r.end.line + 1}`;
    return { doc, range: r, text: doc.getText(r), kind: 'function', label };
  }
  const sel = editor && editor.document === doc ? editor.selection : undefined;
  if (sel && !sel.isEmpty) return { doc, range: sel, text: doc.getText(sel), kind: 'selection', label: 'selection' };
  const cursor = sel?.active;
  if (cursor) {
    const fn = await enclosingFunction(doc, cursor);
    if (fn) return { doc, range: fn.range, text: doc.getText(fn.range), kind: 'function', label: fn.name };
  }
  const all = new vscode.Range(0, 0, doc.lineCount, 0);
  const full = doc.validateRange(all);
  return { doc, range: full, text: doc.getText(), kind: 'file', label: `file ${vscode.workspace.asRelativePath(doc.uri)}` };
}

async function enclosingFunction(doc: vscode.TextDocument, pos: vscode.Position): Promise<{ range: vscode.Range; name: string } | undefined> {
  try {
    const symbols = await vscode.commands.executeCommand<(vscode.DocumentSymbol | vscode.SymbolInformation)[] | undefined>('vscode.executeDocumentSymbolProvider', doc.uri);
    let best: { range: vscode.Range; name: string } | undefined;
    const visit = (list: (vscode.DocumentSymbol | vscode.SymbolInformation)[]) => {
      for (const s of list) {
        const r = 'range' in s ? s.range : s.location.range;
        if (!r.contains(pos)) continue;
        if (CONTAINER_KINDS.has(s.kind) && (!best || best.range.contains(r))) best = { range: r, name: `${vscode.SymbolKind[s.kind].toLowerCase()} ${s.name}` };
        if ('children' in s && s.children) visit(s.children);
      }
    };
    visit(symbols ?? []);
    if (best) return best;
  } catch {
    // no symbol provider for this language: the daemon's lenses below
  }
  try {
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[] | undefined>('vscode.executeCodeLensProvider', doc.uri, 10);
    let best: vscode.Range | undefined;
    for (const l of lenses ?? []) {
      if (l.command?.command !== ANALYSIS_COMMANDS.analyze) continue;
      const r = (l.command.arguments ?? []).map(rangeArg).find(Boolean) ?? l.range;
      if (r.contains(pos) && (!best || best.contains(r))) best = r;
    }
    if (best) return { range: best, name: `lines ${best.start.line + 1}–${best.end.line + 1}` };
  } catch {
    // no lenses: the whole file
  }
  return undefined;
}
