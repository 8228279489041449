// Many runs of one simulated experiment on one workload, each with a fresh assignment salt, fresh slates and fresh
// clicks: how often the report detects a known effect (power), how often an A/A test "detects" one (false
// positives), how often the interval covers the truth, and how the always-valid test fares under daily peeking.
// Also the pilot that feeds the sample-size calculator.

import type { Progress } from '../../../core/progress.ts';
import { analyzeExperiment } from '../analyze-experiment.ts';
import { bucketCount, buildExperiment, type Experiment, parseExperimentInput } from '../experiment.ts';
import { ratioUnitStandardDeviation, type SampleSize, sampleSizeForMeans } from '../statistics/power.ts';
import { summarizeRatio } from '../statistics/tests.ts';
import { type Preperiod, simulateExperimentData } from './simulate-traffic.ts';
import { policyCtr, type SimulatedPolicy } from './simulated-policies.ts';
import type { SessionWorkload } from './workload.ts';

/** A two-variant CTR experiment over the whole workload window, held by `traffic` of the users. */
export function simulationExperiment(options: {
  id: string;
  traffic: number;
  alpha?: number;
  minimumDetectableEffect?: number;
  start: number;
}): Experiment {
  const input = parseExperimentInput({
    id: options.id,
    name: options.id,
    traffic: options.traffic,
    alpha: options.alpha ?? 0.05,
    minimumDetectableEffect: options.minimumDetectableEffect ?? 0.05,
    guardrails: [],
  });
  const size = Math.max(1, Math.min(bucketCount, Math.round(options.traffic * bucketCount)));
  return buildExperiment(input, { id: options.id, range: [0, size], now: options.start, status: 'running' });
}

export interface PilotDesign {
  /** Control CTR and per-user standard deviation of its linearisation, measured on the pilot. */
  baseline: number;
  standardDeviation: number;
  /** Users with at least one session in the workload (who would be exposed at traffic 1). */
  activeUsers: number;
  sampleSize: SampleSize;
  /** Traffic that puts `sampleSize.total` users in the experiment on average (capped at 1). */
  traffic: number;
}

/**
 * Sizes an experiment as a practitioner would from last month's logs: the control policy is run once over the
 * workload for every user (independent draws, `seed`), and the calculator gets its CTR and per-user spread.
 */
export function pilotDesign(options: {
  workload: SessionWorkload;
  control: SimulatedPolicy;
  relativeEffect: number;
  seed: number;
  alpha?: number;
  power?: number;
}): PilotDesign {
  const { workload } = options;
  const experiment = simulationExperiment({ id: 'pilot', traffic: 1, start: workload.start });
  const data = simulateExperimentData({
    workload,
    experiment,
    policies: { control: options.control, treatment: options.control },
    seed: options.seed,
  });
  const clicks: number[] = [];
  const impressions: number[] = [];
  for (const units of data.variants.values()) {
    clicks.push(...units.clicks);
    impressions.push(...units.impressions);
  }
  const design = ratioUnitStandardDeviation(summarizeRatio(clicks, impressions));
  const sampleSize = sampleSizeForMeans({
    ...design,
    relativeEffect: options.relativeEffect,
    alpha: options.alpha,
    power: options.power,
  });
  const activeUsers = new Set(workload.sessionUser).size;
  return { ...design, activeUsers, sampleSize, traffic: Math.min(1, sampleSize.total / activeUsers) };
}

export interface RepeatedRunsResult {
  runs: number;
  /** True relative CTR effect of treatment over control on the workload. */
  trueEffect: number;
  /** Mean users per variant. */
  usersPerVariant: number;
  /** Runs where the fixed-horizon test of the report's primary metric (CUPED) rejected, and in the true direction. */
  rejected: number;
  detected: number;
  /** The same without CUPED. */
  rejectedUnadjusted: number;
  detectedUnadjusted: number;
  /** Runs where the always-valid p-value fell below α at some daily look. */
  sequentialRejected: number;
  /** Runs where a plain test repeated at every daily look rejected at least once (what peeking does). */
  peekingRejected: number;
  /** Runs whose interval of the relative effect contains the true effect. */
  intervalCovered: number;
  /** Runs flagged by the sample ratio check. */
  sampleRatioMismatches: number;
  /** Mean estimated relative effect, and its standard deviation over runs. */
  meanEstimate: number;
  estimateSpread: number;
  /** Mean standard error the reports gave for it: close to the spread when the tests are calibrated. */
  meanStandardError: number;
  /** Mean variance reduction of CUPED. */
  meanVarianceReduction: number;
}

