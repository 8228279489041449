import assert from 'node:assert/strict';
import { it } from 'node:test';
import { parseConfig } from '../../src/core/config/index.ts';
import type { Ranker, RankRequest } from '../../src/models/ranking/ranker.ts';
import { Catalog } from '../../src/pipeline/catalog.ts';
import { RecommendationPipeline } from '../../src/pipeline/pipeline.ts';
import { learnedRank } from '../../src/pipeline/stages/learned-rank.ts';
import { saveBundle, trainBundle } from '../../src/pipeline/trainer.ts';
import type { Candidate } from '../../src/pipeline/types.ts';
import { UserHistory } from '../../src/pipeline/user-history.ts';
import { servingFixture } from '../../src/testing/serving-fixture.ts';

/** Scores items by the number in their id, knows every item but `unknown`, and records its requests. */
function numberRanker(unknown: string): Ranker & { requests: RankRequest[] } {
  const requests: RankRequest[] = [];
  return {
    name: 'number-ranker',
    requests,
    knows: (itemId) => itemId !== unknown,
    score(request) {
      requests.push(request);
      return Float32Array.from(request.candidates, (candidate) => Number(candidate.itemId.replace(/\D/g, '')));
    },
    snapshot: () => ({ name: 'number-ranker', params: {}, meta: {}, arrays: {} }),
  };
}

const candidate = (id: string, score: number): Candidate => ({
  id,
  sources: [{ source: 'popular', reason: 'popular', score, rank: 0, weight: 1 }],
  evidence: new Map(),
  score,
  boosts: [],
  propensity: 1,
});

it('learned rank: re-sorts by the ranker, passes source scores and history, unknown items last in fused order', () => {
  const ranker = numberRanker('item-9');
  const history = new UserHistory([
    { itemId: 'item-2', type: 'click', class: 'positive', value: 1, timestamp: 2000 },
    { itemId: 'item-1', type: 'view', class: 'exposure', value: 1, timestamp: 1000 },
  ]);
  const ranked = learnedRank(
    [candidate('item-3', 0.9), candidate('item-9', 0.8), candidate('item-12', 0.7), candidate('item-5', 0.6)],
    { ranker, userId: 'u1', history, time: 5000 },
  );
  assert.deepEqual(
    ranked.map((entry) => entry.id),
    ['item-12', 'item-5', 'item-3', 'item-9'],
  );
  const [request] = ranker.requests;
  assert.deepEqual(request.candidates[0], { itemId: 'item-3', sources: { popular: 0.9 } });
  assert.deepEqual(
    request.history?.map((event) => event.itemId),
    ['item-1', 'item-2'],
  );
  assert.ok(ranked.at(-1)!.score < ranked.at(-2)!.score);
});

it('learned rank: the pipeline runs its rank stage through a ranker', async () => {
  const fixture = await servingFixture();
  const catalog = await Catalog.load(fixture.store);
  const pipeline = new RecommendationPipeline({
    config: parseConfig({}).serving.pipeline,
    registry: fixture.registry,
    store: fixture.store,
  });
  const bundle = await saveBundle(
    fixture.store,
    await trainBundle({ store: fixture.store, pipeline, registry: fixture.registry, catalog }),
  );
  const ranker = numberRanker('');
  const history = UserHistory.fromFeedback(
    await fixture.store.feedback.forUser('user-1'),
    await fixture.store.feedback.types(),
  );
  const result = await pipeline.run({ userId: 'user-1', n: 10, trace: true }, { catalog, bundle, history, ranker });
  assert.equal(result.items.length, 10);
  assert.ok(ranker.requests.length === 1 && ranker.requests[0].userId === 'user-1');
  const rank = result.trace?.find((trace) => trace.stage === 'rank');
  assert.match(rank?.notes.join(' ') ?? '', /then number-ranker/);
  const numbers = rank!.items.map((item) => Number(item.id.replace(/\D/g, '')));
  assert.deepEqual(
    numbers,
    [...numbers].sort((a, b) => b - a),
  );
});
