import assert from 'node:assert/strict';
import { it } from 'node:test';
import { Dataset } from '../../src/core/dataset.ts';
import { IdMap } from '../../src/core/id-map.ts';
import { content } from '../../src/models/content.ts';
import { latest } from '../../src/models/latest.ts';
import { trending } from '../../src/models/trending.ts';
import { recommenderFixture, runRecommenderContract } from '../../src/testing/index.ts';

runRecommenderContract({ name: 'latest', create: (data, options) => latest.fit(data, {}, options), load: latest.load });
runRecommenderContract({
  name: 'trending',
  create: (data, options) => trending.fit(data, {}, options),
  load: trending.load,
});
runRecommenderContract({
  name: 'content',
  create: (data, options) => content.fit(data, {}, options),
  load: content.load,
});

const day = 86_400;

function timeline(): Dataset {
  // Item 0: steady (1 a day for 35 days); item 1: 5 events in the last week only; item 2: one old event.
  const user: number[] = [];
  const item: number[] = [];
  const time: number[] = [];
  for (let d = 0; d < 35; d++) {
    user.push(d);
    item.push(0);
    time.push(d * day);
  }
  for (let k = 0; k < 5; k++) {
    user.push(k);
    item.push(1);
    time.push((30 + k) * day);
  }
  user.push(0);
  item.push(2);
  time.push(day);
  return Dataset.fromInteractions({
    users: IdMap.from(Array.from({ length: 35 }, (_, u) => `u${u}`)),
    items: IdMap.from(['steady', 'rising', 'old']),
    interactions: {
      user: Int32Array.from(user),
      item: Int32Array.from(item),
      value: new Float32Array(user.length).fill(1),
      time: Uint32Array.from(time),
    },
  });
}

it('trending: a rising item beats a steady one with more volume', async () => {
  const model = await trending.fit(timeline());
  assert.deepEqual([...model.recommend(0, 3).items], [1, 0, 2]);
});

it('latest: side.itemCreatedAt first, first interaction otherwise', async () => {
  const data = timeline();
  const bySeen = await latest.fit(data);
  assert.deepEqual([...bySeen.recommend(0, 3).items], [1, 2, 0]);
  const itemCreatedAt = Float64Array.of(100 * day, 0, 50 * day);
  const byCreated = await latest.fit(data, {}, { side: { itemCreatedAt } });
  assert.deepEqual([...byCreated.recommend(0, 3).items], [0, 2, 1]);
});

it('content: needs embeddings, recommends by the profile cosine, and scores cold items', async () => {
  const { dataset, side } = recommenderFixture();
  await assert.rejects(() => content.fit(dataset), /side.itemEmbeddings/);
  const model = await content.fit(dataset, {}, { side });
  const dimension = side.itemEmbeddings?.dimension ?? 0;
  const vectors = side.itemEmbeddings?.vectors ?? new Float32Array();
  const history = Int32Array.of(5);
  const top = model.recommend({ history }, 1, { exclude: history });
  const cosine = (a: number, b: number) => {
    let dot = 0;
    let na = 0;
    let nb = 0;
    for (let d = 0; d < dimension; d++) {
      dot += vectors[a * dimension + d] * vectors[b * dimension + d];
      na += vectors[a * dimension + d] ** 2;
      nb += vectors[b * dimension + d] ** 2;
    }
    return dot / Math.sqrt(na * nb);
  };
  let best = -1;
  let bestScore = Number.NEGATIVE_INFINITY;
  for (let item = 0; item < dataset.itemCount; item++) {
    if (item !== 5 && cosine(5, item) > bestScore) {
      bestScore = cosine(5, item);
      best = item;
    }
  }
  assert.equal(top.items[0], best);
  assert.ok(Math.abs(top.scores[0] - bestScore) < 1e-5);
  assert.deepEqual([...(model.similarItems?.(5, 1).items ?? [])], [best]);
});
