// Causal estimates on the demo shop, each checked against the simulator's ground truth:
// - position bias from exploration traffic vs the true examination ratio;
// - off-policy CTR of the learned ranker re-ranking the logging policy's candidates (naive, IPS, SNIPS) vs its true
//   CTR from the oracle on the same requests;
// - Rel-MF (IPS / SNIPS weighted MF) vs naive MF: true attractiveness of the top 10 and popularity of what they show;
// - uplift of showing an item on the home feed: IPW average effect and a T-learner vs the true uplift.

import type { Feedback } from '../../src/core/types.ts';
import type { DemoRun } from '../../src/data/demo/run-simulation.ts';
import type { DemoDevice } from '../../src/data/demo/simulator.ts';
import { estimatePolicyValue } from '../../src/eval/experiments/off-policy/estimators.ts';
import { rankingPolicy } from '../../src/eval/experiments/off-policy/target-policy.ts';
import { loggedSlatesFromRun, trueClicksPerSlate } from '../../src/eval/experiments/simulation/demo-off-policy.ts';
import { impressionPropensities } from '../../src/models/causal/exposure-propensity.ts';
import { fitIpsMf } from '../../src/models/causal/ips-mf.ts';
import { positionBiasFromRandomisedLists } from '../../src/models/causal/position-bias.ts';
import type { TrainedRanker } from '../../src/models/ranking/train-ranker.ts';
import { log, type ResultRow, timed } from './common.ts';
import { demoSplit } from './demo-datasets.ts';

const day = 86_400_000;

export function positionBiasRows(run: DemoRun, events: readonly Feedback[]): ResultRow[] {
  const explored = new Set<string>();
  for (const event of events) if (event.context?.explore === true) explored.add(event.context.requestId as string);
  const slates = loggedSlatesFromRun(run).filter((slate) => explored.has(slate.requestId));
  const estimate = positionBiasFromRandomisedLists(slates);
  const truth = new Float64Array(estimate.relative.length);
  const counts = new Float64Array(estimate.relative.length);
  for (const slate of slates) {
    slate.itemIds.forEach((itemId, k) => {
      truth[k] += run.simulator.clickProbability({
        userId: slate.userId,
        itemId,
        position: k + 1,
        time: slate.time,
        device: slate.device as DemoDevice,
      });
      counts[k]++;
    });
  }
  return estimate.relative.map((relative, k) => ({
    section: 'Position bias from exploration traffic (examination relative to position 1)',
    name: `position ${k + 1}`,
    metrics: {
      estimated: relative,
      true: truth[k] / counts[k] / (truth[0] / counts[0]),
      impressions: estimate.impressions[k],
    },
  }));
}

/**
 * Off-policy CTR of the learned ranker re-ranking each logged request's candidate pool, by the experiments layer's
 * estimators (src/eval/experiments/off-policy), against its true CTR from the oracle on the same requests.
 */
