// The prompt library capability: puts the prompt and experiment services on the context, loads the
// starter library on a database's first start, and serves /api/prompts… and codetune/prompts/*.
import type { Capability } from '../capabilities.js';
import { ExperimentService } from './experiments/service.js';
import { loadStarterLibrary } from './files/starter.js';
import { promptRoutes } from './http.js';
import { promptsFeature } from './lsp.js';
import { PromptService } from './service.js';

declare module '../context.js' {
  interface Services {
    prompts: PromptService;
    promptExperiments: ExperimentService;
  }
}

export const promptsCapability: Capability = {
  name: 'prompts',
  async start(ctx) {
    const prompts = new PromptService(ctx.repos);
    ctx.services.prompts = prompts;
    ctx.services.promptExperiments = new ExperimentService(prompts);
    await loadStarterLibrary(prompts, ctx.log.child({ component: 'prompts' }));
  },
  routes: (ctx) => promptRoutes(() => ({ prompts: ctx.services.prompts, experiments: ctx.services.promptExperiments })),
  lsp: [promptsFeature],
};
