import assert from 'node:assert/strict';
import { it } from 'node:test';
import { createRandom } from '../../src/core/random.ts';
import { HnswIndex } from '../../src/models/ann/hnsw.ts';
import { selectTopK } from '../../src/models/kernels/top-k.ts';

/** Vectors with low intrinsic dimension (as learned factors have), and varied norms. */
function structured(count: number, dimension: number, seed: number): Float32Array {
  const random = createRandom(seed);
  const basis = Float32Array.from({ length: 6 * dimension }, () => random.normal());
  const vectors = new Float32Array(count * dimension);
  for (let row = 0; row < count; row++) {
    const z = Array.from({ length: 6 }, () => random.normal());
    const scale = 0.3 + random.next();
    for (let d = 0; d < dimension; d++) {
      let value = 0.05 * random.normal();
      for (let c = 0; c < 6; c++) value += basis[c * dimension + d] * z[c];
      vectors[row * dimension + d] = value * scale;
    }
  }
  return vectors;
}

function exactTop(vectors: Float32Array, dimension: number, query: Float32Array, k: number): Int32Array {
  const count = vectors.length / dimension;
  const scores = new Float32Array(count);
  for (let row = 0; row < count; row++) {
    let sum = 0;
    for (let d = 0; d < dimension; d++) sum += vectors[row * dimension + d] * query[d];
    scores[row] = sum;
  }
  return selectTopK(scores, k).items;
}

for (const augment of [false, true]) {
  it(`hnsw (${augment ? 'augmented' : 'inner product'}): recall@10 against exact search`, () => {
    const dimension = 16;
    const vectors = structured(3000, dimension, 1);
    const index = HnswIndex.build(vectors, dimension, { links: 12, efConstruction: 80, augment, seed: 2 });
    const random = createRandom(3);
    let hits = 0;
    for (let query = 0; query < 50; query++) {
      const vector = Float32Array.from({ length: dimension }, () => random.normal());
      const exact = new Set(exactTop(vectors, dimension, vector, 10));
      const found = index.search(vector, 10, { ef: 100 });
      assert.equal(found.items.length, 10);
      for (let rank = 1; rank < 10; rank++) assert.ok(found.scores[rank] <= found.scores[rank - 1]);
      for (const item of found.items) if (exact.has(item)) hits++;
    }
    assert.ok(hits / 500 >= 0.9, `recall@10 ${hits / 500}`);
  });
}

it('hnsw: exclusions are honoured and small indexes return everything', () => {
  const vectors = structured(5, 4, 4);
  const index = HnswIndex.build(vectors, 4);
  const all = index.search(Float32Array.of(1, 0, 0, 0), 10);
  assert.equal(all.items.length, 5);
  const without = index.search(Float32Array.of(1, 0, 0, 0), 10, { exclude: new Set([all.items[0]]) });
  assert.equal(without.items.length, 4);
  assert.ok(!without.items.includes(all.items[0]));
});
