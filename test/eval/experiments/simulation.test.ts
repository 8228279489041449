// Small, seeded versions of the bench's simulations (bench/experiments.ts runs the full-size ones): they use the demo
// simulator's ground truth and can fail when power, false-positive rate or an estimator breaks.

import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { createRandom } from '../../../src/core/random.ts';
import { type DemoRun, runDemoSimulation } from '../../../src/data/demo/run-simulation.ts';
import { analyzeExperiment } from '../../../src/eval/experiments/analyze-experiment.ts';
import {
  interleavingTest,
  interleavingWinner,
  teamDraftInterleave,
} from '../../../src/eval/experiments/interleaving.ts';
import { estimatePolicyValue } from '../../../src/eval/experiments/off-policy/estimators.ts';
import { fitPositionBasedModel } from '../../../src/eval/experiments/off-policy/reward-model.ts';
import {
  demoTargetPolicies,
  loggedSlatesFromRun,
  trueClicksPerSlate,
} from '../../../src/eval/experiments/simulation/demo-off-policy.ts';
import { preperiodFromRun } from '../../../src/eval/experiments/simulation/preperiod.ts';
import {
  pilotDesign,
  repeatExperiment,
  simulationExperiment,
} from '../../../src/eval/experiments/simulation/repeated-runs.ts';
import { simulateInterleaving } from '../../../src/eval/experiments/simulation/simulate-interleaving.ts';
import { simulateExperimentData, simulateTraffic } from '../../../src/eval/experiments/simulation/simulate-traffic.ts';
import {
  greedyPolicy,
  loggingPolicy,
  mixturePolicy,
  oraclePolicy,
  policyCtr,
  policyWithEffect,
} from '../../../src/eval/experiments/simulation/simulated-policies.ts';
import { SessionWorkload } from '../../../src/eval/experiments/simulation/workload.ts';

let run: DemoRun;
let workload: SessionWorkload;

before(() => {
  run = runDemoSimulation({ scale: 0.4, seed: 42 });
  workload = new SessionWorkload({ simulator: run.simulator, days: 28, seed: 5 });
});

describe('simulated experiments on the demo simulator', () => {
  it('builds a treatment with an exact known effect, and the drawn clicks follow the exact CTR', () => {
    const logging = loggingPolicy(workload);
    const oracle = oraclePolicy(workload);
    const { policy, share, treatmentCtr, baseCtr } = policyWithEffect({
      workload,
      base: logging,
      better: oracle,
      effect: 0.05,
    });
    assert.ok(share > 0 && share < 0.2, `share ${share}`);
    assert.ok(Math.abs(treatmentCtr / baseCtr - 1.05) < 1e-9);
    // A mixture's CTR is the mixture of CTRs.
    const half = mixturePolicy({ base: logging, better: greedyPolicy(workload), share: 0.5 });
    const expected = (policyCtr(workload, logging) + policyCtr(workload, greedyPolicy(workload))) / 2;
    assert.ok(Math.abs(policyCtr(workload, half) - expected) < 1e-12);
    // Drawn clicks match the exact CTR within sampling error (all users in, both arms the same policy).
    const experiment = simulationExperiment({ id: 'ctr-check', traffic: 1, start: workload.start });
    let clicks = 0;
    let slots = 0;
    for (let seed = 0; seed < 5; seed++) {
      simulateTraffic({ workload, experiment, policies: { control: policy, treatment: policy }, seed }, (slate) => {
        clicks += slate.clicks.length;
        slots += slate.itemIds.length;
      });
    }
    const rate = clicks / slots;
    const error = Math.sqrt((treatmentCtr * (1 - treatmentCtr)) / slots);
    assert.ok(Math.abs(rate - treatmentCtr) < 4 * error, `drawn CTR ${rate} vs exact ${treatmentCtr}`);
  });

  it('detects a known effect at the calculated sample size, and A/A tests rarely reject', () => {
    const control = loggingPolicy(workload);
    const effect = 0.3;
    const treatment = policyWithEffect({ workload, base: control, better: oraclePolicy(workload), effect }).policy;
    const design = pilotDesign({ workload, control, relativeEffect: effect, seed: 77 });
    assert.ok(design.traffic < 1, `the calculator asks for ${design.sampleSize.total} of ${design.activeUsers} users`);
    const preperiod = preperiodFromRun(run, { days: 28 });
    const options = {
      workload,
      control,
      runs: 30,
      traffic: design.traffic,
      preperiod,
      minimumDetectableEffect: effect,
    };
    const ab = repeatExperiment({ ...options, treatment, seed: 1 });
    assert.ok(
      Math.abs(ab.usersPerVariant / design.sampleSize.control - 1) < 0.1,
      `${ab.usersPerVariant} users per variant`,
    );
    // The design aims at 80%; a +30% treatment mixes in more of the oracle's high-CTR lists, so its variance is
    // larger than the pilot's and the power is nearer 72%. At least 17 of 30 then has probability > 0.9.
    assert.ok(ab.detected >= 17, `detected ${ab.detected} of 30 (unadjusted ${ab.detectedUnadjusted})`);
    assert.ok(ab.intervalCovered >= 25, `the interval covered the true effect in ${ab.intervalCovered} of 30`);
    const aa = repeatExperiment({ ...options, runs: 60, treatment: control, seed: 2 });
    // α = 0.05: at most 8 of 60 false positives has probability > 0.99.
    assert.ok(
      aa.rejected <= 8 && aa.rejectedUnadjusted <= 8,
      `A/A rejected ${aa.rejected} (unadjusted ${aa.rejectedUnadjusted}) of 60`,
    );
    assert.ok(aa.sequentialRejected <= 6, `the always-valid test rejected ${aa.sequentialRejected} A/A runs`);
    assert.ok(aa.sampleRatioMismatches <= 1);
  });

  it('flags a logging bug that loses some treatment users as a sample ratio mismatch', () => {
    const control = loggingPolicy(workload);
    const result = repeatExperiment({
      workload,
      control,
      treatment: control,
      runs: 10,
      seed: 3,
      traffic: 1,
      dropUsers: { variant: 'treatment', share: 0.3 },
    });
    assert.ok(result.sampleRatioMismatches >= 9, `flagged ${result.sampleRatioMismatches} of 10`);
    const experiment = simulationExperiment({ id: 'bug', traffic: 1, start: workload.start });
    const data = simulateExperimentData({
      workload,
      experiment,
      policies: { control, treatment: control },
      seed: 9,
      dropUsers: { variant: 'treatment', share: 0.3 },
    });
    const report = analyzeExperiment(experiment, data, { now: workload.end });
    assert.equal(report.verdict, 'invalid');
    assert.match(report.treatments[0].reasons[0], /sample ratio mismatch/);
  });
});

