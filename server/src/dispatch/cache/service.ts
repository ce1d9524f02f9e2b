// The output cache: an in-memory LRU (lru-cache) for hot keys in front of the model_cache table. A hit
// costs no database write: access counts and times are batched and flushed every few seconds. The table
// is kept under its entry and byte caps by LRU eviction, checked after writes and on a schedule.
// Memory entries live at most MEMORY_TTL_MS so an invalidation made by another daemon on the same
// database is seen within that time.
import { LRUCache } from 'lru-cache';
import type { CacheAccess, CacheKey, CacheRepository } from '../../db/repositories/cache/types.js';
import type { Logger } from '../../logger.js';
import { keyString } from '../cachekey.js';

export const DEFAULT_TTL_SECONDS = 24 * 3600;
export const DEFAULT_MAX_ENTRIES = 100_000;
export const DEFAULT_MAX_BYTES = 256 * 1024 * 1024;
export const DEFAULT_MEMORY_ENTRIES = 2_000;
const MEMORY_TTL_MS = 60_000;
const FLUSH_MS = 5_000;
const EVICT_CHECK_EVERY = 200;

export interface CacheSettings {
  ttlSeconds?: number;
  maxEntries?: number;
  maxBytes?: number;
  memoryEntries?: number;
}

export interface CachedAnswer {
  response: string;
  tokensUsed: number;
  promptId: number | null;
  modelName: string;
  expiresAt: number;
}

interface Counter {
  hits: number;
  misses: number;
}

export interface CacheStats {
  hits: number;
  misses: number;
  hitRate: number;
  entries: number;
  bytes: number;
  evictions: number;
  memoryEntries: number;
  byModel: Record<string, Counter & { hitRate: number }>;
  byPrompt: Record<string, Counter & { hitRate: number }>;
}

export class CacheService {
  private readonly memory: LRUCache<string, CachedAnswer> | undefined;
  private readonly pending = new Map<string, CacheAccess>();
  private readonly total: Counter = { hits: 0, misses: 0 };
  private readonly perModel = new Map<string, Counter>();
  private readonly perPrompt = new Map<string, Counter>();
  private evictions = 0;
  private writesSinceCheck = 0;
  private timer: NodeJS.Timeout | undefined;
  readonly ttlSeconds: number;

  constructor(
    private readonly repo: CacheRepository,
    private readonly settings: CacheSettings = {},
    private readonly log?: Logger,
  ) {
    this.ttlSeconds = settings.ttlSeconds ?? DEFAULT_TTL_SECONDS;
    const max = settings.memoryEntries ?? DEFAULT_MEMORY_ENTRIES;
    this.memory = max > 0 ? new LRUCache({ max, ttl: MEMORY_TTL_MS, ttlAutopurge: false }) : undefined;
  }

  start(): void {
    this.timer ??= setInterval(() => void this.flush().catch((e) => this.log?.warn({ err: e }, 'cache access flush failed')), FLUSH_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.flush();
  }

  async get(key: CacheKey, promptId: number | null): Promise<CachedAnswer | undefined> {
    const ks = keyString(key);
    const now = Date.now();
    let hit = this.memory?.get(ks);
    if (hit && hit.expiresAt <= now) {
      this.memory?.delete(ks);
      hit = undefined;
    }
    if (!hit) {
      const row = await this.repo.get(key, new Date(now));
      if (row) {
        hit = { response: row.response, tokensUsed: row.tokensUsed, promptId: row.promptId, modelName: row.modelName, expiresAt: row.expiresAt.getTime() };
        this.memory?.set(ks, hit);
      }
    }
    this.count(key.modelName, promptId, !!hit);
    if (hit) {
      const a = this.pending.get(ks);
      if (a) {
        a.hits++;
        a.at = new Date(now);
      } else this.pending.set(ks, { ...key, hits: 1, at: new Date(now) });
    }
    return hit;
  }

  async put(key: CacheKey, v: { response: string; tokensUsed: number; promptId: number | null; ttlSeconds?: number | null }): Promise<void> {
    const expiresAt = Date.now() + (v.ttlSeconds ?? this.ttlSeconds) * 1000;
    await this.repo.put({ ...key, promptId: v.promptId, response: v.response, tokensUsed: v.tokensUsed, expiresAt: new Date(expiresAt) });
    this.memory?.set(keyString(key), { response: v.response, tokensUsed: v.tokensUsed, promptId: v.promptId, modelName: key.modelName, expiresAt });
    if (++this.writesSinceCheck >= EVICT_CHECK_EVERY) await this.enforceCaps();
  }

  /** by model, by prompt, or everything; returns how many table entries were invalidated */
  async invalidate(f: { model?: string; promptId?: number }): Promise<number> {
    const n = await this.repo.invalidate({ ...(f.model !== undefined ? { modelName: f.model } : {}), ...(f.promptId !== undefined ? { promptId: f.promptId } : {}) });
    if (this.memory) {
      for (const [k, v] of this.memory.entries()) {
        if ((f.model === undefined || v.modelName === f.model) && (f.promptId === undefined || v.promptId === f.promptId)) this.memory.delete(k);
      }
    }
    return n;
  }

  /** deletes expired/invalid rows and evicts beyond the caps (run on a schedule and every N writes) */
  async enforceCaps(): Promise<number> {
    this.writesSinceCheck = 0;
    await this.flush();
    await this.repo.purgeExpired(new Date());
    const maxEntries = this.settings.maxEntries ?? DEFAULT_MAX_ENTRIES;
    const maxBytes = this.settings.maxBytes ?? DEFAULT_MAX_BYTES;
    // the eviction query ranks the whole table; only run it when a cap is actually exceeded
    const t = await this.repo.totals();
    if (t.entries <= maxEntries && t.bytes <= maxBytes) return 0;
    const n = await this.repo.evict({ maxEntries, maxBytes });
    this.evictions += n;
    if (n) this.log?.debug({ evicted: n }, 'cache entries evicted');
    return n;
  }

  async flush(): Promise<void> {
    if (!this.pending.size) return;
    const batch = [...this.pending.values()];
    this.pending.clear();
    await this.repo.recordAccess(batch);
  }

  async stats(): Promise<CacheStats> {
    const t = await this.repo.totals();
    const rate = (c: Counter) => ({ ...c, hitRate: c.hits + c.misses ? c.hits / (c.hits + c.misses) : 0 });
    return {
      ...rate(this.total),
      entries: t.entries,
      bytes: t.bytes,
      evictions: this.evictions,
      memoryEntries: this.memory?.size ?? 0,
      byModel: Object.fromEntries([...this.perModel].map(([k, c]) => [k, rate(c)])),
      byPrompt: Object.fromEntries([...this.perPrompt].map(([k, c]) => [k, rate(c)])),
    };
  }

  private count(model: string, promptId: number | null, hit: boolean): void {
    const bump = (c: Counter) => (hit ? c.hits++ : c.misses++);
    bump(this.total);
    let m = this.perModel.get(model);
    if (!m) this.perModel.set(model, (m = { hits: 0, misses: 0 }));
    bump(m);
    if (promptId !== null) {
      const k = String(promptId);
      let p = this.perPrompt.get(k);
      if (!p) this.perPrompt.set(k, (p = { hits: 0, misses: 0 }));
      bump(p);
    }
  }
}
