import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import { Dataset } from '../../src/core/dataset.ts';
import { IdMap } from '../../src/core/id-map.ts';
import { createRandom } from '../../src/core/random.ts';
import { type FusedModel, fused } from '../../src/models/fused.ts';
import { ials } from '../../src/models/ials.ts';
import type { Model, SideInformation } from '../../src/models/recommender.ts';
import { loadModel, saveModel } from '../../src/models/registry.ts';
import { runRecommenderContract } from '../../src/testing/index.ts';

runRecommenderContract({
  name: 'fused (tuned on pseudo-cold items)',
  create: (data, options) => fused.fit(data, { factors: 8, iterations: 5, probeUsers: 50 }, options),
  load: fused.load,
});

/**
 * Items belong to topics their text reveals (a noisy one-hot embedding); users buy mostly within two topics.
 * A fifth of the items are cold: all their interactions are held out, so only text can place them.
 */
function topicFixture(seed = 5) {
  const topics = 10;
  const itemCount = 200;
  const userCount = 300;
  const dimension = 16;
  const random = createRandom(seed);
  const vectors = new Float32Array(itemCount * dimension);
  for (let item = 0; item < itemCount; item++) {
    for (let d = 0; d < dimension; d++)
      vectors[item * dimension + d] = 0.4 * random.normal() + (d === item % topics ? 2 : 0);
  }
  const cold = new Uint8Array(itemCount);
  for (let item = 0; item < itemCount; item++) cold[item] = Math.floor(item / topics) % 5 === 2 ? 1 : 0;
  const user: number[] = [];
  const item: number[] = [];
  for (let u = 0; u < userCount; u++) {
    const liked = [random.int(topics), random.int(topics)];
    for (let n = 0; n < 14; n++) {
      const topic = random.next() < 0.9 ? liked[random.int(2)] : random.int(topics);
      const rank = Math.floor((itemCount / topics) * random.next() ** 1.5);
      user.push(u);
      item.push(rank * topics + topic);
    }
  }
  const all = Dataset.fromInteractions({
    users: IdMap.from(Array.from({ length: userCount }, (_, u) => `u${u}`)),
    items: IdMap.from(Array.from({ length: itemCount }, (_, i) => `i${i}`)),
    interactions: {
      user: Int32Array.from(user),
      item: Int32Array.from(item),
      value: new Float32Array(user.length).fill(1),
      time: Uint32Array.from(user, (_, index) => 1_600_000_000 + index),
    },
    aggregate: 'max',
  });
  const isCold = (position: number) => cold[all.byUser.indices[position]] === 1;
  const side: SideInformation = { itemEmbeddings: { dimension, vectors } };
  return { train: all.filter((p) => !isCold(p)), test: all.filter(isCold), cold, side };
}

/** Mean recall@10 over users with cold test items, ranking the cold items only. */
function coldRecall(model: Model, fixture: ReturnType<typeof topicFixture>): number {
  const candidates = Int32Array.from(fixture.cold.keys()).filter((item) => fixture.cold[item] === 1);
  let total = 0;
  let users = 0;
  for (let user = 0; user < fixture.test.userCount; user++) {
    const relevant = new Set(fixture.test.itemsOf(user));
    if (relevant.size === 0) continue;
    const { items } = model.recommend(user, 10, { candidates });
    total += items.filter((i) => relevant.has(i)).length / Math.min(10, relevant.size);
    users++;
  }
  return total / users;
}

it('fused: cold items are placed by their text, where iALS alone can only guess', async () => {
  const fixture = topicFixture();
  const options = { seed: 3, side: fixture.side, workers: 1 };
  const cf = await ials.fit(fixture.train, { factors: 16 }, options);
  const model = (await fused.fit(fixture.train, { factors: 16, probeUsers: 200 }, options)) as FusedModel;
  const cfRecall = coldRecall(cf, fixture);
  const fusedRecall = coldRecall(model, fixture);
  assert.ok(fusedRecall > 2 * cfRecall && fusedRecall > 0.3, `cold recall@10: fused ${fusedRecall}, ials ${cfRecall}`);
  // Settings came from the pseudo-cold probe, and the text-mapped vectors alone beat chance on it.
  assert.ok(model.probe, 'tuned on pseudo-cold items');
  assert.ok(model.probe.coldBaselines.mapped > 0.2, `probe: mapped ${model.probe.coldBaselines.mapped}`);
});

