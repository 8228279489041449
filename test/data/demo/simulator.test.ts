import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createRandom } from '../../../src/core/random.ts';
import { runDemoSimulation } from '../../../src/data/demo/run-simulation.ts';

const run = runDemoSimulation({ seed: 5, scale: 0.1 });
const { simulator, log, world } = run;
const time = simulator.endTime - 3 * 86_400_000 + 20 * 3_600_000;
const userId = world.users[3].id;
const itemId = world.items.find((item) => item.available && (item.createdAt ?? 0) < simulator.startTime)!.id;

describe('demo simulator', () => {
  it('answers click probabilities that fall with position on every device', () => {
    for (const device of ['mobile', 'desktop'] as const) {
      let previous = 1;
      for (let position = 1; position <= 20; position++) {
        const p = simulator.clickProbability({ userId, itemId, position, time, device });
        assert.ok(p > 0 && p < previous, `position ${position}: ${p} after ${previous}`);
        previous = p;
      }
      assert.ok(
        simulator.examinationProbability(1, device) === 1 && simulator.examinationProbability(10, device) < 0.3,
      );
    }
    assert.ok(simulator.examinationProbability(5, 'mobile') < simulator.examinationProbability(5, 'desktop'));
  });

  it('keeps probabilities consistent: click = examination × attractiveness, uplift below the slot purchase', () => {
    const query = { userId, itemId, position: 4, time, device: 'mobile' as const };
    const click = simulator.clickProbability(query);
    assert.ok(
      Math.abs(click - simulator.examinationProbability(4, 'mobile') * simulator.attractiveness(query)) < 1e-12,
    );
    const purchase = simulator.purchaseProbability(query);
    assert.ok(purchase >= 0 && purchase <= 1);
    const uplift = simulator.purchaseUplift(query);
    assert.ok(uplift >= 0 && uplift <= click * purchase + 1e-12);
    const searched = simulator.clickProbability({
      ...query,
      searchedCategory: world.items[world.itemIndex.get(itemId)!].attributes.category_id as string,
    });
    assert.ok(searched > click, 'searching the category raises interest');
  });

  it('gives no clicks on an item before it exists', () => {
    const late = world.items.find((item) => (item.createdAt ?? 0) > simulator.startTime + 10 * 86_400_000)!;
    assert.equal(simulator.clickProbability({ userId, itemId: late.id, time: simulator.startTime + 86_400_000 }), 0);
    assert.ok(simulator.clickProbability({ userId, itemId: late.id, time: simulator.endTime + 86_400_000 }) > 0);
  });

  it('samples responses reproducibly with a seeded random source', () => {
    const slate = world.items.slice(0, 10).map((item) => item.id);
    const first = simulator.respond({ userId, itemIds: slate, time, random: createRandom(9) });
    const second = simulator.respond({ userId, itemIds: slate, time, random: createRandom(9) });
    assert.deepEqual(first, second);
    assert.ok(first.every((response) => !response.purchased || (response.carted && response.clicked)));
  });

  it('matches its own logs: mean oracle CTR over logged home impressions is the empirical CTR', () => {
    let impressions = 0;
    let expected = 0;
    const clicked = new Set<string>();
    for (let k = 0; k < log.length; k++)
      if (log.type[k] === 1 && log.source[k] === 0) clicked.add(`${log.request[k]}:${log.item[k]}`);
    let clicks = 0;
    for (let k = 0; k < log.length; k++) {
      if (log.type[k] !== 0 || log.source[k] !== 0) continue;
      impressions++;
      expected += simulator.oracle.clickProbability({
        user: log.user[k],
        item: log.item[k],
        position: log.position[k],
        time: log.time[k],
        device: log.device[k] as 0 | 1,
      });
      if (clicked.has(`${log.request[k]}:${log.item[k]}`)) clicks++;
    }
    const rate = clicks / impressions;
    const standardError = Math.sqrt((rate * (1 - rate)) / impressions);
    assert.ok(
      Math.abs(expected / impressions - rate) < 4 * standardError + 0.002,
      `oracle ${expected / impressions}, logs ${rate}`,
    );
  });

  it('logs home impressions with the exact propensities of its logging policy', () => {
    let checked = 0;
    for (let k = 0; k < log.length && checked < 300; k++) {
      if (log.type[k] !== 0 || log.source[k] !== 0) continue;
      const distribution = simulator.loggingDistribution(world.users[log.user[k]].id, log.time[k]);
      assert.equal(distribution.propensity(world.items[log.item[k]].id, log.position[k]), log.propensity[k]);
      checked++;
    }
    const distribution = simulator.loggingDistribution(userId, time);
    for (let position = 1; position <= 10; position++) {
      const total = distribution.candidates.reduce((sum, id) => sum + distribution.propensity(id, position), 0);
      assert.ok(Math.abs(total - 1) < 1e-9, `propensities at position ${position} sum to ${total}`);
    }
  });

  it('shows position bias, rich-get-richer popularity and all four event types in its logs', () => {
    const counts = log.countByType();
    assert.ok(
      counts.impression > counts.click &&
        counts.click > counts.cart &&
        counts.cart > counts.purchase &&
        counts.purchase > 0,
    );
    const shown = [0, 0];
    const clicks = [0, 0];
    for (let k = 0; k < log.length; k++) {
      if (log.source[k] !== 0 || (log.position[k] !== 1 && log.position[k] !== 10)) continue;
      const slot = log.position[k] === 1 ? 0 : 1;
      if (log.type[k] === 0) shown[slot]++;
      if (log.type[k] === 1) clicks[slot]++;
    }
    assert.ok(clicks[0] / shown[0] > 2 * (clicks[1] / shown[1]), 'top slot clicked far more');
    const popularity = Array.from(world.items, (_, item) => simulator.history.popularityAt(item, world.days)).sort(
      (a, b) => b - a,
    );
    const head = popularity.slice(0, Math.ceil(popularity.length * 0.2)).reduce((a, b) => a + b, 0);
    assert.ok(head / popularity.reduce((a, b) => a + b, 0) > 0.5, 'the top 20% of items hold most clicks');
  });

  it('is deterministic per seed', () => {
    const again = runDemoSimulation({ seed: 5, scale: 0.1 });
    assert.equal(again.log.length, log.length);
    assert.deepEqual(again.log.time.subarray(0, log.length), log.time.subarray(0, log.length));
    assert.deepEqual(again.log.item.subarray(0, log.length), log.item.subarray(0, log.length));
    const other = runDemoSimulation({ seed: 6, scale: 0.1 });
    assert.notDeepEqual(other.log.item.subarray(0, 1000), log.item.subarray(0, 1000));
  });

  it('rejects unknown ids and bad options with the field named', () => {
    assert.throws(
      () => simulator.clickProbability({ userId: 'nobody', itemId, time }),
      /user "nobody" is not a demo user/,
    );
    assert.throws(
      () => simulator.clickProbability({ userId, itemId, time, position: 0 }),
      /position must be an integer/,
    );
    assert.throws(() => runDemoSimulation({ scale: 0 }), /scale must be a number above 0/);
    assert.throws(() => runDemoSimulation({ endDate: '2026-02-30' }), /end date must be a calendar date/);
  });
});
