// The Workbench panel's host side: previews, parallel runs of (version or draft) × model streamed to the
// page cell by cell, and saving the draft as a new version. A draft runs as a raw prompt made of its exact
// rendered messages, so what runs is what the preview showed.
import * as vscode from 'vscode';
import { ModelsListRequest } from '../../../shared/src/protocol/models.js';
import { PromptsCreateVersionRequest, PromptsDidChangeNotification, PromptsRenderPreviewRequest } from '../../../shared/src/protocol/prompts.js';
import type { CellResult, WorkbenchEvents, WorkbenchInit, WorkbenchRequests } from '../../../shared/src/webview/workbench.js';
import { MAX_MODELS, MAX_VERSIONS } from '../../../shared/src/webview/workbench.js';
import { toWebviewError } from './host.js';
import { promptBundle } from './library.js';
import { daemonState, PanelRegistry, tokenOf } from './panel.js';
import { commonHandlers } from './results.js';
import { LAST_WORKBENCH } from './runs.js';

export const workbenchPanel = new PanelRegistry<WorkbenchRequests, WorkbenchEvents, WorkbenchInit>({
  viewType: 'codetune.workbench',
  name: 'workbench',
  title: 'CodeTune Workbench',
  init: (ctx, panel) => {
    const pending = panel.pending as WorkbenchInit | undefined;
    panel.pending = undefined;
    // opened without a target: the prompt and versions compared last
    const p = pending ?? ctx.extension.globalState.get<WorkbenchInit>(LAST_WORKBENCH);
    if (!p || typeof p.promptId !== 'number') return {};
    return {
      promptId: p.promptId,
      ...(Array.isArray(p.versionNumbers) ? { versionNumbers: p.versionNumbers.slice(0, MAX_VERSIONS) } : {}),
      ...(p.variables && typeof p.variables === 'object' ? { variables: p.variables } : {}),
      ...(pending ? {} : { fallback: true }),
    };
  },
  subscribe: (ctx, panel) => [ctx.api.onNotification(PromptsDidChangeNotification.type, (c) => panel.bridge.emit('library.changed', { ids: [c.prompt_id] }))],
  handlers: (ctx, panel) => ({
    ...commonHandlers(ctx),
    'workbench.prompts': () => ctx.api.promptNames(true),
    'workbench.load': ({ id }, signal) => promptBundle(ctx, id, tokenOf(signal)),
    'workbench.models': () => ctx.api.send0(ModelsListRequest.type),
    'workbench.preview': ({ promptId, candidate, draft, variables }, signal) =>
      ctx.api.send(
        PromptsRenderPreviewRequest.type,
        { prompt: promptId, variables, ...(candidate.kind === 'version' ? { version_id: candidate.versionId } : { draft: draft ?? {} }) },
        tokenOf(signal),
      ),
    'workbench.run': async ({ promptId, cells, variables, draft, bypassCache }, signal) => {
      const versionNumbers = [...new Set(cells.flatMap((c) => (c.candidate.kind === 'version' ? [c.candidate.versionNumber] : [])))];
      const typed = Object.fromEntries(Object.entries(variables).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
      void ctx.extension.globalState.update(LAST_WORKBENCH, { promptId, versionNumbers, variables: typed } satisfies WorkbenchInit);
      if (cells.length > (MAX_VERSIONS + 1) * MAX_MODELS) throw new Error(`At most ${MAX_VERSIONS} versions and a draft against ${MAX_MODELS} models at once.`);
      const token = tokenOf(signal);
      // the draft is rendered once; its messages run on every model
      const rendered = cells.some((c) => c.candidate.kind === 'draft')
        ? await ctx.api.send(PromptsRenderPreviewRequest.type, { prompt: promptId, variables, draft: draft ?? {} }, token)
        : undefined;
      return Promise.all(
        cells.map(async (cell): Promise<CellResult> => {
          let output = '';
          try {
            const r = await ctx.api.execute(
              cell.candidate.kind === 'version'
                ? { promptId, versionId: cell.candidate.versionId, variables, model: cell.model, bypassCache }
                : {
                    raw: { messages: rendered!.messages.map((m) => ({ role: m.role as 'system' | 'user' | 'assistant', content: m.content })) },
                    model: cell.model,
                    bypassCache,
                    parameters: { ...(draft?.temperature !== undefined ? { temperature: draft.temperature } : {}), ...(draft?.max_tokens !== undefined ? { max_tokens: draft.max_tokens } : {}) },
                  },
              (text) => {
                output += text;
                panel.bridge.emit('cell.token', { cellId: cell.cellId, text });
              },
              token,
            );
            const res: CellResult = {
              cellId: cell.cellId,
              ok: true,
              output: r.output,
              executionId: r.executionId,
              model: r.modelUsed,
              executionTimeMs: r.executionTimeMs,
              firstTokenMs: r.firstTokenMs,
              tokensUsed: r.tokensUsed,
              costUsd: r.estimatedCostUsd,
              fromCache: r.fromCache,
            };
            panel.bridge.emit('cell.done', res);
            return res;
          } catch (e) {
            const res: CellResult = { cellId: cell.cellId, ok: false, output, error: toWebviewError(e, daemonState(ctx)) };
            panel.bridge.emit('cell.done', res);
            return res;
          }
        }),
      );
    },
    'workbench.saveDraft': async ({ promptId, draft, changeNotes, deploy }) => {
      const v = await ctx.api.send(PromptsCreateVersionRequest.type, { prompt: promptId, version: { ...draft, change_notes: changeNotes, deploy } });
      void vscode.window.showInformationMessage(`Saved the draft as version ${v.version_number}${deploy ? ' and deployed it' : ''}.`);
      return v;
    },
  }),
});
