// Builds the dispatch services from the daemon context (capability start, tests, benchmarks).
import type { DaemonContext } from '../context.js';
import { CacheService } from './cache/service.js';
import { Dispatcher } from './dispatcher.js';
import { HistoryService } from './history.js';
import { KeyStore } from './keys.js';
import { ModelRegistry } from './models.js';

export interface DispatchServices {
  dispatcher: Dispatcher;
  models: ModelRegistry;
  keys: KeyStore;
  cache: CacheService;
  history: HistoryService;
}

export function createDispatchServices(ctx: DaemonContext, env: NodeJS.ProcessEnv = process.env): DispatchServices {
  const file = ctx.config.file;
  const log = ctx.log.child({ component: 'dispatch' });
  const keys = new KeyStore(env);
  const models = new ModelRegistry(file.models ?? [], file.defaultModel);
  const cache = new CacheService(ctx.repos.cache, file.cache ?? {}, log);
  const history = new HistoryService(ctx.repos, () => keys.knownValues(models.all()), file.retention ?? {}, log);
  const dispatcher = new Dispatcher(models, keys, cache, history, log);
  return { dispatcher, models, keys, cache, history };
}
