// Overview: the store's size and sparsity, cold users and items, events per type, the long-tail curve, the catalog
// by category, and the model being served.

import { formatNumber, formatShare, formatTime } from '../shared/format.ts';
import { useAsync } from '../shared/use-async.ts';
import { adminApi } from './admin-api.ts';
import { BarChart } from './bar-chart.tsx';
import { LineChart } from './line-chart.tsx';
import { Figures, Loaded } from './panel.tsx';

interface Overview {
  stats: {
    users: number;
    items: number;
    interactions: number;
    socialEdges: number;
    sparsity: number;
    top20ItemShare: number;
    coldUsers: number;
    coldItems: number;
    coldThreshold: number;
    byType: Record<string, number>;
    longTail?: Array<{ itemShare: number; interactionShare: number; interactions: number }>;
  };
  catalog: { items: number; available: number; categories: Array<{ name: string; items: number }> };
  model: { version: number | null; trainedAt: number | null; models: string[]; servedBySource: Record<string, number> };
  computedAt: number;
}

export function OverviewPage() {
  const state = useAsync(() => adminApi<Overview>('/api/admin/overview'), []);
  return (
    <Loaded state={state}>
      {({ stats, catalog, model, computedAt }) => {
        const types = Object.entries(stats.byType).sort((a, b) => b[1] - a[1]);
        const served = Object.entries(model.servedBySource).sort((a, b) => b[1] - a[1]);
        const categories = catalog.categories.slice(0, 15);
        return (
          <>
            <Figures
              figures={[
                { label: 'users', value: formatNumber(stats.users), testId: 'figure-users' },
                { label: 'items', value: formatNumber(stats.items), testId: 'figure-items' },
                { label: 'feedback events', value: formatNumber(stats.interactions) },
                { label: 'follows', value: formatNumber(stats.socialEdges) },
                { label: 'sparsity', value: formatShare(stats.sparsity, 2) },
                { label: 'interactions on the top 20% items', value: formatShare(stats.top20ItemShare) },
                { label: `cold users (< ${stats.coldThreshold} events)`, value: formatNumber(stats.coldUsers) },
                { label: `cold items (< ${stats.coldThreshold} events)`, value: formatNumber(stats.coldItems) },
                {
                  label: 'available items',
                  value: `${formatNumber(catalog.available)} of ${formatNumber(catalog.items)}`,
                },
              ]}
            />
            <div class="charts">
              <LineChart
                title="Long tail: share of interactions on the most popular items"
                unit="share"
                formatX={(x) => `${Math.round(x * 100)}% of items`}
                series={[
                  {
                    label: 'interactions so far',
                    points: (stats.longTail ?? []).map((point) => ({ x: point.itemShare, y: point.interactionShare })),
                  },
                ]}
              />
              <BarChart
                title="Feedback events per type"
                labels={types.map(([name]) => name)}
                values={types.map(([, n]) => n)}
              />
              <BarChart
                title={`Items per category (top ${categories.length} of ${catalog.categories.length})`}
                labels={categories.map((entry) => entry.name)}
                values={categories.map((entry) => entry.items)}
              />
              <BarChart
                title="Recommended items served per source (this process)"
                labels={served.map(([name]) => name)}
                values={served.map(([, n]) => n)}
              />
            </div>
            <p class="hint">
              Model version {model.version ?? '—'}
              {model.trainedAt ? `, trained ${formatTime(model.trainedAt)} UTC` : ''}:{' '}
              {model.models.join(', ') || 'none'}. Figures computed {formatTime(computedAt)} UTC (kept for a minute).
            </p>
          </>
        );
      }}
    </Loaded>
  );
}
