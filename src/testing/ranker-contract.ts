// The contract every Ranker passes: `runRankerContract({ name, create })`, where `create` returns the ranker and a
// request over known items. One finite score per candidate in the request's order, independent of the order and
// of repetition, unknown items rejected, and a snapshot the model file format can hold.

import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { InvalidInputError } from '../core/errors.ts';
import { decodeModel, encodeModel } from '../models/model-file.ts';
import type { Ranker, RankRequest } from '../models/ranking/ranker.ts';

export interface RankerContractOptions {
  name: string;
  /** The ranker under test and a request with at least three candidates. */
  create: () => Promise<{ ranker: Ranker; request: RankRequest }> | { ranker: Ranker; request: RankRequest };
}

export function runRankerContract(options: RankerContractOptions): void {
  describe(`Ranker contract: ${options.name}`, () => {
    let ranker: Ranker;
    let request: RankRequest;
    before(async () => {
      ({ ranker, request } = await options.create());
      assert.ok(request.candidates.length >= 3, 'the contract needs a request with three or more candidates');
    });

    it('scores each candidate once, finite, in the request order', () => {
      const scores = ranker.score(request);
      assert.equal(scores.length, request.candidates.length);
      for (const score of scores) assert.ok(Number.isFinite(score));
      const reversed = ranker.score({ ...request, candidates: [...request.candidates].reverse() });
      assert.deepEqual([...reversed].reverse(), [...scores]);
      assert.deepEqual([...ranker.score(request)], [...scores]);
      assert.equal(ranker.score({ ...request, candidates: [] }).length, 0);
    });

    it('knows the request items and rejects unknown ones', () => {
      for (const candidate of request.candidates) assert.equal(ranker.knows(candidate.itemId), true);
      assert.equal(ranker.knows('\u0000no such item'), false);
      assert.throws(
        () => ranker.score({ ...request, candidates: [{ itemId: '\u0000no such item' }] }),
        (error: unknown) => InvalidInputError.isInstance(error),
      );
    });

    it('snapshots into the model file format', () => {
      const snapshot = decodeModel(encodeModel(ranker.snapshot()));
      assert.equal(snapshot.name, ranker.name);
    });
  });
}
