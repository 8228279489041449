// Experiments: the list, and for the chosen one its report: the verdict and why, variants, the sample ratio check,
// each metric's effect with its confidence interval (a forest plot and a table), guardrails and power.

import type { ExperimentReport } from '../../../src/eval/experiments/analyze-experiment.ts';
import { formatNumber, formatTime } from '../shared/format.ts';
import { navigate, useLocation } from '../shared/router.ts';
import { useAsync } from '../shared/use-async.ts';
import { adminApi } from './admin-api.ts';
import { IntervalChart } from './interval-chart.tsx';
import { Loaded } from './panel.tsx';

interface ExperimentRow {
  id: string;
  name: string;
  status: string;
  layer: string;
  traffic: number;
  primaryMetric: string;
  startedAt: number | null;
  stoppedAt: number | null;
}

const value = (number: number | null | undefined, digits = 4) =>
  number === null || number === undefined || !Number.isFinite(number) ? '—' : Number(number.toFixed(digits)).toString();
const percent = (number: number | null | undefined) =>
  number === null || number === undefined || !Number.isFinite(number)
    ? '—'
    : `${number >= 0 ? '+' : ''}${(number * 100).toFixed(2)}%`;

export function ExperimentsPage() {
  const { query } = useLocation();
  const chosen = query.get('id');
  const list = useAsync(() => adminApi<{ experiments: ExperimentRow[] }>('/api/experiments'), []);
  return (
    <Loaded state={list}>
      {({ experiments }) =>
        experiments.length === 0 ? (
          <div class="notice">
            <p>No experiments in this store. Create one, or simulate one on the demo shop:</p>
            <pre>lmrec experiment simulate --effect 0.05 --days 14</pre>
          </div>
        ) : (
          <>
            <table class="data-table" data-testid="experiments">
              <thead>
                <tr>
                  <th scope="col">experiment</th>
                  <th scope="col">status</th>
                  <th scope="col">layer</th>
                  <th scope="col">traffic</th>
                  <th scope="col">primary</th>
                  <th scope="col">started</th>
                </tr>
              </thead>
              <tbody>
                {experiments.map((experiment) => (
                  <tr key={experiment.id} class={experiment.id === chosen ? 'selected' : ''}>
                    <th scope="row">
                      <a
                        href={`/admin/experiments?id=${encodeURIComponent(experiment.id)}`}
                        onClick={(event) => {
                          event.preventDefault();
                          navigate(`/admin/experiments?id=${encodeURIComponent(experiment.id)}`);
                        }}
                      >
                        {experiment.name}
                      </a>
                    </th>
                    <td>{experiment.status}</td>
                    <td>{experiment.layer}</td>
                    <td>{Math.round(experiment.traffic * 100)}%</td>
                    <td>{experiment.primaryMetric}</td>
                    <td>{experiment.startedAt ? formatTime(experiment.startedAt) : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <Report id={chosen ?? experiments[0].id} key={chosen ?? experiments[0].id} />
          </>
        )
      }
    </Loaded>
  );
}

function Report({ id }: { id: string }) {
  const state = useAsync(() => adminApi<ExperimentReport>(`/api/experiments/${encodeURIComponent(id)}/report`), [id]);
  return (
    <Loaded state={state}>
      {(report) => (
        <section class="report" data-testid="experiment-report">
          <h2>
            {report.experiment.name} <span class={`verdict verdict-${report.verdict}`}>{report.verdict}</span>
          </h2>
          <p class="hint">
            {formatTime(report.window.start)} → {formatTime(report.window.end)} UTC ({value(report.window.days, 1)}{' '}
            days); intervals at {Math.round(report.confidence * 1000) / 10}%.
          </p>
          <h3>Variants</h3>
          <table class="data-table">
            <thead>
              <tr>
                <th scope="col">variant</th>
                <th scope="col">users</th>
                <th scope="col">lists</th>
                <th scope="col">exposures</th>
                <th scope="col">CTR</th>
                <th scope="col">CVR</th>
                <th scope="col">revenue / user</th>
              </tr>
            </thead>
            <tbody>
              {report.variants.map((variant) => (
                <tr key={variant.name}>
                  <th scope="row">
                    {variant.name}
                    {variant.isControl ? ' (control)' : ''}
                  </th>
                  <td>{formatNumber(variant.users)}</td>
                  <td>{formatNumber(variant.slates)}</td>
                  <td>{formatNumber(variant.exposures)}</td>
                  <td>{value(variant.metrics.ctr)}</td>
                  <td>{value(variant.metrics.cvr)}</td>
                  <td>{value(variant.metrics.revenuePerUser, 2)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>Sample ratio check</h3>
          {report.sampleRatio ? (
            <p class={report.sampleRatio.mismatch ? 'error' : 'ok'} data-testid="srm">
              {report.sampleRatio.mismatch ? 'Sample ratio mismatch: ' : 'No sample ratio mismatch: '}
              observed{' '}
              {Object.entries(report.sampleRatio.observed)
                .map(([name, n]) => `${name} ${formatNumber(n)}`)
                .join(', ')}
              ; expected{' '}
              {Object.entries(report.sampleRatio.expected)
                .map(([name, n]) => `${name} ${formatNumber(n, 1)}`)
                .join(', ')}
              ; χ² = {value(report.sampleRatio.chiSquare, 3)}, p = {value(report.sampleRatio.pValue, 4)} (flag below{' '}
              {report.sampleRatio.threshold}).
            </p>
          ) : (
            <p class="hint">Not enough users yet.</p>
          )}
          {report.treatments.map((treatment) => (
            <div key={treatment.variant}>
              <h3>
                {treatment.variant} vs {report.experiment.control}: {treatment.verdict}
              </h3>
              <ul class="reasons">
                {treatment.reasons.map((reason) => (
                  <li key={reason}>{reason}</li>
                ))}
              </ul>
              <IntervalChart
                title="Relative effect with its confidence interval"
                intervals={treatment.metrics.map((metric) => ({
                  label: metric.metric,
                  estimate: metric.relativeDifference,
                  low: metric.relativeInterval[0],
                  high: metric.relativeInterval[1],
                  significant: metric.pValue < 1 - metric.confidence,
                }))}
              />
              <table class="data-table">
                <thead>
                  <tr>
                    <th scope="col">metric</th>
                    <th scope="col">control</th>
                    <th scope="col">treatment</th>
                    <th scope="col">relative</th>
                    <th scope="col">interval</th>
                    <th scope="col">p</th>
                    <th scope="col">test</th>
                  </tr>
                </thead>
                <tbody>
                  {treatment.metrics.map((metric) => (
                    <tr key={metric.metric}>
                      <th scope="row">{metric.metric}</th>
                      <td>{value(metric.control)}</td>
                      <td>{value(metric.treatment)}</td>
                      <td>{percent(metric.relativeDifference)}</td>
                      <td>
                        [{percent(metric.relativeInterval[0])}, {percent(metric.relativeInterval[1])}]
                      </td>
                      <td>{value(metric.pValue, 4)}</td>
                      <td>
                        {metric.test}
                        {metric.cuped ? ' + CUPED' : ''}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {treatment.guardrails.length > 0 && (
                <p class="hint">
                  Guardrails:{' '}
                  {treatment.guardrails.map((guardrail) => `${guardrail.metric} ${guardrail.status}`).join(', ')}
                </p>
              )}
            </div>
          ))}
          {report.power && (
            <p class="hint">
              Power for a {percent(report.experiment.minimumDetectableEffect)} effect on {report.power.metric}:{' '}
              {Math.round(report.power.achievedPower * 100)}% now; {formatNumber(report.power.usersNeededPerVariant)}{' '}
              users per variant needed for 80%.
            </p>
          )}
        </section>
      )}
    </Loaded>
  );
}
