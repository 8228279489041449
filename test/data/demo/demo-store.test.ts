import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import {
  buildDemoStore,
  demoNamespace,
  loadDemoSimulator,
  readDemoManifest,
} from '../../../src/data/demo/demo-store.ts';
import { runDemoSimulation } from '../../../src/data/demo/run-simulation.ts';
import { SqliteStore } from '../../../src/store/sqlite/store.ts';
import type { Store } from '../../../src/store/store.ts';

const options = { seed: 11, scale: 0.1 };

async function digest(store: Store): Promise<string> {
  const hash = createHash('sha256');
  for await (const batch of store.feedback.scan()) hash.update(JSON.stringify(batch));
  for await (const batch of store.social.scan()) hash.update(JSON.stringify(batch));
  hash.update(JSON.stringify((await store.items.list({ limit: 100_000 })).rows));
  hash.update(JSON.stringify((await store.users.list({ limit: 100_000 })).rows));
  return hash.digest('hex');
}

describe('demo store', async () => {
  const store = SqliteStore.open(':memory:');
  const summary = await buildDemoStore(store, options);

  it('writes items, users, follows, events and the demo kv entries', async () => {
    const counts = await store.counts();
    assert.equal(counts.items, summary.manifest.counts.items);
    assert.equal(counts.users, summary.manifest.counts.users);
    assert.equal(counts.socialEdges, summary.manifest.counts.socialEdges);
    const events = summary.manifest.counts.events;
    assert.equal(counts.interactions, events.impression + events.click + events.cart + events.purchase);
    assert.ok(events.purchase > 0 && counts.socialEdges > 0);
    const keys = (await store.kv.entries(demoNamespace)).map((entry) => entry.key);
    assert.deepEqual(keys, ['brands', 'categories', 'complements', 'history', 'intents', 'manifest']);
    assert.equal((await readDemoManifest(store))?.seed, 11);
  });

  it('finds tents for 帐篷, 双人帐篷 and "2 person tent"', async () => {
    for (const text of ['帐篷', '双人帐篷', '2 person tent']) {
      const hits = await store.search.search({ text, limit: 5 });
      const items = await store.items.get(hits.map((hit) => hit.id));
      assert.equal(items.length, 5, text);
      assert.ok(
        items.every((item) => item.categories.includes('Tents')),
        `${text}: ${items.map((item) => item.id)}`,
      );
    }
  });

  it('writes events oldest first, with the default feedback types', async () => {
    let previous = 0;
    let userId = '';
    for await (const batch of store.feedback.scan({ batchSize: 5000 })) {
      for (const event of batch) {
        assert.ok(
          event.timestamp >= previous &&
            event.timestamp >= summary.manifest.startTime &&
            event.timestamp < summary.manifest.endTime + 3_600_000,
        );
        previous = event.timestamp;
        userId ||= event.userId;
      }
    }
    assert.ok((await store.feedback.forUser(userId, { limit: 5 })).length > 0);
    const types = new Set((await store.feedback.types()).map((type) => type.name));
    for (const name of ['impression', 'click', 'cart', 'purchase']) assert.ok(types.has(name));
  });

  it('rebuilds its simulator from the store, with the same truth as the run that wrote it', async () => {
    const loaded = await loadDemoSimulator(store);
    const fresh = runDemoSimulation(options).simulator;
    const time = loaded.endTime - 86_400_000 * 2.5;
    for (const userId of loaded.userIds().slice(0, 20)) {
      for (const itemId of loaded.itemIds().slice(0, 60)) {
        const query = { userId, itemId, time, position: 2 };
        assert.equal(loaded.clickProbability(query), fresh.clickProbability(query));
        assert.equal(loaded.purchaseUplift(query), fresh.purchaseUplift(query));
      }
      assert.deepEqual(
        loaded.loggingDistribution(userId, time).candidates,
        fresh.loggingDistribution(userId, time).candidates,
      );
    }
  });

  it('refuses a non-empty store unless forced, and is deterministic per seed', async () => {
    await assert.rejects(buildDemoStore(store, options), /is not empty .* pass --force/);
    const before = await digest(store);
    await buildDemoStore(store, { ...options, force: true });
    assert.equal(await digest(store), before, 'same seed, same store');
    const other = SqliteStore.open(':memory:');
    await buildDemoStore(other, { seed: 12, scale: 0.1 });
    assert.notEqual(await digest(other), before);
    await other.close();
  });

  it('says so when a store holds no demo', async () => {
    const empty = SqliteStore.open(':memory:');
    await assert.rejects(loadDemoSimulator(empty), /holds no demo shop; create one with `lmrec demo init`/);
    await empty.close();
  });
});
