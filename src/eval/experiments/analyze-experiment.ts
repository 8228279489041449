// The report of an experiment from its per-user data: metrics per variant, every treatment against control (CUPED
// where a pre-period exists), the always-valid sequential test on the primary metric, guardrails, the sample ratio
// check, the power reached, and a verdict with its reasons. With several treatments, α is split among them
// (Bonferroni), and the intervals use the same level.

import { dailySequentialTest } from './daily-looks.ts';
import type { Experiment } from './experiment.ts';
import type { ExperimentData } from './experiment-data.ts';
import { type GuardrailResult, judgeGuardrail } from './guardrails.ts';
import { compareMetric, type MetricComparison, unitValues, variantMetric } from './metric-comparison.ts';
import { type MetricName, metricNames, testedMetricNames } from './metric-names.ts';
import { summarize } from './statistics/comparison.ts';
import { powerForMeans, ratioUnitStandardDeviation, sampleSizeForMeans } from './statistics/power.ts';
import { type SampleRatioCheck, sampleRatioCheck } from './statistics/sample-ratio.ts';
import type { SequentialResult } from './statistics/sequential.ts';
import { summarizeRatio } from './statistics/tests.ts';

export interface VariantSummary {
  name: string;
  weight: number;
  isControl: boolean;
  /** Exposed users (the experiment's units). */
  users: number;
  slates: number;
  exposures: number;
  metrics: Record<MetricName, number>;
  latencyP50: number;
  latencyP99: number;
}

export type Verdict = 'ship' | 'do-not-ship' | 'keep-running' | 'no-detectable-effect' | 'invalid' | 'no-data';

export interface TreatmentResult {
  variant: string;
  /** The primary metric's fixed-horizon comparison. */
  primary: MetricComparison | null;
  /** The primary metric's always-valid test over daily looks. */
  sequential: SequentialResult | null;
  metrics: MetricComparison[];
  guardrails: GuardrailResult[];
  verdict: Verdict;
  reasons: string[];
}

export interface PowerSummary {
  metric: MetricName;
  baseline: number;
  /** Per-user standard deviation (of the linearisation for ratio metrics), measured in control. */
  standardDeviation: number;
  /** Share of variance CUPED removes on this data (0 without a pre-period). */
  varianceReduction: number;
  /** Users per variant needed to detect the minimum detectable effect with 80% power. */
  usersNeededPerVariant: number;
  /** Power reached now for that effect. */
  achievedPower: number;
}

export interface ExperimentReport {
  experiment: Pick<
    Experiment,
    | 'id'
    | 'name'
    | 'description'
    | 'status'
    | 'layer'
    | 'traffic'
    | 'control'
    | 'primaryMetric'
    | 'alpha'
    | 'minimumDetectableEffect'
    | 'startedAt'
    | 'stoppedAt'
  >;
  generatedAt: number;
  window: { start: number; end: number; days: number };
  /** Level of every interval (1 − α / treatments). */
  confidence: number;
  variants: VariantSummary[];
  sampleRatio: SampleRatioCheck | null;
  treatments: TreatmentResult[];
  power: PowerSummary | null;
  verdict: Verdict;
  dataQuality: { unknownVariantEvents: number };
}

