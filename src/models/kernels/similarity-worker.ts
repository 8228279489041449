// Worker thread for sparse similarity: computes the top-k neighbours of an entity range.

import { type SimilarityInput, similarityRows } from './sparse-similarity.ts';
import { serveTasks } from './worker-pool.ts';

serveTasks({
  rows: (task: { start: number; end: number }, shared: SimilarityInput) => similarityRows(shared, task.start, task.end),
});
