import assert from 'node:assert/strict';
import { it } from 'node:test';
import { testServer } from '../../src/testing/test-server.ts';

it('commits concurrent batches together, failing a bad batch alone', async () => {
  const t = await testServer();
  try {
    const writer = t.server.services.writer;
    const before = (await t.fixture.store.counts()).interactions;
    const batch = (k: number, type = 'click') =>
      Array.from({ length: 20 }, (_, e) => ({ userId: `group-${k}`, itemId: `item-${e}`, type, timestamp: 10 + e }));
    const results = await Promise.allSettled([
      writer.write(batch(0), {}),
      writer.write(batch(1), {}),
      writer.write(batch(2, 'no-such-type'), {}),
      writer.write(batch(3), { mode: 'overwrite' }),
      writer.write(batch(4), {}),
    ]);
    assert.deepEqual(
      results.map((result) => result.status),
      ['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled'],
    );
    assert.match(String((results[2] as PromiseRejectedResult).reason), /events\[0\]\.type/);
    assert.equal((await t.fixture.store.counts()).interactions - before, 80);
    assert.ok(writer.commits < writer.batches, `${writer.commits} commits for ${writer.batches} batches`);
    assert.equal(writer.pending, 0);
  } finally {
    await t.server.close();
  }
});
