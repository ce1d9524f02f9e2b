// HTTP surface of the registry: GET /api/plugins[/{id}], POST /api/plugins/{id}/enable|disable|reload,
// PUT /api/plugins/{id}/settings (400 naming the field), POST /api/plugins/{id}/tasks/{task}.
import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  PluginIdParams,
  PluginListResponse,
  PluginResponse,
  PluginSettingsBody,
  PluginTaskBody,
  PluginTaskParams,
  PluginTaskResponse,
} from '../../../shared/src/api/plugins.js';
import { ErrorBody } from '../../../shared/src/api/common.js';
import type { PluginInfo } from '../../../shared/src/protocol/plugins.js';
import type { PluginsService } from './service.js';

export function toResponse(p: PluginInfo): PluginResponse {
  const { settingsSchema, ...rest } = p;
  return { ...rest, ...(settingsSchema ? { settings_schema: settingsSchema } : {}) };
}

const errors = { 400: ErrorBody, 404: ErrorBody, 409: ErrorBody, 502: ErrorBody };

export function pluginRoutes(service: () => PluginsService) {
  const routes: FastifyPluginAsyncTypebox = async (app) => {
    app.get('/api/plugins', { schema: { summary: 'Every plugin, its state and settings', tags: ['plugins'], response: { 200: PluginListResponse } } }, async () => ({
      plugins: service().registry.list().map(toResponse),
      trusted: service().registry.isTrusted(),
    }));

    app.get(
      '/api/plugins/:id',
      { schema: { summary: 'One plugin, its state and settings', tags: ['plugins'], params: PluginIdParams, response: { 200: PluginResponse, 404: ErrorBody } } },
      async (req) => toResponse(service().registry.get(req.params.id)),
    );

    for (const action of ['enable', 'disable', 'reload'] as const) {
      app.post(
        `/api/plugins/:id/${action}`,
        { schema: { summary: `${action[0]!.toUpperCase()}${action.slice(1)} a plugin`, tags: ['plugins'], params: PluginIdParams, response: { 200: PluginResponse, ...errors } } },
        async (req) => toResponse(await service().registry[action](req.params.id)),
      );
    }

    app.put(
      '/api/plugins/:id/settings',
      {
        schema: {
          summary: 'Replace the settings of a plugin (validated against its schema; a running plugin restarts with them)',
          tags: ['plugins'],
          params: PluginIdParams,
          body: PluginSettingsBody,
          response: { 200: PluginResponse, ...errors },
        },
      },
      async (req) => toResponse(await service().registry.setSettings(req.params.id, req.body)),
    );

    app.post(
      '/api/plugins/:id/tasks/:task',
      { schema: { summary: 'Run one task of a plugin', tags: ['plugins'], params: PluginTaskParams, body: PluginTaskBody, response: { 200: PluginTaskResponse, ...errors } } },
      async (req, reply) => {
        // a client that goes away before the answer cancels the task (and the model call behind it)
        const ac = new AbortController();
        reply.raw.on('close', () => !reply.raw.writableEnded && ac.abort());
        const r = await service().runTask(req.params.id, req.params.task, req.body, { signal: ac.signal });
        return { plugin_id: r.pluginId, task: r.task, result: r.result, duration_ms: r.durationMs };
      },
    );
  };
  return routes as unknown as (app: FastifyInstance) => Promise<void>;
}
