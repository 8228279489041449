import assert from 'node:assert/strict';
import { it } from 'node:test';
import { explore } from '../../src/pipeline/stages/exploration.ts';
import type { Candidate } from '../../src/pipeline/types.ts';

const candidate = (id: string, score: number): Candidate => ({
  id,
  sources: [],
  evidence: new Map(),
  score,
  boosts: [],
  propensity: 1,
});
const categoryOf = (id: string) => id.split('-')[0];
// The list holds two tents and two stoves; the pool below it is tents and one lamp.
const ranked = ['tent-a', 'stove-a', 'tent-b', 'stove-b', 'tent-c', 'tent-d', 'lamp-a'].map((id, k) =>
  candidate(id, 10 - k),
);

/** Slot 1 explored with ε = 1 (always), with or without the cap of 2 per category. */
function exploreSlot(seed: number, capped: boolean): Candidate[] {
  const list = ranked.slice(0, 4).map((item) => ({ ...item }));
  explore(list, {
    method: 'epsilon-greedy',
    slots: [1],
    epsilon: 1,
    ranked,
    poolStart: 4,
    poolSize: 10,
    accepts: () => true,
    posterior: () => ({ alpha: 1, beta: 1 }),
    seed,
    ...(capped ? { categoryCap: 2, categoryOf } : {}),
  });
  return list;
}

it('never takes a category past the cap, and logs the propensity over the items that fit', () => {
  for (let seed = 0; seed < 200; seed++) {
    const list = exploreSlot(seed, true);
    // Slot 1 holds a stove: a third tent would break the cap, so only the lamp may be explored there.
    assert.equal(list[1].id, 'lamp-a');
    assert.equal(list[1].propensity, 1);
    assert.equal(list.filter((item) => categoryOf(item.id) === 'tent').length, 2);
  }
  const seen = new Set<string>();
  for (let seed = 0; seed < 50; seed++) {
    const list = exploreSlot(seed, false);
    seen.add(list[1].id);
    assert.equal(list[1].propensity, 1 / 3);
  }
  assert.deepEqual([...seen].sort(), ['lamp-a', 'tent-c', 'tent-d']);
});
