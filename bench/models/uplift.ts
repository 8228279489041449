// Uplift of showing an item on the demo shop's home feed: for every home request of days 60–90, each of the logging
// policy's candidates is a row; treated when it was shown, outcome 1 when the user bought it within the hour (by any
// path), and P(shown) known exactly from the logging policy. Rows before day 78 train a T-learner (FTRL outcome
// models on the ranker's features, plain and inverse-propensity weighted); on later rows they and the IPW average
// effect are compared with the simulator's true uplift, Σ_p π(i, p | shown) · purchaseUplift(u, i, p, t).

import type { Feedback } from '../../src/core/types.ts';
import type { DemoRun } from '../../src/data/demo/run-simulation.ts';
import type { DemoDevice } from '../../src/data/demo/simulator.ts';
import { loggedSlatesFromRun } from '../../src/eval/experiments/simulation/demo-off-policy.ts';
import { ipwAverageEffect, TLearner } from '../../src/models/causal/uplift.ts';
import { BehaviourState } from '../../src/models/ranking/behaviour-state.ts';
import { FeatureSpace } from '../../src/models/ranking/feature-space.ts';
import { RankingCatalog } from '../../src/models/ranking/ranking-catalog.ts';
import { log, type ResultRow } from './common.ts';

const day = 86_400_000;

interface Candidate {
  userId: string;
  itemId: string;
  time: number;
  device: DemoDevice;
  /** π(i, p) for p = 1..10. */
  positions: number[];
}

