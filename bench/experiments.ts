// Measures the experiment machinery against the demo simulator's ground truth, at full size:
//   assignment balance and speed at 100k users, and an injected sample ratio mismatch;
//   power of a +5% CTR A/B test at the calculator's sample size (100 runs) and the A/A false-positive rate (200 runs),
//   with CUPED, the always-valid sequential test and naive daily peeking;
//   off-policy estimates (naive, IPS, SNIPS, DR, clipped) of three new policies' CTR on the demo logs, against the truth,
//   on all the logs and on user groups the size of the default demo;
//   team-draft interleaving against an A/B test of the same two rankers.
// Writes bench/results/experiments.json and .md. Usage:
//   node bench/experiments.ts [--scale 10] [--days 28] [--runs 100] [--aa-runs 200] [--seed 1] [--skip-ope] [--out name]
// `--runs 0 --aa-runs 400 --seed 7 --skip-ope --out experiments-aa` is the longer A/A calibration in docs/experiments.md.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runDemoSimulation } from '../src/data/demo/run-simulation.ts';
import { assignExperiment, hashFraction } from '../src/eval/experiments/assignment.ts';
import { estimatePolicyValue } from '../src/eval/experiments/off-policy/estimators.ts';
import { fitPositionBasedModel } from '../src/eval/experiments/off-policy/reward-model.ts';
import {
  demoTargetPolicies,
  loggedSlatesFromRun,
  trueClicksPerSlate,
} from '../src/eval/experiments/simulation/demo-off-policy.ts';
import { preperiodCtrSample, preperiodFromRun } from '../src/eval/experiments/simulation/preperiod.ts';
import {
  pilotDesign,
  repeatExperiment,
  simulationExperiment,
} from '../src/eval/experiments/simulation/repeated-runs.ts';
import { simulateInterleaving } from '../src/eval/experiments/simulation/simulate-interleaving.ts';
import {
  greedyPolicy,
  loggingPolicy,
  oraclePolicy,
  policyCtr,
  policyWithEffect,
  scoredPolicy,
} from '../src/eval/experiments/simulation/simulated-policies.ts';
import { SessionWorkload } from '../src/eval/experiments/simulation/workload.ts';
import { normalQuantile } from '../src/eval/experiments/statistics/distributions.ts';
import { ratioUnitStandardDeviation, sampleSizeForMeans } from '../src/eval/experiments/statistics/power.ts';
import { sampleRatioCheck } from '../src/eval/experiments/statistics/sample-ratio.ts';

const argument = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const scale = argument('scale', 10);
const days = argument('days', 28);
const runs = argument('runs', 100);
const aaRuns = argument('aa-runs', 200);
const seed = argument('seed', 1);
const skipOpe = process.argv.includes('--skip-ope');
const outAt = process.argv.indexOf('--out');
/** Base name of the result files in bench/results (default `experiments`). */
const out = outAt > 0 ? process.argv[outAt + 1] : 'experiments';
const effect = 0.05;
const log = (line: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);
const timed = <T>(work: () => T): { value: T; seconds: number } => {
  const started = performance.now();
  const value = work();
  return { value, seconds: (performance.now() - started) / 1000 };
};
/** Wilson score interval of a binomial share. */
const wilson = (successes: number, trials: number): [number, number] => {
  const z = normalQuantile(0.975);
  const p = successes / trials;
  const centre = (p + (z * z) / (2 * trials)) / (1 + (z * z) / trials);
  const half = (z * Math.sqrt((p * (1 - p)) / trials + (z * z) / (4 * trials * trials))) / (1 + (z * z) / trials);
  return [centre - half, centre + half];
};
const pct = (value: number, digits = 1) => `${(value * 100).toFixed(digits)}%`;
const signedPct = (value: number, digits = 1) => `${value >= 0 ? '+' : ''}${(value * 100).toFixed(digits)}%`;

