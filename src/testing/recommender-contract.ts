// The contract every recommender passes: `runRecommenderContract({ name, create, load })` from each model's test.
// Determinism per seed, exclusions, candidates, k beyond the catalog, ties by ascending item index, fold-in,
// save → load identity, corrupt files rejected, and batch recommendation in workers equal to one-by-one.

import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Dataset } from '../core/dataset.ts';
import { FormatError, InvalidInputError } from '../core/errors.ts';
import { recommendAll } from '../models/batch-recommend.ts';
import { decodeModel, encodeModel } from '../models/model-file.ts';
import type { FitOptions, Model, ModelSnapshot, ScoredItems } from '../models/recommender.ts';
import { type RecommenderFixture, recommenderFixture } from './recommender-fixture.ts';

export interface RecommenderContractOptions {
  name: string;
  /** Fits a model; the suite passes the fixture's side information and validation split in `options`. */
  create: (dataset: Dataset, options: FitOptions) => Promise<Model>;
  /** Restores a snapshot (usually the recommender's `load`). */
  load: (snapshot: ModelSnapshot) => Model;
  /** Set to a reason to skip the suite. */
  skip?: string | false;
}

export function runRecommenderContract(options: RecommenderContractOptions): void {
  describe(`Recommender contract: ${options.name}`, { skip: options.skip || false }, () => {
    let fixture: RecommenderFixture;
    let model: Model;
    const fit = (seed: number) =>
      options.create(fixture.dataset, { seed, side: fixture.side, validation: fixture.validation, workers: 1 });
    before(async () => {
      fixture = recommenderFixture();
      model = await fit(7);
    });

    it('reports its name, sizes and parameters', () => {
      assert.equal(typeof model.name, 'string');
      assert.equal(model.userCount, fixture.dataset.userCount);
      assert.equal(model.itemCount, fixture.dataset.itemCount);
      assert.equal(typeof model.params, 'object');
    });

    it('is deterministic for a seed', async () => {
      const again = await fit(7);
      for (let user = 0; user < model.userCount; user += 7) {
        assertSame(again.recommend(user, 10), model.recommend(user, 10), `user ${user}`);
      }
    });

    it('never returns excluded items and respects candidates', () => {
      for (let user = 0; user < model.userCount; user += 5) {
        const exclude = fixture.dataset.itemsOf(user);
        const result = model.recommend(user, 10, { exclude });
        for (const item of result.items) assert.ok(!exclude.includes(item), `user ${user} got excluded item ${item}`);
        const candidates = Int32Array.of(3, 1, 4, 1, 5, 9, 2, 6);
        const ranked = model.recommend(user, 4, { candidates, exclude: new Set([4]) });
        assert.ok(ranked.items.length <= 4);
        for (const item of ranked.items) assert.ok(candidates.includes(item) && item !== 4);
        assert.equal(new Set(ranked.items).size, ranked.items.length);
      }
    });

    it('returns the whole catalog, once each, when k exceeds it', () => {
      const result = model.recommend(0, model.itemCount + 10);
      assert.equal(result.items.length, model.itemCount);
      assert.equal(new Set(result.items).size, model.itemCount);
      const excluded = model.recommend(0, model.itemCount + 10, { exclude: Int32Array.of(0, 1) });
      assert.equal(excluded.items.length, model.itemCount - 2);
      assert.equal(model.recommend(0, 0).items.length, 0);
    });

    it('ranks best first and breaks ties by ascending item index', () => {
      for (let user = 0; user < model.userCount; user += 3) {
        const { items, scores } = model.recommend(user, model.itemCount);
        for (let rank = 1; rank < items.length; rank++) {
          assert.ok(
            scores[rank] < scores[rank - 1] || (scores[rank] === scores[rank - 1] && items[rank] > items[rank - 1]),
            `user ${user}: rank ${rank} breaks the order`,
          );
        }
      }
    });

    it('scores items consistently with recommend', () => {
      const result = model.recommend(2, 5);
      const scores = model.score(2, result.items);
      for (let rank = 0; rank < scores.length; rank++) assertClose(scores[rank], result.scores[rank]);
      assert.throws(() => model.score(2, Int32Array.of(model.itemCount)), InvalidInputError);
      assert.throws(() => model.recommend(model.userCount, 5), InvalidInputError);
    });

    it('folds in an anonymous history', () => {
      const history = fixture.dataset.itemsOf(1).slice();
      const result = model.recommend({ history }, 5, { exclude: history });
      assert.ok(result.items.length > 0);
      for (const item of result.items) assert.ok(!history.includes(item));
      assert.throws(() => model.recommend({ history: Int32Array.of(-1) }, 5), InvalidInputError);
    });

    it('finds similar items when it has an item space', () => {
      if (!model.similarItems) return;
      const result = model.similarItems(0, 5);
      assert.ok(result.items.length <= 5);
      assert.ok(!result.items.includes(0), 'an item is not similar to itself');
    });

    it('saves and loads to identical recommendations', () => {
      const loaded = options.load(decodeModel(encodeModel(model.snapshot())));
      assert.equal(loaded.name, model.name);
      assert.deepEqual(loaded.params, model.params);
      for (let user = 0; user < model.userCount; user++) {
        assertSame(loaded.recommend(user, 10), model.recommend(user, 10), `user ${user}`);
      }
      const history = fixture.dataset.itemsOf(3).slice();
      assertSame(loaded.recommend({ history }, 10), model.recommend({ history }, 10), 'anonymous history');
    });

    it('rejects corrupt and wrong-version files', () => {
      const bytes = encodeModel(model.snapshot());
      const corrupt = bytes.slice();
      corrupt[Math.floor(corrupt.length / 2)] ^= 0xff;
      assert.throws(() => decodeModel(corrupt, 'corrupt.lmrec'), FormatError);
      const truncated = bytes.slice(0, bytes.length - 8);
      assert.throws(() => decodeModel(truncated), FormatError);
      const future = bytes.slice();
      new DataView(future.buffer).setUint32(8, 999, true);
      assert.throws(() => decodeModel(future), /version 999/);
      assert.throws(() => decodeModel(new TextEncoder().encode('not a model at all, just text')), /bad magic/);
    });

    it('batch-recommends in worker threads as it does one by one', async () => {
      const result = await recommendAll(model, { k: 5, exclude: fixture.dataset.byUser, workers: 2 });
      for (let user = 0; user < model.userCount; user += 4) {
        const single = model.recommend(user, 5, { exclude: fixture.dataset.itemsOf(user) });
        assert.deepEqual([...result.items.subarray(user * 5, user * 5 + single.items.length)], [...single.items]);
      }
    });
  });
}

function assertSame(actual: ScoredItems, expected: ScoredItems, label: string): void {
  assert.deepEqual([...actual.items], [...expected.items], label);
  assert.deepEqual([...actual.scores], [...expected.scores], label);
}

function assertClose(actual: number, expected: number): void {
  const tolerance = 1e-4 * Math.max(1, Math.abs(expected));
  assert.ok(Math.abs(actual - expected) <= tolerance || actual === expected, `${actual} ≠ ${expected}`);
}
