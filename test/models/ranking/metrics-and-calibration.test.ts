import assert from 'node:assert/strict';
import { it } from 'node:test';
import { createRandom } from '../../../src/core/random.ts';
import {
  expectedCalibrationError,
  fitIsotonic,
  fitPlatt,
  reliabilityCurve,
} from '../../../src/models/ranking/calibration.ts';
import { auc, groupAuc, logLoss } from '../../../src/models/ranking/metrics.ts';

it('auc counts ties as half and matches the pairwise definition', () => {
  assert.equal(auc([0, 0, 1, 1], [0.1, 0.2, 0.3, 0.4]), 1);
  assert.equal(auc([1, 1, 0, 0], [0.1, 0.2, 0.3, 0.4]), 0);
  assert.equal(auc([0, 1], [0.5, 0.5]), 0.5);
  const random = createRandom(4);
  const labels = Array.from({ length: 60 }, () => (random.next() < 0.3 ? 1 : 0));
  const scores = Array.from({ length: 60 }, () => Math.round(random.next() * 10) / 10);
  let wins = 0;
  let pairs = 0;
  for (let i = 0; i < 60; i++) {
    for (let j = 0; j < 60; j++) {
      if (labels[i] === 1 && labels[j] === 0) {
        pairs++;
        wins += scores[i] > scores[j] ? 1 : scores[i] === scores[j] ? 0.5 : 0;
      }
    }
  }
  assert.ok(Math.abs(auc(labels, scores) - wins / pairs) < 1e-12);
  assert.ok(Number.isNaN(auc([1, 1], [0.2, 0.3])));
});

it('group auc weighs users by impressions and skips one-class users', () => {
  const labels = [1, 0, 0, 1, 1, 1];
  const scores = [0.9, 0.1, 0.9, 0.1, 0.5, 0.6];
  const groups = [0, 0, 1, 1, 2, 2];
  assert.equal(groupAuc(labels, scores, groups), 0.5);
  assert.ok(Math.abs(logLoss([1, 0], [0.8, 0.2]) + Math.log(0.8)) < 1e-12);
});

it('isotonic and Platt calibration repair over-confident predictions', () => {
  const random = createRandom(9);
  const labels: number[] = [];
  const raw: number[] = [];
  for (let k = 0; k < 20000; k++) {
    const truth = random.next() * 0.3;
    labels.push(random.next() < truth ? 1 : 0);
    raw.push(Math.min(1, truth * 2.5));
  }
  const before = expectedCalibrationError(labels, raw);
  const isotonic = fitIsotonic(labels, raw);
  const platt = fitPlatt(labels, raw);
  const afterIsotonic = expectedCalibrationError(labels, raw.map(isotonic.apply));
  const afterPlatt = expectedCalibrationError(labels, raw.map(platt.apply));
  assert.ok(before > 0.1, `raw ECE ${before}`);
  assert.ok(afterIsotonic < 0.01, `isotonic ECE ${afterIsotonic}`);
  assert.ok(afterPlatt < 0.03, `Platt ECE ${afterPlatt}`);
  for (let p = 0; p < 1; p += 0.05) assert.ok(isotonic.apply(p) <= isotonic.apply(p + 0.05) + 1e-12);
  const curve = reliabilityCurve(labels, raw, 5);
  assert.equal(
    curve.reduce((sum, bin) => sum + bin.count, 0),
    labels.length,
  );
});
