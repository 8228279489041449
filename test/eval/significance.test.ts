import assert from 'node:assert/strict';
import { it } from 'node:test';
import {
  bootstrapInterval,
  logGamma,
  pairedComparison,
  regularizedIncompleteBeta,
  studentTwoSidedP,
} from '../../src/eval/significance.ts';

const close = (actual: number, expected: number, tolerance = 1e-6) =>
  assert.ok(Math.abs(actual - expected) < tolerance, `expected ${expected}, got ${actual}`);

it('computes the special functions behind the t distribution', () => {
  close(logGamma(5), Math.log(24), 1e-10);
  close(logGamma(0.5), Math.log(Math.sqrt(Math.PI)), 1e-10);
  close(regularizedIncompleteBeta(0.5, 2, 2), 0.5, 1e-10);
  // I_x(1, 1) = x; I_x(a, 1) = x^a.
  close(regularizedIncompleteBeta(0.3, 1, 1), 0.3, 1e-10);
  close(regularizedIncompleteBeta(0.4, 3, 1), 0.064, 1e-10);
});

it('gives Student t p-values that match tables', () => {
  // t = 2.228 with 10 df is the two-sided 5% critical value; t = 1.96 with many df approaches the normal.
  close(studentTwoSidedP(2.228, 10), 0.05, 2e-4);
  close(studentTwoSidedP(2.576, 100000), 0.01, 2e-4);
  close(studentTwoSidedP(0, 5), 1, 1e-12);
  // With 1 df the t is Cauchy: P(|T| > 1) = 0.5.
  close(studentTwoSidedP(1, 1), 0.5, 1e-10);
});

it('computes a paired t-test by hand', () => {
  // Differences 1, 2, 3, 4, 5: mean 3, sd sqrt(2.5), t = 3 / (sqrt(2.5)/sqrt(5)) = 4.2426, df 4 → p = 0.01324.
  const a = [2, 4, 6, 8, 10];
  const b = [1, 2, 3, 4, 5];
  const result = pairedComparison(a, b, { seed: 1 });
  assert.equal(result.n, 5);
  close(result.meanDifference, 3);
  close(result.t, 4.242640687);
  close(result.pValue, 0.013236, 1e-5);
  assert.ok(result.interval[0] <= 3 && 3 <= result.interval[1]);
  assert.ok(result.interval[0] >= 1 && result.interval[1] <= 5);
});

it('leaves out NaN pairs and handles identical samples', () => {
  const same = pairedComparison([0.1, 0.2, Number.NaN], [0.1, 0.2, 0.3]);
  assert.equal(same.n, 2);
  assert.equal(same.pValue, 1);
  assert.deepEqual(same.interval, [0, 0]);
});

it('bootstraps deterministically per seed', () => {
  const values = Array.from({ length: 50 }, (_, j) => Math.sin(j));
  assert.deepEqual(bootstrapInterval(values, { seed: 4 }), bootstrapInterval(values, { seed: 4 }));
  const [low, high] = bootstrapInterval(values, { seed: 4 });
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  assert.ok(low < mean && mean < high);
});
