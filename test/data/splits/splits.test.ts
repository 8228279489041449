import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Dataset } from '../../../src/core/dataset.ts';
import { IdMap } from '../../../src/core/id-map.ts';
import { coldItemsSplit } from '../../../src/data/splits/cold-items-split.ts';
import { assignFolds, kFoldSplits } from '../../../src/data/splits/k-fold-split.ts';
import { leaveLastOutSplit } from '../../../src/data/splits/leave-last-out-split.ts';
import type { Split } from '../../../src/data/splits/split.ts';
import { stratifiedSplit } from '../../../src/data/splits/stratified-split.ts';
import { temporalSplit } from '../../../src/data/splits/temporal-split.ts';
import { interactionsFixture } from '../../../src/testing/interactions-fixture.ts';

const data = interactionsFixture({ users: 120, items: 80, perUser: 12, seed: 7 });

/** Every (user, item, time) triple of a dataset, as strings. */
function triples(dataset: Dataset): string[] {
  const out: string[] = [];
  for (let u = 0; u < dataset.userCount; u++) {
    const items = dataset.itemsOf(u);
    const times = dataset.timesOf(u);
    for (let k = 0; k < items.length; k++) out.push(`${u}:${items[k]}:${times[k]}`);
  }
  return out;
}

/** Train, validation and test are disjoint and together are exactly the original interactions. */
function assertPartition(split: Split): void {
  const train = new Set(triples(split.train));
  const test = triples(split.test);
  const validation = split.validation ? triples(split.validation) : [];
  for (const t of test) assert.ok(!train.has(t), `test interaction ${t} leaked into train`);
  for (const t of validation) assert.ok(!train.has(t), `validation interaction ${t} leaked into train`);
  const testSet = new Set(test);
  for (const t of validation) assert.ok(!testSet.has(t), `validation interaction ${t} is also in test`);
  assert.deepEqual([...train, ...validation, ...test].sort(), triples(data).sort());
  assert.equal(split.train.users, data.users);
  assert.equal(split.test.items, data.items);
}

function fingerprint(split: Split): string {
  return [split.train, split.validation, split.test].map((part) => (part ? triples(part).join(',') : '-')).join('|');
}

describe('stratified split', () => {
  it("holds out each user's share with the rounding of python_stratified_split, without leakage", () => {
    const split = stratifiedSplit(data, { testRatio: 0.25, seed: 42 });
    assertPartition(split);
    for (let u = 0; u < data.userCount; u++) {
      const n = data.itemsOf(u).length;
      // rank r of n is train when r/n <= 0.75, so train = floor(0.75 n) up to float error.
      let train = 0;
      for (let r = 1; r <= n; r++) if (r / n <= 0.75) train++;
      assert.equal(split.train.itemsOf(u).length, train);
      assert.equal(split.test.itemsOf(u).length, n - train);
    }
  });

  it('matches hand counts: 21 interactions give 15 train and 6 test, 4 give 3 and 1, 1 gives 0 and 1', () => {
    const users = IdMap.from(['a', 'b', 'c']);
    const items = IdMap.from(Array.from({ length: 30 }, (_, i) => `i${i}`));
    const rows: Array<[number, number]> = [];
    for (let i = 0; i < 21; i++) rows.push([0, i]);
    for (let i = 0; i < 4; i++) rows.push([1, i]);
    rows.push([2, 0]);
    const small = Dataset.fromInteractions({
      users,
      items,
      interactions: {
        user: Int32Array.from(rows, (row) => row[0]),
        item: Int32Array.from(rows, (row) => row[1]),
        value: new Float32Array(rows.length).fill(1),
        time: Uint32Array.from(rows, (_, k) => k),
      },
    });
    const split = stratifiedSplit(small, { testRatio: 0.25, seed: 1 });
    assert.deepEqual(
      [0, 1, 2].map((u) => split.train.itemsOf(u).length),
      [15, 3, 0],
    );
    assert.deepEqual(
      [0, 1, 2].map((u) => split.test.itemsOf(u).length),
      [6, 1, 1],
    );
  });

  it('is deterministic per seed and changes with the seed', () => {
    const a = stratifiedSplit(data, { testRatio: 0.2, validationRatio: 0.1, seed: 3 });
    const b = stratifiedSplit(data, { testRatio: 0.2, validationRatio: 0.1, seed: 3 });
    const c = stratifiedSplit(data, { testRatio: 0.2, validationRatio: 0.1, seed: 4 });
    assertPartition(a);
    assert.equal(fingerprint(a), fingerprint(b));
    assert.notEqual(fingerprint(a), fingerprint(c));
    assert.ok(a.validation && a.validation.interactionCount > 0);
  });

  it('stratifies per item when asked: each item keeps the ratio', () => {
    const split = stratifiedSplit(data, { testRatio: 0.25, seed: 5, by: 'item' });
    assertPartition(split);
    for (let i = 0; i < data.itemCount; i++) {
      const n = data.usersOf(i).length;
      let train = 0;
      for (let r = 1; r <= n; r++) if (r / n <= 0.75) train++;
      assert.equal(split.train.usersOf(i).length, train);
    }
  });

  it('rejects ratios outside (0, 1) naming the field', () => {
    assert.throws(() => stratifiedSplit(data, { testRatio: 1.5, seed: 1 }), /testRatio/);
    assert.throws(() => stratifiedSplit(data, { testRatio: 0.5, validationRatio: 0.6, seed: 1 }), /validationRatio/);
  });
});

