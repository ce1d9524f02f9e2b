// The Prompt Library panel's host side: forwards the page's requests to codetune/prompts/* (by the shared
// `.type` objects), assembles a prompt's bundle (details, versions, experiments), and pushes
// codetune/prompts/didChange so every open view stays current.
import * as vscode from 'vscode';
import {
  PromptsCreateRequest,
  PromptsCreateVersionRequest,
  PromptsDeleteRequest,
  PromptsDeployRequest,
  PromptsDidChangeNotification,
  PromptsDiffRequest,
  PromptsExperimentsCreateRequest,
  PromptsExperimentsListRequest,
  PromptsExperimentsPromoteRequest,
  PromptsExperimentsResultsRequest,
  PromptsGetRequest,
  PromptsListRequest,
  PromptsListVersionsRequest,
  PromptsRenderPreviewRequest,
  PromptsRollbackRequest,
  PromptsUpdateRequest,
} from '../../../shared/src/protocol/prompts.js';
import type { LibraryEvents, LibraryInit, LibraryRequests, PromptBundle } from '../../../shared/src/webview/library.js';
import type { Ctx } from '../ctx.js';
import { PanelRegistry, tokenOf } from './panel.js';
import { commonHandlers } from './results.js';
import { LAST_LIBRARY_PROMPT } from './runs.js';
import { transfer } from './transfer.js';

/** A prompt with its versions and experiments, as the library and the workbench show it. */
export async function promptBundle(ctx: Ctx, id: number, token?: vscode.CancellationToken): Promise<PromptBundle> {
  const [details, versions, experiments] = await Promise.all([
    ctx.api.send(PromptsGetRequest.type, { prompt: id }, token),
    ctx.api.send(PromptsListVersionsRequest.type, { prompt: id }, token),
    ctx.api.send(PromptsExperimentsListRequest.type, { prompt: id }, token),
  ]);
  return { details, versions, experiments };
}

function positiveInt(v: unknown, what: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) throw new Error(`${what} must be a positive whole number.`);
  return v;
}

export const libraryPanel = new PanelRegistry<LibraryRequests, LibraryEvents, LibraryInit>({
  viewType: 'codetune.library',
  name: 'library',
  title: 'CodeTune Prompt Library',
  init: (ctx, panel) => {
    const pending = panel.pending as { promptId?: number } | undefined;
    panel.pending = undefined;
    // opened without a target: the prompt shown last (the page's own state wins when it has one)
    const id = typeof pending?.promptId === 'number' ? pending.promptId : ctx.extension.globalState.get<number>(LAST_LIBRARY_PROMPT);
    return typeof id === 'number' ? { selectId: id, ...(pending ? {} : { fallback: true }) } : {};
  },
  subscribe: (ctx, panel) => [ctx.api.onNotification(PromptsDidChangeNotification.type, (c) => panel.bridge.emit('library.changed', { ids: [c.prompt_id] }))],
  handlers: (ctx) => ({
    ...commonHandlers(ctx),
    'library.list': (q, signal) => ctx.api.send(PromptsListRequest.type, { ...q, limit: Math.min(200, Math.max(1, q.limit ?? 50)) }, tokenOf(signal)),
    'library.get': async ({ id }, signal) => {
      const b = await promptBundle(ctx, positiveInt(id, 'The prompt id'), tokenOf(signal));
      void ctx.extension.globalState.update(LAST_LIBRARY_PROMPT, id);
      return b;
    },
    'library.create': async (p, signal) => {
      const d = await ctx.api.send(PromptsCreateRequest.type, p, tokenOf(signal));
      return promptBundle(ctx, d.prompt.id);
    },
    'library.update': async ({ id, patch }, signal) => {
      await ctx.api.send(PromptsUpdateRequest.type, { prompt: positiveInt(id, 'The prompt id'), changes: patch }, tokenOf(signal));
      return promptBundle(ctx, id);
    },
    'library.createVersion': async ({ id, version }, signal) => {
      await ctx.api.send(PromptsCreateVersionRequest.type, { prompt: positiveInt(id, 'The prompt id'), version }, tokenOf(signal));
      return promptBundle(ctx, id);
    },
    'library.deploy': async ({ id, versionNumber }, signal) => {
      await ctx.api.send(PromptsDeployRequest.type, { prompt: positiveInt(id, 'The prompt id'), version_number: positiveInt(versionNumber, 'The version number') }, tokenOf(signal));
      return promptBundle(ctx, id);
    },
    'library.rollback': async ({ id, versionNumber }, signal) => {
      await ctx.api.send(PromptsRollbackRequest.type, { prompt: positiveInt(id, 'The prompt id'), ...(versionNumber !== undefined ? { version_number: positiveInt(versionNumber, 'The version number') } : {}) }, tokenOf(signal));
      return promptBundle(ctx, id);
    },
    'library.diff': ({ id, from, to }, signal) => ctx.api.send(PromptsDiffRequest.type, { prompt: positiveInt(id, 'The prompt id'), from: positiveInt(from, '"From"'), to: positiveInt(to, '"To"') }, tokenOf(signal)),
    'library.delete': async ({ id, hard }) => {
      const p = await ctx.api.send(PromptsGetRequest.type, { prompt: positiveInt(id, 'The prompt id') });
      const ok = await vscode.window.showWarningMessage(hard ? `Delete "${p.prompt.name}" and all its versions? Its history stays, without the link.` : `Deactivate "${p.prompt.name}"?`, { modal: true }, hard ? 'Delete' : 'Deactivate');
      if (!ok) throw Object.assign(new Error('Cancelled.'), { name: 'AbortError' });
      return ctx.api.send(PromptsDeleteRequest.type, { prompt: id, hard: !!hard });
    },
    'library.preview': ({ id, ...body }, signal) => ctx.api.send(PromptsRenderPreviewRequest.type, { prompt: positiveInt(id, 'The prompt id'), ...body }, tokenOf(signal)),
    'library.experimentCreate': async ({ id, experiment }, signal) => {
      await ctx.api.send(PromptsExperimentsCreateRequest.type, { prompt: positiveInt(id, 'The prompt id'), ...experiment }, tokenOf(signal));
      return promptBundle(ctx, id);
    },
    'library.experimentResults': ({ experimentId }, signal) => ctx.api.send(PromptsExperimentsResultsRequest.type, { experiment_id: positiveInt(experimentId, 'The experiment id') }, tokenOf(signal)),
    'library.experimentPromote': ({ experimentId, versionId }, signal) =>
      ctx.api.send(PromptsExperimentsPromoteRequest.type, { experiment_id: positiveInt(experimentId, 'The experiment id'), ...(versionId !== undefined ? { version_id: positiveInt(versionId, 'The version id') } : {}) }, tokenOf(signal)),
    'library.import': () => transfer(ctx, 'import'),
    'library.export': () => transfer(ctx, 'export'),
    'library.openInWorkbench': async ({ id, versionNumbers }) => {
      await vscode.commands.executeCommand('codetune.openWorkbench', { promptId: id, versionNumbers });
    },
  }),
});
