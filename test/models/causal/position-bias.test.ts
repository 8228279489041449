import assert from 'node:assert/strict';
import { it } from 'node:test';
import { createRandom } from '../../../src/core/random.ts';
import { positionBiasFromRandomisedLists, type ShownList } from '../../../src/models/causal/position-bias.ts';

it('position bias from randomised lists matches the examination curve of a position-based click model', () => {
  const random = createRandom(4);
  const appeal = [0.5, 0.4, 0.3, 0.2, 0.1, 0.05];
  const examination = [1, 0.5, 0.25];
  const lists: ShownList[] = [];
  for (let n = 0; n < 40_000; n++) {
    const order = [0, 1, 2, 3, 4, 5];
    for (let k = 5; k > 0; k--) {
      const j = random.int(k + 1);
      [order[k], order[j]] = [order[j], order[k]];
    }
    const shown = order.slice(0, 3);
    lists.push({
      itemIds: shown.map(String),
      clicks: Uint8Array.from(shown, (item, k) => (random.next() < appeal[item] * examination[k] ? 1 : 0)),
    });
  }
  const bias = positionBiasFromRandomisedLists(lists);
  for (const [k, value] of bias.relative.entries()) {
    assert.ok(Math.abs(value - examination[k]) < 0.04, `position ${k + 1}: ${value}`);
  }
  assert.deepEqual(bias.impressions, [40_000, 40_000, 40_000]);
  const holes = positionBiasFromRandomisedLists([{ itemIds: ['a', undefined, 'b'], clicks: [1, 0, 0] }]);
  assert.equal(holes.impressions[0], 1);
  assert.equal(holes.impressions[2], 1);
  assert.equal(holes.relative[2], 0);
});
