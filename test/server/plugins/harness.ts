// A daemon context with the real dispatch and analysis services, the built-in plugins, a prompt library
// holding the prompts the built-ins run, and models pointing at the local protocol servers of test/fakes.
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

export const LIBRARY: Record<string, string> = {
  analyze: 'TASK=analyze LANG={{language}}\n{{code}}',
  'security-audit': 'TASK=security-audit LANG={{language}} FILE={{file_path}}\n{{code}}',
  optimize: 'TASK=optimize\n{{code}}',
  explain: 'TASK=explain\n{{code}}',
  'code-review': 'TASK=code-review\n{{code}}',
  generate: 'TASK=generate LANG={{language}}\n{{description}}',
  summarize: 'TASK=summarize\n{{code}}',
  'unit-tests': 'TASK=unit-tests\n{{code}}',
  refactor: 'TASK=refactor\n{{code}}',
  docstring: 'TASK=docstring\n{{code}}',
  'fix-diagnostic': 'TASK=fix-diagnostic\n{{code}}',
};

export async function seedLibrary(repos: Repositories): Promise<void> {
  for (const [name, template] of Object.entries(LIBRARY)) {
    const used = [...template.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]!);
    await repos.prompts.create({
      name,
      description: `The ${name} prompt`,
      category: 'analysis',
      useCase: name,
      tags: [name],
      isActive: true,
      cachePolicy: 'never',
      cacheTtlSeconds: null,
      createdBy: 'test',
      changeNotes: '',
      content: {
        systemPrompt: 'You are a careful senior engineer.',
        userPromptTemplate: template,
        fewShotExamples: [],
        variables: used.map((n) => ({ name: n, type: n === 'code' ? 'code' : 'string', required: n === 'code' || n === 'description' })),
        modelType: 'chat',
        temperature: 0,
        maxTokens: 256,
      },
    });
  }
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
