import assert from 'node:assert/strict';
import { it } from 'node:test';
import { createRandom } from '../../../src/core/random.ts';
import { GemmKernels } from '../../../src/models/kernels/gemm-kernels.ts';
import { WasmArena } from '../../../src/models/kernels/wasm-arena.ts';
import { Tape, Tensor } from '../../../src/models/neural/autodiff.ts';
import { sigmoid } from '../../../src/models/ranking/click-model.ts';
import { createClickModel, restoreClickModel } from '../../../src/models/ranking/click-models.ts';
import { auc } from '../../../src/models/ranking/metrics.ts';

/** Examples from a logistic model with one pairwise interaction (field 0 × field 1). */
function synthetic(count: number, seed: number) {
  const fields = 4;
  const buckets = 40;
  const random = createRandom(seed);
  const weights = Float32Array.from({ length: buckets }, () => random.normal());
  const indices = new Int32Array(count * fields);
  const values = new Float32Array(count * fields).fill(1);
  const labels = new Uint8Array(count);
  for (let row = 0; row < count; row++) {
    let logit = -1.5;
    for (let field = 0; field < fields; field++) {
      const bucket = field * 10 + random.int(10);
      indices[row * fields + field] = bucket;
      logit += weights[bucket];
    }
    if (indices[row * fields] % 2 === indices[row * fields + 1] % 2) logit += 1.5;
    labels[row] = random.next() < sigmoid(logit) ? 1 : 0;
  }
  return { examples: { fieldCount: fields, indices, values }, labels, buckets };
}

for (const kind of ['ftrl', 'fm', 'deepfm'] as const) {
  it(`${kind}: learns a logistic model with an interaction and restores from its state`, () => {
    const train = synthetic(6000, 1);
    const test = synthetic(2000, 1);
    const model = createClickModel({ kind, buckets: train.buckets, fieldCount: 4, factors: 4, seed: 3 });
    const rows = Int32Array.from({ length: 6000 }, (_, row) => row);
    let first = 0;
    let last = 0;
    for (let epoch = 0; epoch < 4; epoch++) {
      last = model.trainEpoch({ examples: train.examples, labels: train.labels, rows, seed: epoch + 1 });
      if (epoch === 0) first = last;
    }
    assert.ok(last <= first + 1e-9, `loss ${first} → ${last}`);
    const scores = Array.from({ length: 2000 }, (_, row) => model.logit(test.examples, row));
    const value = auc(Array.from(test.labels), scores);
    assert.ok(value > 0.75, `${kind} test AUC ${value}`);
    const restored = restoreClickModel(kind, model.state());
    for (let row = 0; row < 50; row++)
      assert.equal(restored.logit(test.examples, row), model.logit(test.examples, row));
  });
}

it('autodiff tape: gradients of an MLP match finite differences', () => {
  const arena = WasmArena.create(1 << 20);
  const tape = new Tape({ gemm: new GemmKernels(arena.memory), scratch: arena.float32(20000) });
  const random = createRandom(2);
  const parameter = (rows: number, columns: number) => {
    const tensor = new Tensor({
      rows,
      columns,
      data: arena.float32(rows * columns),
      gradient: arena.float32(rows * columns),
    });
    for (let index = 0; index < tensor.data.length; index++) tensor.data[index] = random.normal();
    return tensor;
  };
  const parameters = [parameter(12, 8), parameter(1, 8), parameter(1, 8), parameter(1, 1)];
  const [weight, bias, vector, constant] = parameters;
  const input = Float32Array.from({ length: 60 }, () => random.normal());
  const seed = [0.3, -1, 0.5, 2, -0.7];
  const forward = () => {
    tape.reset();
    const x = tape.matrix(5, 12);
    x.data.set(input);
    return tape.project(tape.relu(tape.addRow(tape.matmul(x, weight), bias)), vector, constant);
  };
  tape.backward(forward(), seed);
  const value = () => forward().data.reduce((sum, output, row) => sum + seed[row] * output, 0);
  for (const tensor of parameters) {
    for (let index = 0; index < tensor.data.length; index++) {
      const old = tensor.data[index];
      tensor.data[index] = old + 1e-2;
      const up = value();
      tensor.data[index] = old - 1e-2;
      const down = value();
      tensor.data[index] = old;
      const numeric = (up - down) / 2e-2;
      assert.ok(Math.abs(numeric - tensor.gradient![index]) <= 1e-2 * Math.max(1, Math.abs(numeric)));
    }
  }
});
