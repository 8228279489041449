import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { Dataset } from '../../../src/core/dataset.ts';
import { InvalidInputError } from '../../../src/core/errors.ts';
import type { FitOptions } from '../../../src/models/recommender.ts';
import { socialMf } from '../../../src/models/social/social-mf.ts';
import { propagateTrust } from '../../../src/models/social/trust.ts';
import { trustKnn } from '../../../src/models/social/trust-knn.ts';
import { runRecommenderContract } from '../../../src/testing/index.ts';

/** Each user trusts the next two users of its taste cluster (the fixture puts user u in cluster u mod 4). */
function clusterTrust(dataset: Dataset) {
  const users = dataset.userCount;
  const indptr = new Int32Array(users + 1);
  const indices: number[] = [];
  for (let user = 0; user < users; user++) {
    for (const step of [4, 8]) indices.push((user + step) % users);
    indptr[user + 1] = indices.length;
  }
  return { indptr, indices: Int32Array.from(indices), values: new Float32Array(indices.length).fill(0.8) };
}

const withSocial = (dataset: Dataset, options: FitOptions): FitOptions => ({
  ...options,
  side: { ...options.side, social: clusterTrust(dataset) },
});

runRecommenderContract({
  name: 'trust-knn',
  create: (dataset, options) => trustKnn.fit(dataset, {}, withSocial(dataset, options)),
  load: trustKnn.load,
});

runRecommenderContract({
  name: 'social-mf',
  create: (dataset, options) => socialMf.fit(dataset, { factors: 8, epochs: 5 }, withSocial(dataset, options)),
  load: socialMf.load,
});

it('trust propagates along paths with decay and keeps the strongest', () => {
  // 0 → 1 (0.9), 1 → 2 (0.5), 0 → 2 (0.2), 2 → 0 (1).
  const social = {
    indptr: Int32Array.of(0, 2, 3, 4),
    indices: Int32Array.of(1, 2, 2, 0),
    values: Float32Array.of(0.9, 0.2, 0.5, 1),
  };
  const trust = propagateTrust(social, { depth: 2, decay: 0.5, limit: 10 });
  const row = (user: number) =>
    Object.fromEntries(
      [...trust.indices.subarray(trust.indptr[user], trust.indptr[user + 1])].map((other, k) => [
        other,
        Number(trust.values[trust.indptr[user] + k].toFixed(4)),
      ]),
    );
  assert.deepEqual(row(0), { 1: 0.9, 2: 0.225 });
  assert.deepEqual(row(1), { 0: 0.25, 2: 0.5 });
  assert.deepEqual(row(2), { 0: 1, 1: 0.45 });
});

it('social models need the social graph and check it', async () => {
  const { recommenderFixture } = await import('../../../src/testing/index.ts');
  const { dataset } = recommenderFixture();
  await assert.rejects(trustKnn.fit(dataset), (error: unknown) => InvalidInputError.isInstance(error));
  const bad = { indptr: Int32Array.of(0, 1), indices: Int32Array.of(0), values: Float32Array.of(1) };
  await assert.rejects(socialMf.fit(dataset, {}, { side: { social: bad } }), /rows for 60 users/);
});

it('trust-knn recommends what trusted users interacted with', async () => {
  const { recommenderFixture } = await import('../../../src/testing/index.ts');
  const { dataset } = recommenderFixture();
  const model = await trustKnn.fit(dataset, { depth: 1 }, withSocial(dataset, {}));
  const friends = new Set([...dataset.itemsOf(4), ...dataset.itemsOf(8)]);
  const { items } = model.recommend(0, 3);
  for (const item of items) assert.ok(friends.has(item), `item ${item} is not a friend's`);
});
