// Models: the leaderboard of the store's last offline evaluation (`lmrec eval`): the metric table with the best
// value per column in bold, a bar chart per metric, fit times, and the paired significance tests.

import type { PairedComparison } from '../../../src/eval/significance.ts';
import { formatTime } from '../shared/format.ts';
import { useAsync } from '../shared/use-async.ts';
import { adminApi } from './admin-api.ts';
import { BarChart } from './bar-chart.tsx';
import { Loaded } from './panel.tsx';

/** GET /api/admin/evaluation (src/eval/report/last-evaluation.ts; the evaluation layer's types pull in Node). */
interface SavedEvaluation {
  savedAt: number;
  columns: string[];
  document: {
    protocol: Record<string, unknown>;
    results: Result[];
    significance: Array<PairedComparison & { model: string; against: string; metric: string }>;
  };
}

interface Result {
  model: string;
  metrics: Record<string, number | null>;
  fitSeconds: number;
  recommendSeconds?: number;
  usersEvaluated?: number;
}

const digits = (value: number | null | undefined) =>
  value === null || value === undefined || !Number.isFinite(value) ? '—' : value.toFixed(4);

export function ModelsPage() {
  const state = useAsync(() => adminApi<{ evaluation: SavedEvaluation | null }>('/api/admin/evaluation'), []);
  return (
    <Loaded state={state}>
      {({ evaluation }) => (evaluation ? <Leaderboard evaluation={evaluation} /> : <NoEvaluation />)}
    </Loaded>
  );
}

function NoEvaluation() {
  return (
    <div class="notice" data-testid="no-evaluation">
      <p>This store has not been evaluated yet. Evaluate some models on it, then reload:</p>
      <pre>lmrec eval --db &lt;store&gt; --models popularity,itemknn,ease,als</pre>
    </div>
  );
}

function Leaderboard({ evaluation }: { evaluation: SavedEvaluation }) {
  const document = evaluation.document;
  const results = document.results;
  const columns = evaluation.columns;
  const protocol = document.protocol;
  const dataset = (protocol.dataset ?? {}) as Record<string, unknown>;
  const best = (key: string) => {
    const values = results
      .map((result) => result.metrics[key])
      .filter((value): value is number => Number.isFinite(value));
    return values.length ? Math.max(...values) : Number.NaN;
  };
  const significant = document.significance.filter((entry) => entry.pValue < 0.05);
  return (
    <>
      <p class="hint">
        {String(protocol.name ?? protocol.protocol ?? 'offline')} protocol, {String(protocol.ranking ?? 'full')}{' '}
        ranking, K={String(protocol.k ?? '')}; {String(dataset.users ?? '?')} users, {String(dataset.items ?? '?')}{' '}
        items, {String(dataset.interactions ?? '?')} interactions; evaluated {formatTime(evaluation.savedAt)} UTC.
      </p>
      <div class="table-scroll">
        <table class="data-table" data-testid="leaderboard">
          <thead>
            <tr>
              <th scope="col">model</th>
              {columns.map((key) => (
                <th scope="col" key={key}>
                  {key}
                </th>
              ))}
              <th scope="col">fit s</th>
              <th scope="col">users</th>
            </tr>
          </thead>
          <tbody>
            {results.map((result) => (
              <tr key={result.model}>
                <th scope="row">{result.model}</th>
                {columns.map((key) => (
                  <td key={key}>
                    {result.metrics[key] === best(key) ? (
                      <b>{digits(result.metrics[key])}</b>
                    ) : (
                      digits(result.metrics[key])
                    )}
                  </td>
                ))}
                <td>{result.fitSeconds.toFixed(2)}</td>
                <td>{result.usersEvaluated ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div class="charts">
        {columns.map((key) => (
          <BarChart
            key={key}
            title={key}
            labels={results.map((result) => result.model)}
            values={results.map((result) => result.metrics[key])}
          />
        ))}
        <BarChart
          title="training time (s, mean per run)"
          labels={results.map((result) => result.model)}
          values={results.map((result) => result.fitSeconds)}
          best="min"
        />
      </div>
      <h2>Significance (paired t-test over users)</h2>
      {document.significance.length === 0 ? (
        <p class="hint">One model only: nothing to compare.</p>
      ) : (
        <div class="table-scroll">
          <table class="data-table">
            <thead>
              <tr>
                <th scope="col">model</th>
                <th scope="col">vs</th>
                <th scope="col">metric</th>
                <th scope="col">mean Δ</th>
                <th scope="col">95% CI</th>
                <th scope="col">p</th>
              </tr>
            </thead>
            <tbody>
              {document.significance.map((entry) => (
                <tr
                  key={`${entry.model}|${entry.against}|${entry.metric}`}
                  class={entry.pValue < 0.05 ? 'significant' : ''}
                >
                  <th scope="row">{entry.model}</th>
                  <td>{entry.against}</td>
                  <td>{entry.metric}</td>
                  <td>{digits(entry.meanDifference)}</td>
                  <td>
                    [{digits(entry.interval[0])}, {digits(entry.interval[1])}]
                  </td>
                  <td>{entry.pValue < 0.001 ? entry.pValue.toExponential(1) : entry.pValue.toFixed(3)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p class="hint">
            {significant.length} of {document.significance.length} differences significant at p &lt; 0.05.
          </p>
        </div>
      )}
    </>
  );
}
