// HTTP routes of model dispatch: execute (JSON or SSE), execution history, feedback and metrics, models
// and warm-up, cache statistics and invalidation, training configs and metrics.
import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorBody, IdParams } from '../../../../shared/src/api/common.js';
import { CacheStatsResponse, InvalidateBody, InvalidateResponse } from '../../../../shared/src/api/cache.js';
import { ExecuteBody, ExecuteQuery, ExecuteResponse } from '../../../../shared/src/api/execute.js';
import { Execution, FeedbackBody, HistoryPage, HistoryQuery, MetricsQuery, MetricsResponse } from '../../../../shared/src/api/history.js';
import { LoadBody, LoadResponse, ModelsResponse } from '../../../../shared/src/api/models.js';
import type { DaemonContext } from '../../context.js';
import { UserError, isUserError } from '../../util/errors.js';
import { executeResponse, executionDto, metricsDto, modelDto, modelInfos } from '../dto.js';
import { executePrompt } from '../execute.js';
import { loadModel } from '../warmup.js';
import { SseStream } from './sse.js';
import { trainingRoutes } from './training.js';

const errors = { 400: ErrorBody, 404: ErrorBody, 409: ErrorBody, 429: ErrorBody, 502: ErrorBody, 503: ErrorBody, 504: ErrorBody };

export function date(v: string | undefined, field: string): Date | undefined {
  if (v === undefined) return undefined;
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) throw new UserError('validation_failed', `${field} is not a date-time: ${JSON.stringify(v)}.`, { hint: 'Use ISO 8601, e.g. 2026-01-31T12:00:00Z.' });
  return d;
}

