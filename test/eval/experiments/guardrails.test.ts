import assert from 'node:assert/strict';
import { it } from 'node:test';
import { judgeGuardrail } from '../../../src/eval/experiments/guardrails.ts';
import type { MetricComparison } from '../../../src/eval/experiments/metric-comparison.ts';
import { welchTest } from '../../../src/eval/experiments/statistics/tests.ts';

/** A comparison of means 100 (control) and `treatment`, with standard error `error` on each side. */
function comparison(metric: MetricComparison['metric'], treatment: number, error: number): MetricComparison {
  const n = 1000;
  const variance = error * error * n;
  return { ...welchTest({ n, mean: 100, variance }, { n, mean: treatment, variance }), metric, cuped: null };
}

it('judges guardrails by non-inferiority, in the direction that is worse for the metric', () => {
  // Revenue: higher is better.
  assert.equal(
    judgeGuardrail({ metric: 'revenuePerUser', tolerance: 0.05 }, comparison('revenuePerUser', 99.5, 0.5)).status,
    'pass',
  );
  assert.equal(
    judgeGuardrail({ metric: 'revenuePerUser', tolerance: 0.05 }, comparison('revenuePerUser', 90, 0.5)).status,
    'fail',
  );
  assert.equal(
    judgeGuardrail({ metric: 'revenuePerUser', tolerance: 0.05 }, comparison('revenuePerUser', 97, 0.5)).status,
    'warn',
  );
  assert.equal(
    judgeGuardrail({ metric: 'revenuePerUser', tolerance: 0.05 }, comparison('revenuePerUser', 99, 5)).status,
    'inconclusive',
  );
  // Latency: lower is better, so an increase is the degradation.
  const slower = judgeGuardrail({ metric: 'latencyMs', tolerance: 0.1 }, comparison('latencyMs', 125, 1));
  assert.equal(slower.status, 'fail');
  assert.ok(Math.abs(slower.degradation - 0.25) < 1e-12);
  assert.match(slower.message, /latency \(ms\) is significantly worse by 25\.0% \(tolerance 10\.0%\)/);
  assert.equal(judgeGuardrail({ metric: 'latencyMs', tolerance: 0.1 }, comparison('latencyMs', 80, 1)).status, 'pass');
  assert.equal(judgeGuardrail({ metric: 'latencyMs', tolerance: 0.1 }, null).status, 'no-data');
});
