// HTTP surface of the prompt library (DESIGN.md): /api/prompts CRUD and versions, plus deploy, rollback,
// diff, render-preview and A/B experiments in the same style. A prompt in a path is its id or its name.
import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ErrorBody } from '../../../shared/src/api/common.js';
import {
  Assignment,
  AssignQuery,
  DeleteQuery,
  DeleteResult,
  DeployBody,
  DiffQuery,
  Experiment,
  ExperimentCreate,
  ExperimentResults,
  PromoteBody,
  PromptCreate,
  PromptDetails,
  PromptList,
  PromptListQuery,
  PromptUpdate,
  PromptVersion,
  RenderPreview,
  RenderPreviewBody,
  RollbackBody,
  VersionCreate,
  VersionDiff,
} from '../../../shared/src/api/prompts.js';
import type { ExperimentService } from './experiments/service.js';
import { versionDto } from './dto.js';
import type { PromptService } from './service.js';

const PromptParams = Type.Object({ id: Type.String({ minLength: 1, description: 'prompt id or name' }) });
const VersionParams = Type.Object({ id: Type.String({ minLength: 1 }), number: Type.Integer({ minimum: 1 }) });
const ExperimentParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const errors = { 400: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const tags = ['prompts'];

export function promptRoutes(get: () => { prompts: PromptService; experiments: ExperimentService }) {
  const routes: FastifyPluginAsyncTypebox = async (app) => {
    const svc = () => get().prompts;
    const exp = () => get().experiments;

    for (const url of ['/api/prompts', '/api/prompts/']) {
      app.post(url, { schema: { summary: 'Create a prompt (version 1, deployed)', tags, body: PromptCreate, response: { 201: PromptDetails, ...errors } } }, async (req, reply) =>
        reply.status(201).send(await svc().create(req.body)),
      );
      app.get(url, { schema: { summary: 'List prompts: filters, full-text query, paging', tags, querystring: PromptListQuery, response: { 200: PromptList, ...errors } } }, async (req) =>
        svc().list(req.query),
      );
    }

    app.get('/api/prompts/:id', { schema: { summary: 'A prompt with its deployed version', tags, params: PromptParams, response: { 200: PromptDetails, ...errors } } }, async (req) =>
      svc().details(req.params.id),
    );

    app.put(
      '/api/prompts/:id',
      { schema: { summary: 'Update metadata (no version) and/or content (makes a version)', tags, params: PromptParams, body: PromptUpdate, response: { 200: PromptDetails, ...errors } } },
      async (req) => svc().update(req.params.id, req.body),
    );

    app.delete(
      '/api/prompts/:id',
      { schema: { summary: 'Deactivate a prompt, or delete it with its versions (?hard=true)', tags, params: PromptParams, querystring: DeleteQuery, response: { 200: DeleteResult, ...errors } } },
      async (req) => svc().remove(req.params.id, req.query.hard ?? false),
    );

    app.post(
      '/api/prompts/:id/versions',
      { schema: { summary: 'Create a version (missing fields from the latest content)', tags, params: PromptParams, body: VersionCreate, response: { 201: PromptVersion, ...errors } } },
      async (req, reply) => reply.status(201).send(await svc().createVersion(req.params.id, req.body)),
    );

    app.get('/api/prompts/:id/versions', { schema: { summary: 'Every version, oldest first', tags, params: PromptParams, response: { 200: Type.Array(PromptVersion), ...errors } } }, async (req) =>
      svc().listVersions(req.params.id),
    );

    app.get('/api/prompts/:id/versions/:number', { schema: { summary: 'One version by number', tags, params: VersionParams, response: { 200: PromptVersion, ...errors } } }, async (req) =>
      versionDto(await svc().versionByNumber(req.params.id, req.params.number)),
    );

    app.post('/api/prompts/:id/deploy', { schema: { summary: 'Deploy a version (by id or number)', tags, params: PromptParams, body: DeployBody, response: { 200: PromptVersion, ...errors } } }, async (req) =>
      svc().deploy(req.params.id, req.body),
    );

    app.post(
      '/api/prompts/:id/rollback',
      { schema: { summary: 'Deploy the given version, or the one before the deployed version', tags, params: PromptParams, body: Type.Optional(RollbackBody), response: { 200: PromptVersion, ...errors } } },
      async (req) => svc().rollback(req.params.id, req.body ?? {}),
    );

    app.get('/api/prompts/:id/diff', { schema: { summary: 'Field-by-field diff of two versions', tags, params: PromptParams, querystring: DiffQuery, response: { 200: VersionDiff, ...errors } } }, async (req) =>
      svc().diff(req.params.id, req.query.from, req.query.to),
    );

    app.post(
      '/api/prompts/:id/render-preview',
      { schema: { summary: 'The exact text a model receives for these variables', tags, params: PromptParams, body: RenderPreviewBody, response: { 200: RenderPreview, ...errors } } },
      async (req) => svc().preview(req.params.id, req.body),
    );

    app.post(
      '/api/prompts/:id/experiments',
      { schema: { summary: 'Start an A/B experiment between versions', tags, params: PromptParams, body: ExperimentCreate, response: { 201: Experiment, ...errors } } },
      async (req, reply) => reply.status(201).send(await exp().create(req.params.id, req.body)),
    );

    app.get('/api/prompts/:id/experiments', { schema: { summary: "A prompt's experiments, newest first", tags, params: PromptParams, response: { 200: Type.Array(Experiment), ...errors } } }, async (req) =>
      exp().list(req.params.id),
    );

    app.get('/api/experiments/:id/results', { schema: { summary: 'Per-version results and significance', tags, params: ExperimentParams, response: { 200: ExperimentResults, ...errors } } }, async (req) =>
      exp().results(req.params.id),
    );

    app.get(
      '/api/experiments/:id/assignment',
      { schema: { summary: 'The version a user is assigned to (sticky)', tags, params: ExperimentParams, querystring: AssignQuery, response: { 200: Assignment, ...errors } } },
      async (req) => exp().assign(req.params.id, req.query.user_id),
    );

    app.post(
      '/api/experiments/:id/promote',
      { schema: { summary: 'Deploy the winner and end the experiment', tags, params: ExperimentParams, body: Type.Optional(PromoteBody), response: { 200: ExperimentResults, ...errors } } },
      async (req) => exp().promote(req.params.id, req.body ?? {}),
    );

    app.post('/api/experiments/:id/stop', { schema: { summary: 'End the experiment without deploying', tags, params: ExperimentParams, response: { 200: Experiment, ...errors } } }, async (req) =>
      exp().stop(req.params.id),
    );
  };
  // the TypeBox-typed plugin is a plain Fastify plugin at run time
  return routes as unknown as (app: FastifyInstance) => Promise<void>;
}