// 1. Assignment at 100k users.
log('assignment at 100k users');
const users = Array.from({ length: 100_000 }, (_, k) => `user-${String(k + 1).padStart(6, '0')}`);
const ab = simulationExperiment({ id: 'balance', traffic: 1, start: 0 });
const rounds: number[] = [];
const counts = { control: 0, treatment: 0 };
for (let round = 0; round < 5; round++) {
  counts.control = 0;
  counts.treatment = 0;
  const { seconds } = timed(() => {
    for (const userId of users) counts[assignExperiment(ab, userId)!.variant as 'control' | 'treatment']++;
  });
  rounds.push(seconds);
}
rounds.sort((a, b) => a - b);
const dropped = { control: 0, treatment: 0 };
for (const userId of users) {
  const variant = assignExperiment(ab, userId)!.variant as 'control' | 'treatment';
  if (variant === 'treatment' && hashFraction('crash', userId) < 0.03) continue;
  dropped[variant]++;
}
const assignment = {
  users: users.length,
  counts,
  maxRelativeDeviation: Math.max(Math.abs(counts.control / 50_000 - 1), Math.abs(counts.treatment / 50_000 - 1)),
  assignmentsPerSecond: users.length / rounds[2],
  balancedSampleRatio: sampleRatioCheck({ observed: counts, weights: { control: 1, treatment: 1 } }),
  injectedSampleRatio: sampleRatioCheck({ observed: dropped, weights: { control: 1, treatment: 1 } }),
};

// 2. The world, its logs and the experiment's traffic.
log(`demo world at scale ${scale} with 90 logged days`);
const world = timed(() => runDemoSimulation({ scale, seed: 42 }));
const run = world.value;
log(`workload: ${days} days after the window`);
const built = timed(() => new SessionWorkload({ simulator: run.simulator, days, seed }));
const workload = built.value;
const control = loggingPolicy(workload);
const oracle = oraclePolicy(workload);
const withEffect = policyWithEffect({ workload, base: control, better: oracle, effect });
const treatment = withEffect.policy;

// 3. Sizing: a pilot of the control policy, and (for comparison) the demo's own last logged days.
const pilot = pilotDesign({ workload, control, relativeEffect: effect, seed: seed + 1000 });
const preperiod = preperiodFromRun(run, { days });
const logged = ratioUnitStandardDeviation(preperiodCtrSample(preperiod));
const loggedSize = sampleSizeForMeans({ ...logged, relativeEffect: effect });
log(`calculator: ${pilot.sampleSize.control} users per variant (traffic ${pct(pilot.traffic)})`);

// 4. A/B at the calculator's size, and A/A.
const abRuns = timed(() =>
  repeatExperiment({
    workload,
    control,
    treatment,
    runs,
    seed,
    traffic: pilot.traffic,
    preperiod,
    minimumDetectableEffect: effect,
  }),
);
log(`A/B: detected ${abRuns.value.detected}/${runs} (unadjusted ${abRuns.value.detectedUnadjusted})`);
const aa = timed(() =>
  repeatExperiment({
    workload,
    control,
    treatment: control,
    runs: aaRuns,
    seed: seed + 1,
    traffic: pilot.traffic,
    preperiod,
    minimumDetectableEffect: effect,
  }),
);
log(`A/A: rejected ${aa.value.rejected}/${aaRuns} (unadjusted ${aa.value.rejectedUnadjusted})`);

