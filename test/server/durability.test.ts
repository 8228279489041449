// Durability: SIGKILL the server in the middle of a feedback burst, restart it, and check that every acknowledged
// event is stored and that no idempotency key is stored twice (replaying every batch stores nothing twice).

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { it } from 'node:test';
import { SqliteStore } from '../../src/store/sqlite/store.ts';
import { startServerProcess } from '../../src/testing/server-process.ts';
import { servingFixture } from '../../src/testing/serving-fixture.ts';

const key = 'durability-admin-key-0123456789';
const env = {
  LMREC_ADMIN_KEY: key,
  LMREC_REGISTRY_MODULE: path.resolve(import.meta.dirname, '../../src/testing/mock-registry.ts'),
};
const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };

it('keeps every acknowledged feedback event across a SIGKILL, and never stores an idempotency key twice', async () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'lmrec-durability-'));
  const db = path.join(folder, 'shop.db');
  const store = SqliteStore.open(db);
  await servingFixture({ store });
  await store.close();

  const first = await startServerProcess({ db, env });
  const batches: Array<{ events: object[]; acknowledged: boolean }> = [];
  let killed = false;
  const burst = async (worker: number) => {
    for (let round = 0; !killed; round++) {
      const events = Array.from({ length: 50 }, (_, k) => ({
        userId: `burst-user-${worker}`,
        itemId: `item-${(round * 50 + k) % 40}`,
        type: 'view',
        timestamp: 1_700_000_000_000 + round * 100 + k,
        idempotencyKey: `w${worker}-r${round}-e${k}`,
      }));
      const batch = { events, acknowledged: false };
      batches.push(batch);
      try {
        const response = await fetch(`${first.base}/api/feedback`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ events }),
        });
        batch.acknowledged = response.status === 200;
      } catch {
        return; // the server is gone
      }
    }
  };
  const workers = Array.from({ length: 6 }, (_, worker) => burst(worker));
  await new Promise((resolve) => setTimeout(resolve, 600));
  await first.kill();
  killed = true;
  await Promise.all(workers);
  const acknowledged = batches.filter((batch) => batch.acknowledged);
  assert.ok(acknowledged.length > 5, `only ${acknowledged.length} batches were acknowledged before the kill`);
  assert.ok(batches.length > acknowledged.length || batches.length > 0);

  const second = await startServerProcess({ db, env });
  try {
    // Every acknowledged event is there: replaying its batch stores nothing.
    for (const batch of acknowledged) {
      const response = await fetch(`${second.base}/api/feedback`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ events: batch.events }),
      });
      assert.deepEqual(await response.json(), { stored: 0, duplicates: 50 });
    }
    // Batches cut off by the kill went in whole or not at all; replaying completes them.
    for (const batch of batches.filter((entry) => !entry.acknowledged)) {
      const result = (await (
        await fetch(`${second.base}/api/feedback`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ events: batch.events }),
        })
      ).json()) as { stored: number; duplicates: number };
      assert.ok(result.stored === 50 || result.duplicates === 50, JSON.stringify(result));
    }
    // One row per idempotency key: every batch's events are stored exactly once.
    for (let worker = 0; worker < 6; worker++) {
      const response = await fetch(`${second.base}/api/users/burst-user-${worker}/feedback?limit=10000`, { headers });
      const events = ((await response.json()) as { events: unknown[] }).events;
      const sent = batches.filter((batch) => (batch.events[0] as { userId: string }).userId === `burst-user-${worker}`);
      assert.equal(events.length, sent.length * 50);
    }
  } finally {
    await second.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  }
});
