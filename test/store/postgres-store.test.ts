import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { makeItem } from '../../src/core/types.ts';
import { PostgresStore } from '../../src/store/postgres/store.ts';
import { serviceAbsent, testPostgresLocation, testPostgresUrl, uniqueSchema } from '../../src/testing/services.ts';
import { runStoreContract } from '../../src/testing/store-contract.ts';

const absent = await serviceAbsent(testPostgresUrl, 'PostgreSQL');

runStoreContract({
  name: 'postgres (in-process vector index)',
  skip: absent,
  create: async () => PostgresStore.open(testPostgresLocation(uniqueSchema()), { vectorSearch: 'in-process' }),
  destroy: async (store) => (store as PostgresStore).dropSchema(),
});

const pgvectorReason = absent || (await pgvectorAbsent());
runStoreContract({
  name: 'postgres (pgvector)',
  skip: pgvectorReason,
  create: async () => PostgresStore.open(testPostgresLocation(uniqueSchema()), { vectorSearch: 'auto' }),
  destroy: async (store) => (store as PostgresStore).dropSchema(),
});

async function pgvectorAbsent(): Promise<string | false> {
  const store = await PostgresStore.open(testPostgresLocation(uniqueSchema()));
  const has = store.usesPgvector;
  await store.dropSchema();
  if (has) return false;
  const reason = 'the PostgreSQL server has no pgvector extension';
  process.stdout.write(`# skipped: ${reason}\n`);
  return reason;
}

describe('postgres store specifics', { skip: absent }, () => {
  let store: PostgresStore;
  before(async () => {
    store = await PostgresStore.open(testPostgresLocation(uniqueSchema()), { vectorSearch: 'in-process' });
  });
  after(async () => store?.dropSchema());

  it('bulk-imports 20,000 feedback events through COPY and dedupes a replayed batch', async () => {
    await store.items.upsert(Array.from({ length: 200 }, (_, k) => makeItem({ id: `i${k}`, title: `Item ${k}` })));
    const events = Array.from({ length: 20_000 }, (_, k) => ({
      userId: `u${k % 500}`,
      itemId: `i${k % 200}`,
      type: 'click',
      timestamp: 1_000 + k,
      idempotencyKey: `key-${k}`,
    }));
    assert.deepEqual(await store.feedback.add(events), { stored: 20_000, duplicates: 0 });
    assert.deepEqual(await store.feedback.add(events.slice(0, 100)), { stored: 0, duplicates: 100 });
    assert.equal((await store.counts()).interactions, 20_000);
    assert.equal((await store.counts()).users, 500);
  });

  it('stores each idempotency key once under concurrent retries from several connections', async () => {
    const batch = Array.from({ length: 50 }, (_, k) => ({
      userId: 'racer',
      itemId: `i${k}`,
      type: 'cart',
      idempotencyKey: `race-${k}`,
    }));
    const results = await Promise.all(Array.from({ length: 6 }, () => store.feedback.add(batch)));
    assert.equal(
      results.reduce((sum, result) => sum + result.stored, 0),
      50,
    );
    assert.equal((await store.feedback.forUser('racer')).length, 50);
  });

  it('writes several batches in one transaction, each from an empty stage (group commit)', async () => {
    const before = (await store.counts()).interactions;
    await store.transaction(async (tx) => {
      for (let batch = 0; batch < 3; batch++) {
        const events = Array.from({ length: 10 }, (_, k) => ({
          userId: `group-${batch}`,
          itemId: `i${k}`,
          type: 'click',
          timestamp: 7_000 + k,
        }));
        assert.deepEqual(await tx.transaction((inner) => inner.feedback.add(events)), { stored: 10, duplicates: 0 });
      }
    });
    assert.equal((await store.counts()).interactions - before, 30);
  });

  it('rejects unknown users when asked not to create them, naming the event', async () => {
    await assert.rejects(
      store.feedback.add([{ userId: 'nobody-at-all', itemId: 'i1', type: 'click' }], { createMissing: false }),
      /events\[0\]\.userId is not a known user/,
    );
  });

  it('keeps text with tabs, newlines, backslashes and quotes through COPY', async () => {
    const title = 'Tab\there, line\nbreak, back\\slash, \'quote\' "dq"';
    await store.items.upsert([makeItem({ id: 'odd', title, attributes: { note: 'a\tb\\c' } })]);
    const [item] = await store.items.get(['odd']);
    assert.equal(item.title, title);
    assert.deepEqual(item.attributes, { note: 'a\tb\\c' });
  });

  it('migrates once when two processes open the same schema together', async () => {
    const location = testPostgresLocation(uniqueSchema());
    const [a, b] = await Promise.all([PostgresStore.open(location), PostgresStore.open(location)]);
    await a.items.upsert([makeItem({ id: 'shared' })]);
    assert.equal((await b.items.get(['shared'])).length, 1);
    await b.close();
    await a.dropSchema();
  });

  it('names the server in a connection error', async () => {
    await assert.rejects(PostgresStore.open('postgres://127.0.0.1:1/test?schema=x'), /cannot connect to PostgreSQL/);
  });
});