// 5. Interleaving against A/B: the pool's order (greedy) against the pool re-ranked by a click model fitted on the logs.
const slates = loggedSlatesFromRun(run);
const model = fitPositionBasedModel(slates);
const modelPolicy = scoredPolicy(workload, {
  name: 'model',
  score: (item) => model.attractiveness.get(workload.itemIds[item]) ?? model.meanAttractiveness,
});
const greedy = greedyPolicy(workload);
const rankerLift = policyCtr(workload, modelPolicy) / policyCtr(workload, greedy) - 1;
const rankerPilot = pilotDesign({ workload, control: greedy, relativeEffect: Math.abs(rankerLift), seed: seed + 2000 });
const sessionsPerUser = workload.sessionCount / pilot.activeUsers;
const interleaving = [100, 200, 400, 800, 1600, 3200].map((sessions) => {
  const reps = 100;
  let detected = 0;
  for (let rep = 0; rep < reps; rep++) {
    const result = simulateInterleaving({
      workload,
      a: modelPolicy,
      b: greedy,
      sessions,
      seed: seed * 100_003 + sessions * 101 + rep,
    });
    if (result.significant && Math.sign(result.preference) === Math.sign(rankerLift)) detected++;
  }
  return { sessions, power: detected / reps };
});
log('interleaving done');

// 6. Off-policy evaluation on the logs.
interface OpeRow {
  policy: string;
  trueCtr: number;
  errors: Record<string, number>;
  effectiveSampleSize: number;
  maxWeight: number;
  groups?: Record<string, { maxAbsError: number; medianAbsError: number }>;
}
const opeRows: OpeRow[] = [];
const groups = Math.max(1, Math.round(scale));
const clip = 100;
if (!skipOpe) {
  for (const policy of demoTargetPolicies(run.simulator, model)) {
    log(`off-policy: ${policy.name}`);
    const estimate = estimatePolicyValue({
      slates,
      policy,
      clip,
      rewardModel: (train) => fitPositionBasedModel(train),
    });
    const truth = trueClicksPerSlate(run.simulator, slates, policy);
    const error = (value: number) => value / truth - 1;
    const row: OpeRow = {
      policy: policy.name,
      trueCtr: truth / estimate.slots,
      errors: {
        naive: error(estimate.naive.value),
        ips: error(estimate.ips.value),
        snips: error(estimate.snips.value),
        doublyRobust: error(estimate.doublyRobust!.value),
        clippedIps: error(estimate.clippedIps!.value),
        clippedDoublyRobust: error(estimate.clippedDoublyRobust!.value),
      },
      effectiveSampleSize: estimate.effectiveSampleSize,
      maxWeight: estimate.maxWeight,
    };
    if (groups > 1) {
      // Disjoint user groups, each about as large as the default (scale 1) demo's traffic.
      const perGroup: Record<string, number[]> = { ips: [], snips: [], doublyRobust: [] };
      for (let group = 0; group < groups; group++) {
        const part = slates.filter((slate) => Math.floor(hashFraction('ope-group', slate.userId) * groups) === group);
        const partial = estimatePolicyValue({
          slates: part,
          policy,
          rewardModel: (train) => fitPositionBasedModel(train),
        });
        const partTruth = trueClicksPerSlate(run.simulator, part, policy);
        perGroup.ips.push(Math.abs(partial.ips.value / partTruth - 1));
        perGroup.snips.push(Math.abs(partial.snips.value / partTruth - 1));
        perGroup.doublyRobust.push(Math.abs(partial.doublyRobust!.value / partTruth - 1));
      }
      row.groups = Object.fromEntries(
        Object.entries(perGroup).map(([name, values]) => {
          const sorted = [...values].sort((a, b) => a - b);
          return [
            name,
            { maxAbsError: sorted[sorted.length - 1], medianAbsError: sorted[Math.floor(sorted.length / 2)] },
          ];
        }),
      );
    }
    opeRows.push(row);
  }
}

