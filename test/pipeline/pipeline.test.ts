import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { parseConfig } from '../../src/core/config/index.ts';
import type { PipelineConfig } from '../../src/core/config/serving.ts';
import { Catalog } from '../../src/pipeline/catalog.ts';
import type { ModelBundle } from '../../src/pipeline/model-bundle.ts';
import { RecommendationPipeline } from '../../src/pipeline/pipeline.ts';
import { loadBundle, saveBundle, trainBundle } from '../../src/pipeline/trainer.ts';
import { UserHistory } from '../../src/pipeline/user-history.ts';
import { type ServingFixture, servingFixture } from '../../src/testing/serving-fixture.ts';

const pipelineConfig = (serving: Record<string, unknown> = {}): PipelineConfig =>
  parseConfig({ serving: { pipeline: serving } }).serving.pipeline;

describe('recommendation pipeline', () => {
  let fixture: ServingFixture;
  let catalog: Catalog;
  let bundle: ModelBundle;
  let pipeline: RecommendationPipeline;
  const historyOf = async (userId: string) =>
    UserHistory.fromFeedback(await fixture.store.feedback.forUser(userId), await fixture.store.feedback.types());

  before(async () => {
    fixture = await servingFixture();
    catalog = await Catalog.load(fixture.store);
    pipeline = new RecommendationPipeline({
      config: pipelineConfig(),
      registry: fixture.registry,
      store: fixture.store,
    });
    bundle = await saveBundle(
      fixture.store,
      await trainBundle({ store: fixture.store, pipeline, registry: fixture.registry, catalog }),
    );
  });

  it('returns n explained, distinct items without seen or unavailable ones', async () => {
    const history = await historyOf('user-1');
    const result = await pipeline.run({ userId: 'user-1', n: 10 }, { catalog, bundle, history });
    assert.equal(result.items.length, 10);
    assert.equal(new Set(result.items.map((item) => item.id)).size, 10);
    const seen = history.itemsOfClasses(['positive']);
    for (const item of result.items) {
      assert.ok(!seen.has(item.id), `${item.id} was seen`);
      assert.notEqual(item.id, 'item-39');
      assert.ok(item.reasons.length > 0 && item.reasons.every((reason) => reason.text.trim()));
    }
    assert.equal(result.modelVersion, bundle.version);
  });

  it('explains item-to-item candidates with the recent item as evidence, in English and Chinese', async () => {
    const history = await historyOf('user-2');
    const recent = history.positives(1)[0].itemId;
    for (const lang of ['en', 'zh'] as const) {
      const result = await pipeline.run({ userId: 'user-2', n: 20, lang }, { catalog, bundle, history });
      const because = result.items.flatMap((item) => item.reasons).find((reason) => reason.kind === 'because');
      assert.ok(because, 'an item-to-item reason');
      assert.ok(because.evidence.length > 0);
      if (because.evidence[0] === recent) {
        assert.match(because.text, lang === 'en' ? /^Because you (bought|viewed)/ : /^因为你/);
      }
    }
  });

  it('gives a brand-new user a full explained list from the fallback chain', async () => {
    const result = await pipeline.run({ userId: 'nobody', n: 10 }, { catalog, bundle, history: UserHistory.empty() });
    assert.equal(result.items.length, 10);
    assert.ok(result.items.every((item) => item.reasons.length > 0));
    assert.ok(result.items.some((item) => ['trending', 'popular'].includes(item.source)));
  });

  it('removes a disliked item at once and keeps categories within the cap', async () => {
    const history = await historyOf('user-3');
    const first = await pipeline.run({ userId: 'user-3', n: 10 }, { catalog, bundle, history });
    const disliked = first.items[0].id;
    const after = new UserHistory([
      { itemId: disliked, type: 'dislike', class: 'negative', value: 1, timestamp: Date.now() },
      ...history.events,
    ]);
    const second = await pipeline.run({ userId: 'user-3', n: 10 }, { catalog, bundle, history: after });
    assert.ok(!second.items.some((item) => item.id === disliked));
    const perCategory = new Map<string, number>();
    for (const item of second.items) {
      const category = catalog.get(item.id)!.leafCategory!;
      perCategory.set(category, (perCategory.get(category) ?? 0) + 1);
    }
    assert.ok(Math.max(...perCategory.values()) <= 4);
  });

  it('honours category include/exclude lists and explicit excludes', async () => {
    const history = await historyOf('user-4');
    const tents = new Set(fixture.itemsIn('Tents'));
    const result = await pipeline.run(
      { userId: 'user-4', n: 5, categories: ['tents'], exclude: ['item-0'] },
      { catalog, bundle, history },
    );
    assert.ok(result.items.length > 0);
    assert.ok(result.items.every((item) => tents.has(item.id) && item.id !== 'item-0'));
    const without = await pipeline.run(
      { userId: 'user-4', n: 10, excludeCategories: ['Tents', 'Stoves'] },
      { catalog, bundle, history },
    );
    assert.ok(without.items.every((item) => !tents.has(item.id) && !fixture.itemsIn('Stoves').includes(item.id)));
  });

  it('logs a propensity for every shown item and explores with ε-greedy', async () => {
    const explorer = new RecommendationPipeline({
      config: pipelineConfig({
        rerank: { exploration: { method: 'epsilon-greedy', epsilon: 1, slots: [2], poolStart: 5 } },
      }),
      registry: fixture.registry,
      store: fixture.store,
    });
    const history = await historyOf('user-5');
    const result = await explorer.run({ userId: 'user-5', n: 10, requestId: 'r-1' }, { catalog, bundle, history });
    assert.equal(result.items[2].explored, true);
    assert.equal(result.items[2].source, 'exploration');
    assert.ok(result.items[2].propensity > 0 && result.items[2].propensity < 1);
    assert.ok(result.items[2].reasons.some((reason) => reason.kind === 'exploration'));
    assert.ok(result.items.filter((_, index) => index !== 2).every((item) => item.propensity === 1));
    const again = await explorer.run({ userId: 'user-5', n: 10, requestId: 'r-1' }, { catalog, bundle, history });
    assert.deepEqual(
      again.items.map((item) => item.id),
      result.items.map((item) => item.id),
    );
  });

  it('explores with Thompson sampling and estimates the shown item propensity', async () => {
    const thompson = new RecommendationPipeline({
      config: pipelineConfig({ rerank: { exploration: { method: 'thompson', slots: [0, 5] } } }),
      registry: fixture.registry,
      store: fixture.store,
    });
    const result = await thompson.run(
      { userId: 'user-6', n: 10 },
      { catalog, bundle, history: await historyOf('user-6') },
    );
    for (const position of [0, 5])
      assert.ok(result.items[position].propensity > 0 && result.items[position].propensity <= 1);
  });

  it('boosts pinned items to the top with a reason', async () => {
    const result = await pipeline.run(
      { userId: 'user-7', n: 10 },
      { catalog, bundle, history: await historyOf('user-7'), pinned: new Set(['item-30']) },
    );
    assert.equal(result.items[0].id, 'item-30');
    assert.equal(result.items[0].reasons[0].kind, 'pinned');
  });

  it('falls back when a source fails, and shows the failure in the trace', async () => {
    const broken = new RecommendationPipeline({
      config: pipelineConfig({
        recall: [{ source: 'external', url: 'http://127.0.0.1:1/recommend', timeoutMs: 200 }],
      }),
      registry: fixture.registry,
      store: fixture.store,
    });
    const result = await broken.run(
      { userId: 'user-8', n: 10, trace: true },
      { catalog, bundle, history: await historyOf('user-8') },
    );
    assert.equal(result.items.length, 10);
    assert.deepEqual(result.fallback.slice(0, 1), ['trending']);
    const recallTrace = result.trace!.find((stage) => stage.stage === 'recall')!;
    assert.ok(recallTrace.sources![0].error);
    assert.deepEqual(
      result.trace!.map((stage) => stage.stage),
      ['recall', 'merge', 'rank', 'rerank', 'fallback', 'explain'],
    );
  });

  it('never answers empty while the catalog has available items, even with no models at all', async () => {
    const result = await pipeline.run({ userId: 'x', n: 5 }, { catalog, bundle: null, history: UserHistory.empty() });
    assert.equal(result.items.length, 5);
    assert.ok(result.items.every((item) => item.reasons.length > 0));
  });

  it('stores the bundle as a versioned blob and loads the same models back', async () => {
    const loaded = await loadBundle(fixture.store, fixture.registry);
    assert.equal(loaded!.version, bundle.version);
    const history = await historyOf('user-9');
    const a = await pipeline.run({ userId: 'user-9', n: 10, requestId: 'same' }, { catalog, bundle, history });
    const b = await pipeline.run({ userId: 'user-9', n: 10, requestId: 'same' }, { catalog, bundle: loaded, history });
    assert.deepEqual(a.items, b.items);
  });

  it('rejects a config naming an unknown model, naming the field', () => {
    assert.throws(
      () =>
        new RecommendationPipeline({
          config: pipelineConfig({ recall: [{ source: 'model', model: 'nope' }] }),
          registry: fixture.registry,
          store: fixture.store,
        }),
      /serving\.pipeline\.recall\[0\]\.model: unknown model "nope"/,
    );
  });
});
