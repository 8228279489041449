// Datasets over the demo world's users and items (indices as in the world), built from its feedback: positive
// events split by time, and the follow graph as side.social.

import { Dataset } from '../../src/core/dataset.ts';
import { IdMap } from '../../src/core/id-map.ts';
import type { Feedback } from '../../src/core/types.ts';
import type { DemoRun } from '../../src/data/demo/run-simulation.ts';

export interface DemoSplit {
  train: Dataset;
  test: Dataset;
  social: { indptr: Int32Array; indices: Int32Array; values: Float32Array };
}

/** Clicks and purchases before `until` train; clicks from `until` on are the test set. */
export function demoSplit(run: DemoRun, events: readonly Feedback[], until: number): DemoSplit {
  const users = IdMap.from(run.world.users.map((user) => user.id));
  const items = IdMap.from(run.world.items.map((item) => item.id));
  const build = (keep: (event: Feedback) => boolean) => {
    const chosen = events.filter(keep);
    return Dataset.fromInteractions({
      users,
      items,
      interactions: {
        user: Int32Array.from(chosen, (event) => users.indexOf(event.userId)),
        item: Int32Array.from(chosen, (event) => items.indexOf(event.itemId)),
        value: new Float32Array(chosen.length).fill(1),
        time: Uint32Array.from(chosen, (event) => Math.floor(event.timestamp / 1000)),
      },
      aggregate: 'max',
    });
  };
  const train = build((event) => (event.type === 'click' || event.type === 'purchase') && event.timestamp < until);
  const test = build((event) => event.type === 'click' && event.timestamp >= until);
  const rows: number[][] = run.world.users.map(() => []);
  const weights: number[][] = run.world.users.map(() => []);
  for (const edge of run.world.edges) {
    const from = users.indexOf(edge.from);
    rows[from].push(users.indexOf(edge.to));
    weights[from].push(edge.weight);
  }
  const indptr = new Int32Array(rows.length + 1);
  rows.forEach((row, user) => {
    indptr[user + 1] = indptr[user] + row.length;
  });
  return {
    train,
    test,
    social: { indptr, indices: Int32Array.from(rows.flat()), values: Float32Array.from(weights.flat()) },
  };
}
