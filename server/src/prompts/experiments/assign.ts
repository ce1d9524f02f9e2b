// Sticky, reproducible assignment of a user to an experiment variant: SHA-256 of "experiment:user" mapped
// to [0, 1) and placed on the cumulative weights. No state is stored: the same experiment and user always
// give the same version, on any daemon.
import { createHash } from 'node:crypto';
import type { ExperimentVariant } from '../../../../shared/src/model/index.js';

/** Uniform number in [0, 1) from the first 52 bits of SHA-256(experimentId + ':' + userId). */
export function assignmentPoint(experimentId: number, userId: string): number {
  const digest = createHash('sha256').update(`${experimentId}:${userId}`).digest();
  // 52 bits fit a double exactly: 4 bytes (32 bits) + 20 bits of the next 4
  const high = digest.readUInt32BE(0);
  const low = digest.readUInt32BE(4) >>> 12;
  return (high * 2 ** 20 + low) / 2 ** 52;
}

export function pickVariant(variants: readonly ExperimentVariant[], point: number): ExperimentVariant {
  const total = variants.reduce((s, v) => s + v.weight, 0);
  let acc = 0;
  for (const v of variants) {
    acc += v.weight / total;
    if (point < acc) return v;
  }
  // rounding can leave the cumulative sum a hair below 1
  return variants[variants.length - 1]!;
}

export function assignVariant(experimentId: number, variants: readonly ExperimentVariant[], userId: string): ExperimentVariant {
  return pickVariant(variants, assignmentPoint(experimentId, userId));
}
