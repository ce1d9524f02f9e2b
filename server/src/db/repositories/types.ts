// The one interface the daemon uses for storage. Each capability adds its repository here with one
// implementation per dialect under repositories/<area>/; nothing outside db/ knows which dialect runs.
import type { Dialect } from '../../../../shared/src/model/index.js';
import type { MetaRepository } from './meta.js';
import type { SuppressionRepository } from './suppressions/types.js';
import type { PromptRepository } from './prompts/types.js';
import type { PluginStateRepository } from './plugins/types.js';
import type { EmbeddingsRepository } from './embeddings/types.js';
import type { HistoryRepository } from './history/types.js';
import type { CacheRepository } from './cache/types.js';
import type { TrainingRepository } from './training/types.js';

export interface Repositories {
  readonly dialect: Dialect;
  /** safe to show: file path or URL without password */
  readonly location: string;
  readonly meta: MetaRepository;
  readonly suppressions: SuppressionRepository;
  readonly prompts: PromptRepository;
  readonly plugins: PluginStateRepository;
  readonly embeddings: EmbeddingsRepository;
  readonly history: HistoryRepository;
  readonly cache: CacheRepository;
  readonly training: TrainingRepository;
  /** cheap round trip, used by /api/health */
  ping(): Promise<void>;
  close(): Promise<void>;
}
