// Shared pieces of the dashboard's pages: a loading/error wrapper and a row of headline figures.

import type { ComponentChildren } from 'preact';
import type { AsyncState } from '../shared/use-async.ts';

export function Loaded<T>({ state, children }: { state: AsyncState<T>; children: (data: T) => ComponentChildren }) {
  if (state.error) {
    return (
      <p class="error" role="alert">
        {state.error.message}{' '}
        <button type="button" class="button button-small" onClick={state.reload}>
          Retry
        </button>
      </p>
    );
  }
  if (state.data === null) return <p class="loading">Loading…</p>;
  return <>{children(state.data)}</>;
}

export function Figures({ figures }: { figures: Array<{ label: string; value: string; testId?: string }> }) {
  return (
    <dl class="figures">
      {figures.map((figure) => (
        <div key={figure.label} class="figure" data-testid={figure.testId}>
          <dt>{figure.label}</dt>
          <dd>{figure.value}</dd>
        </div>
      ))}
    </dl>
  );
}
