// Guardrail metrics: what a treatment must not make worse (revenue, latency) even when it wins on the primary metric.
// A guardrail passes when the confidence interval rules out a degradation beyond its tolerance (a non-inferiority
// test), fails when the degradation is significant and beyond the tolerance, and is otherwise inconclusive.

import type { Guardrail } from './experiment.ts';
import type { MetricComparison } from './metric-comparison.ts';
import { metricInfo } from './metric-names.ts';

export type GuardrailStatus = 'pass' | 'warn' | 'fail' | 'inconclusive' | 'no-data';

export interface GuardrailResult extends Guardrail {
  status: GuardrailStatus;
  /** Relative change, treatment / control − 1, and its interval. */
  relativeDifference: number;
  relativeInterval: [number, number];
  /** Relative change in the harmful direction (positive = worse). */
  degradation: number;
  message: string;
}

/** Judges one guardrail from the metric's comparison (null: the metric had no data). */
export function judgeGuardrail(guardrail: Guardrail, comparison: MetricComparison | null): GuardrailResult {
  const label = metricInfo[guardrail.metric].label;
  if (!comparison || !Number.isFinite(comparison.relativeDifference)) {
    return {
      ...guardrail,
      status: 'no-data',
      relativeDifference: Number.NaN,
      relativeInterval: [Number.NaN, Number.NaN],
      degradation: Number.NaN,
      message: `${label}: no data to judge`,
    };
  }
  const sign = metricInfo[guardrail.metric].higherIsBetter ? -1 : 1;
  const degradation = sign * comparison.relativeDifference;
  // The interval of the degradation: flip the relative interval when lower is worse.
  const [low, high] = comparison.relativeInterval;
  const worst = sign < 0 ? -low : high;
  const best = sign < 0 ? -high : low;
  const tolerance = guardrail.tolerance;
  const percent = (value: number) => `${(value * 100).toFixed(1)}%`;
  let status: GuardrailStatus;
  let message: string;
  if (best > 0 && comparison.significant && degradation > tolerance) {
    status = 'fail';
    message = `${label} is significantly worse by ${percent(degradation)} (tolerance ${percent(tolerance)})`;
  } else if (worst < tolerance) {
    status = best > 0 && comparison.significant ? 'warn' : 'pass';
    message =
      status === 'warn'
        ? `${label} is significantly worse by ${percent(degradation)}, within the tolerance of ${percent(tolerance)}`
        : `${label} is no worse than ${percent(tolerance)} (worst case ${percent(Math.max(0, worst))})`;
  } else {
    status = 'inconclusive';
    message = `${label}: a degradation up to ${percent(worst)} cannot be ruled out (tolerance ${percent(tolerance)})`;
  }
  return {
    ...guardrail,
    status,
    relativeDifference: comparison.relativeDifference,
    relativeInterval: comparison.relativeInterval,
    degradation,
    message,
  };
}