const result = {
  machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version, loadAverage: os.loadavg() },
  parameters: { scale, days, runs, aaRuns, seed, effect, clip },
  assignment,
  world: {
    seconds: world.seconds,
    users: run.world.users.length,
    items: run.world.items.length,
    loggedHomeLists: slates.length,
  },
  workload: {
    seconds: built.seconds,
    sessions: workload.sessionCount,
    activeUsers: pilot.activeUsers,
    trueControlCtr: withEffect.baseCtr,
    trueTreatmentCtr: withEffect.treatmentCtr,
    oracleShare: withEffect.share,
  },
  design: {
    pilot: {
      baseline: pilot.baseline,
      standardDeviation: pilot.standardDeviation,
      usersPerVariant: pilot.sampleSize.control,
      traffic: pilot.traffic,
    },
    fromLoggedDays: { ...logged, usersPerVariant: loggedSize.control },
  },
  abTest: {
    ...abRuns.value,
    secondsPerRun: abRuns.seconds / runs,
    detectedInterval: wilson(abRuns.value.detected, runs),
  },
  aaTest: { ...aa.value, secondsPerRun: aa.seconds / aaRuns, falsePositiveInterval: wilson(aa.value.rejected, aaRuns) },
  interleaving: {
    rankerLift,
    abUsersPerVariant: rankerPilot.sampleSize.control,
    abSessions: Math.round(2 * rankerPilot.sampleSize.control * sessionsPerUser),
    power: interleaving,
  },
  offPolicy: opeRows,
};
const resultsDir = path.join(import.meta.dirname, 'results');
fs.mkdirSync(resultsDir, { recursive: true });
fs.writeFileSync(path.join(resultsDir, `${out}.json`), `${JSON.stringify(result, null, 2)}\n`);

