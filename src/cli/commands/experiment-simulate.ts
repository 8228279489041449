// `lmrec experiment simulate` (an experiment against the demo store's simulator, which knows the true effect) and
// `lmrec experiment ope` (off-policy estimates on the store's logged home feed, checked against the simulator).

import type { Command } from 'commander';
import { loadDemoSimulator } from '../../data/demo/demo-store.ts';
import { estimatePolicyValue, type OffPolicyEstimate } from '../../eval/experiments/off-policy/estimators.ts';
import { readLoggedSlates } from '../../eval/experiments/off-policy/logged-slates.ts';
import { fitPositionBasedModel } from '../../eval/experiments/off-policy/reward-model.ts';
import { formatExperimentReport } from '../../eval/experiments/report-text.ts';
import { demoTargetPolicies, trueClicksPerSlate } from '../../eval/experiments/simulation/demo-off-policy.ts';
import { readPreperiod } from '../../eval/experiments/simulation/preperiod.ts';
import { pilotDesign, repeatExperiment } from '../../eval/experiments/simulation/repeated-runs.ts';
import { simulateExperimentInStore } from '../../eval/experiments/simulation/simulate-in-store.ts';
import { loggingPolicy, oraclePolicy, policyWithEffect } from '../../eval/experiments/simulation/simulated-policies.ts';
import { SessionWorkload } from '../../eval/experiments/simulation/workload.ts';
import { powerForMeans } from '../../eval/experiments/statistics/power.ts';
import { commandProgress, printJson, printTable, withStore } from '../context.ts';
import { numberFlag } from './number-flag.ts';

const dayMs = 86_400_000;
const percent = (value: number, digits = 2) => `${value >= 0 ? '+' : ''}${(value * 100).toFixed(digits)}%`;

interface SimulateOptions {
  effect: string;
  days: string;
  traffic: string;
  seed: string;
  runs: string;
  aa?: boolean;
  memory?: boolean;
  json?: boolean;
}

