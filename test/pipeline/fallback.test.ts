import assert from 'node:assert/strict';
import { it } from 'node:test';
import { makeItem } from '../../src/core/types.ts';
import { Catalog } from '../../src/pipeline/catalog.ts';
import { fillFromFallback } from '../../src/pipeline/stages/fallback.ts';
import type { ItemFilter } from '../../src/pipeline/stages/filters.ts';
import type { Candidate } from '../../src/pipeline/types.ts';

// Seven tents, newest first, then two stoves: the newest-items fallback alone would fill a list with tents.
const items = [
  ...Array.from({ length: 7 }, (_, k) =>
    makeItem({ id: `tent-${k}`, title: `Tent ${k}`, categories: ['Tents'], createdAt: 100 - k }),
  ),
  makeItem({ id: 'stove-0', title: 'Stove 0', categories: ['Stoves'], createdAt: 50 }),
  makeItem({ id: 'stove-1', title: 'Stove 1', categories: ['Stoves'], createdAt: 49 }),
];
const catalog = Catalog.of(items);
const everything: ItemFilter = { excluded: new Set(), allowed: null, accepts: () => true, relaxed: () => everything };
const chain = [{ kind: 'latest', key: undefined }];

it('fills through the per-category cap, and relaxes it only when the catalog cannot fill the list otherwise', () => {
  const list: Candidate[] = [];
  fillFromFallback({ list, target: 5, chain, bundle: null, catalog, filter: everything, categoryCap: 2 });
  assert.deepEqual(
    list.map((candidate) => candidate.id),
    ['tent-0', 'tent-1', 'stove-0', 'stove-1', 'tent-2'],
  );
  const uncapped: Candidate[] = [];
  fillFromFallback({ list: uncapped, target: 3, chain, bundle: null, catalog, filter: everything });
  assert.deepEqual(
    uncapped.map((candidate) => candidate.id),
    ['tent-0', 'tent-1', 'tent-2'],
  );
});
