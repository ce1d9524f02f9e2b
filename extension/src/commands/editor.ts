// Commands that need no daemon: accepting or rejecting an inline diff (all of it or change by change),
// opening the panels and the walkthrough's sample code.
import * as vscode from 'vscode';
import type { Ctx } from '../ctx.js';
import type { CommandFactory } from './index.js';

/** The proposal a command acts on: an id argument (tests, Results panel), else the active diff. */
function proposalId(ctx: Ctx, args: unknown[]): string {
  const given = args.find((a): a is string => typeof a === 'string') ?? (args[0] as { id?: unknown } | undefined)?.id;
  if (typeof given === 'string') return given;
  const p = ctx.proposals.active();
  if (!p) throw new Error('There is no CodeTune suggestion to accept or reject: run Optimize, Refactor, Fix or Generate Tests first.');
  return p.id;
}

function hunksArg(args: unknown[]): number[] | undefined {
  const a = args.find((x): x is number[] => Array.isArray(x)) ?? (args[0] as { hunks?: unknown } | undefined)?.hunks;
  return Array.isArray(a) && a.every((n) => Number.isInteger(n)) ? (a as number[]) : undefined;
}

export function editorCommands(): Record<string, CommandFactory> {
  return {
    'codetune.proposal.accept': {
      standalone: true,
      enabled: (ctx) => async (...args: unknown[]) => ctx.proposals.accept(proposalId(ctx, args)),
    },
    'codetune.proposal.reject': {
      standalone: true,
      enabled: (ctx) => async (...args: unknown[]) => ctx.proposals.reject(proposalId(ctx, args)),
    },
    'codetune.proposal.chooseHunks': {
      standalone: true,
      enabled: (ctx) => async (...args: unknown[]) => {
        const id = proposalId(ctx, args);
        const hunks = hunksArg(args) ?? (await ctx.proposals.pickHunks(id));
        if (!hunks) return undefined;
        return ctx.proposals.accept(id, hunks);
      },
    },
    'codetune.openSample': {
      standalone: true,
      enabled: (ctx) => async () => {
        const uri = vscode.Uri.joinPath(ctx.extension.extensionUri, 'media', 'sample', 'orders.py');
        const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
        // an untitled copy: the user can run commands and accept suggestions without touching the extension's files
        const doc = await vscode.workspace.openTextDocument({ language: 'python', content: text });
        const editor = await vscode.window.showTextDocument(doc);
        const line = text.split('\n').findIndex((l) => l.startsWith('def find_orders'));
        if (line >= 0) editor.selection = new vscode.Selection(line + 1, 4, line + 1, 4);
        return doc.uri.toString();
      },
    },
  };
}
