// Embedding vectors of things the daemon can search semantically (prompts of the library, execution history),
// one row per (owner, model). `contentHash` tells whether the owner changed since it was embedded.
export type EmbeddingOwnerType = 'prompt' | 'history';

export interface EmbeddingRecord {
  ownerType: EmbeddingOwnerType;
  ownerId: number;
  model: string;
  contentHash: string;
  vector: number[];
}

export interface EmbeddingsRepository {
  /** insert or replace the vector of (ownerType, ownerId, model) */
  upsert(rec: EmbeddingRecord): Promise<void>;
  /** every vector of an owner type for one model (the search scans them; a library is thousands, not millions) */
  list(ownerType: EmbeddingOwnerType, model: string): Promise<EmbeddingRecord[]>;
  /** owner id → content hash, to find what needs (re-)embedding without loading vectors */
  hashes(ownerType: EmbeddingOwnerType, model: string): Promise<Map<number, string>>;
  /** drop the vectors of owners that no longer exist; returns how many rows went */
  prune(ownerType: EmbeddingOwnerType, keepIds: number[]): Promise<number>;
}