/** Runs the experiment `runs` times; the control serves `control`, the treatment `treatment`. */
export function repeatExperiment(options: {
  workload: SessionWorkload;
  control: SimulatedPolicy;
  treatment: SimulatedPolicy;
  runs: number;
  seed: number;
  traffic: number;
  alpha?: number;
  minimumDetectableEffect?: number;
  preperiod?: Preperiod;
  /** Inject a logging bug into every run (see TrafficOptions). */
  dropUsers?: { variant: string; share: number };
  progress?: Progress;
}): RepeatedRunsResult {
  const { workload, runs } = options;
  const alpha = options.alpha ?? 0.05;
  const trueEffect = policyCtr(workload, options.treatment) / policyCtr(workload, options.control) - 1;
  const result: RepeatedRunsResult = {
    runs,
    trueEffect,
    usersPerVariant: 0,
    rejected: 0,
    detected: 0,
    rejectedUnadjusted: 0,
    detectedUnadjusted: 0,
    sequentialRejected: 0,
    peekingRejected: 0,
    intervalCovered: 0,
    sampleRatioMismatches: 0,
    meanEstimate: 0,
    estimateSpread: 0,
    meanStandardError: 0,
    meanVarianceReduction: 0,
  };
  const estimates: number[] = [];
  options.progress?.start(`${runs} simulated experiments`, runs);
  for (let run = 0; run < runs; run++) {
    const experiment = {
      ...simulationExperiment({
        id: `run-${run}`,
        traffic: options.traffic,
        alpha,
        minimumDetectableEffect: options.minimumDetectableEffect,
        start: workload.start,
      }),
      layer: `layer-${options.seed}-${run}`,
      salt: `salt-${options.seed}-${run}`,
    };
    const data = simulateExperimentData({
      workload,
      experiment,
      policies: { control: options.control, treatment: options.treatment },
      seed: options.seed * 7919 + run,
      preperiod: options.preperiod,
      dropUsers: options.dropUsers,
    });
    const report = analyzeExperiment(experiment, data, { now: workload.end, metrics: ['ctr'] });
    const treatment = report.treatments[0];
    const primary = treatment.primary;
    result.usersPerVariant += report.variants.reduce((sum, variant) => sum + variant.users, 0) / 2 / runs;
    if (report.sampleRatio?.mismatch) result.sampleRatioMismatches++;
    if (primary) {
      const plain = primary.unadjusted ?? primary;
      const sameSign = (value: number) => Math.sign(value) === Math.sign(trueEffect) || trueEffect === 0;
      if (primary.pValue < alpha) result.rejected++;
      if (primary.pValue < alpha && sameSign(primary.relativeDifference)) result.detected++;
      if (plain.pValue < alpha) result.rejectedUnadjusted++;
      if (plain.pValue < alpha && sameSign(plain.relativeDifference)) result.detectedUnadjusted++;
      const [low, high] = primary.relativeInterval;
      if (low <= trueEffect && trueEffect <= high) result.intervalCovered++;
      estimates.push(primary.relativeDifference);
      result.meanStandardError += primary.relativeStandardError / runs;
      result.meanVarianceReduction += (primary.cuped?.varianceReduction ?? 0) / runs;
    }
    if (treatment.sequential && treatment.sequential.rejectedAt !== null) result.sequentialRejected++;
    if (treatment.sequential?.naivePath.some((p) => p < alpha)) result.peekingRejected++;
    options.progress?.tick();
  }
  options.progress?.done();
  const mean = estimates.reduce((sum, value) => sum + value, 0) / Math.max(1, estimates.length);
  result.meanEstimate = mean;
  result.estimateSpread = Math.sqrt(
    estimates.reduce((sum, value) => sum + (value - mean) ** 2, 0) / Math.max(1, estimates.length - 1),
  );
  return result;
}
