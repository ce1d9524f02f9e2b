// The HTTP API as a Fastify app built from its dependencies, apart from the bootstrap that listens
// (main.ts), so tests drive it with app.inject(). Routes are registered explicitly: autoload scans
// folders at run time, which does not survive bundling.
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { DaemonContext } from '../context.js';
import { authPlugin } from './plugins/auth.js';
import { errorsPlugin } from './plugins/errors.js';
import { healthRoutes } from './routes/health.js';

export interface AppDeps {
  ctx: DaemonContext;
  /** the bearer token every route but /api/health and /docs requires */
  token: string;
  /** extra route plugins of other capabilities (prompts, dispatch, plugins…) */
  routes?: ((app: FastifyInstance) => Promise<void>)[];
}

export type App = FastifyInstance;

export async function buildApp(deps: AppDeps): Promise<App> {
  const app = Fastify({
    loggerInstance: deps.ctx.log.child({ component: 'http' }) as FastifyBaseLogger,
    // one line per request is noise in the editor's log; errors are logged by the error handler
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 16 * 1024 * 1024,
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'CodeTune Studio daemon', version: deps.ctx.version, description: 'Local HTTP API of the CodeTune daemon.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
  });
  await app.register(errorsPlugin);
  await app.register(authPlugin, { token: deps.token, open: ['/api/health', '/docs'] });
  await app.register(healthRoutes, { ctx: deps.ctx });
  for (const r of deps.routes ?? []) await app.register(r);

  app.get('/docs', { schema: { hide: true } }, async () => app.swagger());
  await app.ready();
  return app;
}
