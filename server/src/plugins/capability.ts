// The plugins capability: starts the registry (built-ins in-process, external plugins in workers), serves
// /api/plugins and codetune/plugins/*, and stops every plugin when the daemon stops.
import type { Capability } from '../capabilities.js';
import type { DaemonContext } from '../context.js';
import { builtinPlugins } from './builtin/index.js';
import { semanticSearch } from './builtin/search.js';
import { pluginRoutes } from './http.js';
import { pluginsFeature } from './lsp.js';
import { deepScanFeature } from './deepscan.js';
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
    const service: PluginsService = new PluginsService(ctx, {
      builtins: builtinPlugins(ctx),
      hostApi: servicesHostApi(ctx),
      search: semanticSearch(ctx, () => service.registry),
    });
    ctx.services.plugins = service;
    await service.start();
  },
  routes: (ctx) => pluginRoutes(() => ctx.services.plugins),
  lsp: [pluginsFeature, deepScanFeature],
  async stop(ctx) {
    await ctx.services.plugins?.stop();
  },
};
