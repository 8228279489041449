import assert from 'node:assert/strict';
import { it } from 'node:test';
import { createRandom } from '../../../src/core/random.ts';
import type { Feedback } from '../../../src/core/types.ts';
import { type LoggedSlate, loggedSlates } from '../../../src/models/causal/logged-slates.ts';
import { estimateCtr } from '../../../src/models/causal/off-policy.ts';
import { positionBiasFromExploration } from '../../../src/models/causal/position-bias.ts';

/** Logs from a uniformly random logging policy over 6 items into 3 positions, with a position-based click model. */
function simulate(slates: number, seed: number) {
  const random = createRandom(seed);
  const appeal = [0.5, 0.4, 0.3, 0.2, 0.1, 0.05];
  const examination = [1, 0.5, 0.25];
  const logs: LoggedSlate[] = [];
  for (let n = 0; n < slates; n++) {
    const order = [0, 1, 2, 3, 4, 5];
    for (let k = 5; k > 0; k--) {
      const j = random.int(k + 1);
      [order[k], order[j]] = [order[j], order[k]];
    }
    const shown = order.slice(0, 3);
    logs.push({
      requestId: `r${n}`,
      userId: 'u',
      time: n,
      explore: true,
      itemIds: shown.map(String),
      // P(item at position) = 1/6 for every (item, position) under a uniform random permutation.
      propensities: [1 / 6, 1 / 6, 1 / 6],
      clicks: Uint8Array.from(shown, (item, k) => (random.next() < appeal[item] * examination[k] ? 1 : 0)),
    });
  }
  return { logs, appeal, examination };
}

it('IPS and SNIPS recover a deterministic policy’s CTR from random logs; the naive estimate does not', () => {
  const { logs, appeal, examination } = simulate(40_000, 3);
  const best = ['0', '1', '2'];
  const truth = (appeal[0] * examination[0] + appeal[1] * examination[1] + appeal[2] * examination[2]) / 3;
  const estimates = estimateCtr(logs, () => (itemId, position) => (best[position - 1] === itemId ? 1 : 0));
  assert.ok(Math.abs(estimates.ips / truth - 1) < 0.05, `IPS ${estimates.ips} vs ${truth}`);
  assert.ok(Math.abs(estimates.snips / truth - 1) < 0.05, `SNIPS ${estimates.snips} vs ${truth}`);
  assert.ok(Math.abs(estimates.naive / truth - 1) > 0.3, `naive ${estimates.naive} vs ${truth}`);
  assert.ok(estimates.ipsStandardError > 0 && estimates.ipsStandardError < 0.01);
  assert.equal(estimates.maxWeight, 6);
});

it('position bias from randomised slates matches the examination curve', () => {
  const { logs, examination } = simulate(40_000, 4);
  const bias = positionBiasFromExploration(logs);
  for (const [k, value] of bias.relative.entries()) {
    assert.ok(Math.abs(value - examination[k]) < 0.04, `position ${k + 1}: ${value}`);
  }
  assert.equal(positionBiasFromExploration(logs.map((slate) => ({ ...slate, explore: false }))).relative.length, 0);
});

it('logged slates group impressions and their clicks by request, skipping unusable events', () => {
  const event = (type: string, itemId: string, context: Record<string, unknown>): Feedback => ({
    userId: 'u1',
    itemId,
    type,
    value: 1,
    timestamp: 1000,
    context,
  });
  const events = [
    event('impression', 'a', { requestId: 'r1', position: 1, propensity: 0.5, source: 'home', explore: true }),
    event('impression', 'b', { requestId: 'r1', position: 2, propensity: 0.25, source: 'home', explore: true }),
    event('impression', 'c', { requestId: 'r2', position: 1, propensity: 1, source: 'search' }),
    event('impression', 'd', { requestId: 'r3', position: 1 }),
    event('click', 'b', { requestId: 'r1', position: 2 }),
    event('click', 'a', { requestId: 'r1', position: 2 }),
  ];
  const slates = loggedSlates(events, { source: 'home' });
  assert.equal(slates.length, 1);
  assert.deepEqual(slates[0].itemIds, ['a', 'b']);
  assert.deepEqual(slates[0].propensities, [0.5, 0.25]);
  assert.deepEqual([...slates[0].clicks], [0, 1]);
  assert.equal(slates[0].explore, true);
  assert.equal(loggedSlates(events).length, 2);
});
