// LSP side of model dispatch: codetune/models/{list,configure,setApiKey,load}, codetune/history/
// {list,get,feedback,metrics}, codetune/prompts/execute (text streamed as $/progress on the
// partialResultToken, queue/loading/retry as work-done progress, $/cancelRequest aborts the upstream call)
// and the codetune/history/didChange push.
import { WorkDoneProgress, type CancellationToken, type Connection } from 'vscode-languageserver/node';
import {
  ExecutePartialProgress,
  HistoryDidChangeNotification,
  HistoryFeedbackRequest,
  HistoryGetRequest,
  HistoryListRequest,
  HistoryMetricsRequest,
  ModelsConfigureRequest,
  ModelsListRequest,
  ModelsLoadRequest,
  ModelsSetApiKeyRequest,
  PromptsExecuteRequest,
  type ExecuteParams,
} from '../../../../shared/src/protocol/index.js';
import type { DaemonContext } from '../../context.js';
import type { Feature } from '../../lsp/feature.js';
import { UserError } from '../../util/errors.js';
import type { DispatchEvent } from '../call.js';
import { executeResult, executionInfo, metricsInfo, modelInfos } from '../dto.js';
import { executePrompt, rawPrompt } from '../execute.js';
import type { HistoryChange } from '../history.js';
import { loadModel } from '../warmup.js';
import { toResponseError } from '../../lsp/errors.js';

function abortOn(token: CancellationToken): AbortSignal {
  const ac = new AbortController();
  if (token.isCancellationRequested) ac.abort(new Error('cancelled in the editor'));
  token.onCancellationRequested(() => ac.abort(new Error('cancelled in the editor')));
  return ac.signal;
}

function date(v: string | undefined, field: string): Date | undefined {
  if (v === undefined) return undefined;
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) throw new UserError('validation_failed', `${field} is not a date-time: ${JSON.stringify(v)}.`, { hint: 'Use ISO 8601.' });
  return d;
}

/** one line per dispatch event for the editor's progress notification */
export function describeEvent(e: DispatchEvent): string | undefined {
  switch (e.type) {
    case 'queued':
      return `Waiting for ${e.model}: position ${e.position} in its queue`;
    case 'started':
      return `Calling ${e.model}…`;
    case 'loading':
      return `${e.model} is loading${e.estimatedSeconds !== null ? ` (about ${Math.ceil(e.estimatedSeconds)} s)` : ''}; waited ${Math.round(e.waitedMs / 1000)} s of ${Math.round(e.limitMs / 1000)} s`;
    case 'retry':
      return `${e.model} failed (${e.reason}); retry ${e.attempt} in ${Math.round(e.delayMs / 100) / 10} s`;
    case 'fallback':
      return `${e.from} failed; trying ${e.to}`;
    case 'delta':
      return undefined;
  }
}

function progressReporter(connection: Connection, token: string | number | undefined, title: string) {
  if (token === undefined) return { report: () => undefined, done: () => undefined };
  void connection.sendProgress(WorkDoneProgress.type, token, { kind: 'begin', title, cancellable: true });
  return {
    report: (message: string) => void connection.sendProgress(WorkDoneProgress.type, token, { kind: 'report', message }),
    done: () => void connection.sendProgress(WorkDoneProgress.type, token, { kind: 'end' }),
  };
}

