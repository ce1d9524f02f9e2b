// model_cache storage. The cache service (server/src/dispatch/cache/) keeps an in-memory LRU in front of
// it and batches access bookkeeping (access_count, last_accessed_at) so a hit costs no write.
import type { CacheRow } from '../../schema/rowtypes.js';

export type { CacheRow };

export interface CacheKey {
  modelName: string;
  promptHash: string;
  parametersHash: string;
}

export interface CachePut extends CacheKey {
  promptId: number | null;
  response: string;
  tokensUsed: number;
  expiresAt: Date;
}

export interface CacheAccess extends CacheKey {
  hits: number;
  at: Date;
}

export interface CacheRepository {
  /** a valid, unexpired entry */
  get(key: CacheKey, now: Date): Promise<CacheRow | undefined>;
  /** insert or replace (a refreshed entry starts valid with access_count 0) */
  put(e: CachePut): Promise<void>;
  /** adds hits and moves last_accessed_at forward, many keys in one transaction */
  recordAccess(batch: CacheAccess[]): Promise<void>;
  /** marks entries invalid; no filter = all. Returns how many */
  invalidate(f: { modelName?: string; promptId?: number }): Promise<number>;
  /** deletes invalid and expired entries */
  purgeExpired(now: Date): Promise<number>;
  /** deletes least-recently-used entries until at most maxEntries / maxBytes remain; returns how many went */
  evict(limits: { maxEntries?: number; maxBytes?: number }): Promise<number>;
  /** valid entries and their bytes */
  totals(): Promise<{ entries: number; bytes: number }>;
  /** many entries in one transaction (benchmarks, imports) */
  putMany(entries: CachePut[]): Promise<number>;
}
