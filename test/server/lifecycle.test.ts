// Hot swaps and shutdown: retraining while requests flow drops none of them, and a shutdown drains the requests in
// flight and flushes their writes.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { it } from 'node:test';
import { SqliteStore } from '../../src/store/sqlite/store.ts';
import type { Store } from '../../src/store/store.ts';
import { testServer } from '../../src/testing/test-server.ts';

it('hot-swaps retrained models without failing a request, the header following the new version', async () => {
  const t = await testServer();
  try {
    const start = t.server.services.engine.modelVersion!;
    let running = true;
    const statuses: number[] = [];
    const versions: number[] = [];
    const load = async (worker: number) => {
      for (let k = 0; running; k++) {
        const response = await t.server.app.inject({
          method: 'GET',
          url: `/api/recommend/user-${(worker * 7 + k) % 30}?n=5&offset=${k % 3}`,
          headers: t.auth(t.clientKey),
        });
        statuses.push(response.statusCode);
        versions.push(Number(response.headers['x-lmrec-model-version']));
      }
    };
    const workers = Array.from({ length: 4 }, (_, worker) => load(worker));
    for (let k = 0; k < 3; k++) await t.server.services.engine.train();
    running = false;
    await Promise.all(workers);
    assert.ok(statuses.length >= 4);
    assert.ok(statuses.every((status) => status === 200));
    assert.equal(t.server.services.engine.modelVersion, start + 3);
    assert.ok(versions.every((version) => version >= start && version <= start + 3));
    const last = await t.server.app.inject({
      method: 'GET',
      url: '/api/recommend/user-1?n=5',
      headers: t.auth(t.clientKey),
    });
    assert.equal(last.headers['x-lmrec-model-version'], String(start + 3));
  } finally {
    await t.server.close();
  }
});

it('drains requests in flight at shutdown and flushes their writes', async () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'lmrec-shutdown-'));
  const db = path.join(folder, 'shop.db');
  const t = await testServer({ store: slowWrites(SqliteStore.open(db), 150) });
  try {
    const address = await t.server.app.listen({ port: 0, host: '127.0.0.1' });
    const before = (await t.fixture.store.counts()).interactions;
    const posts = Array.from({ length: 8 }, (_, k) =>
      fetch(`${address}/api/feedback`, {
        method: 'POST',
        headers: { ...t.auth(t.clientKey), 'content-type': 'application/json' },
        body: JSON.stringify({
          events: Array.from({ length: 50 }, (_, e) => ({
            userId: `drain-${k}`,
            itemId: `item-${e % 40}`,
            type: 'view',
            timestamp: 1_000 + e,
          })),
        }),
      }).then(
        (response) => response.status,
        () => 0,
      ),
    );
    const deadline = Date.now() + 10_000;
    while (t.server.services.writer.pending < 2 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 5));
    const inFlight = t.server.services.writer.pending;
    assert.ok(inFlight >= 2, 'writes were in flight when the shutdown began');
    await t.server.close();
    // Every request in flight was answered and stored; requests that came after the close began were refused.
    const statuses = await Promise.all(posts);
    const acknowledged = statuses.filter((status) => status === 200).length;
    assert.ok(acknowledged >= inFlight, `${acknowledged} acknowledged, ${inFlight} were in flight`);
    assert.ok(
      statuses.every((status) => status === 200 || status === 503 || status === 0),
      statuses.join(' '),
    );
    const reopened = SqliteStore.open(db);
    assert.equal((await reopened.counts()).interactions - before, acknowledged * 50);
    await reopened.close();
  } finally {
    await t.server.close();
    fs.rmSync(folder, { recursive: true, force: true });
  }
});

/** The store with every write transaction held back `ms` first (requests stay in flight long enough to watch). */
function slowWrites(store: Store, ms: number): Store {
  return new Proxy(store, {
    get(target, property) {
      const value = Reflect.get(target, property, target);
      if (property === 'transaction') {
        return async (work: Parameters<Store['transaction']>[0]) => {
          await new Promise((resolve) => setTimeout(resolve, ms));
          return target.transaction(work);
        };
      }
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
