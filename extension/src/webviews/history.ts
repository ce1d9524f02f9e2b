// The Execution History panel's host side: forwards the page's requests to codetune/history/* and pushes
// codetune/history/didChange so the table and charts stay live.
import * as vscode from 'vscode';
import { HistoryDidChangeNotification, HistoryFeedbackRequest, HistoryGetRequest, HistoryListRequest, HistoryMetricsRequest, type ExecutionInfo, type HistoryFilter } from '../../../shared/src/protocol/history.js';
import type { Ctx } from '../ctx.js';
import { ModelsListRequest } from '../../../shared/src/protocol/models.js';
import type { ChartData, HistoryEvents, HistoryInit, HistoryRequests } from '../../../shared/src/webview/history.js';
import { PanelRegistry, tokenOf } from './panel.js';
import { commonHandlers } from './results.js';
import { parseRating } from './runs.js';

/** How many recent executions the time charts (latency, cost per day) are drawn from. */
export const CHART_POINTS = 500;

export const historyPanel = new PanelRegistry<HistoryRequests, HistoryEvents, HistoryInit>({
  viewType: 'codetune.history',
  name: 'history',
  title: 'CodeTune History',
  init: (_ctx, panel) => {
    const pending = panel.pending as { executionId?: number } | undefined;
    panel.pending = undefined;
    return typeof pending?.executionId === 'number' ? { executionId: pending.executionId } : {};
  },
  subscribe: (ctx, panel) => [ctx.api.onNotification(HistoryDidChangeNotification.type, (p) => panel.bridge.emit('history.changed', p))],
  handlers: (ctx) => ({
    ...commonHandlers(ctx),
    'history.list': (params, signal) => ctx.api.send(HistoryListRequest.type, { ...params, limit: Math.min(200, Math.max(1, params.limit ?? 50)) }, tokenOf(signal)),
    'history.get': ({ id }, signal) => ctx.api.send(HistoryGetRequest.type, { id }, tokenOf(signal)),
    'history.feedback': ({ id, rating, feedback }, signal) =>
      ctx.api.send(HistoryFeedbackRequest.type, { id, rating: parseRating(rating), ...(typeof feedback === 'string' && feedback.trim() ? { feedback: feedback.slice(0, 10_000) } : {}) }, tokenOf(signal)),
    'history.charts': async (filter, signal) => {
      const token = tokenOf(signal);
      const { promptId, versionId, model, since, until } = filter;
      const [metrics, points] = await Promise.all([ctx.api.send(HistoryMetricsRequest.type, { promptId, versionId, model, since, until }, token), recent(ctx, filter, token)]);
      const versionLabels = await ctx.api.versionLabels(metrics.versions.map((v) => ({ promptId: v.promptId, versionId: v.versionId })));
      return {
        versions: metrics.versions,
        versionLabels,
        points: points.map((x) => ({ at: x.createdAt, latencyMs: x.executionTimeMs, success: x.success, costUsd: x.estimatedCostUsd, fromCache: x.fromCache })),
      } satisfies ChartData;
    },
    'history.prompts': () => ctx.api.promptNames(),
    'history.models': async () => (await ctx.api.send0(ModelsListRequest.type)).models.map((m) => m.id),
    'history.openPrompt': async ({ promptId }) => {
      await vscode.commands.executeCommand('codetune.openLibrary', { promptId });
    },
  }),
});

/** The most recent executions of a filter, up to CHART_POINTS, over as many pages as that takes. */
async function recent(ctx: Ctx, filter: HistoryFilter, token: vscode.CancellationToken): Promise<ExecutionInfo[]> {
  const out: ExecutionInfo[] = [];
  let before: number | undefined;
  while (out.length < CHART_POINTS && !token.isCancellationRequested) {
    const page = await ctx.api.send(HistoryListRequest.type, { ...filter, limit: 200, ...(before !== undefined ? { before } : {}) }, token);
    out.push(...page.items);
    if (page.nextCursor === null) break;
    before = page.nextCursor;
  }
  return out.slice(0, CHART_POINTS);
}
