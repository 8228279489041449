import assert from 'node:assert/strict';
import { it } from 'node:test';
import { makeItem } from '../../src/core/types.ts';
import { Catalog } from '../../src/pipeline/catalog.ts';
import { similarItems } from '../../src/pipeline/item-lists.ts';

const catalog = Catalog.of([
  makeItem({ id: 'tent-a', title: 'Tent A', categories: ['Camping', 'Tents'] }),
  makeItem({ id: 'tent-b', title: 'Tent B', categories: ['Camping', 'Tents'] }),
  makeItem({ id: 'tent-c', title: 'Tent C', categories: ['Camping', 'Tents'], available: false }),
  makeItem({ id: 'tent-d', title: 'Tent D', categories: ['Camping', 'Tents'] }),
  makeItem({ id: 'chair', title: 'Chair', categories: ['Camping', 'Chairs'] }),
  makeItem({ id: 'stove', title: 'Stove', categories: ['Camping', 'Stoves'] }),
]);

it('lists substitutes first: same leaf category by score, then that category, then other neighbours', async () => {
  const nearest = async () => [
    { id: 'chair', score: 0.9 },
    { id: 'tent-c', score: 0.8 },
    { id: 'tent-b', score: 0.5 },
    { id: 'stove', score: 0.4 },
  ];
  const inputs = { catalog, bundle: null, keys: {}, nearest };
  const items = await similarItems(inputs, 'tent-a', { n: 4, lang: 'en' });
  assert.deepEqual(
    items.map((item) => item.id),
    ['tent-b', 'tent-d', 'chair', 'stove'],
  );
  assert.equal(items[0].source, 'content');
  assert.deepEqual(items[0].reasons[0].evidence, ['tent-a']);
  assert.equal(items[1].source, 'latest', 'the category fills before other categories');
  const two = await similarItems(inputs, 'tent-a', { n: 2, lang: 'en', exclude: ['tent-b'] });
  assert.deepEqual(
    two.map((item) => item.id),
    ['tent-d', 'chair'],
  );
});
