import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import { FormatError, InvalidInputError } from '../../src/core/errors.ts';
import { selectTopK } from '../../src/models/kernels/top-k.ts';
import { formatModelSpec, parseModelSpec, resolveParams } from '../../src/models/params.ts';
import { fitModel, getRecommender, loadModel, recommenderNames, saveModel } from '../../src/models/registry.ts';
import { recommenderFixture } from '../../src/testing/index.ts';

it('registry: every algorithm of the issue is registered by name', () => {
  assert.deepEqual(recommenderNames().sort(), [
    'bpr',
    'content',
    'cooccurrence',
    'ease',
    'fpmc',
    'fused',
    'hybrid',
    'ials',
    'ips-mf',
    'itemknn',
    'latest',
    'markov',
    'popularity',
    'rp3beta',
    'sasrec',
    'session-knn',
    'social-mf',
    'trending',
    'trust-knn',
    'userknn',
  ]);
  assert.throws(() => getRecommender('svd'), /unknown model "svd" \(known: popularity/);
});

it('params: parses name:key=value specs with typed values', () => {
  assert.deepEqual(parseModelSpec('IALS:factors=128, alpha=0.5,solver=cg,binary=true'), {
    name: 'ials',
    params: { factors: 128, alpha: 0.5, solver: 'cg', binary: true },
  });
  assert.deepEqual(parseModelSpec('ease'), { name: 'ease', params: {} });
  assert.equal(formatModelSpec({ name: 'ease', params: { regularization: 300 } }), 'ease:regularization=300');
  assert.throws(() => parseModelSpec('ials:factors'), /"factors" is not key=value/);
  assert.throws(() => parseModelSpec(':x=1'), InvalidInputError);
});

it('params: unknown keys, wrong types and bad choices are rejected with the field named', () => {
  const defaults = { factors: 64, solver: 'cg', verbose: false };
  const choices = { solver: ['cg', 'cholesky'] };
  assert.deepEqual(resolveParams({ model: 'm', defaults, given: { factors: 8 } }), { ...defaults, factors: 8 });
  assert.throws(
    () => resolveParams({ model: 'm', defaults, given: { factor: 8 } }),
    (error: unknown) => InvalidInputError.isInstance(error) && error.context.field === 'm.factor',
  );
  assert.throws(() => resolveParams({ model: 'm', defaults, given: { verbose: 1 } }), /verbose must be a boolean/);
  assert.throws(() => resolveParams({ model: 'm', defaults, given: { factors: Number.NaN } }), /must be a number/);
  assert.throws(() => resolveParams({ model: 'm', defaults, choices, given: { solver: 'lu' } }), /one of cg, cholesky/);
});

it('registry: fits from a spec string, saves, and loads from a file', async () => {
  const { dataset } = recommenderFixture();
  const directory = await mkdtemp(join(tmpdir(), 'lmrec-models-'));
  try {
    const model = await fitModel('ials:factors=4,iterations=2', dataset);
    assert.equal(model.params.factors, 4);
    const path = join(directory, 'ials.lmrec');
    await saveModel(model, path);
    const loaded = await loadModel(path);
    assert.deepEqual(loaded.recommend(3, 10), model.recommend(3, 10));
    const bytes = await readFile(path);
    bytes[bytes.length - 1] ^= 1;
    await writeFile(path, bytes);
    await assert.rejects(
      () => loadModel(path),
      (error: unknown) => FormatError.isInstance(error) && error.message.startsWith(path),
    );
    await assert.rejects(() => fitModel('ials:factorz=4', dataset), /unknown hyperparameter "factorz"/);
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
});

it('top-k: ties by ascending index, NaN last, candidates deduplicated', () => {
  const scores = Float32Array.of(1, 3, 3, Number.NaN, 2, 3);
  assert.deepEqual([...selectTopK(scores, 4).items], [1, 2, 5, 4]);
  assert.deepEqual([...selectTopK(scores, 10).items], [1, 2, 5, 4, 0, 3]);
  assert.deepEqual(
    [...selectTopK(scores, 3, { candidates: Int32Array.of(0, 5, 5, 4), exclude: new Set([4]) }).items],
    [5, 0],
  );
  assert.deepEqual([...selectTopK(scores, 0).items], []);
});
