// The default pipeline with the real recommenders (iALS, ItemKNN, co-occurrence, trending, popularity, latest) on a
// small shop: it trains, explains every item, serves brand-new users, and drops a disliked item at once.

import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { parseConfig } from '../../src/core/config/index.ts';
import { recommenders } from '../../src/models/registry.ts';
import { RecommendationEngine } from '../../src/pipeline/engine.ts';
import { MemorySharedState } from '../../src/store/memory/shared-state.ts';
import { servingFixture } from '../../src/testing/serving-fixture.ts';

describe('the default pipeline on the real recommenders', () => {
  let engine: RecommendationEngine;

  before(async () => {
    const fixture = await servingFixture();
    const config = parseConfig({ serving: { trainer: { pollSeconds: 0 }, cache: { precomputeUsers: 0 } } });
    engine = await RecommendationEngine.create({
      store: fixture.store,
      shared: new MemorySharedState(),
      config: config.serving,
      registry: recommenders,
    });
    await engine.train();
  });

  it('trains every model the default config names', () => {
    assert.deepEqual([...engine.bundle!.models.keys()].sort(), [
      'cooccurrence',
      'ials',
      'itemknn',
      'latest',
      'popularity',
      'trending',
    ]);
  });

  it('answers known and brand-new users with explained, distinct items', async () => {
    for (const userId of ['user-1', 'someone-new']) {
      const { items } = await engine.recommend({ userId, n: 10 });
      assert.equal(items.length, 10);
      assert.equal(new Set(items.map((item) => item.id)).size, 10);
      assert.ok(items.every((item) => item.reasons.length > 0 && item.reasons.every((reason) => reason.text.trim())));
    }
  });

  it('drops a disliked item from the next answer', async () => {
    const first = await engine.recommend({ userId: 'user-2', n: 10 });
    const target = first.items[0].id;
    await engine.store.feedback.add([{ userId: 'user-2', itemId: target, type: 'dislike' }]);
    await engine.feedbackStored(['user-2'], 1);
    const second = await engine.recommend({ userId: 'user-2', n: 10 });
    assert.ok(!second.items.some((item) => item.id === target));
  });

  it('folds a new click into the next answer', async () => {
    const before = await engine.recommend({ userId: 'user-3', n: 10 });
    await engine.store.feedback.add([{ userId: 'user-3', itemId: 'item-33', type: 'purchase' }]);
    await engine.feedbackStored(['user-3'], 1);
    const after = await engine.recommend({ userId: 'user-3', n: 10 });
    assert.notDeepEqual(
      after.items.map((item) => item.id),
      before.items.map((item) => item.id),
    );
    assert.ok(after.items.some((item) => item.reasons.some((reason) => reason.evidence.includes('item-33'))));
  });
});
