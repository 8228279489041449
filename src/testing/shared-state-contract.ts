// The contract every SharedState implementation passes: `runSharedStateContract({ name, create })`.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SharedState } from '../store/shared-state.ts';

export interface SharedStateContractOptions {
  name: string;
  /** A new state; for cross-process implementations, two calls behave like two processes sharing one server. */
  create: () => Promise<SharedState>;
  /** True when two states from `create` share data (Redis); false for in-process memory. */
  crossProcess: boolean;
  skip?: string | false;
}

const until = async (check: () => boolean, ms = 2000) => {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 5));
};

export function runSharedStateContract(options: SharedStateContractOptions): void {
  describe(`SharedState contract: ${options.name}`, { skip: options.skip || false }, () => {
    let a: SharedState;
    let b: SharedState;
    const run = `${process.pid}-${Date.now()}`;
    before(async () => {
      a = await options.create();
      b = options.crossProcess ? await options.create() : a;
    });
    after(async () => {
      await a?.close();
      if (b !== a) await b?.close();
    });

    it('caches values in groups, drops a group, and expires it', async () => {
      await a.cache.set(`u1-${run}`, 'n10', '[1,2]', 10_000);
      await a.cache.set(`u1-${run}`, 'n20', '[3]', 10_000);
      await a.cache.set(`u2-${run}`, 'n10', '[4]', 30);
      assert.equal(await b.cache.get(`u1-${run}`, 'n10'), '[1,2]');
      assert.equal(await b.cache.get(`u1-${run}`, 'none'), null);
      await b.cache.drop([`u1-${run}`]);
      assert.equal(await a.cache.get(`u1-${run}`, 'n20'), null);
      await new Promise((resolve) => setTimeout(resolve, 60));
      assert.equal(await a.cache.get(`u2-${run}`, 'n10'), null);
    });

    it('adds to counters and starts again after the window', async () => {
      const key = `key-${run}`;
      assert.deepEqual(await a.counters.add(new Map([[key, 3]]), 80), new Map([[key, 3]]));
      assert.deepEqual(await b.counters.add(new Map([[key, 2]]), 80), new Map([[key, 5]]));
      await new Promise((resolve) => setTimeout(resolve, 120));
      assert.deepEqual(await a.counters.add(new Map([[key, 1]]), 80), new Map([[key, 1]]));
    });

    it('delivers each message once to every subscriber, in this process too', async () => {
      const topic = `topic-${run}`;
      const seenA: unknown[] = [];
      const seenB: unknown[] = [];
      const offA = a.broadcast.subscribe(topic, (message) => seenA.push(message));
      const offB = b.broadcast.subscribe(topic, (message) => seenB.push(message));
      await (a as { ready?: () => Promise<void> }).ready?.();
      await (b as { ready?: () => Promise<void> }).ready?.();
      await a.broadcast.publish(topic, { version: 7 });
      await until(() => seenA.length >= 1 && seenB.length >= 1);
      await new Promise((resolve) => setTimeout(resolve, 30));
      assert.deepEqual(seenA, [{ version: 7 }]);
      assert.deepEqual(seenB, [{ version: 7 }]);
      offA();
      offB();
      await b.broadcast.publish(topic, { version: 8 });
      await new Promise((resolve) => setTimeout(resolve, 30));
      assert.equal(seenA.length, 1);
    });
  });
}
