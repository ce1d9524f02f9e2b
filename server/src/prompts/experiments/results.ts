// Per-variant results of an experiment and the significance of each variant against the first (the
// baseline): success rate with a Wilson interval, latency mean and p95, mean rating, z- and t-tests.
import type { ExperimentResults } from '../../../../shared/src/api/prompts.js';
import type { ExperimentRow, ExperimentSample } from '../../db/repositories/prompts/types.js';
import { experimentDto } from '../dto.js';
import { percentile, summarize, twoProportionZTest, welchTTest, wilsonInterval } from './stats.js';

type VariantResult = ExperimentResults['variants'][number];

export function experimentResults(exp: ExperimentRow, samples: readonly ExperimentSample[], versionNumbers: ReadonlyMap<number, number>): ExperimentResults {
  const byVersion = new Map<number, ExperimentSample[]>();
  for (const v of exp.variants) byVersion.set(v.version_id, []);
  for (const s of samples) byVersion.get(s.versionId)?.push(s);

  const latencies = new Map<number, number[]>();
  const variants: VariantResult[] = exp.variants.map((v) => {
    const rows = byVersion.get(v.version_id) ?? [];
    const successes = rows.filter((r) => r.success).length;
    const lat = rows.map((r) => r.executionTimeMs);
    latencies.set(v.version_id, lat);
    const ratings = rows.flatMap((r) => (r.rating === null ? [] : [r.rating]));
    const latSummary = summarize(lat);
    return {
      version_id: v.version_id,
      version_number: versionNumbers.get(v.version_id) ?? 0,
      weight: v.weight,
      count: rows.length,
      successes,
      success_rate: rows.length ? successes / rows.length : null,
      success_ci: wilsonInterval(successes, rows.length),
      mean_latency_ms: rows.length ? latSummary.mean : null,
      p95_latency_ms: percentile(lat, 0.95),
      mean_rating: ratings.length ? ratings.reduce((a, b) => a + b, 0) / ratings.length : null,
      ratings: ratings.length,
    };
  });

  const base = variants[0];
  const comparisons = base
    ? variants.slice(1).map((v) => ({
        baseline_version_id: base.version_id,
        version_id: v.version_id,
        success: twoProportionZTest(base.successes, base.count, v.successes, v.count),
        latency: welchTTest(summarize(latencies.get(base.version_id) ?? []), summarize(latencies.get(v.version_id) ?? [])),
      }))
    : [];

  return { experiment: experimentDto(exp), variants, comparisons, leader_version_id: leader(variants) };
}

/** Highest success rate; ties go to the lower mean latency. Null before any execution. */
export function leader(variants: readonly VariantResult[]): number | null {
  let best: VariantResult | undefined;
  for (const v of variants) {
    if (v.count === 0 || v.success_rate === null) continue;
    if (
      !best ||
      v.success_rate > best.success_rate! ||
      (v.success_rate === best.success_rate && (v.mean_latency_ms ?? Infinity) < (best.mean_latency_ms ?? Infinity))
    ) {
      best = v;
    }
  }
  return best?.version_id ?? null;
}
