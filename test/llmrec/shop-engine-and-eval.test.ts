import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { loadDemoSimulator } from '../../src/data/demo/demo-store.ts';
import { buildIntentMap, mineIntents } from '../../src/llmrec/assistant/build-intent-map.ts';
import { loadIntentMap } from '../../src/llmrec/assistant/intent-map.ts';
import type { CatalogIndex } from '../../src/llmrec/chat/catalog-index.ts';
import { evaluateChat } from '../../src/llmrec/chat/eval/evaluate-chat.ts';
import { SimulatedShopper } from '../../src/llmrec/chat/eval/simulated-shopper.ts';
import { trainChatModel } from '../../src/llmrec/chat/store-engine/chat-model.ts';
import { vectorBlobName } from '../../src/llmrec/chat/store-engine/item-vectors.ts';
import { StoreShopEngine } from '../../src/llmrec/chat/store-engine/store-shop-engine.ts';
import type { SqliteStore } from '../../src/store/sqlite/store.ts';
import { startFakeOpenAiServer } from '../../src/testing/index.ts';
import { gatewayFor } from '../llm/helpers.ts';
import { assistantOn, demoStoreCopy } from './chat-fixture.ts';

let store: SqliteStore;
let engine: StoreShopEngine;
let index: CatalogIndex;

before(async () => {
  ({ store } = await demoStoreCopy());
  engine = new StoreShopEngine({ store });
  index = await engine.index();
});
after(() => store.close());

describe('Store-backed shop engine', () => {
  test('hybrid search honours categories and prices and finds Chinese and English text', async () => {
    const hits = await engine.catalog.search({
      text: 'waterproof',
      categories: ['rain-jackets'],
      maxPrice: 600,
      limit: 20,
    });
    assert.ok(hits.length > 0);
    for (const hit of hits) {
      const item = index.get(hit.id)!;
      assert.equal(index.categoryKey(hit.id), 'rain-jackets');
      assert.ok(item.price! <= 600 && item.available);
    }
    const chinese = await engine.catalog.search({ text: '帐篷', limit: 5 });
    assert.ok(
      chinese.length > 0 &&
        chinese.every((hit) => index.categoryKey(hit.id) === 'tents' || index.categoryKey(hit.id) === 'tarps'),
    );
    const listing = await engine.catalog.search({ text: '', categories: ['stoves'], limit: 100 });
    assert.equal(listing.length, index.members('stoves').filter((item) => item.available).length);
  });

  test('complements respect fit rules: every pad offered for a tent fits its floor', async () => {
    const tent = index.members('tents').find((item) => item.available)!;
    const hits = await engine.recommendations.complements(tent.id, { limit: 100, categories: ['sleeping-pads'] });
    assert.ok(hits.length > 0);
    for (const hit of hits) {
      const pad = index.get(hit.id)!;
      assert.ok(hit.fitted);
      assert.ok((pad.attributes.width_per_sleeper_cm as number) <= (tent.attributes.pad_width_max_cm as number));
      assert.ok((pad.attributes.length_cm as number) <= (tent.attributes.floor_length_cm as number));
    }
  });

  test('recommendations leave out what the user bought or disliked', async () => {
    const [purchase] = await store.feedback.forUser('user-00010', { types: ['purchase'], limit: 1 });
    const userId = purchase?.userId ?? 'user-00010';
    const top = await engine.recommendations.forUser(userId, { limit: 5 });
    await store.feedback.add([{ userId, itemId: top[0].id, type: 'dislike' }]);
    const fresh = new StoreShopEngine({ store });
    const after = await fresh.recommendations.forUser(userId, { limit: 50 });
    assert.ok(!after.some((hit) => hit.id === top[0].id));
    if (purchase) assert.ok(!after.some((hit) => hit.id === purchase.itemId));
  });

  test('a trained model of the registry takes over recommendations and similar items', async () => {
    const trained = await trainChatModel({ store, spec: 'itemknn' });
    const withModel = new StoreShopEngine({ store });
    assert.equal(await withModel.modelName(), 'itemknn');
    const userId = trained.users
      .ids()
      .find((id) => trained.model.recommend(trained.users.indexOf(id), 1).items.length > 0)!;
    const hits = await withModel.recommendations.forUser(userId, { limit: 5, categories: ['tents'] });
    assert.ok(hits.length > 0 && hits.every((hit) => index.categoryKey(hit.id) === 'tents'));
    const direct = trained.model.score(
      trained.users.indexOf(userId),
      Int32Array.from(hits.map((hit) => trained.items.indexOf(hit.id))),
    );
    assert.deepEqual(
      [...direct].map((score) => Number(score.toFixed(5))),
      hits.map((hit) => Number(hit.score.toFixed(5))),
    );
    const item = hits[0].id;
    const similar = await withModel.recommendations.similar(item, { limit: 5 });
    const expected = trained.model.similarItems!(trained.items.indexOf(item), 20);
    assert.equal(
      similar[0].id,
      trained.items.idAt(
        [...expected.items].find((k) => trained.items.idAt(k) !== item && index.get(trained.items.idAt(k))?.available)!,
      ),
    );
    assert.equal(await new StoreShopEngine({ store, model: 'off' }).modelName(), null);
  });

  test('vectors built with an embedder are stored once and reused while the catalog is unchanged', async () => {
    const server = await startFakeOpenAiServer({ embeddingDimension: 16 });
    try {
      const gateway = gatewayFor(null, { config: { embedding: `openai-compatible:${server.url}#embed` } });
      const embedder = await gateway.embedder();
      const built = new StoreShopEngine({ store, embedder, vectors: 'build' });
      assert.equal(await built.semanticName(), embedder.name);
      const calls = server.counts.embeddings;
      assert.ok(calls > 0);
      assert.equal((await store.blobs.list(vectorBlobName(embedder.name))).length, 1);
      const reused = new StoreShopEngine({ store, embedder });
      assert.equal(await reused.semanticName(), embedder.name);
      await reused.catalog.search({ text: 'tent', limit: 3 });
      assert.ok(server.counts.embeddings <= calls + 1, 'only the query is embedded');
    } finally {
      await server.close();
    }
  });
});

