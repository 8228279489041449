import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createRandom } from '../../../src/core/random.ts';
import { summarize } from '../../../src/eval/experiments/statistics/comparison.ts';
import { cupedAdjust, cupedFit, cupedFitRatio } from '../../../src/eval/experiments/statistics/cuped.ts';
import {
  chiSquareUpperTail,
  normalCdf,
  normalQuantile,
  studentCdf,
  studentQuantile,
} from '../../../src/eval/experiments/statistics/distributions.ts';
import {
  minimumDetectableEffect,
  powerForMeans,
  sampleSizeForMeans,
  sampleSizeForProportions,
} from '../../../src/eval/experiments/statistics/power.ts';
import { sampleRatioCheck } from '../../../src/eval/experiments/statistics/sample-ratio.ts';
import { mixtureLikelihoodRatio, sequentialTest } from '../../../src/eval/experiments/statistics/sequential.ts';
import {
  ratioTest,
  summarizeRatio,
  twoProportionTest,
  welchTest,
} from '../../../src/eval/experiments/statistics/tests.ts';

const close = (actual: number, expected: number, tolerance: number, label = '') =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${label} ${actual} is not within ${tolerance} of ${expected}`);

describe('distributions', () => {
  it('match published quantiles and tail probabilities', () => {
    close(normalQuantile(0.975), 1.959964, 1e-6);
    close(normalQuantile(0.8), 0.841621, 1e-6);
    close(normalQuantile(1e-10), -6.361341, 1e-5);
    close(normalCdf(normalQuantile(0.123)), 0.123, 1e-7);
    close(studentQuantile(0.975, 10), 2.228139, 1e-6, 't 10');
    close(studentQuantile(0.975, 1), 12.7062, 1e-3, 't 1');
    close(studentCdf(2, 5), 0.94903, 1e-6);
    close(chiSquareUpperTail(3.841459, 1), 0.05, 1e-6);
    close(chiSquareUpperTail(5.991465, 2), 0.05, 1e-6);
    close(chiSquareUpperTail(30, 20), 0.069854, 1e-5);
    // Far tails keep their precision (no 1 − P cancellation).
    close(chiSquareUpperTail(100, 2), Math.exp(-50), 1e-30);
  });
});

describe('fixed-horizon tests', () => {
  it("Welch's t-test reproduces R's t.test(1:10, 7:20)", () => {
    const control = summarize(Array.from({ length: 10 }, (_, k) => k + 1));
    const treatment = summarize(Array.from({ length: 14 }, (_, k) => k + 7));
    const result = welchTest(control, treatment);
    close(result.statistic, 5.4349, 1e-4);
    close(result.degreesOfFreedom!, 21.982, 1e-3);
    close(result.pValue, 1.855e-5, 1e-8);
    close(result.differenceInterval[0], 4.947198, 1e-5);
    close(result.differenceInterval[1], 11.052802, 1e-5);
    assert.ok(result.significant);
  });

  it('two-proportion z-test: pooled statistic, unpooled interval', () => {
    const result = twoProportionTest({ successes: 200, trials: 1000 }, { successes: 250, trials: 1000 });
    close(result.statistic, 2.6774, 1e-3);
    close(result.pValue, 0.00742, 1e-4);
    const error = Math.sqrt((0.2 * 0.8) / 1000 + (0.25 * 0.75) / 1000);
    close(result.differenceInterval[0], 0.05 - 1.959964 * error, 1e-6);
    close(result.relativeDifference, 0.25, 1e-12);
    assert.throws(() => twoProportionTest({ successes: 5, trials: 3 }, { successes: 1, trials: 2 }), /control: need/);
  });

  it("Fieller's relative interval excludes 0 exactly when the difference's interval does", () => {
    const random = createRandom(17);
    for (let trial = 0; trial < 200; trial++) {
      const a = Array.from({ length: 30 }, () => 2 + random.normal());
      const b = Array.from({ length: 30 }, () => 2 + 0.5 * random.next() + random.normal());
      const result = welchTest(summarize(a), summarize(b));
      const excludes = (interval: [number, number]) => interval[0] > 0 || interval[1] < 0;
      assert.equal(excludes(result.relativeInterval), excludes(result.differenceInterval));
      assert.ok(
        result.relativeInterval[0] <= result.relativeDifference &&
          result.relativeDifference <= result.relativeInterval[1],
      );
    }
    // A control indistinguishable from 0 leaves the ratio unbounded.
    const unbounded = welchTest(summarize([-1, 1, -2, 2, 0.1]), summarize([1, 2, 3, 4, 5]));
    assert.deepEqual(unbounded.relativeInterval, [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY]);
  });

  it('the delta method reduces to the plain z-test when every denominator is 1', () => {
    const random = createRandom(3);
    const a = Array.from({ length: 500 }, () => random.normal() + 5);
    const b = Array.from({ length: 400 }, () => random.normal() + 5.2);
    const ones = (n: number) => new Array(n).fill(1);
    const ratio = ratioTest(summarizeRatio(a, ones(500)), summarizeRatio(b, ones(400)));
    const welch = welchTest(summarize(a), summarize(b));
    close(ratio.difference, welch.difference, 1e-12);
    close(ratio.standardError, welch.standardError, 1e-12);
  });

  it('the delta-method interval covers the true CTR difference about 95% of the time with clustered users', () => {
    // Users differ in CTR (a beta-like spread) and in impressions, so impressions are not independent.
    const random = createRandom(11);
    const user = (lift: number) => {
      const impressions = 1 + random.int(40);
      const rate = Math.min(0.9, 0.03 * Math.exp(0.8 * random.normal())) * (1 + lift);
      let clicks = 0;
      for (let k = 0; k < impressions; k++) if (random.next() < rate) clicks++;
      return [clicks, impressions];
    };
    let covered = 0;
    let naiveCovered = 0;
    const runs = 300;
    for (let run = 0; run < runs; run++) {
      const a = Array.from({ length: 400 }, () => user(0));
      const b = Array.from({ length: 400 }, () => user(0));
      const result = ratioTest(
        summarizeRatio(
          a.map((u) => u[0]),
          a.map((u) => u[1]),
        ),
        summarizeRatio(
          b.map((u) => u[0]),
          b.map((u) => u[1]),
        ),
      );
      if (result.differenceInterval[0] <= 0 && result.differenceInterval[1] >= 0) covered++;
      // Treating impressions as independent (the wrong unit) gives intervals that are too narrow.
      const sum = (rows: number[][], k: number) => rows.reduce((total, row) => total + row[k], 0);
      const naive = twoProportionTest(
        { successes: sum(a, 0), trials: sum(a, 1) },
        { successes: sum(b, 0), trials: sum(b, 1) },
      );
      if (naive.differenceInterval[0] <= 0 && naive.differenceInterval[1] >= 0) naiveCovered++;
    }
    assert.ok(covered / runs > 0.92 && covered / runs < 0.98, `delta method covered ${covered}/${runs}`);
    assert.ok(naiveCovered < covered, `impression-level z-test covered ${naiveCovered}, delta ${covered}`);
  });
});

describe('CUPED', () => {
  it('removes the variance the covariate explains and keeps the difference unbiased', () => {
    const random = createRandom(5);
    const n = 4000;
    const x = Float64Array.from({ length: n }, () => random.normal() * 2);
    const y = Float64Array.from(x, (value, j) => 10 + 0.8 * value + random.normal() + (j % 2 ? 0.1 : 0));
    const fit = cupedFit(y, x);
    close(fit.theta, 0.8, 0.05);
    close(fit.varianceReduction, 2.56 / 3.56, 0.03);
    const adjusted = cupedAdjust(y, x, fit);
    const odd = (values: Float64Array) => values.filter((_, j) => j % 2 === 1);
    const even = (values: Float64Array) => values.filter((_, j) => j % 2 === 0);
    const plain = welchTest(summarize(even(y)), summarize(odd(y)));
    const reduced = welchTest(summarize(even(adjusted)), summarize(odd(adjusted)));
    assert.ok(reduced.standardError < 0.6 * plain.standardError);
    close(reduced.difference, 0.1, 3 * reduced.standardError);
    // A constant covariate carries nothing: no adjustment at all.
    assert.equal(cupedFit(y, new Float64Array(n)).theta, 0);
  });

  it('fits ratio metrics on their linearisation', () => {
    const random = createRandom(8);
    const impressions = Float64Array.from({ length: 3000 }, () => 5 + random.int(20));
    const taste = Float64Array.from({ length: 3000 }, () => Math.exp(0.7 * random.normal()));
    const clicks = Float64Array.from(impressions, (count, j) => Math.round(count * 0.05 * taste[j] + random.next()));
    const before = Float64Array.from(taste, (value) => value * 0.5 + random.normal() * 0.2);
    const fit = cupedFitRatio({ numerators: clicks, denominators: impressions, covariates: before });
    assert.ok(fit.theta > 0 && fit.varianceReduction > 0.2, JSON.stringify(fit));
  });
});

describe('power and sample size', () => {
  it('matches the textbook sizes', () => {
    // Fleiss without continuity correction: 10% → 11%, α = 0.05, power 0.8.
    close(sampleSizeForProportions({ baseline: 0.1, relativeEffect: 0.1 }).control, 14751, 2);
    // (1.96 + 0.8416)² · 2 / 0.2² = 392.4 → 393 per group.
    assert.equal(sampleSizeForMeans({ baseline: 1, standardDeviation: 1, absoluteEffect: 0.2 }).control, 393);
    // Unequal split: twice as many treatment units, fewer control units.
    const unequal = sampleSizeForMeans({ baseline: 1, standardDeviation: 1, absoluteEffect: 0.2, ratio: 2 });
    assert.ok(unequal.control < 393 && unequal.treatment === Math.ceil(unequal.control * 2));
    // CUPED's variance reduction shrinks the size in proportion.
    const reduced = sampleSizeForMeans({
      baseline: 1,
      standardDeviation: 1,
      absoluteEffect: 0.2,
      varianceReduction: 0.5,
    });
    close(reduced.control, 197, 1);
  });

  it('power, size and minimum detectable effect agree with each other', () => {
    const design = { baseline: 0.04, standardDeviation: 0.05, relativeEffect: 0.05 };
    const size = sampleSizeForMeans(design);
    close(powerForMeans({ ...design, controlUnits: size.control }), 0.8, 0.002);
    close(minimumDetectableEffect({ standardDeviation: 0.05, controlUnits: size.control }), 0.002, 2e-6);
    assert.throws(() => sampleSizeForMeans({ ...design, power: 1.2 }), /power must be between 0 and 1/);
    assert.throws(() => sampleSizeForProportions({ baseline: 0.9, relativeEffect: 0.2 }), /between 0 and 1/);
  });
});

describe('sequential testing (mSPRT)', () => {
  it('keeps the false-positive rate under α however often it is looked at, where peeking does not', () => {
    const random = createRandom(21);
    const runs = 400;
    let sequentialRejections = 0;
    let peekingRejections = 0;
    for (let run = 0; run < runs; run++) {
      // 30 daily looks at a mean difference of N(0, 1) observations with no true effect.
      let sum = 0;
      const looks: Array<{ estimate: number; variance: number }> = [];
      for (let day = 1; day <= 30; day++) {
        for (let k = 0; k < 50; k++) sum += random.normal();
        const n = day * 50;
        looks.push({ estimate: sum / n, variance: 1 / n });
      }
      const result = sequentialTest(looks, { tau: 0.1, alpha: 0.05 });
      if (result.rejectedAt !== null) sequentialRejections++;
      if (result.naivePath.some((p) => p < 0.05)) peekingRejections++;
      for (let k = 1; k < result.path.length; k++) assert.ok(result.path[k] <= result.path[k - 1]);
    }
    assert.ok(sequentialRejections / runs <= 0.05, `always-valid rejected ${sequentialRejections}/${runs}`);
    assert.ok(peekingRejections / runs > 0.12, `peeking rejected only ${peekingRejections}/${runs}`);
  });

  it('detects a real effect and brackets it', () => {
    const random = createRandom(4);
    let sum = 0;
    const looks: Array<{ estimate: number; variance: number }> = [];
    for (let day = 1; day <= 30; day++) {
      for (let k = 0; k < 200; k++) sum += 0.15 + random.normal();
      const n = day * 200;
      looks.push({ estimate: sum / n, variance: 1 / n });
    }
    const result = sequentialTest(looks, { tau: 0.1 });
    assert.ok(result.rejectedAt !== null && result.pValue < 0.001);
    assert.ok(result.interval[0] < 0.15 && result.interval[1] > 0.15 && result.interval[0] > 0);
    // Λ grows with the evidence and is 1/Λ-consistent with the p-value.
    assert.ok(mixtureLikelihoodRatio(looks[29], 0.1) > mixtureLikelihoodRatio(looks[0], 0.1));
    assert.throws(() => sequentialTest(looks, { tau: 0 }), /tau must be positive/);
  });
});

describe('sample ratio mismatch', () => {
  it('passes a fair split and flags a broken one', () => {
    const fair = sampleRatioCheck({ observed: { a: 50_000, b: 49_800 }, weights: { a: 1, b: 1 } });
    assert.equal(fair.mismatch, false);
    const broken = sampleRatioCheck({ observed: { a: 50_000, b: 48_500 }, weights: { a: 1, b: 1 } });
    assert.ok(broken.mismatch && broken.pValue < 1e-5);
    const weighted = sampleRatioCheck({ observed: { a: 10_000, b: 30_000 }, weights: { a: 1, b: 3 } });
    assert.equal(weighted.mismatch, false);
    assert.throws(() => sampleRatioCheck({ observed: { a: 1, c: 2 }, weights: { a: 1, b: 1 } }), /not configured: c/);
  });
});
