import assert from 'node:assert/strict';
import { it } from 'node:test';
import { RateLimiter } from '../../src/server/rate-limiter.ts';
import { RedisSharedState } from '../../src/store/redis/shared-state.ts';
import { serviceAbsent, testRedisUrl } from '../../src/testing/services.ts';

it('limits per key and window, and lets the next window through', async () => {
  const limiter = new RateLimiter({ windowMs: 100, counters: null });
  const results = Array.from({ length: 4 }, () => limiter.hit('k', 3));
  assert.deepEqual(
    results.map((wait) => wait > 0),
    [false, false, false, true],
  );
  assert.equal(limiter.hit('other', 3), 0);
  assert.equal(limiter.hit('unlimited', 0), 0);
  await new Promise((resolve) => setTimeout(resolve, 110));
  assert.equal(limiter.hit('k', 3), 0);
  assert.equal(limiter.limited, 1);
});

it('holds one limit across two processes through Redis counters', {
  skip: await serviceAbsent(testRedisUrl, 'Redis'),
}, async () => {
  const prefix = `lmrec-test-rate-${process.pid}-${Date.now()}:`;
  const [a, b] = await Promise.all([
    RedisSharedState.open(testRedisUrl, { prefix }),
    RedisSharedState.open(testRedisUrl, { prefix }),
  ]);
  try {
    const first = new RateLimiter({ windowMs: 60_000, counters: a.counters });
    const second = new RateLimiter({ windowMs: 60_000, counters: b.counters });
    for (let k = 0; k < 6; k++) assert.equal(first.hit('shared-key', 10), 0);
    await new Promise((resolve) => setTimeout(resolve, 250));
    // Until its first flush, the second process counts alone (the limit holds to within one flush interval)…
    const outcomes = Array.from({ length: 6 }, () => second.hit('shared-key', 10) > 0);
    assert.deepEqual(outcomes, [false, false, false, false, false, false]);
    await new Promise((resolve) => setTimeout(resolve, 250));
    // …then the second knows of all 12 hits and refuses more; the first learns at its next flush.
    assert.ok(second.hit('shared-key', 10) > 0);
    first.hit('shared-key', 10);
    await new Promise((resolve) => setTimeout(resolve, 250));
    assert.ok(first.hit('shared-key', 10) > 0);
    assert.equal(second.hit('another-key', 10), 0);
    first.stop();
    second.stop();
  } finally {
    await Promise.all([a.close(), b.close()]);
  }
});
