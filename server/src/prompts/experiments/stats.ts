// The statistics of A/B results, written out so they are small, dependency-free and tested against
// reference values (scipy): Wilson score interval, two-proportion z-test, Welch's t-test, percentiles.

/** z for a two-sided 95% interval */
export const Z95 = 1.959963984540054;

export interface Interval {
  low: number;
  high: number;
}

export interface TestResult {
  statistic: number | null;
  p_value: number | null;
  significant: boolean;
  df?: number | null;
}

/** Wilson score interval: well behaved for small n and rates near 0 or 1, unlike the normal approximation. */
export function wilsonInterval(successes: number, n: number, z = Z95): Interval | null {
  if (n <= 0) return null;
  const p = successes / n;
  const z2 = z * z;
  const d = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / d;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / d;
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/** Complementary error function (Numerical Recipes' Chebyshev fit, relative error < 1.2e-7). */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/** Two-sided p-value of a standard normal statistic. */
export function normalTwoSidedP(z: number): number {
  return erfc(Math.abs(z) / Math.SQRT2);
}

/** Two-proportion z-test (pooled variance) of the difference b − a. */
export function twoProportionZTest(sa: number, na: number, sb: number, nb: number, alpha = 0.05): TestResult {
  if (na <= 0 || nb <= 0) return { statistic: null, p_value: null, significant: false };
  const pooled = (sa + sb) / (na + nb);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / na + 1 / nb));
  if (se === 0) return { statistic: null, p_value: null, significant: false };
  const z = (sb / nb - sa / na) / se;
  const p = normalTwoSidedP(z);
  return { statistic: z, p_value: p, significant: p < alpha };
}

/**
 * ln Γ(x) for x > 0: shift the argument above 15 with Γ(x + 1) = xΓ(x), then Stirling's series with its
 * Bernoulli-number terms up to z⁻¹³ (truncation error far below double precision there).
 */
export function lnGamma(x: number): number {
  let shift = 0;
  let z = x;
  while (z < 15) {
    shift += Math.log(z);
    z += 1;
  }
  const z2 = z * z;
  const series = (1 / z) * (1 / 12 - (1 / z2) * (1 / 360 - (1 / z2) * (1 / 1260 - (1 / z2) * (1 / 1680 - (1 / z2) * (1 / 1188 - (1 / z2) * (691 / 360360 - (1 / z2) / 156))))));
  return (z - 0.5) * Math.log(z) - z + 0.5 * Math.log(2 * Math.PI) + series - shift;
}

/** Continued fraction of the incomplete beta function (modified Lentz). */
function betaContinuedFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-15) break;
  }
  return h;
}

/** Regularized incomplete beta I_x(a, b). */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(lnGamma(a + b) - lnGamma(a) - lnGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  return x < (a + 1) / (a + b + 2) ? (front * betaContinuedFraction(a, b, x)) / a : 1 - (front * betaContinuedFraction(b, a, 1 - x)) / b;
}

/** Two-sided p-value of Student's t with `df` (not necessarily integer) degrees of freedom. */
export function studentTTwoSidedP(t: number, df: number): number {
  return incompleteBeta(df / (df + t * t), df / 2, 0.5);
}

export interface Summary {
  n: number;
  mean: number;
  /** sample variance (n − 1) */
  variance: number;
}

export function summarize(xs: readonly number[]): Summary {
  const n = xs.length;
  if (n === 0) return { n, mean: NaN, variance: NaN };
  let mean = 0;
  for (const x of xs) mean += x;
  mean /= n;
  let ss = 0;
  for (const x of xs) ss += (x - mean) * (x - mean);
  return { n, mean, variance: n > 1 ? ss / (n - 1) : NaN };
}

/** Welch's t-test (unequal variances) of the difference b − a, with Welch–Satterthwaite degrees of freedom. */
export function welchTTest(a: Summary, b: Summary, alpha = 0.05): TestResult {
  if (a.n < 2 || b.n < 2) return { statistic: null, p_value: null, significant: false, df: null };
  const va = a.variance / a.n;
  const vb = b.variance / b.n;
  const se2 = va + vb;
  if (se2 === 0) return { statistic: null, p_value: null, significant: false, df: null };
  const t = (b.mean - a.mean) / Math.sqrt(se2);
  const df = (se2 * se2) / ((va * va) / (a.n - 1) + (vb * vb) / (b.n - 1));
  const p = studentTTwoSidedP(t, df);
  return { statistic: t, p_value: p, significant: p < alpha, df };
}

/** Percentile with linear interpolation between closest ranks (numpy's default); null for no data. */
export function percentile(xs: readonly number[], q: number): number | null {
  if (xs.length === 0) return null;
  const sorted = [...xs].sort((x, y) => x - y);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}
