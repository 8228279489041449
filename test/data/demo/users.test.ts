import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { localMidnight } from '../../../src/data/demo/calendar.ts';
import { defaultDemoParameters } from '../../../src/data/demo/parameters.ts';
import { DemoWorld } from '../../../src/data/demo/world.ts';

const world = new DemoWorld({
  seed: 42,
  scale: 1,
  endTime: localMidnight('2026-11-01'),
  parameters: defaultDemoParameters,
});

describe('demo users and social graph', () => {
  it('has at least 2,000 users with observable profiles and latent tastes', () => {
    assert.ok(world.users.length >= 2000, `${world.users.length} users`);
    for (const user of world.users) {
      assert.ok(['zh', 'en'].includes(user.attributes.language as string));
      assert.ok(Array.isArray(user.attributes.interests) && (user.attributes.interests as string[]).length >= 1);
      assert.equal('affinity' in user.attributes, false, 'latent tastes stay out of the store');
    }
    const truth = world.userTruth;
    const spread = (values: Float64Array) => Math.max(...values) - Math.min(...values);
    assert.ok(spread(truth.priceSensitivity) > 1.5 && spread(truth.brandLoyalty) > 0.8 && spread(truth.activity) > 0.1);
    assert.ok(truth.trips.filter((trips) => trips.length > 0).length > world.users.length / 2, 'most users plan trips');
  });

  it('connects users with similar tastes more than chance, often in the same city', () => {
    const categories = world.categoryIndex.size;
    const similarity = (a: number, b: number) => {
      let dot = 0;
      let na = 0;
      let nb = 0;
      for (let c = 0; c < categories; c++) {
        const x = world.userTruth.affinity[a * categories + c];
        const y = world.userTruth.affinity[b * categories + c];
        dot += x * y;
        na += x * x;
        nb += y * y;
      }
      return dot / Math.sqrt(na * nb);
    };
    assert.ok(world.edges.length >= world.users.length * 2, `${world.edges.length} edges`);
    let linked = 0;
    let sameCity = 0;
    for (const edge of world.edges) {
      const [a, b] = [world.userIndex.get(edge.from)!, world.userIndex.get(edge.to)!];
      assert.notEqual(a, b);
      assert.ok(edge.weight > 0 && edge.weight <= 1);
      linked += similarity(a, b);
      if (world.users[a].attributes.city === world.users[b].attributes.city) sameCity++;
    }
    let random = 0;
    for (let k = 0; k < world.edges.length; k++)
      random += similarity(k % world.users.length, (k * 7919 + 13) % world.users.length);
    assert.ok(linked / world.edges.length > random / world.edges.length + 0.05, 'homophily');
    assert.ok(sameCity / world.edges.length > 0.3, `same-city share ${sameCity / world.edges.length}`);
  });

  it('is deterministic per seed', () => {
    const again = new DemoWorld({ seed: 42, scale: 1, endTime: world.endTime, parameters: defaultDemoParameters });
    assert.deepEqual(again.users, world.users);
    assert.deepEqual(again.edges, world.edges);
    assert.equal(again.fingerprint(), world.fingerprint());
  });
});