export function registerExperimentSimulation(experiment: Command): void {
  experiment
    .command('simulate')
    .description("run an experiment against the demo store's simulator, which knows the true effect")
    .option('--effect <relative>', 'true relative CTR effect of the treatment', '0.05')
    .option('--aa', 'an A/A test: both variants serve the same policy')
    .option('--days <n>', 'days the experiment runs (after the demo window)', '28')
    .option('--traffic <share|auto>', 'share of users in the experiment; auto: what the calculator asks for', 'auto')
    .option('--seed <n>', 'seed of sessions, assignment salt and clicks', '1')
    .option('--runs <n>', 'repeat the experiment in memory this many times and report power or false positives', '1')
    .option('--memory', 'do not write the events to the store (implied by --runs > 1)')
    .option('--json', 'print the result as JSON')
    .action(async (options: SimulateOptions, command: Command) => {
      const effect = options.aa ? 0 : numberFlag(options.effect, 'effect', { min: 0, max: 2 });
      const days = numberFlag(options.days, 'days', { min: 1, max: 120 });
      const seed = numberFlag(options.seed, 'seed', { min: 0 });
      const runs = numberFlag(options.runs, 'runs', { min: 1, max: 10_000 });
      const progress = commandProgress(command);
      await withStore(command, async (store) => {
        const simulator = await loadDemoSimulator(store);
        const workload = new SessionWorkload({ simulator, days: Math.round(days), seed, progress });
        const control = loggingPolicy(workload);
        const built = options.aa
          ? null
          : policyWithEffect({ workload, base: control, better: oraclePolicy(workload), effect });
        const treatment = built?.policy ?? control;
        const design = pilotDesign({
          workload,
          control,
          relativeEffect: options.aa ? 0.05 : effect,
          seed: seed + 1000,
        });
        const traffic =
          options.traffic === 'auto' ? design.traffic : numberFlag(options.traffic, 'traffic', { min: 0, max: 1 });
        const perVariant = (traffic * design.activeUsers) / 2;
        const expectedPower = powerForMeans({
          baseline: design.baseline,
          standardDeviation: design.standardDeviation,
          relativeEffect: options.aa ? 0.05 : effect,
          controlUnits: Math.max(1, perVariant),
        });
        const planning = {
          activeUsers: design.activeUsers,
          baselineCtr: design.baseline,
          perUserStandardDeviation: design.standardDeviation,
          usersNeededPerVariant: design.sampleSize.control,
          traffic,
          expectedPower,
          trueControlCtr: built?.baseCtr ?? null,
          trueTreatmentCtr: built?.treatmentCtr ?? null,
          trueEffect: effect,
        };
        const preperiod = await readPreperiod(store, { from: simulator.endTime - 28 * dayMs, to: simulator.endTime });
        if (runs > 1 || options.memory) {
          const result = repeatExperiment({
            workload,
            control,
            treatment,
            runs,
            seed,
            traffic,
            preperiod,
            minimumDetectableEffect: options.aa ? 0.05 : effect,
            progress,
          });
          if (options.json) return printJson({ planning, result });
          process.stdout.write(planningText(planning, options.aa));
          const share = (count: number) => `${count}/${runs} (${((count / runs) * 100).toFixed(1)}%)`;
          process.stdout.write(
            [
              `${runs} runs, ${Math.round(result.usersPerVariant).toLocaleString('en-US')} users per variant on average`,
              `${options.aa ? 'false positives' : 'detected'} at α = 0.05: ${share(options.aa ? result.rejected : result.detected)} with CUPED, ${share(options.aa ? result.rejectedUnadjusted : result.detectedUnadjusted)} without`,
              `always-valid test (daily looks): ${share(result.sequentialRejected)}; a plain test peeked at daily: ${share(result.peekingRejected)}`,
              `interval covered the true effect: ${share(result.intervalCovered)}; mean estimate ${percent(result.meanEstimate)} (spread ${(result.estimateSpread * 100).toFixed(2)} points)`,
              `sample ratio mismatches: ${share(result.sampleRatioMismatches)}; CUPED removed ${(result.meanVarianceReduction * 100).toFixed(1)}% of the variance`,
            ].join('\n') + '\n',
          );
          return;
        }
        const result = await simulateExperimentInStore({
          store,
          workload,
          seed,
          policies: { control, treatment },
          progress,
          input: {
            name: options.aa
              ? `Simulated A/A test (seed ${seed})`
              : `Simulated ${percent(effect, 1)} CTR test (seed ${seed})`,
            description: `lmrec experiment simulate: the demo's logging policy against ${treatment.name} over ${days} days`,
            traffic,
            primaryMetric: 'ctr',
            minimumDetectableEffect: options.aa ? 0.05 : effect,
            variants: [
              { name: 'control', config: { simulated: { policy: control.name } } },
              {
                name: 'treatment',
                config: {
                  simulated: built
                    ? { policy: 'mixture', base: 'logging', better: 'oracle', share: built.share }
                    : { policy: control.name },
                },
              },
            ],
          },
        });
        const primary = result.report.treatments[0]?.primary ?? null;
        const covered = primary ? primary.relativeInterval[0] <= effect && effect <= primary.relativeInterval[1] : null;
        if (options.json)
          return printJson({ planning, truth: result.truth, events: result.events, covered, report: result.report });
        process.stdout.write(planningText(planning, options.aa));
        process.stdout.write(
          `wrote ${result.events.toLocaleString('en-US')} events; true CTR of the users served: ${Object.entries(
            result.truth,
          )
            .map(([name, truth]) => `${name} ${(truth.ctrOfItsUsers * 100).toFixed(3)}%`)
            .join(', ')}\n`,
        );
        if (primary) {
          process.stdout.write(
            `estimate ${percent(primary.relativeDifference)} [${percent(primary.relativeInterval[0])}, ${percent(primary.relativeInterval[1])}] against the true ${percent(effect)}: ${covered ? 'covered' : 'not covered'}\n\n`,
          );
        }
        process.stdout.write(formatExperimentReport(result.report));
        process.stdout.write(`\n(lmrec experiment report ${result.experiment.id} shows it again)\n`);
      });
    });

  experiment
    .command('ope')
    .description(
      "off-policy estimates (IPS, SNIPS, DR) of new policies' CTR from the store's logs, checked against the demo simulator",
    )
    .option('--source <name>', 'logged exposures of this context source', 'home')
    .option('--clip <weight>', 'also report clipped IPS and DR with weights capped here', '100')
    .option('--json', 'print the estimates as JSON')
    .action(async (options: { source: string; clip: string; json?: boolean }, command: Command) => {
      const clip = numberFlag(options.clip, 'clip', { min: 1 });
      const progress = commandProgress(command);
      await withStore(command, async (store) => {
        const simulator = await loadDemoSimulator(store);
        progress.start('reading logged lists with propensities');
        const { slates, stats } = await readLoggedSlates(store, { source: options.source, until: simulator.endTime });
        progress.done(`${stats.slates.toLocaleString('en-US')} lists`);
        const model = fitPositionBasedModel(slates);
        const results: Array<{ truth: number; estimate: OffPolicyEstimate }> = [];
        progress.start('estimating', 3);
        for (const policy of demoTargetPolicies(simulator, model)) {
          const estimate = estimatePolicyValue({
            slates,
            policy,
            clip,
            rewardModel: (train) => fitPositionBasedModel(train),
          });
          results.push({ truth: trueClicksPerSlate(simulator, slates, policy) / estimate.slots, estimate });
          progress.tick();
        }
        progress.done();
        if (options.json) return printJson({ stats, results });
        process.stdout.write(
          `${stats.slates.toLocaleString('en-US')} logged lists (${stats.unusableExposures} exposures without propensity skipped); CTR estimates against the simulator's truth:\n`,
        );
        const error = (value: number, truth: number) =>
          `${(value * 100).toFixed(3)}% (${percent(value / truth - 1, 1)})`;
        printTable(
          results.map(({ truth, estimate }) => ({
            policy: estimate.policy,
            'true CTR': `${(truth * 100).toFixed(3)}%`,
            naive: error(estimate.naive.ctr, truth),
            IPS: error(estimate.ips.ctr, truth),
            SNIPS: error(estimate.snips.ctr, truth),
            DR: error(estimate.doublyRobust!.ctr, truth),
            [`IPS clip ${clip}`]: error(estimate.clippedIps!.ctr, truth),
            [`DR clip ${clip}`]: error(estimate.clippedDoublyRobust!.ctr, truth),
            'eff. sample': Math.round(estimate.effectiveSampleSize),
          })),
        );
      });
    });
}

function planningText(
  planning: {
    activeUsers: number;
    baselineCtr: number;
    perUserStandardDeviation: number;
    usersNeededPerVariant: number;
    traffic: number;
    expectedPower: number;
    trueEffect: number;
  },
  aa?: boolean,
): string {
  const thousands = (value: number) => Math.round(value).toLocaleString('en-US');
  return (
    [
      `pilot: control CTR ${(planning.baselineCtr * 100).toFixed(3)}%, per-user sd ${planning.perUserStandardDeviation.toFixed(4)}, ${thousands(planning.activeUsers)} users with sessions`,
      `calculator: ${thousands(planning.usersNeededPerVariant)} users per variant detect ${percent(aa ? 0.05 : planning.trueEffect, 1)} with 80% power; traffic ${(planning.traffic * 100).toFixed(1)}% gives ${thousands((planning.traffic * planning.activeUsers) / 2)} (expected power ${(planning.expectedPower * 100).toFixed(0)}%)`,
    ].join('\n') + '\n'
  );
}
