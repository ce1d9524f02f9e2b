// Cost of one request in integer micro-dollars (money is never a float in the database).
// Per-token prices are per million tokens, so micro-dollars = tokens × price. A GPU Space is priced per
// GPU-hour: micro-dollars = busy ms × price / 3.6. No price configured → null ("unknown"), never $0.
import type { ModelConfig } from '../config/schema.js';

export function costMicros(m: ModelConfig, tokens: { input: number; output: number }, busyMs: number): number | null {
  const p = m.pricing;
  if (!p) return null;
  let total = 0;
  let priced = false;
  if (p.input_per_million_usd !== undefined || p.output_per_million_usd !== undefined) {
    total += tokens.input * (p.input_per_million_usd ?? 0) + tokens.output * (p.output_per_million_usd ?? 0);
    priced = true;
  }
  if (p.gpu_hour_usd !== undefined) {
    total += (busyMs * p.gpu_hour_usd) / 3.6;
    priced = true;
  }
  return priced ? Math.round(total) : null;
}

export function microsToUsd(micros: number | null): number | null {
  return micros === null ? null : micros / 1_000_000;
}

/**
 * Token estimate when a provider reports no usage: about 4 characters a token for English and code,
 * never fewer than the number of words. Rows carry tokens_estimated = true.
 */
export function estimateTokens(text: string): number {
  if (!text) return 0;
  const words = text.split(/\s+/).filter(Boolean).length;
  return Math.max(words, Math.ceil(text.length / 4));
}
