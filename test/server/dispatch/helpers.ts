// Builds the dispatch services over a test database with models pointing at local fakes.
import type { ConfigFile, ModelConfig } from '../../../server/src/config/schema.js';
import type { DaemonContext } from '../../../server/src/context.js';
import type { Repositories } from '../../../server/src/db/repositories/types.js';
import type { DispatchRequest } from '../../../server/src/dispatch/dispatcher.js';
import { createDispatchServices, type DispatchServices } from '../../../server/src/dispatch/services.js';
import { testContext } from '../../support/daemon.js';

export interface Harness extends DispatchServices {
  ctx: DaemonContext;
}

export function harness(repos: Repositories, models: ModelConfig[], file: Omit<ConfigFile, 'models'> = {}, env: NodeJS.ProcessEnv = {}): Harness {
  const ctx = testContext(repos, { ...file, models });
  return { ctx, ...createDispatchServices(ctx, env) };
}

/** a deterministic chat request (temperature 0, so cacheable and coalescable by default) */
export function chatRequest(prompt: string, over: Partial<DispatchRequest> = {}): DispatchRequest {
  return {
    messages: [{ role: 'user', content: prompt }],
    text: prompt,
    params: { temperature: 0, max_tokens: 64 },
    ...over,
  };
}

/** fast limits for tests: no real backoff waits beyond a few ms */
export const fast = { connectTimeoutMs: 2000, firstTokenTimeoutMs: 2000, totalTimeoutMs: 10000, maxRetries: 2, loadingWaitMs: 2000 };
