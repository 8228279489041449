// Two API processes on one PostgreSQL store and one Redis: feedback through one changes the other's
// recommendations at once, and a model retrained through one is served by both, with the same version header.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { PostgresStore } from '../../src/store/postgres/store.ts';
import { type ServerProcess, startServerProcess } from '../../src/testing/server-process.ts';
import {
  serviceAbsent,
  testPostgresLocation,
  testPostgresUrl,
  testRedisUrl,
  uniqueSchema,
} from '../../src/testing/services.ts';
import { servingFixture } from '../../src/testing/serving-fixture.ts';

const skip = (await serviceAbsent(testPostgresUrl, 'PostgreSQL')) || (await serviceAbsent(testRedisUrl, 'Redis'));
const key = 'scale-out-admin-key-0123456789';
const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, ms = 5000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > end) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('two API processes on PostgreSQL + Redis', { skip }, () => {
  const schema = uniqueSchema('lmrec_scale');
  const prefix = `lmrec-test-${schema}:`;
  const configFile = path.join(os.tmpdir(), `${schema}.config.json`);
  let a: ServerProcess;
  let b: ServerProcess;

  before(async () => {
    const store = await PostgresStore.open(testPostgresLocation(schema));
    await servingFixture({ store });
    await store.close();
    // Model updates must travel by Redis pub/sub (no polling); the key prefix keeps this run apart from others.
    fs.writeFileSync(
      configFile,
      JSON.stringify({ serving: { redisPrefix: prefix, trainer: { pollSeconds: 0, afterEvents: 0 } } }),
    );
    const env = {
      LMREC_ADMIN_KEY: key,
      LMREC_DB: testPostgresLocation(schema),
      LMREC_REDIS_URL: testRedisUrl,
      LMREC_REGISTRY_MODULE: path.resolve(import.meta.dirname, '../../src/testing/mock-registry.ts'),
      LMREC_CONFIG: configFile,
    };
    // The first process trains the first model; the second finds it in the store.
    a = await startServerProcess({ db: testPostgresLocation(schema), env });
    b = await startServerProcess({ db: testPostgresLocation(schema), env });
  });

  after(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    const store = await PostgresStore.open(testPostgresLocation(schema));
    await store.dropSchema();
    const redis = new Redis(testRedisUrl);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
    fs.rmSync(configFile, { force: true });
  });

  const recommend = async (server: ServerProcess, user: string) => {
    const response = await fetch(`${server.base}/api/recommend/${user}?n=10`, { headers });
    return {
      version: response.headers.get('x-lmrec-model-version'),
      items: ((await response.json()) as { items: Array<{ id: string }> }).items,
    };
  };

  it('serves the same model version from both processes', async () => {
    const [fromA, fromB] = await Promise.all([recommend(a, 'user-1'), recommend(b, 'user-1')]);
    assert.equal(fromA.version, fromB.version);
    assert.deepEqual(fromA.items, fromB.items);
  });

  it('feedback written through one process changes the other’s recommendations', async () => {
    const before = await recommend(b, 'user-2');
    const target = before.items[0].id;
    assert.equal((await recommend(b, 'user-2')).items[0].id, target, 'b now has the list cached');
    const posted = await fetch(`${a.base}/api/feedback`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ events: [{ userId: 'user-2', itemId: target, type: 'dislike' }] }),
    });
    assert.equal(posted.status, 200);
    const after = await until(
      () => recommend(b, 'user-2'),
      (result) => !result.items.some((item) => item.id === target),
      2000,
    );
    assert.ok(!after.items.some((item) => item.id === target), 'b still recommends the disliked item');
  });

  it('a model retrained through one process is served by both with the same version header', async () => {
    const start = Number((await recommend(a, 'user-3')).version);
    const trained = await fetch(`${a.base}/api/model/train?wait=true`, {
      method: 'POST',
      headers: { authorization: headers.authorization },
    });
    assert.equal(trained.status, 200);
    const version = ((await trained.json()) as { version: number }).version;
    assert.equal(version, start + 1);
    const [fromA, fromB] = await Promise.all([
      until(
        () => recommend(a, 'user-3'),
        (result) => result.version === String(version),
      ),
      until(
        () => recommend(b, 'user-3'),
        (result) => result.version === String(version),
      ),
    ]);
    assert.equal(fromA.version, String(version));
    assert.equal(fromB.version, String(version));
  });
});
