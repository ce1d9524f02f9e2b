// The plugins capability: starts the registry (built-ins in-process, external plugins in workers), serves
// /api/plugins and codetune/plugins/*, and stops every plugin when the daemon stops.
import type { Capability } from '../capabilities.js';
import type { DaemonContext } from '../context.js';
import { builtinPlugins } from './builtin/index.js';
import { pluginRoutes } from './http.js';
import { pluginsFeature } from './lsp.js';
import { PluginsService } from './service.js';
import { servicesHostApi } from './services-host.js';

declare module '../context.js' {
  interface Services {
    plugins: PluginsService;
  }
}

export const pluginsCapability: Capability = {
  name: 'plugins',
  async start(ctx: DaemonContext) {
    const service = new PluginsService(ctx, { builtins: builtinPlugins(ctx), hostApi: servicesHostApi(ctx) });
    ctx.services.plugins = service;
    await service.start();
  },
  routes: (ctx) => pluginRoutes(() => ctx.services.plugins),
  lsp: [pluginsFeature],
  async stop(ctx) {
    await ctx.services.plugins?.stop();
  },
};
