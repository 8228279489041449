import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { demoFeedback } from '../../../bench/models/demo-feedback.ts';
import { InvalidInputError } from '../../../src/core/errors.ts';
import { singlePerKitCategories } from '../../../src/data/demo/categories.ts';
import { demoComplements, itemsFit } from '../../../src/data/demo/complements.ts';
import { type DemoRun, runDemoSimulation } from '../../../src/data/demo/run-simulation.ts';
import { completeTheKit } from '../../../src/models/graph/bundles.ts';
import { ItemGraph } from '../../../src/models/graph/item-graph.ts';
import { demoComplementRules } from './demo-complements.ts';

let run: DemoRun;
let graph: ItemGraph;

before(() => {
  run = runDemoSimulation({ scale: 0.2, seed: 11 });
  graph = new ItemGraph({ items: run.world.items, events: demoFeedback(run), complements: demoComplementRules });
});

it('item graph: co-purchase, co-view and complement edges, symmetric', () => {
  assert.ok(
    graph.counts.purchase > 0 && graph.counts.view > 0 && graph.counts.complement > 0,
    JSON.stringify(graph.counts),
  );
  const { indptr, indices, values } = graph.edges;
  for (let item = 0; item < 30; item++) {
    for (let p = indptr[item]; p < indptr[item + 1]; p++) {
      const other = indices[p];
      const back = indices.subarray(indptr[other], indptr[other + 1]).indexOf(item);
      assert.ok(back >= 0 && values[indptr[other] + back] === values[p]);
    }
  }
});

it('bundles from the demo store never hold two items of a single-per-kit category, and fitted pairs fit', () => {
  const category = (id: string) => run.world.items[run.world.itemIndex.get(id)!].attributes.category_id as string;
  const seeds = run.world.items.filter((item) => item.available && singlePerKitCategories.has(category(item.id)));
  assert.ok(seeds.length > 50);
  let withTentAndPad = 0;
  for (const seed of seeds) {
    const bundle = completeTheKit(graph, { seeds: [seed.id], size: 6, singlePerKit: singlePerKitCategories });
    assert.equal(bundle.itemIds[0], seed.id);
    assert.ok(bundle.itemIds.length > 1, `no kit for ${seed.id}`);
    const categories = bundle.itemIds.map(category);
    for (const single of singlePerKitCategories) {
      assert.ok(
        categories.filter((value) => value === single).length <= 1,
        `${seed.id}: two ${single} in ${bundle.itemIds}`,
      );
    }
    const items = bundle.itemIds.map((id) => run.world.items[run.world.itemIndex.get(id)!]);
    for (const a of items) {
      for (const b of items) {
        for (const relation of demoComplements) {
          if (relation.fit.length === 0 || a === b) continue;
          const pair = [category(a.id), category(b.id)];
          if (pair[0] === relation.from && pair[1] === relation.to) {
            assert.ok(itemsFit(relation, a, b), `${a.id} does not fit ${b.id} in the kit of ${seed.id}`);
          }
        }
      }
    }
    if (categories.includes('tents') && categories.includes('sleeping-pads')) withTentAndPad++;
  }
  assert.ok(withTentAndPad > 0, 'no kit pairs a tent with a pad');
});

it('bundles reject seeds that break the rules and unknown items', () => {
  const tents = run.world.items.filter((item) => item.attributes.category_id === 'tents').slice(0, 2);
  assert.throws(
    () => completeTheKit(graph, { seeds: tents.map((item) => item.id), singlePerKit: singlePerKitCategories }),
    (error: unknown) => InvalidInputError.isInstance(error),
  );
  assert.throws(() => completeTheKit(graph, { seeds: ['nope'], singlePerKit: singlePerKitCategories }), /unknown item/);
});
