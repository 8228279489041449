// Monitoring over time: CTR and CVR, catalog coverage and diversity, data health and model age over a window of the
// store's logs; recommendations served, latency p50/p99 and requests from this process, minute by minute; alerts.

import type { TimeSeries } from '../../../src/eval/monitoring/time-series.ts';
import { formatTime, formatValue } from '../shared/format.ts';
import { navigate, useLocation } from '../shared/router.ts';
import { useAsync } from '../shared/use-async.ts';
import { adminApi } from './admin-api.ts';
import { LineChart } from './line-chart.tsx';
import { Loaded } from './panel.tsx';

interface Monitoring {
  snapshot: {
    window: { from: number; to: number; bucketMs: number };
    series: TimeSeries[];
    latest: Record<string, number | null>;
    alerts: Array<{ rule: string; severity: string; message: string }>;
  };
  live: TimeSeries[];
  servedBySource: Record<string, number>;
}

const windows: Record<string, string> = { '24h': '1h', '7d': '1d', '30d': '1d', '90d': '1d' };
const ends: Record<string, string> = {
  auto: 'now, or the newest event when the window is empty',
  now: 'now',
  latest: 'the newest event',
};

export function MonitoringPage() {
  const { query } = useLocation();
  const window = windows[query.get('window') ?? ''] ? query.get('window')! : '90d';
  const end = ends[query.get('to') ?? ''] ? query.get('to')! : 'auto';
  const state = useAsync(
    () =>
      adminApi<Monitoring>(`/api/admin/monitoring?window=${window}&bucket=${windows[window]}&to=${end}&liveMinutes=60`),
    [window, end],
  );
  const go = (changes: { window?: string; to?: string }) =>
    navigate(`/admin/monitoring?window=${changes.window ?? window}&to=${changes.to ?? end}`, { replace: true });
  return (
    <>
      <div class="inline-form">
        <label class="field field-inline" for="monitor-window">
          Window
          <select id="monitor-window" value={window} onChange={(event) => go({ window: event.currentTarget.value })}>
            {Object.keys(windows).map((name) => (
              <option key={name} value={name}>
                {name} in {windows[name]} buckets
              </option>
            ))}
          </select>
        </label>
        <label class="field field-inline" for="monitor-end">
          ending
          <select id="monitor-end" value={end} onChange={(event) => go({ to: event.currentTarget.value })}>
            {Object.entries(ends).map(([name, label]) => (
              <option key={name} value={name}>
                {label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <Loaded state={state}>{(data) => <Charts data={data} />}</Loaded>
    </>
  );
}

function Charts({ data }: { data: Monitoring }) {
  const { snapshot, live } = data;
  const find = (list: TimeSeries[], name: string) => list.find((series) => series.name === name);
  const daily = snapshot.window.bucketMs >= 86_400_000;
  const formatX = (t: number) => formatTime(t, !daily);
  const chart = (title: string, names: string[], list = snapshot.series, format = formatX) => {
    const found = names.map((name) => find(list, name)).filter((series): series is TimeSeries => Boolean(series));
    return (
      <LineChart
        key={title}
        title={title}
        unit={found[0]?.unit ?? ''}
        formatX={format}
        series={found.map((series) => ({
          label: series.label,
          points: series.points.map((point) => ({ x: point.t, y: point.value })),
        }))}
      />
    );
  };
  const minute = (t: number) => formatTime(t).slice(11);
  return (
    <>
      <p class="hint">
        Store logs {formatTime(snapshot.window.from)} → {formatTime(snapshot.window.to)} UTC (the window ends at the
        newest event when nothing happened lately). Serving series: this process, the last hour by minute.
      </p>
      {snapshot.alerts.length > 0 ? (
        <ul class="alerts" data-testid="alerts">
          {snapshot.alerts.map((alert) => (
            <li key={alert.rule} class={`alert alert-${alert.severity}`}>
              <strong>{alert.severity}</strong> {alert.rule}: {alert.message}
            </li>
          ))}
        </ul>
      ) : (
        <p class="ok">No alerts.</p>
      )}
      <h2>Business</h2>
      <div class="charts">
        {chart('CTR and CVR', ['ctr', 'cvr'])}
        {chart('Active users', ['active_users'])}
      </div>
      <h2>Coverage and diversity</h2>
      <div class="charts">
        {chart('Catalog coverage', ['catalog_coverage'])}
        {chart('Intra-list diversity and exposure Gini', ['intra_list_diversity', 'exposure_gini'])}
      </div>
      <h2>Serving (this process)</h2>
      <div class="charts">
        {chart('Recommendation lists served per minute', ['lists_served'], live, minute)}
        {chart('Latency p50 and p99', ['latency_p50_ms', 'latency_p99_ms'], live, minute)}
        {chart('Requests per minute', ['requests_per_minute'], live, minute)}
        {chart('Server error rate', ['error_rate'], live, minute)}
      </div>
      <h2>Data and model</h2>
      <div class="charts">
        {chart('Events per minute', ['events_per_minute'])}
        {chart('Cold users among the active', ['cold_user_share'])}
        {chart('Age of the newest model (h)', ['model_age_hours'])}
        {chart('New items', ['new_items'])}
      </div>
      <h2>Latest values</h2>
      <table class="data-table">
        <tbody>
          {snapshot.series.map((series) => (
            <tr key={series.name}>
              <th scope="row">{series.label}</th>
              <td>{formatValue(snapshot.latest[series.name], series.unit)}</td>
              <td class="hint">{series.name}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
