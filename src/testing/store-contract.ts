// The contract every Store adapter passes: `runStoreContract({ name, create })` from each adapter's test file.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { makeItem } from '../core/types.ts';
import type { Store } from '../store/store.ts';

export interface StoreContractOptions {
  name: string;
  /** A new, empty store for one test group. */
  create: () => Promise<Store>;
  /** Removes what `create` made (drop schema, delete file). */
  destroy?: (store: Store) => Promise<void>;
  /** Set to a reason to skip the suite (e.g. the database server is absent). */
  skip?: string | false;
}

export function runStoreContract(options: StoreContractOptions): void {
  describe(`Store contract: ${options.name}`, { skip: options.skip || false }, () => {
    let store: Store;
    before(async () => {
      store = await options.create();
    });
    after(async () => {
      if (!store) return;
      if (options.destroy) await options.destroy(store);
      else await store.close();
    });

    it('upserts, gets and lists items with cursors', async () => {
      const items = Array.from({ length: 25 }, (_, k) =>
        makeItem({
          id: `item-${k}`,
          title: `Item ${k}`,
          categories: ['Camping', k % 2 ? 'Tents' : 'Stoves'],
          price: k * 10,
        }),
      );
      assert.equal(await store.items.upsert(items), 25);
      const got = await store.items.get(['item-3', 'missing', 'item-1']);
      assert.deepEqual(
        got.map((item) => item.id),
        ['item-3', 'item-1'],
      );
      assert.deepEqual(got[0].categories, ['Camping', 'Tents']);
      assert.equal(got[0].price, 30);
      const seen: string[] = [];
      for (let cursor: string | null = null; ; ) {
        const page = await store.items.list({ limit: 10, cursor });
        seen.push(...page.rows.map((item) => item.id));
        if (!page.nextCursor) break;
        cursor = page.nextCursor;
      }
      assert.equal(seen.length, 25);
      assert.equal(new Set(seen).size, 25);
      const tents = await store.items.list({ limit: 100, category: 'tents' });
      assert.equal(tents.rows.length, 12);
    });

    it('replaces an item on upsert and removes it', async () => {
      await store.items.upsert([makeItem({ id: 'x', title: 'Old', price: 1 })]);
      await store.items.upsert([makeItem({ id: 'x', title: 'New', price: 2, available: false })]);
      const [item] = await store.items.get(['x']);
      assert.equal(item.title, 'New');
      assert.equal(item.available, false);
      assert.equal(await store.items.remove(['x', 'never']), 1);
      assert.deepEqual(await store.items.get(['x']), []);
    });

    it('stores users and feedback, newest first', async () => {
      await store.users.upsert([{ id: 'u1', attributes: { age: 30 } }]);
      const result = await store.feedback.add([
        { userId: 'u1', itemId: 'item-1', type: 'click', timestamp: 1000 },
        { userId: 'u1', itemId: 'item-2', type: 'purchase', value: 2, timestamp: 2000 },
      ]);
      assert.deepEqual(result, { stored: 2, duplicates: 0 });
      const events = await store.feedback.forUser('u1');
      assert.deepEqual(
        events.map((event) => [event.itemId, event.type, event.value]),
        [
          ['item-2', 'purchase', 2],
          ['item-1', 'click', 1],
        ],
      );
      const [user] = await store.users.get(['u1']);
      assert.deepEqual(user.attributes, { age: 30 });
    });

    it('never stores an idempotency key twice, nor the same event', async () => {
      const event = { userId: 'u2', itemId: 'item-1', type: 'click', timestamp: 5000, idempotencyKey: 'k-1' };
      assert.deepEqual(await store.feedback.add([event]), { stored: 1, duplicates: 0 });
      assert.deepEqual(await store.feedback.add([event]), { stored: 0, duplicates: 1 });
      assert.deepEqual(await store.feedback.add([{ ...event, idempotencyKey: undefined }]), {
        stored: 0,
        duplicates: 1,
      });
      assert.equal((await store.feedback.forUser('u2')).length, 1);
    });

    it('overwrites one row per (user, item, type) in overwrite mode', async () => {
      await store.feedback.add([{ userId: 'u3', itemId: 'item-4', type: 'rating', value: 2, timestamp: 1 }]);
      await store.feedback.add([{ userId: 'u3', itemId: 'item-4', type: 'rating', value: 5, timestamp: 2 }], {
        mode: 'overwrite',
      });
      const events = await store.feedback.forUser('u3');
      assert.deepEqual(
        events.map((event) => event.value),
        [5],
      );
    });

    it('rejects a bad event naming its field, and writes nothing of the batch', async () => {
      const before = (await store.counts()).interactions;
      await assert.rejects(
        store.feedback.add([
          { userId: 'u4', itemId: 'item-1', type: 'click', timestamp: 1 },
          { userId: 'u4', itemId: 'item-1', type: 'no-such-type' },
        ]),
        /events\[1\]\.type/,
      );
      assert.equal((await store.counts()).interactions, before);
    });

    it('rolls back a failed transaction completely', async () => {
      const before = await store.counts();
      await assert.rejects(
        store.transaction(async (tx) => {
          await tx.items.upsert([makeItem({ id: 'tx-item', title: 'T' })]);
          await tx.feedback.add([{ userId: 'tx-user', itemId: 'tx-item', type: 'click' }]);
          throw new Error('boom');
        }),
        /boom/,
      );
      assert.deepEqual(await store.counts(), before);
      assert.deepEqual(await store.items.get(['tx-item']), []);
      // The store still works after the rollback.
      await store.feedback.add([{ userId: 'tx-user', itemId: 'item-1', type: 'click', timestamp: 9 }]);
      assert.equal((await store.feedback.forUser('tx-user')).length, 1);
    });

    it('returns logged context from forUser and from scan when asked', async () => {
      const context = { source: 'ials', position: 3, requestId: 'r-1', propensity: 0.25 };
      await store.feedback.add([{ userId: 'ctx-user', itemId: 'item-1', type: 'impression', timestamp: 77, context }]);
      const [event] = await store.feedback.forUser('ctx-user');
      assert.deepEqual(event.context, context);
      let found: unknown;
      for await (const batch of store.feedback.scan({ withContext: true })) {
        for (const row of batch) if (row.userId === 'ctx-user') found = row.context;
      }
      assert.deepEqual(found, context);
      for await (const batch of store.feedback.scan()) {
        for (const row of batch) assert.equal(row.context, undefined);
      }
    });

    it('scans all feedback in batches', async () => {
      const { interactions } = await store.counts();
      let total = 0;
      for await (const batch of store.feedback.scan({ batchSize: 2 })) total += batch.length;
      assert.equal(total, interactions);
    });

    it('finds English prefixes and two-character Chinese words', async () => {
      await store.items.upsert([
        makeItem({ id: 'zh-tent', title: '双人轻量帐篷', description: '防水 三季', categories: ['帐篷'], price: 699 }),
        makeItem({ id: 'en-tent', title: 'Ultralight 2-person tent', categories: ['Tents'], price: 250 }),
        makeItem({ id: 'bag', title: 'Down sleeping bag', categories: ['Sleeping bags'], price: 300 }),
      ]);
      const zh = await store.search.search({ text: '帐篷' });
      assert.equal(zh[0]?.id, 'zh-tent');
      const en = await store.search.search({ text: 'ultralig tent' });
      assert.equal(en[0]?.id, 'en-tent');
      const cheap = await store.search.search({ text: 'tent', maxPrice: 100 });
      assert.ok(!cheap.some((hit) => hit.id === 'en-tent'));
    });

    it('keeps blob versions and key-value entries with expiry', async () => {
      const first = await store.blobs.put('model', new Uint8Array([1, 2, 3]), { kind: 'test' });
      const second = await store.blobs.put('model', new Uint8Array([4]));
      assert.equal(second.version, first.version + 1);
      assert.deepEqual([...(await store.blobs.get('model'))!.data], [4]);
      assert.deepEqual([...(await store.blobs.get('model', first.version))!.data], [1, 2, 3]);
      assert.equal(await store.blobs.get('none'), null);
      await store.kv.set('ns', 'a:1', { n: 1 });
      await store.kv.set('ns', 'a:2', { n: 2 }, { ttlMs: 1 });
      await new Promise((resolve) => setTimeout(resolve, 5));
      assert.deepEqual(await store.kv.get('ns', 'a:1'), { n: 1 });
      assert.equal(await store.kv.get('ns', 'a:2'), null);
      assert.deepEqual(
        (await store.kv.entries('ns', 'a:')).map((entry) => entry.key),
        ['a:1'],
      );
      assert.equal(await store.kv.delete('ns', 'a:1'), true);
    });

    it('stores vectors and finds nearest neighbours by cosine similarity', async () => {
      const v = (...values: number[]) => Float32Array.from(values);
      assert.equal(
        await store.vectors.put('items', [
          { id: 'a', vector: v(1, 0, 0) },
          { id: 'b', vector: v(0.9, 0.1, 0) },
          { id: 'c', vector: v(0, 1, 0) },
        ]),
        3,
      );
      const hits = await store.vectors.nearest('items', v(2, 0, 0), { k: 2 });
      assert.deepEqual(
        hits.map((hit) => hit.id),
        ['a', 'b'],
      );
      assert.ok(Math.abs(hits[0].score - 1) < 1e-6);
      const excluded = await store.vectors.nearest('items', v(1, 0, 0), { k: 2, exclude: new Set(['a']) });
      assert.deepEqual(
        excluded.map((hit) => hit.id),
        ['b', 'c'],
      );
      // Replacing a vector is seen by the next search (the in-process index is rebuilt).
      await store.vectors.put('items', [{ id: 'c', vector: v(3, 0, 0) }]);
      const [top] = await store.vectors.nearest('items', v(1, 0, 0), { k: 1, exclude: new Set(['a']) });
      assert.equal(top.id, 'c');
      await assert.rejects(store.vectors.put('items', [{ id: 'd', vector: v(1, 0) }]), /entries\[0\]\.vector/);
      const got = await store.vectors.get('items', ['c', 'missing']);
      assert.deepEqual(
        got.map((entry) => [entry.id, [...entry.vector]]),
        [['c', [3, 0, 0]]],
      );
      assert.equal(await store.vectors.remove('items', ['c']), 1);
      assert.ok(!(await store.vectors.nearest('items', v(1, 0, 0), { k: 5 })).some((hit) => hit.id === 'c'));
      assert.equal(await store.vectors.remove('items'), 2);
      assert.deepEqual(await store.vectors.nearest('items', v(1, 0, 0), { k: 5 }), []);
      assert.deepEqual(await store.vectors.nearest('none', v(1, 0, 0), { k: 5 }), []);
      // An emptied namespace takes a new dimension.
      await store.vectors.put('items', [{ id: 'x', vector: v(1, 2) }]);
      assert.equal((await store.vectors.nearest('items', v(1, 2), { k: 1 }))[0].id, 'x');
    });

    it('stores social edges', async () => {
      await store.social.add([
        { from: 'u1', to: 'u2', weight: 1 },
        { from: 'u1', to: 'u3', weight: 0.5 },
      ]);
      assert.equal((await store.social.of('u1')).length, 2);
      let total = 0;
      for await (const batch of store.social.scan()) total += batch.length;
      assert.equal(total, 2);
    });
  });
}
