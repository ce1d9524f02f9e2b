// The cache key of a request: the model id, SHA-256 of the rendered prompt, SHA-256 of the canonical
// parameters (keys sorted, undefined dropped), so the same request always maps to the same row.
import { createHash } from 'node:crypto';
import type { CacheKey } from '../db/repositories/cache/types.js';
import type { ChatMessage, GenParams } from './types.js';

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(v as Record<string, unknown>)
    .filter(([, x]) => x !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonicalJson(x)}`).join(',')}}`;
}

export function cacheKey(modelId: string, kind: string, messages: readonly ChatMessage[], text: string, params: GenParams): CacheKey {
  const prompt = kind === 'completion' ? text : canonicalJson(messages);
  return { modelName: modelId, promptHash: sha256(prompt), parametersHash: sha256(canonicalJson(params)) };
}

export function keyString(k: CacheKey): string {
  return `${k.modelName}\u0000${k.promptHash}\u0000${k.parametersHash}`;
}
