// The `--report FILE.html` page: one self-contained file (inline CSS and SVG, no scripts or network) with the
// metrics table, a bar chart per metric, the long-tail curve, training times and significance marks.

import type { ModelComparison } from '../compare-models.ts';
import type { ModelResult } from '../experiment.ts';
import { formatPValue } from '../significance.ts';
import { barChart, escapeHtml, lineChart } from './svg-charts.ts';

export interface ReportInput {
  title: string;
  /** The protocol as written to JSON (name, ratios, seeds, k, ranking, dataset). */
  protocol: Record<string, unknown>;
  results: readonly ModelResult[];
  /** Metric keys to show, in order. */
  metrics: readonly string[];
  comparisons: readonly ModelComparison[];
  /** Interactions per item in the dataset, for the long-tail curve. */
  itemPopularity: Float64Array;
  /** p-value below which a difference is marked (default 0.05). */
  alpha?: number;
}

export function htmlReport(input: ReportInput): string {
  const alpha = input.alpha ?? 0.05;
  const sampled = String(input.protocol.ranking ?? 'full') !== 'full';
  const models = input.results.map((result) => result.model);
  const marks = new Map(
    input.comparisons.filter((c) => c.pValue < alpha).map((c) => [`${c.model}|${c.metric}`, c] as const),
  );
  const bestOf = (key: string) => Math.max(...input.results.map((r) => r.metrics[key]).filter(Number.isFinite));
  const header = ['model', ...input.metrics, 'fit s'].map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const rows = input.results
    .map((result) => {
      const cells = input.metrics.map((key) => {
        const value = result.metrics[key];
        const best = value === bestOf(key);
        const mark = marks.get(`${result.model}|${key}`);
        const text = Number.isFinite(value) ? value.toFixed(4) : '';
        const title = mark
          ? ` title="vs ${escapeHtml(mark.against)}: Δ ${mark.meanDifference.toFixed(4)}, p = ${formatPValue(mark.pValue)}"`
          : '';
        return `<td${title}>${best ? `<b>${text}</b>` : text}${mark ? '<sup>▼</sup>' : ''}</td>`;
      });
      return `<tr><td>${escapeHtml(result.model)}</td>${cells.join('')}<td>${result.fitSeconds.toFixed(2)}</td></tr>`;
    })
    .join('\n');
  const charts = input.metrics
    .map((key) => barChart({ title: key, labels: models, values: input.results.map((r) => r.metrics[key]) }))
    .join('\n');
  const times = barChart({
    title: 'fit seconds (mean per run)',
    labels: models,
    values: input.results.map((r) => r.fitSeconds),
    digits: 2,
  });
  const significance = input.comparisons.length
    ? `<table><tr><th>model</th><th>vs</th><th>metric</th><th>mean Δ</th><th>95% CI (bootstrap)</th><th>t</th><th>p</th><th>users</th></tr>${input.comparisons
        .map(
          (c) =>
            `<tr><td>${escapeHtml(c.model)}</td><td>${escapeHtml(c.against)}</td><td>${escapeHtml(c.metric)}</td><td>${c.meanDifference.toFixed(4)}</td><td>[${c.interval[0].toFixed(4)}, ${c.interval[1].toFixed(4)}]</td><td>${c.t.toFixed(2)}</td><td>${c.pValue < alpha ? '<b>' : ''}${formatPValue(c.pValue)}${c.pValue < alpha ? '</b>' : ''}</td><td>${c.n}</td></tr>`,
        )
        .join('')}</table>`
    : '<p>One model only: nothing to compare.</p>';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(input.title)}</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:24px;color:#222;max-width:1100px}
table{border-collapse:collapse;margin:8px 0 18px}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}
td:first-child,th:first-child{text-align:left}sup{color:#b5384a}.chart{margin:6px 12px 6px 0;font-size:12px}
.chart .title{font-weight:600}.banner{background:#fff3cd;border:1px solid #e0c36a;padding:8px;margin:8px 0}
pre{background:#f6f6f6;padding:8px;overflow:auto}
</style></head><body>
<h1>${escapeHtml(input.title)}</h1>
${sampled ? `<div class="banner"><b>Sampled ranking:</b> ${escapeHtml(String(input.protocol.ranking))}. These figures are not comparable with full-ranking ones.</div>` : ''}
<pre>${escapeHtml(JSON.stringify(input.protocol, null, 2))}</pre>
<h2>Metrics</h2>
<p>Mean over runs (folds × seeds). Best per column in bold; <sup>▼</sup> marks a model significantly below the best
(paired t-test over users, p &lt; ${alpha}); hover a mark for the difference and p-value.</p>
<table><tr>${header}</tr>
${rows}</table>
<h2>Charts</h2>
${charts}
<h2>Long tail</h2>
${longTail(input)}
<h2>Training time</h2>
${times}
<h2>Significance</h2>
${significance}
</body></html>
`;
}

/** Cumulative share of training interactions and of each model's recommendations over items by popularity. */
function longTail(input: ReportInput): string {
  const popularity = input.itemPopularity;
  const order = Int32Array.from(popularity.keys()).sort((a, b) => popularity[b] - popularity[a] || a - b);
  const curve = (weights: Float64Array): Array<[number, number]> => {
    const total = weights.reduce((sum, w) => sum + w, 0) || 1;
    const points: Array<[number, number]> = [[0, 0]];
    const step = Math.max(1, Math.floor(order.length / 200));
    let sum = 0;
    for (let r = 0; r < order.length; r++) {
      sum += weights[order[r]];
      if ((r + 1) % step === 0 || r === order.length - 1) points.push([(r + 1) / order.length, sum / total]);
    }
    return points;
  };
  const series = [
    { label: 'training interactions', points: curve(popularity), dashed: true },
    ...input.results.map((result) => {
      const counts = new Float64Array(popularity.length);
      for (const run of result.runs)
        for (let i = 0; i < counts.length; i++) counts[i] += run.evaluation.recommendationCounts[i];
      return { label: result.model, points: curve(counts) };
    }),
  ];
  return lineChart({
    title: 'cumulative share by item popularity rank',
    xLabel: 'items, most popular first (share of catalog)',
    yLabel: 'cumulative share',
    series,
  });
}
