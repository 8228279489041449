// An experiment report as plain text (the CLI) or Markdown (files, issues): the verdict first, then the variants,
// each treatment's comparisons with intervals, the sequential test, guardrails, the sample ratio check and power.

import type { ExperimentReport } from './analyze-experiment.ts';
import type { MetricComparison } from './metric-comparison.ts';
import { type MetricName, metricInfo } from './metric-names.ts';

const day = (time: number | null) => (time === null ? '—' : new Date(time).toISOString().slice(0, 10));
const thousands = (value: number) => value.toLocaleString('en-US');
const signed = (value: number, digits = 1) =>
  Number.isFinite(value) ? `${value >= 0 ? '+' : ''}${(value * 100).toFixed(digits)}%` : '—';

/** A metric's value as shown in the tables. */
export function formatMetric(metric: MetricName, value: number): string {
  if (!Number.isFinite(value)) return '—';
  switch (metric) {
    case 'ctr':
    case 'cvr':
    case 'conversionRate':
    case 'coverage':
      return `${(value * 100).toFixed(2)}%`;
    case 'latencyMs':
      return `${value.toFixed(1)} ms`;
    default:
      return value.toFixed(3);
  }
}

function table(rows: string[][], markdown: boolean): string {
  if (markdown) {
    const [head, ...body] = rows;
    return [head, head.map(() => '---'), ...body].map((row) => `| ${row.join(' | ')} |`).join('\n');
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
  return rows
    .map((row) =>
      row
        .map((cell, c) => cell.padEnd(widths[c]))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

function comparisonRow(comparison: MetricComparison): string[] {
  const label = metricInfo[comparison.metric].label + (comparison.cuped ? ' (CUPED)' : '');
  return [
    label,
    formatMetric(comparison.metric, comparison.control),
    formatMetric(comparison.metric, comparison.treatment),
    signed(comparison.relativeDifference),
    `[${signed(comparison.relativeInterval[0])}, ${signed(comparison.relativeInterval[1])}]`,
    comparison.pValue < 1e-4 ? '<0.0001' : comparison.pValue.toFixed(4),
    comparison.significant ? 'yes' : 'no',
  ];
}

/** The report as text; `markdown` gives Markdown tables and headings. */
export function formatExperimentReport(report: ExperimentReport, options: { markdown?: boolean } = {}): string {
  const markdown = options.markdown ?? false;
  const heading = (text: string) => (markdown ? `\n### ${text}\n` : `\n${text}\n`);
  const { experiment } = report;
  const lines: string[] = [];
  lines.push(
    `${markdown ? '## ' : ''}experiment ${experiment.id} "${experiment.name}": ${experiment.status}, layer ${experiment.layer}, traffic ${(experiment.traffic * 100).toFixed(1)}%, ${day(report.window.start)} → ${day(report.window.end)} (${report.window.days} days)`,
  );
  lines.push(`verdict: ${report.verdict}`);
  const metrics: MetricName[] = ['ctr', 'cvr', 'revenuePerUser', 'conversionRate', 'diversity', 'novelty', 'coverage'];
  lines.push(heading('variants'));
  lines.push(
    table(
      [
        [
          'variant',
          'users',
          'lists',
          'exposures',
          ...metrics.map((metric) => metricInfo[metric].label),
          'latency p50 / p99',
        ],
        ...report.variants.map((variant) => [
          `${variant.name}${variant.isControl && variant.name !== 'control' ? ' (control)' : ''}`,
          thousands(variant.users),
          thousands(variant.slates),
          thousands(variant.exposures),
          ...metrics.map((metric) => formatMetric(metric, variant.metrics[metric])),
          Number.isFinite(variant.latencyP50)
            ? `${variant.latencyP50.toFixed(1)} / ${variant.latencyP99.toFixed(1)} ms`
            : '—',
        ]),
      ],
      markdown,
    ),
  );
  for (const treatment of report.treatments) {
    lines.push(
      heading(
        `${treatment.variant} against ${experiment.control} (${(report.confidence * 100).toFixed(1)}% intervals)`,
      ),
    );
    lines.push(`verdict: ${treatment.verdict}${treatment.reasons.length ? `: ${treatment.reasons.join('; ')}` : ''}`);
    if (treatment.metrics.length) {
      lines.push('');
      lines.push(
        table(
          [
            ['metric', 'control', 'treatment', 'change', 'interval', 'p', 'significant'],
            ...treatment.metrics.map(comparisonRow),
          ],
          markdown,
        ),
      );
    }
    const sequential = treatment.sequential;
    if (sequential) {
      lines.push('');
      lines.push(
        `always-valid test of ${experiment.primaryMetric} (mSPRT, τ = ${sequential.tau}): p = ${sequential.pValue.toPrecision(3)} after ${sequential.looks} daily looks, interval [${signed(sequential.interval[0])}, ${signed(sequential.interval[1])}]${sequential.rejectedAt !== null ? `, significant since day ${sequential.rejectedAt + 1}` : ''}`,
      );
    }
    for (const guardrail of treatment.guardrails) lines.push(`guardrail ${guardrail.status}: ${guardrail.message}`);
  }
  const srm = report.sampleRatio;
  lines.push(heading('checks'));
  lines.push(
    srm
      ? `sample ratio: χ² = ${srm.chiSquare.toFixed(2)}, p = ${srm.pValue.toPrecision(3)}: ${srm.mismatch ? 'MISMATCH, the results cannot be trusted' : 'ok'} (observed ${Object.entries(
          srm.observed,
        )
          .map(([name, count]) => `${name} ${thousands(count)}`)
          .join(', ')})`
      : 'sample ratio: no exposed users yet',
  );
  if (report.power) {
    const power = report.power;
    lines.push(
      `power: ${thousands(power.usersNeededPerVariant)} users per variant detect ${signed(experiment.minimumDetectableEffect)} on ${power.metric} with 80% power${power.varianceReduction > 0 ? ` (CUPED removes ${(power.varianceReduction * 100).toFixed(0)}% of the variance)` : ''}; power reached: ${(power.achievedPower * 100).toFixed(0)}%`,
    );
  }
  if (report.dataQuality.unknownVariantEvents) {
    lines.push(`data: ${report.dataQuality.unknownVariantEvents} events name a variant the experiment does not have`);
  }
  return `${lines.join('\n')}\n`;
}
