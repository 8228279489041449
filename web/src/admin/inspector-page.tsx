// The pipeline inspector for one user: each recall source's items, then merge, rank and rerank, then the final list
// with its reasons, and how long each stage took.

import { useState } from 'preact/hooks';
import { navigate, useLocation } from '../shared/router.ts';
import type { Recommendations, StageTrace } from '../shared/types.ts';
import { useAsync } from '../shared/use-async.ts';
import { adminApi } from './admin-api.ts';
import { BarChart } from './bar-chart.tsx';
import { Loaded } from './panel.tsx';

interface Inspection extends Recommendations {
  trace: StageTrace[];
  catalog: Record<string, { title: string; category: string | null; price: number | null }>;
}

type Titles = Inspection['catalog'];

export function InspectorPage() {
  const { query } = useLocation();
  const userId = query.get('user') ?? 'user-00001';
  const [draft, setDraft] = useState(userId);
  const state = useAsync(
    () => adminApi<Inspection>(`/api/pipeline/inspect/${encodeURIComponent(userId)}?n=10&details=true&explain=true`),
    [userId],
  );
  return (
    <>
      <form
        class="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (draft.trim()) navigate(`/admin/inspector?user=${encodeURIComponent(draft.trim())}`);
        }}
      >
        <label class="field field-inline" for="inspect-user">
          User id
          <input id="inspect-user" value={draft} onInput={(event) => setDraft(event.currentTarget.value)} />
        </label>
        <button type="submit" class="button button-small">
          Inspect
        </button>
      </form>
      <Loaded state={state}>{(inspection) => <Stages inspection={inspection} />}</Loaded>
    </>
  );
}

function Stages({ inspection }: { inspection: Inspection }) {
  const titles = inspection.catalog ?? {};
  const recall = inspection.trace.find((stage) => stage.stage === 'recall');
  const later = inspection.trace.filter((stage) => stage.stage !== 'recall' && stage.stage !== 'explain');
  const sources = recall?.sources ?? [];
  return (
    <div data-testid="inspector">
      <p class="hint">
        Request {inspection.requestId}, model version {inspection.modelVersion ?? '—'}
        {inspection.fallback.length ? `; filled by ${inspection.fallback.join(', ')}` : ''}.
      </p>
      <div class="charts">
        <BarChart
          title="Time per stage (ms)"
          labels={inspection.trace.map((stage) => stage.stage)}
          values={inspection.trace.map((stage) => stage.ms)}
          unit="ms"
          best="min"
        />
        <BarChart
          title="Candidates per recall source"
          labels={sources.map((source) => source.name)}
          values={sources.map((source) => source.items.length)}
        />
      </div>
      <h2>1. Recall</h2>
      <div class="stage-grid">
        {sources.map((source) => (
          <section class="stage" key={source.name} data-testid="recall-source">
            <h3>
              {source.name}{' '}
              <span class="hint">
                {source.items.length} items, {source.ms.toFixed(1)} ms
              </span>
            </h3>
            {source.error && <p class="error">{source.error}</p>}
            <ItemList items={source.items} titles={titles} limit={8} />
          </section>
        ))}
      </div>
      {later.map((stage, index) => (
        <section key={stage.stage} class="stage-block">
          <h2>
            {index + 2}. {stage.stage[0].toUpperCase() + stage.stage.slice(1)}{' '}
            <span class="hint">
              {stage.items.length} items, {stage.ms.toFixed(1)} ms
              {stage.notes.length ? ` · ${stage.notes.join(' · ')}` : ''}
            </span>
          </h2>
          <ItemList items={stage.items} titles={titles} limit={stage.stage === 'rerank' ? 20 : 12} />
        </section>
      ))}
      <h2>{later.length + 2}. Final list with reasons</h2>
      <ol class="final-list">
        {inspection.items.map((item) => (
          <li key={item.id}>
            <strong>{titles[item.id]?.title ?? item.id}</strong> <span class="hint">{item.id}</span>
            <div class="hint">
              source {item.source} (recalled by {item.sources.join(', ')}), score {item.score.toFixed(4)}, propensity{' '}
              {item.propensity}
              {item.explored ? ', exploration slot' : ''}
            </div>
            <ul class="reasons">
              {item.reasons.map((reason) => (
                <li key={reason.text}>
                  <span class="tag">{reason.kind}</span> {reason.text}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
    </div>
  );
}

function ItemList({
  items,
  titles,
  limit,
}: {
  items: Array<{ id: string; score: number; source?: string }>;
  titles: Titles;
  limit: number;
}) {
  if (items.length === 0) return <p class="hint">nothing</p>;
  return (
    <ol class="stage-items">
      {items.slice(0, limit).map((item) => (
        <li key={item.id} title={item.id}>
          <span class="stage-title">{titles[item.id]?.title ?? item.id}</span>
          <span class="hint">
            {' '}
            {item.score.toFixed(3)}
            {item.source ? ` · ${item.source}` : ''}
          </span>
        </li>
      ))}
      {items.length > limit && <li class="hint">… {items.length - limit} more</li>}
    </ol>
  );
}
