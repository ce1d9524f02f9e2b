// The model-dispatch capability: providers, queue, cache, history and the Space behind one service
// (ctx.services.dispatch), its HTTP routes and LSP requests, and the schedules (cache access flush and
// caps, history retention) that stop with the daemon.
import type { Capability } from '../capabilities.js';
import type { DaemonContext } from '../context.js';
import { dispatchRoutes } from './http/routes.js';
import { dispatchFeature } from './lsp/feature.js';
import { createDispatchServices, type DispatchServices } from './services.js';

declare module '../context.js' {
  interface Services {
    dispatch: DispatchServices;
  }
}

const CAPS_EVERY_MS = 10 * 60_000;
let capsTimer: NodeJS.Timeout | undefined;

export const dispatchCapability: Capability = {
  name: 'dispatch',
  start(ctx: DaemonContext) {
    const s = createDispatchServices(ctx);
    ctx.services.dispatch = s;
    s.cache.start();
    s.history.startRetention();
    const enforce = () => void s.cache.enforceCaps().catch((e: unknown) => ctx.log.warn({ err: e }, 'cache maintenance failed'));
    capsTimer = setInterval(enforce, CAPS_EVERY_MS);
    capsTimer.unref();
    ctx.log.info({ models: s.models.all().map((m) => `${m.id} (${m.provider})`) }, 'model dispatch ready');
  },
  routes: (ctx) => dispatchRoutes(ctx),
  lsp: [dispatchFeature],
  async stop(ctx) {
    if (capsTimer) clearInterval(capsTimer);
    capsTimer = undefined;
    const s = ctx.services.dispatch;
    if (!s) return;
    s.history.stop();
    await s.cache.stop();
  },
};