describe('k-fold split', () => {
  it('tests every interaction exactly once, folds differ in size by at most one, no leakage', () => {
    const splits = [...kFoldSplits(data, { folds: 5, seed: 9 })];
    assert.equal(splits.length, 5);
    const tested = splits.flatMap((split) => triples(split.test));
    assert.deepEqual(tested.sort(), triples(data).sort());
    const sizes = splits.map((split) => split.test.interactionCount);
    assert.ok(Math.max(...sizes) - Math.min(...sizes) <= 1);
    for (const split of splits) assertPartition(split);
  });

  it('is deterministic per seed', () => {
    assert.deepEqual(assignFolds(data, { folds: 3, seed: 1 }), assignFolds(data, { folds: 3, seed: 1 }));
    assert.notDeepEqual(assignFolds(data, { folds: 3, seed: 1 }), assignFolds(data, { folds: 3, seed: 2 }));
    assert.throws(() => assignFolds(data, { folds: 1, seed: 1 }), /folds/);
  });
});

describe('leave-last-out split', () => {
  it("holds out exactly each user's latest interaction, and the one before as validation", () => {
    const split = leaveLastOutSplit(data, { validation: true });
    assertPartition(split);
    for (let u = 0; u < data.userCount; u++) {
      const items = data.itemsOf(u);
      const times = data.timesOf(u);
      const n = items.length;
      if (n < 3) {
        assert.equal(split.test.itemsOf(u).length, 0);
        continue;
      }
      assert.deepEqual([...split.test.itemsOf(u)], [items[n - 1]]);
      assert.deepEqual([...split.validation!.itemsOf(u)], [items[n - 2]]);
      // Nothing in train is later than the test interaction.
      for (const t of split.train.timesOf(u)) assert.ok(t <= times[n - 1]);
      assert.equal(split.train.itemsOf(u).length, n - 2);
    }
  });

  it('breaks time ties by item index', () => {
    const users = IdMap.from(['a']);
    const items = IdMap.from(['x', 'y', 'z']);
    const tied = Dataset.fromInteractions({
      users,
      items,
      interactions: {
        user: Int32Array.from([0, 0, 0]),
        item: Int32Array.from([2, 0, 1]),
        value: Float32Array.from([1, 1, 1]),
        time: Uint32Array.from([5, 9, 9]),
      },
    });
    assert.deepEqual([...leaveLastOutSplit(tied).test.itemsOf(0)], [1]);
  });
});

describe('temporal split', () => {
  it('puts everything at or after the cut in test and nothing later in train', () => {
    const split = temporalSplit(data, { testRatio: 0.2, validationRatio: 0.1 });
    assertPartition(split);
    const latestTrain = Math.max(...split.train.byUser.times);
    const earliestValidation = Math.min(...split.validation!.byUser.times);
    const earliestTest = Math.min(...split.test.byUser.times);
    assert.ok(latestTrain < earliestValidation && earliestValidation <= earliestTest);
    assert.ok(Math.abs(split.test.interactionCount / data.interactionCount - 0.2) < 0.01);
  });

  it('accepts an explicit cut time', () => {
    const cut = data.byUser.times[Math.floor(data.interactionCount / 2)];
    const split = temporalSplit(data, { cutTime: cut });
    assert.ok(split.test.byUser.times.every((t) => t >= cut));
    assert.ok(split.train.byUser.times.every((t) => t < cut));
  });
});

describe('cold-items split', () => {
  it('keeps every cold item out of train and validation, and holds out warm interactions too', () => {
    const split = coldItemsSplit(data, { coldItemRatio: 0.2, validationRatio: 0.1, seed: 11 });
    assertPartition(split);
    let cold = 0;
    for (let i = 0; i < data.itemCount; i++) {
      if (!split.coldItems[i]) continue;
      cold++;
      assert.equal(split.train.usersOf(i).length, 0, `cold item ${i} is in train`);
      assert.equal(split.validation!.usersOf(i).length, 0);
      assert.equal(split.test.usersOf(i).length, data.usersOf(i).length);
    }
    const active = [...Array(data.itemCount).keys()].filter((i) => data.usersOf(i).length > 0).length;
    assert.equal(cold, Math.round(active * 0.2));
    const warmTest = [...split.test.byUser.indices].filter((i) => !split.coldItems[i]).length;
    assert.ok(warmTest > 0);
  });

  it('is deterministic per seed', () => {
    const a = coldItemsSplit(data, { coldItemRatio: 0.3, seed: 1 });
    const b = coldItemsSplit(data, { coldItemRatio: 0.3, seed: 1 });
    const c = coldItemsSplit(data, { coldItemRatio: 0.3, seed: 2 });
    assert.equal(fingerprint(a), fingerprint(b));
    assert.deepEqual(a.coldItems, b.coldItems);
    assert.notDeepEqual(a.coldItems, c.coldItems);
  });
});
