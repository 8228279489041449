import assert from 'node:assert/strict';
import { it } from 'node:test';
import { IdMap } from '../../src/core/id-map.ts';
import { makeItem } from '../../src/core/types.ts';
import { multiHot } from '../../src/eval/item-features.ts';
import { sideInformation } from '../../src/eval/side-information.ts';
import { NgramEmbedder } from '../../src/llm/embedders/ngram-embedder.ts';

const items = IdMap.from(['a', 'b', 'c', 'd']);
const catalog = [
  makeItem({ id: 'b', title: 'Two-person tent', categories: ['Camping', 'Tents'], tags: ['rain'], createdAt: 5_000 }),
  makeItem({ id: 'a', title: 'Down sleeping bag', categories: ['Camping', 'Sleeping bags'] }),
  makeItem({ id: 'zzz', title: 'Not in the dataset', categories: ['Other'] }),
  makeItem({ id: 'd', title: '', categories: ['Camping', 'Tents'] }),
];

it('aligns embeddings, categories and creation times with the dataset item indices', async () => {
  const embedder = new NgramEmbedder({ dimension: 32 });
  const side = await sideInformation({ catalog, items, embedder, batchSize: 2 });
  const { dimension, vectors } = side.itemEmbeddings!;
  assert.equal(dimension, 32);
  assert.equal(vectors.length, 4 * 32);
  const row = (i: number) => vectors.subarray(i * 32, (i + 1) * 32);
  const [tent] = await embedder.embed(['Two-person tent. Camping / Tents. rain']);
  assert.deepEqual(row(1), tent);
  assert.ok(row(0).some((v) => v !== 0));
  // c has no catalog entry; d has only a category, which still makes text.
  assert.ok(row(2).every((v) => v === 0));
  assert.ok(row(3).some((v) => v !== 0));
  assert.deepEqual([...side.itemCategory!], [0, 1, -1, 1]);
  assert.deepEqual(side.categoryNames, ['Sleeping bags', 'Tents']);
  assert.equal(side.itemCreatedAt![1], 5);
});

it('builds multi-hot category and tag features for diversity', () => {
  const features = multiHot(catalog, items)!;
  assert.equal(features.dimension, 4);
  const row = (i: number) => [...features.vectors.subarray(i * 4, (i + 1) * 4)];
  assert.deepEqual(row(1), [1, 1, 1, 0]);
  assert.deepEqual(row(0), [1, 0, 0, 1]);
  assert.deepEqual(row(2), [0, 0, 0, 0]);
});
