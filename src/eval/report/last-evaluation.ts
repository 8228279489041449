// The last offline evaluation of a store (`lmrec eval` on it), kept in its key-value space so that the admin
// dashboard can show the leaderboard: metrics per model, training times and significance tests.

import type { Store } from '../../store/store.ts';
import type { ExperimentDocument } from '../experiment-output.ts';

const namespace = 'evaluations';
const key = 'last';

export interface SavedEvaluation {
  /** When the evaluation finished (ms since the epoch). */
  savedAt: number;
  /** The metric columns the CLI showed, in order (e.g. precision@10 … coverage@10). */
  columns: string[];
  document: ExperimentDocument;
}

export async function saveLastEvaluation(
  store: Store,
  evaluation: { columns: readonly string[]; document: ExperimentDocument },
): Promise<void> {
  // JSON through the store: NaN metrics (a model that could not score anyone) read back as null.
  const value: SavedEvaluation = {
    savedAt: Date.now(),
    columns: [...evaluation.columns],
    document: evaluation.document,
  };
  await store.kv.set(namespace, key, JSON.parse(JSON.stringify(value)));
}

export async function lastEvaluation(store: Store): Promise<SavedEvaluation | null> {
  return (await store.kv.get<SavedEvaluation>(namespace, key)) ?? null;
}