export function upliftRows(options: {
  run: DemoRun;
  events: readonly Feedback[];
  seed: number;
  truthRequests: number;
}) {
  const { run, events } = options;
  const simulator = run.simulator;
  const from = simulator.startTime + 60 * day;
  const split = simulator.startTime + 78 * day;
  const slates = new Map(
    loggedSlatesFromRun(run)
      .filter((slate) => slate.time >= from)
      .map((slate) => [slate.requestId, slate]),
  );
  const purchases = new Map<string, Array<{ itemId: string; time: number }>>();
  for (const event of events) {
    if (event.type !== 'purchase') continue;
    const list = purchases.get(event.userId) ?? [];
    list.push({ itemId: event.itemId, time: event.timestamp });
    purchases.set(event.userId, list);
  }
  const space = new FeatureSpace(new BehaviourState(new RankingCatalog(run.world.items)), {
    users: run.world.users,
    utcOffsetMinutes: 480,
  });
  const fields = space.fieldCount;
  const pool = simulator.world.parameters.logging.poolSize;
  const capacity = slates.size * pool;
  const indices = new Int32Array(capacity * fields);
  const values = new Float32Array(capacity * fields);
  const treated = new Uint8Array(capacity);
  const outcome = new Uint8Array(capacity);
  const propensity = new Float64Array(capacity);
  const candidates: Candidate[] = [];
  const requestOf: number[] = [];
  const done = new Set<string>();
  log(`uplift: ${slates.size} home requests`);
  for (const event of events) {
    const requestId = event.context?.requestId as string | undefined;
    const slate = requestId ? slates.get(requestId) : undefined;
    if (slate && event.type === 'impression' && !done.has(slate.requestId)) {
      done.add(slate.requestId);
      const distribution = simulator.loggingDistribution(slate.userId, slate.time);
      const shown = new Set(slate.itemIds);
      const bought = new Set(
        (purchases.get(slate.userId) ?? [])
          .filter((purchase) => purchase.time >= slate.time && purchase.time < slate.time + 3_600_000)
          .map((purchase) => purchase.itemId),
      );
      const user = space.state.user(slate.userId);
      for (const itemId of distribution.candidates) {
        const row = candidates.length;
        if (row >= capacity) break;
        const positions = Array.from({ length: slate.itemIds.length }, (_, k) =>
          distribution.propensity(itemId, k + 1),
        );
        space.encode(
          {
            userId: slate.userId,
            user,
            item: space.state.catalog.indexOf(itemId),
            context: { time: slate.time, device: slate.device, position: 1 },
          },
          { indices, values, row },
        );
        treated[row] = shown.has(itemId) ? 1 : 0;
        outcome[row] = bought.has(itemId) ? 1 : 0;
        propensity[row] = positions.reduce((sum, value) => sum + value, 0);
        candidates.push({
          userId: slate.userId,
          itemId,
          time: slate.time,
          device: slate.device as DemoDevice,
          positions,
        });
        requestOf.push(done.size);
      }
    }
    space.state.observe(event);
  }
  const count = candidates.length;
  const examples = { fieldCount: fields, indices, values };
  const all = Int32Array.from({ length: count }, (_, row) => row);
  const trainRows = all.filter((row) => candidates[row].time < split);
  // The truth needs ~10 oracle calls per row: use the first `truthRequests` test requests.
  const testRequests = new Set<number>();
  const testRows = all.filter((row) => {
    if (candidates[row].time < split) return false;
    if (testRequests.size < options.truthRequests) testRequests.add(requestOf[row]);
    return testRequests.has(requestOf[row]);
  });
  log(`uplift: ${trainRows.length} training rows, ${testRows.length} test rows`);
  const learner = TLearner.fit(
    { examples, treated, outcome },
    { rows: trainRows, buckets: space.buckets, epochs: 2, seed: options.seed },
  );
  const weighted = TLearner.fit(
    { examples, treated, outcome },
    { rows: trainRows, buckets: space.buckets, epochs: 2, seed: options.seed, propensity },
  );
  const truth = new Float64Array(count);
  const estimate = new Float64Array(count);
  const weightedEstimate = new Float64Array(count);
  for (const row of testRows) {
    const candidate = candidates[row];
    let value = 0;
    candidate.positions.forEach((probability, k) => {
      if (probability === 0) return;
      value +=
        (probability / propensity[row]) *
        simulator.purchaseUplift({
          userId: candidate.userId,
          itemId: candidate.itemId,
          position: k + 1,
          time: candidate.time,
          device: candidate.device,
        });
    });
    truth[row] = value;
    estimate[row] = learner.predict(examples, row).uplift;
    weightedEstimate[row] = weighted.predict(examples, row).uplift;
  }
  const mean = (array: Float64Array) => testRows.reduce((sum, row) => sum + array[row], 0) / testRows.length;
  const trueMean = mean(truth);
  const ipw = ipwAverageEffect({ treated, outcome, propensity, rows: testRows });
  let treatedCount = 0;
  let treatedBought = 0;
  let controlBought = 0;
  for (const row of testRows) {
    if (treated[row]) {
      treatedCount++;
      treatedBought += outcome[row];
    } else controlBought += outcome[row];
  }
  const naive = treatedBought / treatedCount - controlBought / (testRows.length - treatedCount);
  const section = 'Uplift of showing an item on the home feed (P(buy within the hour), held-out days 78–90)';
  const row = (name: string, value: number, note: string): ResultRow => ({
    section,
    name,
    metrics: { 'average uplift': value, 'relative error': name.startsWith('true') ? 0 : value / trueMean - 1 },
    note,
  });
  return [
    row('true (simulator)', trueMean, `${testRows.length} (request, candidate) rows`),
    row('naive difference in means', naive, 'shown vs not shown, unweighted'),
    row('IPW average effect', ipw.effect, 'P(shown) from the logging policy'),
    row(
      'T-learner (FTRL outcome models)',
      mean(estimate),
      `per-row correlation with the truth ${correlation(testRows, estimate, truth).toFixed(3)}`,
    ),
    row(
      'T-learner, inverse-propensity weighted',
      mean(weightedEstimate),
      `per-row correlation with the truth ${correlation(testRows, weightedEstimate, truth).toFixed(3)}`,
    ),
  ];
}

function correlation(rows: Int32Array, a: Float64Array, b: Float64Array): number {
  let meanA = 0;
  let meanB = 0;
  for (const row of rows) {
    meanA += a[row] / rows.length;
    meanB += b[row] / rows.length;
  }
  let covariance = 0;
  let varianceA = 0;
  let varianceB = 0;
  for (const row of rows) {
    covariance += (a[row] - meanA) * (b[row] - meanB);
    varianceA += (a[row] - meanA) ** 2;
    varianceB += (b[row] - meanB) ** 2;
  }
  return covariance / Math.sqrt(varianceA * varianceB);
}
