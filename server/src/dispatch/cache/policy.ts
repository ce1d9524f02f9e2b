// Which requests may use the cache. Per prompt (prompt_library.cache_policy): "always", "deterministic"
// (only when temperature is 0, the default: a sampled answer is not "the" answer) or "never"; a request
// may also bypass the lookup (it still refreshes the entry when the policy allows storing).
import type { GenParams } from '../types.js';

export type CachePolicy = 'always' | 'deterministic' | 'never';
export const CACHE_POLICIES: readonly CachePolicy[] = ['always', 'deterministic', 'never'];

export function parsePolicy(v: string | null | undefined): CachePolicy {
  return CACHE_POLICIES.includes(v as CachePolicy) ? (v as CachePolicy) : 'deterministic';
}

export function cacheable(policy: CachePolicy, params: GenParams): boolean {
  if (policy === 'never') return false;
  if (policy === 'always') return true;
  return (params.temperature ?? 1) === 0;
}