describe('off-policy evaluation on the demo logs', () => {
  it('SNIPS and DR land within 10% of the true CTR of a new policy; the naive estimate does not', () => {
    const slates = loggedSlatesFromRun(run);
    const model = fitPositionBasedModel(slates);
    // The click model finds the position bias: examination falls with the position.
    for (let p = 1; p < 5; p++) assert.ok(model.examination[p] < model.examination[p - 1]);
    const [greedy] = demoTargetPolicies(run.simulator, model);
    const truth = trueClicksPerSlate(run.simulator, slates, greedy);
    const estimate = estimatePolicyValue({
      slates,
      policy: greedy,
      clip: 50,
      rewardModel: (train) => fitPositionBasedModel(train),
    });
    const error = (value: number) => Math.abs(value / truth - 1);
    assert.ok(error(estimate.snips.value) < 0.1, `SNIPS ${estimate.snips.value} vs ${truth}`);
    assert.ok(error(estimate.doublyRobust!.value) < 0.1, `DR ${estimate.doublyRobust!.value} vs ${truth}`);
    assert.ok(error(estimate.ips.value) < 0.1, `IPS ${estimate.ips.value} vs ${truth}`);
    assert.ok(error(estimate.naive.value) > 2 * error(estimate.snips.value), `naive ${estimate.naive.value}`);
    assert.ok(estimate.snips.interval[0] < truth && truth < estimate.snips.interval[1]);
    assert.ok(Math.abs(estimate.slots - 10) < 1e-9);
    assert.ok(estimate.matchedShare > 0 && estimate.matchedShare < 1);
  });
});

describe('team-draft interleaving', () => {
  it('alternates fairly, never repeats an item, and credits clicks to teams', () => {
    const random = createRandom(1);
    const a = ['a1', 'a2', 's1', 'a3', 'a4', 'a5'];
    const b = ['s1', 'b1', 'a1', 'b2', 'b3', 'b4'];
    for (let k = 0; k < 50; k++) {
      const list = teamDraftInterleave({ a, b, length: 6, random });
      assert.equal(new Set(list.items).size, list.items.length);
      const countA = list.teams.filter((team) => team === 'a').length;
      assert.ok(Math.abs(countA - (list.items.length - countA)) <= 1);
      // Each team's items appear in its own ranking's order.
      const fromA = list.items.filter((_, index) => list.teams[index] === 'a');
      assert.deepEqual(
        fromA,
        [...fromA].sort((x, y) => a.indexOf(x) - a.indexOf(y)),
      );
    }
    assert.equal(interleavingWinner(['a', 'b', 'a'], [0, 2]), 'a');
    assert.equal(interleavingWinner(['a', 'b'], [0, 1]), 'tie');
    assert.equal(interleavingWinner(['a', 'b'], []), null);
    const result = interleavingTest(['a', 'a', 'b', 'tie', null, 'a']);
    assert.deepEqual([result.lists, result.winsA, result.winsB, result.ties], [5, 3, 1, 1]);
    assert.ok(Math.abs(result.preference - 0.2) < 1e-12);
  });

  it('prefers the truly better ranker with a few hundred sessions', () => {
    const result = simulateInterleaving({
      workload,
      a: oraclePolicy(workload),
      b: greedyPolicy(workload),
      sessions: 600,
      seed: 4,
    });
    assert.ok(result.significant && result.preference > 0, JSON.stringify(result));
    const same = simulateInterleaving({
      workload,
      a: greedyPolicy(workload),
      b: greedyPolicy(workload),
      sessions: 600,
      seed: 4,
    });
    // A ranker against itself wins as often as it loses.
    assert.ok(!same.significant && Math.abs(same.preference) < 0.1, JSON.stringify(same));
  });
});
