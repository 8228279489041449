import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { demoFeedback } from '../../../bench/models/demo-feedback.ts';
import { InvalidInputError } from '../../../src/core/errors.ts';
import { type DemoRun, runDemoSimulation } from '../../../src/data/demo/run-simulation.ts';
import { decodeModel, encodeModel } from '../../../src/models/model-file.ts';
import { sigmoid } from '../../../src/models/ranking/click-model.ts';
import { loadLearnedRanker } from '../../../src/models/ranking/learned-ranker.ts';
import { auc } from '../../../src/models/ranking/metrics.ts';
import { PopularityRanker } from '../../../src/models/ranking/popularity-ranker.ts';
import { type TrainedRanker, trainLearnedRanker } from '../../../src/models/ranking/train-ranker.ts';
import { runRankerContract } from '../../../src/testing/index.ts';

let run: DemoRun;
let trained: TrainedRanker;
const day = 86_400_000;

function train(): TrainedRanker {
  run ??= runDemoSimulation({ scale: 0.1, seed: 5 });
  trained ??= trainLearnedRanker({
    items: run.world.items,
    users: run.world.users,
    events: demoFeedback(run),
    params: { utcOffsetMinutes: 480, epochs: 2, diversity: 0.2 },
    trainUntil: run.simulator.startTime + 70 * day,
  });
  return trained;
}

before(train);

const contractRequest = () => ({
  userId: 'user-00003',
  time: run.simulator.endTime,
  device: 'desktop',
  candidates: run.world.items.slice(0, 8).map((item) => ({ itemId: item.id })),
});

runRankerContract({ name: 'learned ranker', create: () => ({ ranker: train().ranker, request: contractRequest() }) });
runRankerContract({
  name: 'popularity ranker',
  create: () => ({ ranker: new PopularityRanker(train().ranker.space.state), request: contractRequest() }),
});

it('learned ranker: beats popularity on held-out impressions', () => {
  const { ranker, examples, heldOutRows } = trained;
  assert.ok(heldOutRows.length > 1000 && trained.trainRows.length > 5000);
  const labels = Array.from(heldOutRows, (row) => examples.clicked[row]);
  const learned = auc(labels, ranker.predictRows(examples, heldOutRows).ctr);
  const popularityField = ranker.space.fieldNames.indexOf('itemClicks');
  const popularity = auc(
    labels,
    Array.from(heldOutRows, (row) => examples.values[row * examples.fieldCount + popularityField]),
  );
  assert.ok(learned > popularity + 0.05, `learned AUC ${learned} vs popularity ${popularity}`);
});

it('learned ranker: position bias is learned from the logs, and serving scores one fixed position', () => {
  const { ranker } = trained;
  const space = ranker.space;
  const rows = {
    fieldCount: space.fieldCount,
    indices: new Int32Array(space.fieldCount * 2),
    values: new Float32Array(space.fieldCount * 2),
  };
  const user = space.state.user('user-00001');
  const item = space.state.catalog.index.get(run.world.items[0].id)!;
  const time = run.simulator.endTime;
  space.encode({ userId: 'user-00001', user, item, context: { time, position: 1 } }, { ...rows, row: 0 });
  space.encode({ userId: 'user-00001', user, item, context: { time, position: 8 } }, { ...rows, row: 1 });
  assert.ok(sigmoid(ranker.ctr.logit(rows, 0)) > 1.5 * sigmoid(ranker.ctr.logit(rows, 1)));
  // The same candidates in another order get the same scores: no candidate's slot leaks into its score.
  const candidates = run.world.items.slice(0, 6).map((entry) => ({ itemId: entry.id }));
  const forward = ranker.score({ userId: 'user-00001', time, candidates });
  const backward = ranker.score({ userId: 'user-00001', time, candidates: [...candidates].reverse() });
  assert.deepEqual([...forward], [...backward].reverse());
});

it('learned ranker: saves and loads to identical scores; unknown items are rejected', () => {
  const { ranker } = trained;
  const candidates = run.world.items.slice(10, 20).map((entry) => ({ itemId: entry.id }));
  const history = demoFeedback(run)
    .filter((event) => event.userId === 'user-00002')
    .slice(-20);
  const request = { userId: 'user-00002', time: run.simulator.endTime, device: 'mobile', history, candidates };
  const loaded = loadLearnedRanker(decodeModel(encodeModel(ranker.snapshot())), {
    items: run.world.items,
    users: run.world.users,
  });
  assert.deepEqual([...loaded.score(request)], [...ranker.score(request)]);
  assert.throws(
    () => ranker.score({ ...request, candidates: [{ itemId: 'no-such-item' }] }),
    (error: unknown) => InvalidInputError.isInstance(error),
  );
  assert.throws(() => loadLearnedRanker(ranker.snapshot(), { items: run.world.items.slice(1) }), /catalog differs/);
});

it('popularity ranker: scores are clicks decayed by the half-life', () => {
  const ranker = new PopularityRanker(trained.ranker.space.state);
  const candidates = run.world.items.map((entry) => ({ itemId: entry.id }));
  const time = run.simulator.endTime;
  const scores = ranker.score({ userId: null, time, candidates });
  const expected = new Map<string, number>();
  for (const event of demoFeedback(run)) {
    if (event.type !== 'click') continue;
    expected.set(event.itemId, (expected.get(event.itemId) ?? 0) + 2 ** (-(time - event.timestamp) / (14 * day)));
  }
  run.world.items.forEach((entry, index) => {
    assert.ok(Math.abs(scores[index] - (expected.get(entry.id) ?? 0)) < 1e-3 * Math.max(1, scores[index]));
  });
});
