// A daemon context with the real dispatch and analysis services, the built-in plugins, the starter prompt
// library the built-ins run, and models pointing at the local protocol servers of test/fakes.
import type { ModelConfig } from '../../../server/src/config/schema.js';
import type { DaemonContext } from '../../../server/src/context.js';
import type { Repositories } from '../../../server/src/db/repositories/types.js';
import { createAnalysisService } from '../../../server/src/analysis/service.js';
import { createDispatchServices } from '../../../server/src/dispatch/services.js';
import { builtinPlugins } from '../../../server/src/plugins/builtin/index.js';
import { semanticSearch } from '../../../server/src/plugins/builtin/search.js';
import { PluginsService } from '../../../server/src/plugins/service.js';
import { servicesHostApi } from '../../../server/src/plugins/services-host.js';
import { testContext } from '../../support/daemon.js';
import { importPrompts } from '../../../server/src/prompts/files/io.js';
import { starterDir } from '../../../server/src/prompts/files/starter.js';
import { PromptService } from '../../../server/src/prompts/service.js';

/** The starter library the daemon ships (server/prompts/starter), as a fresh database gets it. */
export async function seedLibrary(repos: Repositories): Promise<void> {
  const report = await importPrompts(new PromptService(repos), starterDir());
  if (report.problems.length) throw new Error(`starter library did not import: ${JSON.stringify(report.problems)}`);
}

export const fast = { connectTimeoutMs: 3000, firstTokenTimeoutMs: 3000, totalTimeoutMs: 15000, maxRetries: 0, loadingWaitMs: 1000 };

export async function pluginHarness(repos: Repositories, models: ModelConfig[]): Promise<{ ctx: DaemonContext; service: PluginsService }> {
  const ctx = testContext(repos, { models });
  ctx.services.dispatch = createDispatchServices(ctx, { OPENAI_API_KEY: 'sk-test', ANTHROPIC_API_KEY: 'ak-test' });
  ctx.services.analysis = createAnalysisService();
  const service: PluginsService = new PluginsService(ctx, {
    builtins: builtinPlugins(ctx),
    hostApi: servicesHostApi(ctx),
    search: semanticSearch(ctx, () => service.registry),
    watchDebounceMs: 0,
  });
  ctx.services.plugins = service;
  await service.start();
  await service.ready();
  return { ctx, service };
}
