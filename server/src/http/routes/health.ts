import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { HealthResponse } from '../../../../shared/src/api/health.js';
import type { DaemonContext } from '../../context.js';
import { errorMessage } from '../../util/errors.js';
import { modelInfos } from '../../dispatch/dto.js';

function providers(ctx: DaemonContext) {
  const d = ctx.services.dispatch;
  if (!d) return (ctx.config.file.models ?? []).map((m) => ({ id: m.id, provider: m.provider, reachable: null }));
  // a closed circuit says nothing about reachability until a call was made; an open one says "not now"
  return modelInfos(d.dispatcher).map((m) => ({ id: m.id, provider: m.provider, reachable: m.circuit === 'open' ? false : null, circuit: m.circuit }));
}

export const healthRoutes: FastifyPluginAsyncTypebox<{ ctx: DaemonContext }> = async (app, { ctx }) => {
  app.get(
    '/api/health',
    { schema: { summary: 'Daemon health (no token needed)', security: [], response: { 200: HealthResponse } } },
    async () => {
      const t = performance.now();
      let dbError: string | undefined;
      try {
        await ctx.repos.ping();
      } catch (e) {
        dbError = errorMessage(e);
      }
      const latency = Math.round((performance.now() - t) * 100) / 100;
      return {
        status: dbError ? ('degraded' as const) : ('ok' as const),
        version: ctx.version,
        dialect: ctx.repos.dialect,
        database: { ok: !dbError, latency_ms: latency, ...(dbError ? { error: 'database unreachable' } : {}) },
        uptime_s: Math.round((Date.now() - ctx.startedAt.getTime()) / 1000),
        providers: providers(ctx),
      };
    },
  );
};