const abTest = result.abTest;
const aaTest = result.aaTest;
const lines = [
  `## Experiments bench (demo scale ${scale}, ${days}-day experiments, seed ${seed})`,
  '',
  `Machine: ${result.machine.cpus} × ${result.machine.model}, Node ${result.machine.node}, load ${result.machine.loadAverage.map((value) => value.toFixed(1)).join(' ')}.`,
  `World: ${result.world.users.toLocaleString('en-US')} users, ${result.world.items.toLocaleString('en-US')} items, ${slates.length.toLocaleString('en-US')} logged home lists (${world.seconds.toFixed(0)} s); workload ${workload.sessionCount.toLocaleString('en-US')} sessions of ${pilot.activeUsers.toLocaleString('en-US')} users (${built.seconds.toFixed(0)} s).`,
  '',
  '| assignment (100,000 users) | value |',
  '|---|---|',
  `| control / treatment | ${counts.control.toLocaleString('en-US')} / ${counts.treatment.toLocaleString('en-US')} (largest deviation ${pct(assignment.maxRelativeDeviation, 2)}) |`,
  `| SRM check, fair split | p = ${assignment.balancedSampleRatio.pValue.toFixed(3)}, ${assignment.balancedSampleRatio.mismatch ? 'flagged' : 'not flagged'} |`,
  `| SRM check, 3% of treatment users lost | p = ${assignment.injectedSampleRatio.pValue.toExponential(2)}, ${assignment.injectedSampleRatio.mismatch ? 'flagged' : 'NOT flagged'} |`,
  `| assignments per second (median of 5) | ${Math.round(assignment.assignmentsPerSecond).toLocaleString('en-US')} |`,
  '',
  `| A/B test, true CTR effect ${signedPct(effect)} (${pct(withEffect.baseCtr, 3)} → ${pct(withEffect.treatmentCtr, 3)}) | value |`,
  '|---|---|',
  `| calculator (pilot: CTR ${pct(pilot.baseline, 3)}, per-user sd ${pilot.standardDeviation.toFixed(4)}) | ${pilot.sampleSize.control.toLocaleString('en-US')} users per variant, traffic ${pct(pilot.traffic)} |`,
  `| users per variant in the runs (mean) | ${Math.round(abTest.usersPerVariant).toLocaleString('en-US')} |`,
  `| detected at α = 0.05, CUPED (the report's test) | **${abTest.detected}/${runs}** (95% CI ${pct(abTest.detectedInterval[0])}–${pct(abTest.detectedInterval[1])}) |`,
  `| detected at α = 0.05, without CUPED | ${abTest.detectedUnadjusted}/${runs} |`,
  `| CUPED variance reduction (mean) | ${pct(abTest.meanVarianceReduction)} |`,
  `| interval covers the true effect | ${abTest.intervalCovered}/${runs} |`,
  `| mean estimate (spread; mean reported standard error) | ${signedPct(abTest.meanEstimate, 2)} (${(abTest.estimateSpread * 100).toFixed(2)} points; ${(abTest.meanStandardError * 100).toFixed(2)} points) |`,
  `| always-valid mSPRT (daily looks) rejected | ${abTest.sequentialRejected}/${runs} |`,
  `| seconds per run | ${abTest.secondsPerRun.toFixed(2)} |`,
  `| calculator from the last ${days} logged days instead (holiday season, CTR ${pct(logged.baseline, 3)}) | ${loggedSize.control.toLocaleString('en-US')} users per variant |`,
  '',
  `| A/A test, ${aaRuns} runs | value |`,
  '|---|---|',
  `| false positives, CUPED (the report's test) | **${aaTest.rejected}/${aaRuns} = ${pct(aaTest.rejected / aaRuns)}** (95% CI ${pct(aaTest.falsePositiveInterval[0])}–${pct(aaTest.falsePositiveInterval[1])}) |`,
  `| false positives, without CUPED | ${aaTest.rejectedUnadjusted}/${aaRuns} = ${pct(aaTest.rejectedUnadjusted / aaRuns)} |`,
  `| always-valid mSPRT, 28 daily looks | ${aaTest.sequentialRejected}/${aaRuns} = ${pct(aaTest.sequentialRejected / aaRuns)} |`,
  `| plain test peeked at daily (rejected at any look) | ${aaTest.peekingRejected}/${aaRuns} = ${pct(aaTest.peekingRejected / aaRuns)} |`,
  `| sample ratio mismatches flagged | ${aaTest.sampleRatioMismatches}/${aaRuns} |`,
  `| spread of the estimates / mean reported standard error | ${(aaTest.estimateSpread * 100).toFixed(3)} / ${(aaTest.meanStandardError * 100).toFixed(3)} points |`,
  '',
  `| interleaving: model vs greedy ranker (true CTR lift ${signedPct(rankerLift)}) | power |`,
  '|---|---|',
  ...interleaving.map((entry) => `| ${entry.sessions.toLocaleString('en-US')} sessions | ${pct(entry.power, 0)} |`),
  `| A/B test of the same rankers, 80% power (calculator) | ${rankerPilot.sampleSize.control.toLocaleString('en-US')} users per variant ≈ ${result.interleaving.abSessions.toLocaleString('en-US')} sessions |`,
];
if (opeRows.length) {
  lines.push(
    '',
    `| off-policy, ${slates.length.toLocaleString('en-US')} logged lists | true CTR | naive | IPS | SNIPS | DR | IPS clip ${clip} | DR clip ${clip} | eff. sample | IPS / SNIPS / DR max error on ${groups} scale-1-sized user groups |`,
    '|---|---|---|---|---|---|---|---|---|---|',
    ...opeRows.map((row) =>
      [
        row.policy,
        pct(row.trueCtr, 2),
        signedPct(row.errors.naive),
        signedPct(row.errors.ips),
        signedPct(row.errors.snips),
        signedPct(row.errors.doublyRobust),
        signedPct(row.errors.clippedIps),
        signedPct(row.errors.clippedDoublyRobust),
        Math.round(row.effectiveSampleSize).toLocaleString('en-US'),
        row.groups
          ? `${pct(row.groups.ips.maxAbsError)} / ${pct(row.groups.snips.maxAbsError)} / ${pct(row.groups.doublyRobust.maxAbsError)}`
          : '—',
      ]
        .join(' | ')
        .replace(/^/, '| ')
        .concat(' |'),
    ),
  );
}
const markdown = `${lines.join('\n')}\n`;
fs.writeFileSync(path.join(resultsDir, `${out}.md`), markdown);
process.stdout.write(markdown);
