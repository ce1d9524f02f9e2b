// Inline diffs: a code suggestion is shown as VS Code's diff editor between the file and a virtual
// document (scheme codetune-proposal) holding the file with the suggestion applied. Nothing changes the
// file until the user accepts — all of it, or hunk by hunk — from the diff editor's title bar or the
// commands; rejecting closes the diff and forgets the proposal.
import * as vscode from 'vscode';
import { applyHunks, computeHunks, describeHunk, type Hunk } from './hunks.js';

export const PROPOSAL_SCHEME = 'codetune-proposal';

export interface Proposal {
  id: string;
  target: vscode.Uri;
  title: string;
  /** the file's text when the proposal was made */
  original: string;
  /** the whole file with the suggestion applied */
  proposed: string;
  /** document version the hunks refer to */
  version: number;
  hunks: Hunk[];
  uri: vscode.Uri;
}

export type ProposalOutcome = { id: string; applied: number[]; state: 'accepted' | 'partial' | 'rejected' };

export class Proposals implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly items = new Map<string, Proposal>();
  private seq = 0;
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly registration: vscode.Disposable;
  private readonly outcomeEmitter = new vscode.EventEmitter<ProposalOutcome>();
  /** fires when a proposal is accepted (fully or partly) or rejected */
  readonly onDidResolve = this.outcomeEmitter.event;

  constructor() {
    this.registration = vscode.workspace.registerTextDocumentContentProvider(PROPOSAL_SCHEME, this);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.byUri(uri)?.proposed ?? '';
  }

  get(id: string): Proposal | undefined {
    return this.items.get(id);
  }

  byUri(uri: vscode.Uri): Proposal | undefined {
    return this.items.get(new URLSearchParams(uri.query).get('id') ?? '');
  }

  /** Makes a proposal that replaces `range` of `doc` by `text`, and opens the diff. */
  async propose(doc: vscode.TextDocument, range: vscode.Range, text: string, title: string): Promise<Proposal> {
    const original = doc.getText();
    const start = doc.offsetAt(range.start);
    const end = doc.offsetAt(range.end);
    const proposed = original.slice(0, start) + text + original.slice(end);
    const id = `p${++this.seq}`;
    // keep the file's path (and so its language) in the virtual document's URI
    const uri = vscode.Uri.from({ scheme: PROPOSAL_SCHEME, path: doc.uri.path, query: `id=${id}` });
    const p: Proposal = { id, target: doc.uri, title, original, proposed, version: doc.version, hunks: computeHunks(original, proposed), uri };
    this.items.set(id, p);
    this.updateContext();
    await vscode.commands.executeCommand('vscode.diff', doc.uri, uri, `${title} (proposed) ↔ ${vscode.workspace.asRelativePath(doc.uri)}`, { preview: false });
    return p;
  }

  /** Applies the chosen hunks (all when `accepted` is undefined) to the file. */
  async accept(id: string, accepted?: number[]): Promise<ProposalOutcome> {
    const p = this.items.get(id);
    if (!p) throw new Error('This suggestion is no longer available (it was already accepted or rejected).');
    const chosen = new Set(accepted ?? p.hunks.map((h) => h.index));
    if (chosen.size === 0) return this.reject(id);
    const doc = await vscode.workspace.openTextDocument(p.target);
    const edit = new vscode.WorkspaceEdit();
    if (doc.version === p.version) {
      // unchanged since the proposal: one edit per accepted hunk keeps cursors and markers elsewhere intact
      for (const h of p.hunks.filter((x) => chosen.has(x.index))) {
        const range = doc.validateRange(new vscode.Range(h.oldStart, 0, h.oldStart + h.oldLines.length, 0));
        edit.replace(p.target, range, h.newLines.join(''));
      }
    } else {
      if (doc.getText() !== p.original) {
        throw new Error(`${vscode.workspace.asRelativePath(p.target)} changed after the suggestion was made; run the command again for a fresh suggestion.`);
      }
      edit.replace(p.target, new vscode.Range(0, 0, doc.lineCount, 0), applyHunks(p.original, p.hunks, chosen));
    }
    if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`VS Code refused to edit ${vscode.workspace.asRelativePath(p.target)}.`);
    await this.close(p);
    const outcome: ProposalOutcome = { id, applied: [...chosen].sort((a, b) => a - b), state: chosen.size === p.hunks.length ? 'accepted' : 'partial' };
    this.outcomeEmitter.fire(outcome);
    return outcome;
  }

  async reject(id: string): Promise<ProposalOutcome> {
    const p = this.items.get(id);
    if (p) await this.close(p);
    const outcome: ProposalOutcome = { id, applied: [], state: 'rejected' };
    this.outcomeEmitter.fire(outcome);
    return outcome;
  }

  /** Lets the user tick the hunks to apply (all ticked at first). undefined when the picker was dismissed. */
  async pickHunks(id: string): Promise<number[] | undefined> {
    const p = this.items.get(id);
    if (!p) throw new Error('This suggestion is no longer available.');
    type Item = vscode.QuickPickItem & { index: number };
    const items: Item[] = p.hunks.map((h) => ({ ...describeHunk(h), index: h.index, picked: true }));
    const picked = await vscode.window.showQuickPick(items, { canPickMany: true, title: `${p.title}: choose the changes to apply`, placeHolder: 'Unticked changes are left out' });
    return picked?.map((i) => i.index);
  }

  /** The proposal shown in the active diff editor, or the most recent one. */
  active(): Proposal | undefined {
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
    if (tab?.input instanceof vscode.TabInputTextDiff && tab.input.modified.scheme === PROPOSAL_SCHEME) return this.byUri(tab.input.modified);
    const ed = vscode.window.activeTextEditor?.document.uri;
    if (ed?.scheme === PROPOSAL_SCHEME) return this.byUri(ed);
    return [...this.items.values()].at(-1);
  }

  private async close(p: Proposal): Promise<void> {
    this.items.delete(p.id);
    this.updateContext();
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.toString() === p.uri.toString());
    if (tabs.length) await vscode.window.tabGroups.close(tabs);
  }

  /** drives the `when` clauses of the Accept / Reject buttons and keybindings */
  private updateContext(): void {
    void vscode.commands.executeCommand('setContext', 'codetune.proposalOpen', this.items.size > 0);
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
    this.outcomeEmitter.dispose();
    this.items.clear();
  }
}
