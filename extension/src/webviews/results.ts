// The Results panel's host side: shows the runs of the code commands (RunStore), cancels them, rates their
// history entry, opens their suggestion as an inline diff.
import * as vscode from 'vscode';
import { HOST_COMMANDS, type CommonRequests } from '../../../shared/src/webview/protocol.js';
import type { ResultsEvents, ResultsInit, ResultsRequests } from '../../../shared/src/webview/results.js';
import type { Ctx } from '../ctx.js';
import type { Handlers } from './host.js';
import { PanelRegistry, type PanelSpec } from './panel.js';
import { parseRating, RESULTS_KEY } from './runs.js';

/** The requests every panel answers (host.command, host.notify). */
export function commonHandlers(ctx: Ctx): Handlers<CommonRequests> {
  return {
    'host.command': async ({ command, args }) => {
      if (!(HOST_COMMANDS as readonly string[]).includes(command)) throw new Error(`A panel may not run "${command}".`);
      await vscode.commands.executeCommand(command, ...(Array.isArray(args) ? args : []));
    },
    'host.notify': ({ level, message }) => {
      const text = String(message).slice(0, 500);
      if (level === 'error') void vscode.window.showErrorMessage(text);
      else if (level === 'warning') void vscode.window.showWarningMessage(text);
      else void vscode.window.showInformationMessage(text);
      ctx.log.info(`panel: ${text}`);
    },
  };
}

export const resultsPanel = new PanelRegistry<ResultsRequests, ResultsEvents, ResultsInit>({
  viewType: 'codetune.results',
  name: 'results',
  title: 'CodeTune Results',
  init: (ctx) => ({ runs: ctx.runs.list() }),
  subscribe: (ctx, panel) => [ctx.runs.onEvent((event, data) => panel.bridge.emit(event, data))],
  handlers: (ctx) => ({
    ...commonHandlers(ctx),
    'results.rate': async ({ runId, rating, comment }) => {
      const r = parseRating(rating);
      const run = ctx.runs.get(runId);
      if (!run || run.executionId === undefined) throw new Error('This answer has no history entry to rate (it failed or was cancelled before the daemon recorded it).');
      await ctx.api.rate(run.executionId, r, typeof comment === 'string' ? comment : undefined);
      ctx.runs.update(runId, { rating: r });
      return { rating: r };
    },
    'results.cancel': ({ runId }) => {
      ctx.runs.extra(runId)?.cancel.cancel();
    },
    'results.previewDiff': async ({ runId }) => {
      const extra = ctx.runs.extra(runId);
      if (!extra?.suggest) throw new Error('This answer has no code suggestion to preview.');
      await extra.suggest();
    },
    'results.openHistory': async ({ runId }) => {
      const id = ctx.runs.get(runId)?.executionId;
      if (id !== undefined) await vscode.commands.executeCommand('codetune.openHistory', { executionId: id });
    },
    'results.copy': async ({ runId }) => {
      const run = ctx.runs.get(runId);
      if (run) await vscode.env.clipboard.writeText(run.output);
    },
    'results.clear': async () => {
      ctx.runs.clear();
      await ctx.extension.workspaceState.update(RESULTS_KEY, ctx.runs.snapshot());
    },
  }),
} satisfies PanelSpec<ResultsRequests, ResultsEvents, ResultsInit>);