function quantile(values: Float64Array, q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

function powerSummary(
  experiment: Experiment,
  data: ExperimentData,
  primary: MetricComparison | null,
): PowerSummary | null {
  const control = data.variants.get(experiment.control);
  const metric = experiment.primaryMetric;
  if (!control || control.users.length < 2) return null;
  let baseline: number;
  let standardDeviation: number;
  if (metric === 'ctr' || metric === 'cvr') {
    const sample =
      metric === 'ctr'
        ? summarizeRatio(control.clicks, control.impressions)
        : summarizeRatio(control.purchases, control.clicks);
    if (!(sample.denominatorMean > 0)) return null;
    ({ baseline, standardDeviation } = ratioUnitStandardDeviation(sample));
  } else if (metric === 'conversionRate') {
    baseline = variantMetric(metric, control, data);
    standardDeviation = Math.sqrt(baseline * (1 - baseline));
  } else {
    const values = (unitValues(metric, control) ?? new Float64Array(0)).filter(Number.isFinite);
    const sample = summarize(values);
    baseline = sample.mean;
    standardDeviation = Math.sqrt(sample.variance);
  }
  if (!(standardDeviation > 0) || !Number.isFinite(baseline) || baseline === 0) return null;
  const varianceReduction = Math.min(0.99, primary?.cuped?.varianceReduction ?? 0);
  const design = {
    baseline,
    standardDeviation,
    relativeEffect: experiment.minimumDetectableEffect,
    alpha: experiment.alpha / Math.max(1, experiment.variants.length - 1),
    varianceReduction,
  };
  return {
    metric,
    baseline,
    standardDeviation,
    varianceReduction,
    usersNeededPerVariant: sampleSizeForMeans({ ...design, power: 0.8 }).control,
    achievedPower: powerForMeans({ ...design, controlUnits: control.users.length }),
  };
}

function judge(options: {
  experiment: Experiment;
  primary: MetricComparison | null;
  sequential: SequentialResult | null;
  guardrails: GuardrailResult[];
  power: PowerSummary | null;
  users: number;
  alpha: number;
}): { verdict: Verdict; reasons: string[] } {
  const { experiment, primary, sequential, guardrails, power, alpha } = options;
  const reasons: string[] = [];
  if (!primary) return { verdict: 'no-data', reasons: [`not enough data on ${experiment.primaryMetric} yet`] };
  const failed = guardrails.filter((guardrail) => guardrail.status === 'fail');
  for (const guardrail of failed) reasons.push(`guardrail failed: ${guardrail.message}`);
  const better = primary.relativeDifference > 0;
  const reachedSize =
    experiment.status === 'stopped' || (power !== null && options.users >= power.usersNeededPerVariant);
  // Before the planned size is reached only the always-valid p-value may be trusted (peeking).
  const pValue = reachedSize || !sequential ? primary.pValue : sequential.pValue;
  const which = reachedSize || !sequential ? 'fixed-horizon' : 'always-valid';
  const lift = `${(primary.relativeDifference * 100).toFixed(2)}%`;
  if (failed.length) return { verdict: 'do-not-ship', reasons };
  if (pValue < alpha && !better) {
    reasons.push(`${experiment.primaryMetric} is significantly worse (${lift}, ${which} p = ${pValue.toPrecision(3)})`);
    return { verdict: 'do-not-ship', reasons };
  }
  if (pValue < alpha && better) {
    reasons.push(
      `${experiment.primaryMetric} is significantly better (${lift}, ${which} p = ${pValue.toPrecision(3)})`,
    );
    const open = guardrails.filter((guardrail) => guardrail.status === 'inconclusive');
    for (const guardrail of open) reasons.push(`check: ${guardrail.message}`);
    return { verdict: 'ship', reasons };
  }
  reasons.push(
    `${experiment.primaryMetric}: ${lift}, ${which} p = ${pValue.toPrecision(3)} (α = ${alpha.toPrecision(3)})`,
  );
  if (reachedSize) return { verdict: 'no-detectable-effect', reasons };
  if (power) reasons.push(`${options.users} of ${power.usersNeededPerVariant} users per variant needed for 80% power`);
  return { verdict: 'keep-running', reasons };
}

/** Analyses an experiment's data. `now` stamps the report (default: the current time). */
export function analyzeExperiment(
  experiment: Experiment,
  data: ExperimentData,
  options: {
    now?: number;
    /** Apply CUPED when the experiment has a pre-period (default true). */
    cuped?: boolean;
    /** Metrics to compare (default: all tested metrics); the primary metric and guardrails are always compared. */
    metrics?: readonly MetricName[];
  } = {},
): ExperimentReport {
  const treatments = experiment.variants.filter((variant) => variant.name !== experiment.control);
  const alpha = experiment.alpha / Math.max(1, treatments.length);
  const confidence = 1 - alpha;
  const cuped = (options.cuped ?? true) && experiment.preperiodDays > 0;
  const variants: VariantSummary[] = experiment.variants.map((variant) => {
    const units = data.variants.get(variant.name)!;
    const metrics = {} as Record<MetricName, number>;
    for (const metric of metricNames) metrics[metric] = variantMetric(metric, units, data);
    let exposures = 0;
    for (const value of units.impressions) exposures += value;
    return {
      name: variant.name,
      weight: variant.weight,
      isControl: variant.name === experiment.control,
      users: units.users.length,
      slates: units.slates,
      exposures,
      metrics,
      latencyP50: quantile(units.latencies, 0.5),
      latencyP99: quantile(units.latencies, 0.99),
    };
  });
  const totalUsers = variants.reduce((sum, variant) => sum + variant.users, 0);
  const sampleRatio =
    totalUsers > 0
      ? sampleRatioCheck({
          observed: Object.fromEntries(variants.map((variant) => [variant.name, variant.users])),
          weights: Object.fromEntries(experiment.variants.map((variant) => [variant.name, variant.weight])),
        })
      : null;
  const control = data.variants.get(experiment.control)!;
  let power: PowerSummary | null = null;
  const results: TreatmentResult[] = treatments.map((variant, index) => {
    const treatment = data.variants.get(variant.name)!;
    const metrics: MetricComparison[] = [];
    const wanted = new Set<MetricName>(options.metrics ?? testedMetricNames);
    wanted.add(experiment.primaryMetric);
    for (const guardrail of experiment.guardrails) wanted.add(guardrail.metric);
    for (const metric of testedMetricNames) {
      if (!wanted.has(metric)) continue;
      const comparison = compareMetric({ metric, control, treatment, confidence, cuped });
      if (comparison) metrics.push(comparison);
    }
    const primary = metrics.find((comparison) => comparison.metric === experiment.primaryMetric) ?? null;
    const sequential = dailySequentialTest({
      metric: experiment.primaryMetric,
      control,
      treatment,
      days: data.days,
      start: data.start,
      tau: experiment.minimumDetectableEffect,
      alpha,
    });
    const guardrails = experiment.guardrails.map((guardrail) =>
      judgeGuardrail(guardrail, metrics.find((comparison) => comparison.metric === guardrail.metric) ?? null),
    );
    if (index === 0) power = powerSummary(experiment, data, primary);
    const users = Math.min(control.users.length, treatment.users.length);
    const { verdict, reasons } = sampleRatio?.mismatch
      ? {
          verdict: 'invalid' as const,
          reasons: [
            `sample ratio mismatch (p = ${sampleRatio.pValue.toPrecision(3)}): fix assignment or logging first`,
          ],
        }
      : judge({ experiment, primary, sequential, guardrails, power, users, alpha });
    return { variant: variant.name, primary, sequential, metrics, guardrails, verdict, reasons };
  });
  const verdicts = results.map((result) => result.verdict);
  const overall: Verdict = verdicts.includes('invalid')
    ? 'invalid'
    : verdicts.includes('ship')
      ? 'ship'
      : verdicts.includes('keep-running')
        ? 'keep-running'
        : (verdicts[0] ?? 'no-data');
  return {
    experiment: {
      id: experiment.id,
      name: experiment.name,
      description: experiment.description,
      status: experiment.status,
      layer: experiment.layer,
      traffic: experiment.traffic,
      control: experiment.control,
      primaryMetric: experiment.primaryMetric,
      alpha: experiment.alpha,
      minimumDetectableEffect: experiment.minimumDetectableEffect,
      startedAt: experiment.startedAt,
      stoppedAt: experiment.stoppedAt,
    },
    generatedAt: options.now ?? Date.now(),
    window: { start: data.start, end: data.end, days: data.days },
    confidence,
    variants,
    sampleRatio,
    treatments: results,
    power,
    verdict: overall,
    dataQuality: { unknownVariantEvents: data.unknownVariantEvents },
  };
}
