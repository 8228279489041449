// Bundles and social recommendation on the demo shop: "complete the kit" from every available item of a
// single-per-kit category (checked against the category rules and the fit rules), and social recall (trust-kNN,
// SocialMF) against plain models on clicks of days 76–90, for all users and for users with ≤ 3 past interactions.

import type { Feedback } from '../../src/core/types.ts';
import { singlePerKitCategories } from '../../src/data/demo/categories.ts';
import { demoComplements, itemsFit } from '../../src/data/demo/complements.ts';
import type { DemoRun } from '../../src/data/demo/run-simulation.ts';
import { completeTheKit } from '../../src/models/graph/bundles.ts';
import { type ComplementRule, ItemGraph } from '../../src/models/graph/item-graph.ts';
import { parseModelSpec } from '../../src/models/params.ts';
import { getRecommender } from '../../src/models/registry.ts';
import { log, type ResultRow, timed } from './common.ts';
import { demoSplit } from './demo-datasets.ts';

const day = 86_400_000;

export async function bundleRows(run: DemoRun, events: readonly Feedback[]): Promise<ResultRow[]> {
  const rules: ComplementRule[] = demoComplements.map((relation) => ({
    from: relation.from,
    to: relation.to,
    strength: relation.strength,
    fits: relation.fit.length ? (first, second) => itemsFit(relation, first, second) : undefined,
  }));
  const built = await timed(() => new ItemGraph({ items: run.world.items, events, complements: rules }));
  const graph = built.value;
  const category = (id: string) => run.world.items[run.world.itemIndex.get(id)!].attributes.category_id as string;
  let kits = 0;
  let items = 0;
  let doubled = 0;
  let misfits = 0;
  let tentKits = 0;
  let tentKitsWithPad = 0;
  const bundled = await timed(() => {
    for (const seed of run.world.items) {
      if (!seed.available || !singlePerKitCategories.has(category(seed.id))) continue;
      const bundle = completeTheKit(graph, { seeds: [seed.id], size: 6, singlePerKit: singlePerKitCategories });
      kits++;
      items += bundle.itemIds.length;
      const categories = bundle.itemIds.map(category);
      for (const single of singlePerKitCategories)
        if (categories.filter((value) => value === single).length > 1) doubled++;
      const members = bundle.itemIds.map((id) => run.world.items[run.world.itemIndex.get(id)!]);
      for (const a of members) {
        for (const b of members) {
          for (const relation of demoComplements) {
            if (relation.fit.length && a !== b && category(a.id) === relation.from && category(b.id) === relation.to) {
              if (!itemsFit(relation, a, b)) misfits++;
            }
          }
        }
      }
      if (category(seed.id) === 'tents') {
        tentKits++;
        if (categories.includes('sleeping-pads')) tentKitsWithPad++;
      }
    }
  });
  return [
    {
      section: 'Complete-the-kit bundles on the demo catalog (walk with restart on the item graph)',
      name: 'bundles of 6 from each single-per-kit item',
      metrics: {
        kits,
        'mean size': items / kits,
        'two of a single-per-kit category': doubled,
        'pairs breaking a fit rule': misfits,
        'tent kits with a pad': `${tentKitsWithPad}/${tentKits}`,
      },
      note: `graph ${built.seconds.toFixed(1)} s (edges: ${graph.counts.purchase} co-purchase, ${graph.counts.view} co-view, ${graph.counts.complement} complement); kits ${bundled.seconds.toFixed(1)} s`,
    },
  ];
}

export async function socialRows(options: {
  run: DemoRun;
  events: readonly Feedback[];
  models: string[];
  seed: number;
}) {
  const { run, events } = options;
  const { train, test, social } = demoSplit(run, events, run.simulator.startTime + 76 * day);
  const rows: ResultRow[] = [];
  for (const spec of options.models) {
    const { name, params } = parseModelSpec(spec);
    log(`social: fitting ${spec}`);
    const fitted = await timed(() => getRecommender(name).fit(train, params, { seed: options.seed, side: { social } }));
    const scores = { all: 0, users: 0, cold: 0, coldUsers: 0 };
    for (let user = 0; user < train.userCount; user++) {
      const relevant = new Set(test.itemsOf(user));
      if (!relevant.size) continue;
      const { items } = fitted.value.recommend(user, 10, { exclude: train.itemsOf(user) });
      let dcg = 0;
      items.forEach((item, rank) => {
        if (relevant.has(item)) dcg += 1 / Math.log2(rank + 2);
      });
      let ideal = 0;
      for (let rank = 0; rank < Math.min(10, relevant.size); rank++) ideal += 1 / Math.log2(rank + 2);
      scores.all += dcg / ideal;
      scores.users++;
      if (train.itemsOf(user).length <= 3) {
        scores.cold += dcg / ideal;
        scores.coldUsers++;
      }
    }
    rows.push({
      section: 'Social recall on the demo shop (clicks of days 76–90, follow graph as trust)',
      name: spec,
      metrics: {
        'NDCG@10': scores.all / scores.users,
        'NDCG@10, ≤ 3 past interactions': scores.cold / scores.coldUsers,
        'fit s': Number(fitted.seconds.toFixed(1)),
      },
      note: `${scores.users} users (${scores.coldUsers} with ≤ 3 past interactions)`,
    });
  }
  return rows;
}
