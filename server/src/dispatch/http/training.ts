// /api/training/*: fine-tuning run configurations and their reported metrics.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorBody, IdParams } from '../../../../shared/src/api/common.js';
import {
  ConfigIdParams,
  MetricsSinceQuery,
  TrainingConfigCreate,
  TrainingConfigSchema,
  TrainingMetricsBody,
  TrainingMetricsResponse,
} from '../../../../shared/src/api/training.js';
import type { JsonObject } from '../../../../shared/src/model/index.js';
import type { DaemonContext } from '../../context.js';
import type { TrainingConfigRow } from '../../db/repositories/training/types.js';
import { UserError } from '../../util/errors.js';

function configDto(r: TrainingConfigRow) {
  return {
    id: r.id,
    name: r.name,
    base_model: r.baseModel,
    dataset_path: r.datasetPath,
    hyperparameters: r.hyperparameters,
    status: r.status,
    created_by: r.createdBy,
    created_at: r.createdAt.toISOString(),
    updated_at: r.updatedAt.toISOString(),
  };
}

const notFound = (id: number) => new UserError('not_found', `No training config with id ${id}.`, { hint: 'Create one with POST /api/training/config.' });

export function trainingRoutes(ctx: DaemonContext) {
  const routes: FastifyPluginAsyncTypebox = async (app) => {
    app.post('/api/training/config', { schema: { summary: 'Create a training configuration', tags: ['training'], body: TrainingConfigCreate, response: { 201: TrainingConfigSchema, 400: ErrorBody, 409: ErrorBody } } }, async (req, reply) => {
      const b = req.body;
      const row = await ctx.repos.training.createConfig({
        name: b.name,
        baseModel: b.base_model,
        datasetPath: b.dataset_path ?? '',
        hyperparameters: (b.hyperparameters ?? {}) as JsonObject,
        createdBy: b.created_by ?? '',
      });
      return reply.code(201).send(configDto(row));
    });

    app.get('/api/training/config/:id', { schema: { summary: 'One training configuration', tags: ['training'], params: IdParams, response: { 200: TrainingConfigSchema, 404: ErrorBody } } }, async (req) => {
      const row = await ctx.repos.training.getConfig(req.params.id);
      if (!row) throw notFound(req.params.id);
      return configDto(row);
    });

    app.get(
      '/api/training/metrics/:config_id',
      { schema: { summary: 'Metrics of a training run, by step', tags: ['training'], params: ConfigIdParams, querystring: MetricsSinceQuery, response: { 200: TrainingMetricsResponse, 404: ErrorBody } } },
      async (req) => {
        const id = req.params.config_id;
        if (!(await ctx.repos.training.getConfig(id))) throw notFound(id);
        const rows = await ctx.repos.training.metrics(id, req.query.since_step !== undefined ? { sinceStep: req.query.since_step } : {});
        return { config_id: id, metrics: rows.map((m) => ({ epoch: m.epoch, step: m.step, loss: m.loss, metrics: m.metrics, recorded_at: m.recordedAt.toISOString() })) };
      },
    );

    app.post(
      '/api/training/metrics/:config_id',
      { schema: { summary: 'Record metrics reported by a training run', tags: ['training'], params: ConfigIdParams, body: TrainingMetricsBody, response: { 200: { type: 'object', properties: { recorded: { type: 'integer' } } }, 404: ErrorBody } } },
      async (req) => {
        const n = await ctx.repos.training.addMetrics(
          req.params.config_id,
          req.body.metrics.map((m) => ({ epoch: m.epoch, step: m.step, loss: m.loss, metrics: m.metrics as JsonObject })),
        );
        if (n === undefined) throw notFound(req.params.config_id);
        return { recorded: n };
      },
    );
  };
  return routes;
}