export function dispatchFeature(ctx: DaemonContext): Feature {
  const log = ctx.log.child({ component: 'dispatch-lsp' });
  const svc = () => ctx.services.dispatch;
  let unsubscribe: (() => void) | undefined;
  const wrap =
    <P, R>(fn: (p: P, token: CancellationToken) => Promise<R>) =>
    async (p: P, token: CancellationToken): Promise<R> => {
      try {
        return await fn(p, token);
      } catch (e) {
        throw toResponseError(e, log);
      }
    };

  return {
    initialize({ connection }) {
      connection.onRequest(ModelsListRequest.type, async () => {
        try {
          return { models: modelInfos(svc().dispatcher), defaultModel: svc().models.defaultModel ?? svc().models.all()[0]?.id ?? null };
        } catch (e) {
          throw toResponseError(e, log);
        }
      });
      connection.onRequest(
        ModelsConfigureRequest.type,
        wrap(async (p) => {
          const before = new Set(svc().models.all().map((m) => m.id));
          svc().models.configure(p.models, p.defaultModel);
          // limits may have changed: new queues and breakers for the ids sent
          svc().dispatcher.lanes.reset([...before, ...p.models.map((m) => m.id)]);
          return { models: modelInfos(svc().dispatcher), defaultModel: svc().models.defaultModel ?? svc().models.all()[0]?.id ?? null };
        }),
      );
      connection.onRequest(
        ModelsSetApiKeyRequest.type,
        wrap(async (p) => {
          if (!p.target) throw new UserError('bad_request', 'Say which model or provider the key is for.', { hint: 'target: a model id or hf | openai | anthropic | openai-compatible.' });
          svc().keys.set(p.target, p.apiKey);
          log.info({ target: p.target, set: !!p.apiKey }, 'api key updated from the editor');
          const m = svc().models.find(p.target) ?? svc().models.all().find((x) => x.provider === p.target);
          return { keySource: m ? svc().keys.source(m) : p.apiKey ? 'memory' : 'none' };
        }),
      );
      connection.onRequest(
        ModelsLoadRequest.type,
        wrap(async (p, token) => {
          const progress = progressReporter(connection, p.workDoneToken, 'Warming model');
          try {
            return await loadModel(svc().dispatcher, p.model, (e) => {
              const line = describeEvent(e);
              if (line) progress.report(line);
            }, abortOn(token));
          } finally {
            progress.done();
          }
        }),
      );
      connection.onRequest(PromptsExecuteRequest.type, wrap((p, token) => execute(connection, p, token)));

      connection.onRequest(
        HistoryListRequest.type,
        wrap(async (p) => {
          const page = await ctx.repos.history.list(
            {
              ...(p.promptId !== undefined ? { promptId: p.promptId } : {}),
              ...(p.versionId !== undefined ? { versionId: p.versionId } : {}),
              ...(p.model !== undefined ? { model: p.model } : {}),
              ...(p.success !== undefined ? { success: p.success } : {}),
              ...(p.fromCache !== undefined ? { fromCache: p.fromCache } : {}),
              ...(p.sessionId !== undefined ? { sessionId: p.sessionId } : {}),
              ...(p.userId !== undefined ? { userId: p.userId } : {}),
              ...(p.since !== undefined ? { since: date(p.since, 'since')! } : {}),
              ...(p.until !== undefined ? { until: date(p.until, 'until')! } : {}),
            },
            { limit: Math.min(Math.max(p.limit ?? 50, 1), 500), ...(p.before !== undefined ? { before: p.before } : {}) },
          );
          return { items: page.items.map(executionInfo), nextCursor: page.nextCursor };
        }),
      );
      connection.onRequest(
        HistoryGetRequest.type,
        wrap(async (p) => {
          const row = await ctx.repos.history.get(p.id);
          if (!row) throw new UserError('not_found', `No execution with id ${p.id}.`, { hint: 'It may have been purged by retention.' });
          return executionInfo(row);
        }),
      );
      connection.onRequest(
        HistoryFeedbackRequest.type,
        wrap(async (p) => {
          if (!Number.isInteger(p.rating) || p.rating < 1 || p.rating > 5) throw new UserError('validation_failed', `rating must be an integer from 1 to 5, not ${JSON.stringify(p.rating)}.`);
          const row = await svc().history.feedback(p.id, p.rating, p.feedback ?? null);
          if (!row) throw new UserError('not_found', `No execution with id ${p.id}.`);
          return executionInfo(row);
        }),
      );
      connection.onRequest(
        HistoryMetricsRequest.type,
        wrap(async (p) => {
          const rows = await ctx.repos.history.versionMetrics({
            ...(p.promptId !== undefined ? { promptId: p.promptId } : {}),
            ...(p.versionId !== undefined ? { versionId: p.versionId } : {}),
            ...(p.model !== undefined ? { model: p.model } : {}),
            ...(p.since !== undefined ? { since: date(p.since, 'since')! } : {}),
            ...(p.until !== undefined ? { until: date(p.until, 'until')! } : {}),
          });
          return { versions: rows.map(metricsInfo) };
        }),
      );

      const onChange = (c: HistoryChange) => void connection.sendNotification(HistoryDidChangeNotification.type, c).catch(() => undefined);
      svc().history.on('change', onChange);
      unsubscribe = () => svc().history.off('change', onChange);
      return {};
    },
    shutdown() {
      unsubscribe?.();
    },
  };

  async function execute(connection: Connection, p: ExecuteParams, token: CancellationToken) {
    const signal = abortOn(token);
    const progress = progressReporter(connection, p.workDoneToken, 'Running prompt');
    const onEvent = (e: DispatchEvent) => {
      if (e.type === 'delta') {
        if (p.partialResultToken !== undefined) void connection.sendProgress(ExecutePartialProgress, p.partialResultToken, { text: e.text });
      } else {
        const line = describeEvent(e);
        if (line) progress.report(line);
      }
    };
    try {
      if (p.promptId !== undefined) {
        const r = await executePrompt(ctx.repos, svc().dispatcher, {
          promptId: p.promptId,
          ...(p.versionId !== undefined ? { versionId: p.versionId } : {}),
          variables: p.variables ?? {},
          ...(p.model !== undefined ? { model: p.model } : {}),
          ...(p.parameters ? { parameters: p.parameters } : {}),
          bypassCache: p.bypassCache ?? false,
          ...(p.userId !== undefined ? { userId: p.userId } : {}),
          ...(p.sessionId !== undefined ? { sessionId: p.sessionId } : {}),
          signal,
          onEvent,
        });
        return executeResult(r);
      }
      if (!p.raw) throw new UserError('bad_request', 'Nothing to run.', { hint: 'Send promptId (a library prompt) or raw (messages or text).' });
      const prompt = rawPrompt(p.raw);
      const r = await svc().dispatcher.dispatch({
        model: p.model ?? null,
        ...prompt,
        params: { temperature: 0, ...p.parameters },
        bypassCache: p.bypassCache ?? false,
        userId: p.userId ?? null,
        sessionId: p.sessionId ?? null,
        signal,
        onEvent,
      });
      return executeResult({ ...r, versionId: null });
    } finally {
      progress.done();
    }
  }
}