export async function offPolicyRows(options: {
  run: DemoRun;
  events: readonly Feedback[];
  trained: TrainedRanker;
}): Promise<ResultRow[]> {
  const { run, events, trained } = options;
  const simulator = run.simulator;
  const slates = loggedSlatesFromRun(run);
  const byUser = new Map<string, Feedback[]>();
  for (const event of events) {
    const list = byUser.get(event.userId) ?? [];
    list.push(event);
    byUser.set(event.userId, list);
  }
  log(`off-policy: target lists for ${slates.length} logged requests`);
  const size = simulator.world.parameters.logging.slateSize;
  const lists = new Map<string, string[]>();
  const policy = rankingPolicy('learned ranker', (context) => {
    const key = `${context.userId}|${context.time}`;
    let list = lists.get(key);
    if (list) return list;
    const pool = simulator.loggingDistribution(context.userId, context.time).candidates;
    const history = (byUser.get(context.userId) ?? []).filter((event) => event.timestamp < context.time).slice(-200);
    const scores = trained.ranker.score({
      userId: context.userId,
      history,
      time: context.time,
      device: context.device,
      candidates: pool.map((itemId) => ({ itemId })),
    });
    list = [...pool.keys()]
      .sort((a, b) => scores[b] - scores[a] || a - b)
      .slice(0, size)
      .map((index) => pool[index]);
    lists.set(key, list);
    return list;
  });
  const truth = await timed(() => trueClicksPerSlate(simulator, slates, policy) / size);
  const estimate = estimatePolicyValue({ slates, policy });
  const section = 'Off-policy CTR of the learned ranker re-ranking the logged candidates (home feed, 90 days)';
  const row = (name: string, value: number, note?: string): ResultRow => ({
    section,
    name,
    metrics: { CTR: value, 'relative error': value / truth.value - 1 },
    note,
  });
  return [
    row(
      'true (simulator)',
      truth.value,
      `${slates.length} requests; target lists and truth in ${truth.seconds.toFixed(0)} s`,
    ),
    row('naive (logged CTR)', estimate.naive.ctr, 'what the logging policy got'),
    row(
      'IPS',
      estimate.ips.ctr,
      `± ${(estimate.ips.standardError / size).toFixed(4)} (1 s.e.); max weight ${estimate.maxWeight.toFixed(0)}`,
    ),
    row('SNIPS', estimate.snips.ctr, `${(100 * estimate.matchedShare).toFixed(1)}% of logged pairs match the target`),
  ];
}

/**
 * Exposure propensity per item on the home feed before day 76: the share of active users shown it at least once
 * (estimated from the impression log) against the true probability, 1 − Π_requests (1 − P(shown in the request)),
 * averaged over the same users, from the logging policy's exact distributions.
 */
export function exposureRows(run: DemoRun, events: readonly Feedback[]): ResultRow[] {
  const simulator = run.simulator;
  const until = simulator.startTime + 76 * day;
  const slates = loggedSlatesFromRun(run).filter((slate) => slate.time < until);
  const itemIndex = run.world.itemIndex;
  const users = [...new Set(slates.map((slate) => slate.userId))];
  const userIndex = new Map(users.map((userId, index) => [userId, index]));
  const home = events.filter(
    (event) => event.type === 'impression' && event.context?.source === 'home' && event.timestamp < until,
  );
  const estimated = impressionPropensities({
    users: home.map((event) => userIndex.get(event.userId)!),
    items: home.map((event) => itemIndex.get(event.itemId)!),
    itemCount: run.world.items.length,
  });
  // log P(never shown) per (user, item), accumulated over the user's requests.
  const unseen = new Map<number, Map<number, number>>();
  for (const slate of slates) {
    const user = userIndex.get(slate.userId)!;
    const distribution = simulator.loggingDistribution(slate.userId, slate.time);
    let row = unseen.get(user);
    if (!row) unseen.set(user, (row = new Map()));
    for (const itemId of distribution.candidates) {
      let shown = 0;
      for (let position = 1; position <= slate.itemIds.length; position++)
        shown += distribution.propensity(itemId, position);
      const item = itemIndex.get(itemId)!;
      row.set(item, (row.get(item) ?? 0) + Math.log(Math.max(1e-12, 1 - shown)));
    }
  }
  const truth = new Float64Array(run.world.items.length);
  for (const row of unseen.values())
    for (const [item, logUnseen] of row) truth[item] += (1 - Math.exp(logUnseen)) / users.length;
  let meanTruth = 0;
  let absolute = 0;
  for (let item = 0; item < truth.length; item++) {
    meanTruth += truth[item] / truth.length;
    absolute += Math.abs(estimated[item] - truth[item]) / truth.length;
  }
  let meanEstimate = 0;
  for (const value of estimated) meanEstimate += value / estimated.length;
  let covariance = 0;
  let varianceTruth = 0;
  let varianceEstimate = 0;
  for (let item = 0; item < truth.length; item++) {
    covariance += (truth[item] - meanTruth) * (estimated[item] - meanEstimate);
    varianceTruth += (truth[item] - meanTruth) ** 2;
    varianceEstimate += (estimated[item] - meanEstimate) ** 2;
  }
  return [
    {
      section: 'Exposure propensity per item (home feed, days 0–76): impression share vs the true probability',
      name: 'impression-share estimate',
      metrics: {
        'mean θ true': meanTruth,
        'mean θ estimated': meanEstimate,
        'mean absolute error': absolute,
        correlation: covariance / Math.sqrt(varianceTruth * varianceEstimate),
      },
      note: `${users.length} users, ${slates.length} requests, ${truth.length} items`,
    },
  ];
}

