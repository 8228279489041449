import assert from 'node:assert/strict';
import { it } from 'node:test';
import { makeItem } from '../../src/core/types.ts';
import { categoryFeatures } from '../../src/eval/item-features.ts';
import { sideInformation } from '../../src/eval/side-information.ts';
import { NgramEmbedder } from '../../src/llm/embedders/ngram-embedder.ts';

// Aligned with dataset item indices 0..3: index 2 has no catalog entry.
const catalog = [
  makeItem({ id: 'a', title: 'Down sleeping bag', categories: ['Camping', 'Sleeping bags'] }),
  makeItem({ id: 'b', title: 'Two-person tent', categories: ['Camping', 'Tents'], tags: ['rain'], createdAt: 5_000 }),
  null,
  makeItem({ id: 'd', title: '', categories: ['Camping', 'Tents'] }),
];

it('aligns embeddings, categories and creation times with the dataset item indices', async () => {
  const embedder = new NgramEmbedder({ dimension: 32 });
  const side = await sideInformation({ catalog, embedder, batchSize: 2 });
  const { dimension, vectors } = side.itemEmbeddings!;
  assert.equal(dimension, 32);
  assert.equal(vectors.length, 4 * 32);
  const row = (i: number) => vectors.subarray(i * 32, (i + 1) * 32);
  const [tent] = await embedder.embed(['Two-person tent. Camping / Tents. rain']);
  assert.deepEqual(row(1), tent);
  assert.ok(row(0).some((v) => v !== 0));
  // Index 2 has no catalog entry; d has only a category, which still makes text.
  assert.ok(row(2).every((v) => v === 0));
  assert.ok(row(3).some((v) => v !== 0));
  assert.deepEqual([...side.itemCategory!], [0, 1, -1, 1]);
  assert.deepEqual(side.categoryNames, ['Sleeping bags', 'Tents']);
  assert.deepEqual([...side.itemCreatedAt!], [0, 5, 0, 0]);
});

it('builds dense multi-hot category features for diversity', () => {
  const features = categoryFeatures(catalog)!;
  assert.equal(features.dimension, 3);
  const row = (i: number) => [...features.vectors.subarray(i * 3, (i + 1) * 3)];
  assert.deepEqual(row(0), [1, 1, 0]);
  assert.deepEqual(row(1), [1, 0, 1]);
  assert.deepEqual(row(2), [0, 0, 0]);
  assert.equal(categoryFeatures([null]), undefined);
});