export function dispatchRoutes(ctx: DaemonContext) {
  const svc = () => ctx.services.dispatch;
  const routes: FastifyPluginAsyncTypebox = async (app) => {
    app.post(
      '/api/prompts/:id/execute',
      {
        schema: {
          summary: 'Render a prompt version and run it (JSON, or server-sent events with stream=true)',
          tags: ['execution'],
          params: IdParams,
          querystring: ExecuteQuery,
          body: ExecuteBody,
          response: { 200: ExecuteResponse, ...errors },
        },
      },
      async (req, reply) => {
        const b = req.body;
        const stream = req.query.stream ?? b.stream ?? false;
        // closing the HTTP connection cancels the upstream call
        const ac = new AbortController();
        reply.raw.on('close', () => {
          if (!reply.raw.writableFinished) ac.abort(new Error('client closed the connection'));
        });
        const sse = stream ? new SseStream(reply) : undefined;
        try {
          const r = await executePrompt(ctx.repos, svc().dispatcher, {
            promptId: req.params.id,
            ...(b.version_id !== undefined ? { versionId: b.version_id } : {}),
            variables: b.variables ?? {},
            ...(b.model !== undefined ? { model: b.model } : {}),
            ...(b.parameters ? { parameters: b.parameters } : {}),
            bypassCache: b.bypass_cache ?? false,
            ...(b.user_id !== undefined ? { userId: b.user_id } : {}),
            ...(b.session_id !== undefined ? { sessionId: b.session_id } : {}),
            signal: ac.signal,
            ...(sse ? { onEvent: (e) => sse.dispatchEvent(e) } : {}),
          });
          if (!sse) return executeResponse(r);
          sse.send('done', executeResponse(r));
          sse.end();
          return reply;
        } catch (e) {
          if (!sse?.started) throw e;
          const err = isUserError(e) ? { code: e.code, message: e.message, ...(e.hint ? { hint: e.hint } : {}) } : { code: 'internal', message: 'Internal error; the CodeTune log has the details.' };
          if (!isUserError(e)) req.log.error({ err: e }, 'execute stream failed');
          sse.send('error', { error: err });
          sse.end();
          return reply;
        }
      },
    );

    app.get('/api/execution/history', { schema: { summary: 'Executions, newest first (filtered, keyset-paged)', tags: ['execution'], querystring: HistoryQuery, response: { 200: HistoryPage, 400: ErrorBody } } }, async (req) => {
      const q = req.query;
      const page = await ctx.repos.history.list(
        {
          ...(q.prompt_id !== undefined ? { promptId: q.prompt_id } : {}),
          ...(q.version_id !== undefined ? { versionId: q.version_id } : {}),
          ...(q.model !== undefined ? { model: q.model } : {}),
          ...(q.success !== undefined ? { success: q.success } : {}),
          ...(q.from_cache !== undefined ? { fromCache: q.from_cache } : {}),
          ...(q.session_id !== undefined ? { sessionId: q.session_id } : {}),
          ...(q.user_id !== undefined ? { userId: q.user_id } : {}),
          ...(q.since !== undefined ? { since: date(q.since, 'since')! } : {}),
          ...(q.until !== undefined ? { until: date(q.until, 'until')! } : {}),
        },
        { limit: q.limit ?? 50, ...(q.before !== undefined ? { before: q.before } : {}) },
      );
      return { items: page.items.map(executionDto), next_cursor: page.nextCursor };
    });

    app.get('/api/execution/history/:id', { schema: { summary: 'One execution', tags: ['execution'], params: IdParams, response: { 200: Execution, 404: ErrorBody } } }, async (req) => {
      const row = await ctx.repos.history.get(req.params.id);
      if (!row) throw new UserError('not_found', `No execution with id ${req.params.id}.`, { hint: 'It may have been purged by retention.' });
      return executionDto(row);
    });

    app.post('/api/execution/feedback', { schema: { summary: 'Rate an execution (1–5) with optional text', tags: ['execution'], body: FeedbackBody, response: { 200: Execution, ...errors } } }, async (req) => {
      const row = await svc().history.feedback(req.body.execution_id, req.body.rating, req.body.feedback ?? null);
      if (!row) throw new UserError('not_found', `No execution with id ${req.body.execution_id}.`, { hint: 'It may have been purged by retention.' });
      return executionDto(row);
    });

    app.get('/api/execution/metrics', { schema: { summary: 'Per-version aggregates (count, success rate, mean/p95 latency, tokens, cost, rating)', tags: ['execution'], querystring: MetricsQuery, response: { 200: MetricsResponse, 400: ErrorBody } } }, async (req) => {
      const q = req.query;
      const rows = await ctx.repos.history.versionMetrics({
        ...(q.prompt_id !== undefined ? { promptId: q.prompt_id } : {}),
        ...(q.version_id !== undefined ? { versionId: q.version_id } : {}),
        ...(q.model !== undefined ? { model: q.model } : {}),
        ...(q.since !== undefined ? { since: date(q.since, 'since')! } : {}),
        ...(q.until !== undefined ? { until: date(q.until, 'until')! } : {}),
      });
      return { versions: rows.map(metricsDto) };
    });

    app.get('/api/models/available', { schema: { summary: 'Configured models with their key source, circuit and queue', tags: ['models'], response: { 200: ModelsResponse } } }, async () => ({
      models: modelInfos(svc().dispatcher).map(modelDto),
      default_model: svc().models.defaultModel ?? svc().models.all()[0]?.id ?? null,
    }));

    app.post('/api/models/load', { schema: { summary: 'Warm a model (starts a scaled-to-zero Space and waits for it)', tags: ['models'], body: LoadBody, response: { 200: LoadResponse, ...errors } } }, async (req, reply) => {
      const ac = new AbortController();
      reply.raw.on('close', () => {
        if (!reply.raw.writableFinished) ac.abort(new Error('client closed the connection'));
      });
      const r = await loadModel(svc().dispatcher, req.body?.model, undefined, ac.signal);
      return { model: r.model, ready: r.ready, waited_ms: r.waitedMs, message: r.message };
    });

    app.get('/api/cache/stats', { schema: { summary: 'Output cache: hits, misses, hit rates per model and prompt, entries, bytes, evictions', tags: ['cache'], response: { 200: CacheStatsResponse } } }, async () => {
      const s = await svc().cache.stats();
      type C = { hits: number; misses: number; hitRate: number };
      const counter = (c: C) => ({ hits: c.hits, misses: c.misses, hit_rate: c.hitRate });
      const map = (rec: Record<string, C>) => Object.fromEntries(Object.keys(rec).map((k) => [k, counter(rec[k]!)]));
      return {
        hits: s.hits,
        misses: s.misses,
        hit_rate: s.hitRate,
        entries: s.entries,
        bytes: s.bytes,
        evictions: s.evictions,
        memory_entries: s.memoryEntries,
        by_model: map(s.byModel),
        by_prompt: map(s.byPrompt),
      };
    });

    app.post('/api/cache/invalidate', { schema: { summary: 'Invalidate cached outputs by model, by prompt, or all', tags: ['cache'], body: InvalidateBody, response: { 200: InvalidateResponse, 400: ErrorBody } } }, async (req) => {
      const b = req.body;
      if (b.model === undefined && b.prompt_id === undefined && b.all !== true) {
        throw new UserError('bad_request', 'Say what to invalidate.', { hint: 'Send {"model": "…"}, {"prompt_id": N} or {"all": true}.' });
      }
      const n = await svc().cache.invalidate({ ...(b.model !== undefined ? { model: b.model } : {}), ...(b.prompt_id !== undefined ? { promptId: b.prompt_id } : {}) });
      return { invalidated: n };
    });

    await app.register(trainingRoutes(ctx));
  };
  // the capability contract takes plain Fastify plugins; the TypeBox provider is only a compile-time view
  return routes as unknown as (app: FastifyInstance) => Promise<void>;
}