/**
 * Naive vs propensity-weighted matrix factorisation on clicks before day 76: the true appeal of what each
 * recommends, and how much of it comes from the long tail. Exposure propensities from item popularity, or measured
 * from the impression log (the share of users shown each item).
 */
export async function debiasingRows(options: {
  run: DemoRun;
  events: readonly Feedback[];
  seed: number;
}): Promise<ResultRow[]> {
  const { run, events } = options;
  const simulator = run.simulator;
  const { train, test } = demoSplit(run, events, simulator.startTime + 76 * day);
  const popularity = new Float64Array(train.itemCount);
  for (const item of train.byUser.indices) popularity[item]++;
  const ranks = [...popularity.keys()].sort((a, b) => popularity[b] - popularity[a]);
  const percentile = new Float64Array(train.itemCount);
  ranks.forEach((item, rank) => {
    percentile[item] = 1 - rank / ranks.length;
  });
  const users: number[] = [];
  for (let user = 0; user < train.userCount && users.length < 400; user += 3)
    if (train.itemsOf(user).length > 0) users.push(user);
  const until = simulator.startTime + 76 * day;
  const impressions = events.filter((event) => event.type === 'impression' && event.timestamp < until);
  const exposure = impressionPropensities({
    users: impressions.map((event) => train.users.indexOf(event.userId)),
    items: impressions.map((event) => train.items.indexOf(event.itemId)),
    itemCount: train.itemCount,
  });
  const variants = [
    { estimator: 'naive', propensities: undefined, note: 'plain pointwise MF' },
    { estimator: 'ips', propensities: undefined, note: 'θ_i = (n_i / max n)^0.5 from clicks' },
    { estimator: 'ips', propensities: exposure, note: 'θ_i = share of users shown item i (impression log)' },
    { estimator: 'snips', propensities: exposure, note: 'θ from the impression log' },
    { estimator: 'rel-mf', propensities: exposure, note: 'θ from the impression log, floor 0.05' },
  ] as const;
  const rows: ResultRow[] = [];
  for (const variant of variants) {
    const { estimator } = variant;
    log(`debiasing: ips-mf ${estimator}`);
    const model = await fitIpsMf(train, { estimator }, { seed: options.seed, propensities: variant.propensities });
    let appeal = 0;
    let popular = 0;
    let tail = 0;
    let ndcg = 0;
    let tested = 0;
    for (const user of users) {
      const { items } = model.recommend(user, 10, { exclude: train.itemsOf(user) });
      const userId = train.users.idAt(user);
      for (const item of items) {
        appeal += simulator.attractiveness({ userId, itemId: train.items.idAt(item), time: simulator.endTime });
        popular += percentile[item];
        if (percentile[item] < 0.8) tail++;
      }
      const relevant = new Set(test.itemsOf(user));
      if (relevant.size) {
        let dcg = 0;
        items.forEach((item, rank) => {
          if (relevant.has(item)) dcg += 1 / Math.log2(rank + 2);
        });
        let ideal = 0;
        for (let rank = 0; rank < Math.min(10, relevant.size); rank++) ideal += 1 / Math.log2(rank + 2);
        ndcg += dcg / ideal;
        tested++;
      }
    }
    rows.push({
      section: 'Exposure-bias correction: propensity-weighted MF on clicks (400 users, top 10)',
      name: `ips-mf estimator=${estimator}${variant.propensities ? ', impression θ' : variant.estimator === 'naive' ? '' : ', popularity θ'}`,
      metrics: {
        'true P(click | examined)': appeal / (users.length * 10),
        'popularity percentile': popular / (users.length * 10),
        'long-tail share': tail / (users.length * 10),
        'logged NDCG@10 (biased)': tested ? ndcg / tested : 0,
      },
      note: variant.note,
    });
  }
  return rows;
}
