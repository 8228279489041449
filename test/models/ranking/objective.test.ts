import assert from 'node:assert/strict';
import { it } from 'node:test';
import { InvalidInputError } from '../../../src/core/errors.ts';
import { compileObjective, diversify, objectiveName } from '../../../src/models/ranking/objective.ts';

it('objective formulas follow arithmetic precedence', () => {
  const names = ['ctr', 'cvr', 'price', objectiveName('session-knn')];
  const variables = { ctr: 0.1, cvr: 0.5, price: 100, session_knn: 2 };
  assert.ok(Math.abs(compileObjective('ctr * cvr * price ^ 0.5', names)(variables) - 0.5) < 1e-12);
  assert.equal(compileObjective('-2 ^ 2 + 10 / (4 - 2)', names)(variables), 1);
  assert.equal(compileObjective('2 ^ 3 ^ 2', names)(variables), 512);
  assert.equal(compileObjective('ctr + 0.5 * session_knn', names)(variables), 1.1);
});

it('objective formulas with unknown names or bad syntax are rejected', () => {
  assert.throws(
    () => compileObjective('ctr * ctv', ['ctr']),
    (error: unknown) => {
      assert.ok(InvalidInputError.isInstance(error));
      assert.match(String(error), /unknown name "ctv"/);
      return true;
    },
  );
  assert.throws(() => compileObjective('ctr *', ['ctr']), /ends too early/);
  assert.throws(() => compileObjective('(ctr', ['ctr']), /missing \)/);
  assert.throws(() => compileObjective('ctr $ 2', ['ctr']), /unexpected text/);
  assert.throws(() => compileObjective('', ['ctr']), /empty/);
});

it('diversify discounts further items of a category and keeps scores falling along the order', () => {
  const scores = Float32Array.of(1, 0.9, 0.8, 0.5);
  const groups = ['tents', 'tents', 'tents', 'pads'];
  const adjusted = diversify(scores, groups, 0.5);
  const order = [...adjusted.keys()].sort((a, b) => adjusted[b] - adjusted[a]);
  assert.deepEqual(order, [0, 3, 1, 2]);
  assert.equal(diversify(scores, groups, 0), scores);
});
