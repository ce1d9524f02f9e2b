// Reference values computed with scipy 1.17 (stats.ttest_ind(equal_var=False), stats.norm, stats.t,
// numpy.percentile) and the closed forms of Student's t for 1 and 2 degrees of freedom.
import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import {
  percentile,
  studentTTwoSidedP,
  summarize,
  twoProportionZTest,
  welchTTest,
  wilsonInterval,
  normalTwoSidedP,
} from '../../../server/src/prompts/experiments/stats.js';
import { assignVariant, assignmentPoint, pickVariant } from '../../../server/src/prompts/experiments/assign.js';

const close = (actual: number | null | undefined, expected: number, tol: number) =>
  assert.ok(actual !== null && actual !== undefined && Math.abs(actual - expected) <= tol, `${actual} ≉ ${expected} (±${tol})`);

describe('experiment statistics', () => {
  it('Wilson interval matches the reference', () => {
    const a = wilsonInterval(81, 263)!;
    close(a.low, 0.2552885198782742, 1e-12);
    close(a.high, 0.36620957698280004, 1e-12);
    const zero = wilsonInterval(0, 10)!;
    close(zero.low, 0, 1e-12);
    close(zero.high, 0.2775327998628892, 1e-12);
    assert.equal(wilsonInterval(0, 0), null);
  });

  it('two-proportion z-test matches the reference', () => {
    const r = twoProportionZTest(50, 100, 60, 100);
    close(r.statistic, 1.4213381090374024, 1e-12);
    close(r.p_value, 0.1552184896846841, 1e-6);
    assert.equal(r.significant, false);
    const r2 = twoProportionZTest(412, 1000, 455, 1000);
    close(r2.statistic, 1.9402556186000326, 1e-12);
    close(r2.p_value, 0.052348632167803555, 1e-6);
    assert.equal(twoProportionZTest(5, 5, 7, 7).statistic, null, 'no variance → no statistic');
  });

  it('normal tail and Student t tail match closed forms and the reference', () => {
    close(normalTwoSidedP(1.959963984540054), 0.05, 1e-6);
    for (const t of [0.3, 1, 2.5, 12.706]) {
      close(studentTTwoSidedP(t, 1), 1 - (2 / Math.PI) * Math.atan(t), 1e-9);
      close(studentTTwoSidedP(t, 2), 1 - t / Math.sqrt(2 + t * t), 1e-9);
    }
    close(studentTTwoSidedP(2.5, 3.7), 0.07182202291182678, 1e-10);
    close(studentTTwoSidedP(1.0, 57.3), 0.32151490490373136, 1e-10);
    close(studentTTwoSidedP(4.2, 8.25), 0.002798135597358511, 1e-10);
  });

  it("Welch's t-test matches scipy", () => {
    const a = [120, 135, 128, 150, 142, 131, 160, 125];
    const b = [110, 118, 105, 130, 121, 99, 115, 140, 108, 112];
    const r = welchTTest(summarize(a), summarize(b));
    close(r.statistic, -3.3599336521234435, 1e-10);
    close(r.df ?? null, 14.333969540832939, 1e-9);
    close(r.p_value, 0.004538253991346796, 1e-9);
    assert.equal(r.significant, true);
    assert.equal(welchTTest(summarize([1]), summarize([2, 3])).statistic, null);
  });

  it('p95 interpolates like numpy', () => {
    close(percentile([120, 135, 128, 150, 142, 131, 160, 125], 0.95), 156.5, 1e-12);
    assert.equal(percentile([], 0.95), null);
    assert.equal(percentile([7], 0.95), 7);
  });
});

describe('experiment assignment', () => {
  const variants = [
    { version_id: 1, weight: 3 },
    { version_id: 2, weight: 1 },
  ];

  it('is deterministic and sticky per experiment and user', () => {
    const first = assignVariant(7, variants, 'alice');
    for (let i = 0; i < 5; i++) assert.deepEqual(assignVariant(7, variants, 'alice'), first);
    const p = assignmentPoint(7, 'alice');
    assert.ok(p >= 0 && p < 1);
    assert.notEqual(assignmentPoint(8, 'alice'), p, 'another experiment reshuffles');
  });

  it('places points on the cumulative weights', () => {
    assert.equal(pickVariant(variants, 0).version_id, 1);
    assert.equal(pickVariant(variants, 0.7499).version_id, 1);
    assert.equal(pickVariant(variants, 0.75).version_id, 2);
    assert.equal(pickVariant(variants, 0.999999).version_id, 2);
  });

  it('splits 2,000 users close to the weights', () => {
    let first = 0;
    for (let u = 0; u < 2000; u++) if (assignVariant(3, variants, `user-${u}`).version_id === 1) first++;
    // 75% expected; ±4 points is more than 5 standard deviations for n = 2000
    assert.ok(first > 1420 && first < 1580, `version 1 got ${first} of 2000`);
  });
});