it('fused: a new item gets a CF vector from its text alone, near the warm items of its topic', async () => {
  const fixture = topicFixture(9);
  const model = (await fused.fit(
    fixture.train,
    { factors: 16, probeUsers: 100 },
    { seed: 1, side: fixture.side },
  )) as FusedModel;
  const text = new Float32Array(16);
  text[3] = 1; // a topic-3 item's text
  const vector = model.vectorForText(text);
  const recall = model.recallVectors();
  const cosineTo = (item: number) => {
    let dot = 0;
    let a = 0;
    let b = 0;
    for (let d = 0; d < 16; d++) {
      dot += vector[d] * recall[item * 16 + d];
      a += vector[d] ** 2;
      b += recall[item * 16 + d] ** 2;
    }
    return dot / Math.sqrt(a * b || 1);
  };
  let same = 0;
  let other = 0;
  let sameCount = 0;
  let otherCount = 0;
  for (let item = 0; item < 200; item++) {
    if (fixture.cold[item]) continue;
    if (item % 10 === 3) [same, sameCount] = [same + cosineTo(item), sameCount + 1];
    else [other, otherCount] = [other + cosineTo(item), otherCount + 1];
  }
  assert.ok(
    same / sameCount > other / otherCount + 0.3,
    `cosine same topic ${same / sameCount}, others ${other / otherCount}`,
  );
  assert.throws(() => model.vectorForText(new Float32Array(3)), /3 floats, expected 16/);
});

it('fused: saves and loads to the same scores, settings and recall vectors', async () => {
  const fixture = topicFixture(11);
  const model = (await fused.fit(
    fixture.train,
    { factors: 8, iterations: 5, tune: false, contentWeight: 2, gate: 3, coldOffset: -0.5 },
    { seed: 2, side: fixture.side },
  )) as FusedModel;
  const folder = await mkdtemp(join(tmpdir(), 'lmrec-fused-'));
  try {
    await saveModel(model, join(folder, 'model.bin'));
    const loaded = (await loadModel(join(folder, 'model.bin'))) as FusedModel;
    assert.equal(loaded.name, 'fused');
    assert.deepEqual(loaded.settings, { ridge: 0.1, contentWeight: 2, gate: 3, coldOffset: -0.5 });
    assert.deepEqual(loaded.recallVectors(), model.recallVectors());
    for (const user of [0, 17, 123]) assert.deepEqual(loaded.recommend(user, 15), model.recommend(user, 15));
    const history = { history: Int32Array.of(0, 10, 20) };
    assert.deepEqual(loaded.recommend(history, 5), model.recommend(history, 5));
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
});

it('fused: rejects missing embeddings and out-of-range settings', async () => {
  const fixture = topicFixture();
  await assert.rejects(() => fused.fit(fixture.train), /side.itemEmbeddings/);
  await assert.rejects(() => fused.fit(fixture.train, { gate: -1 }, { side: fixture.side }), /gate must be in/);
  await assert.rejects(
    () => fused.fit(fixture.train, { mapping: 'svm' }, { side: fixture.side }),
    /mapping must be one of/,
  );
});

it('fused: the MLP map also places cold items by text, and round-trips through a file', async () => {
  const fixture = topicFixture(13);
  const options = { seed: 4, side: fixture.side, workers: 1 };
  const cf = await ials.fit(fixture.train, { factors: 16 }, options);
  const model = (await fused.fit(
    fixture.train,
    { factors: 16, mapping: 'mlp', probeUsers: 150 },
    options,
  )) as FusedModel;
  const fusedRecall = coldRecall(model, fixture);
  const cfRecall = coldRecall(cf, fixture);
  assert.ok(fusedRecall > 2 * cfRecall, `cold recall@10: fused (mlp) ${fusedRecall}, ials ${cfRecall}`);
  const folder = await mkdtemp(join(tmpdir(), 'lmrec-fused-mlp-'));
  try {
    await saveModel(model, join(folder, 'model.bin'));
    const loaded = (await loadModel(join(folder, 'model.bin'))) as FusedModel;
    assert.deepEqual(loaded.recallVectors(), model.recallVectors());
    assert.deepEqual(loaded.recommend(5, 10), model.recommend(5, 10));
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
});
