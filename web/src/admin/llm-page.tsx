// LLM usage from the gateway's ledger: calls, tokens, cost and the cache hit rate, per model and per day.

import { formatNumber, formatShare } from '../shared/format.ts';
import { useAsync } from '../shared/use-async.ts';
import { adminApi } from './admin-api.ts';
import { BarChart } from './bar-chart.tsx';
import { LineChart } from './line-chart.tsx';
import { Figures, Loaded } from './panel.tsx';

/** GET /api/admin/llm-usage: the ledger's totals (src/llm/usage/ledger.ts, which pulls in Node) and the hit rate. */
interface UsageCounters {
  calls: number;
  cacheHits: number;
  networkCalls: number;
  promptTokens: number;
  completionTokens: number;
  costUsd: number;
  errors: number;
}

interface Usage extends UsageCounters {
  cacheHitRate: number | null;
  byModel: Record<string, UsageCounters>;
  byDay: Record<string, UsageCounters>;
}

const hitRate = (counters: UsageCounters) => (counters.calls ? counters.cacheHits / counters.calls : null);

export function LlmPage() {
  const state = useAsync(() => adminApi<Usage>('/api/admin/llm-usage'), []);
  return (
    <Loaded state={state}>
      {(usage) => {
        const days = Object.entries(usage.byDay).sort(([a], [b]) => a.localeCompare(b));
        const models = Object.entries(usage.byModel).sort((a, b) => b[1].calls - a[1].calls);
        const day = (text: string) => Date.parse(`${text}T00:00:00Z`);
        return (
          <>
            <Figures
              figures={[
                { label: 'calls', value: formatNumber(usage.calls), testId: 'llm-calls' },
                { label: 'answered from the cache', value: formatNumber(usage.cacheHits) },
                { label: 'cache hit rate', value: formatShare(usage.cacheHitRate) },
                { label: 'calls over the network', value: formatNumber(usage.networkCalls) },
                { label: 'prompt tokens', value: formatNumber(usage.promptTokens) },
                { label: 'completion tokens', value: formatNumber(usage.completionTokens) },
                { label: 'cost', value: `$${usage.costUsd.toFixed(4)}` },
                { label: 'errors', value: formatNumber(usage.errors) },
              ]}
            />
            {usage.calls === 0 && (
              <p class="notice">
                No LLM calls recorded. With no LLM configured (LMREC_LLM), lmrec runs its non-LLM paths: the figures
                fill in once a provider is set and a job or the assistant uses it.
              </p>
            )}
            <div class="charts">
              <LineChart
                title="Calls and cache hits per day"
                unit=""
                formatX={(t) => new Date(t).toISOString().slice(0, 10)}
                series={[
                  { label: 'calls', points: days.map(([name, counters]) => ({ x: day(name), y: counters.calls })) },
                  {
                    label: 'cache hits',
                    points: days.map(([name, counters]) => ({ x: day(name), y: counters.cacheHits })),
                  },
                ]}
              />
              <LineChart
                title="Cost per day"
                unit="USD"
                formatX={(t) => new Date(t).toISOString().slice(0, 10)}
                series={[
                  { label: 'cost', points: days.map(([name, counters]) => ({ x: day(name), y: counters.costUsd })) },
                ]}
              />
              <BarChart
                title="Tokens per model"
                labels={models.map(([name]) => name)}
                values={models.map(([, counters]) => counters.promptTokens + counters.completionTokens)}
              />
            </div>
            {models.length > 0 && (
              <table class="data-table">
                <thead>
                  <tr>
                    <th scope="col">model</th>
                    <th scope="col">calls</th>
                    <th scope="col">cache hit rate</th>
                    <th scope="col">prompt tokens</th>
                    <th scope="col">completion tokens</th>
                    <th scope="col">cost</th>
                    <th scope="col">errors</th>
                  </tr>
                </thead>
                <tbody>
                  {models.map(([name, counters]) => (
                    <tr key={name}>
                      <th scope="row">{name}</th>
                      <td>{formatNumber(counters.calls)}</td>
                      <td>{formatShare(hitRate(counters))}</td>
                      <td>{formatNumber(counters.promptTokens)}</td>
                      <td>{formatNumber(counters.completionTokens)}</td>
                      <td>${counters.costUsd.toFixed(4)}</td>
                      <td>{formatNumber(counters.errors)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </>
        );
      }}
    </Loaded>
  );
}