describe('intent map job', () => {
  test('without an LLM: intents mined from co-purchases, stored beside the demo map', async () => {
    const mined = await mineIntents(store, index);
    assert.ok(mined.length > 0);
    for (const intent of mined)
      for (const need of intent.needs) for (const key of need.categories) assert.ok(index.category(key));
    const result = await buildIntentMap({ store, index, llm: null });
    assert.equal(result.source, 'mined');
    assert.match(result.fallbackReason ?? '', /no LLM/);
    const map = await loadIntentMap(store.kv);
    assert.ok(map.some((intent) => intent.id === 'rainy-hike') && map.some((intent) => intent.id.startsWith('with-')));
  });

  test('with an LLM: one JSON call, grounded to the catalog', async () => {
    const server = await startFakeOpenAiServer();
    try {
      const gateway = gatewayFor(server, { config: { cache: 'off' } });
      const intent = (id: string, categories: string[][]) => ({
        id,
        name: { en: id, zh: id },
        keywords: { en: [id], zh: [] },
        needs: categories.map((keys) => ({ categories: keys, label: { en: keys[0], zh: keys[0] }, required: true })),
        months: [6],
        days: 2,
        people: 2,
      });
      server.replyWith(
        JSON.stringify([
          intent('picnic', [['Coolers'], ['camp-chairs', 'hoverboards'], ['towels']]),
          intent('moon-walk', [['moon-boots'], ['oxygen']]),
        ]),
      );
      const result = await buildIntentMap({ store, index, llm: gateway, extend: false });
      assert.equal(result.source, 'llm');
      assert.deepEqual(
        result.intents.map((entry) => entry.id),
        ['picnic'],
      );
      assert.deepEqual(
        result.intents[0].needs.map((need) => need.categories),
        [['coolers'], ['camp-chairs'], ['towels']],
      );
      assert.ok(result.dropped.some((line) => line.startsWith('moon-walk')));
    } finally {
      await server.close();
    }
  });
});

describe('simulated shoppers', () => {
  test('the shopper opens with the category, answers questions from the target, never names it', () => {
    const target = index.members('tents').find((item) => item.available)!;
    const shopper = new SimulatedShopper({ target, language: 'en', index });
    assert.equal(shopper.opening(), "I'm looking for tents");
    const price = shopper.respond({ attribute: 'price', text: 'What is your budget?' });
    const cap = Number(/under (\d+)/.exec(price)?.[1]);
    assert.ok(cap >= target.price!);
    const next = shopper.respond(null);
    assert.match(next, /^None of these\. I prefer /);
    for (const text of [price, next]) assert.ok(!text.includes(target.id) && !text.includes(target.title));
  });

  test('a small evaluation finds most targets within five turns', async () => {
    const { assistant } = await assistantOn(store);
    const simulator = await loadDemoSimulator(store);
    const result = await evaluateChat({ assistant, simulator, index, users: 12, seed: 3 });
    assert.equal(result.mode, 'basic');
    assert.equal(result.conversations.length, 12);
    assert.ok(result.hitRate >= 0.5, `hit rate ${result.hitRate}`);
    assert.equal(
      result.hitsByTurn.reduce((a, b) => a + b, 0),
      Math.round(result.hitRate * 12),
    );
    assert.ok(result.averageTurns >= 1 && result.averageTurns <= 5);
  });
});
