// Plays a workload's sessions through an experiment: each session's user is assigned by the real assignment code,
// the variant's policy draws a slate, and clicks and purchases are drawn from the oracle's probabilities. What
// happens goes to a sink: the in-memory data builder (fast repetitions) or the store (end to end).

import { createRandom, hashString } from '../../../core/random.ts';
import { type AssignmentSettings, assignExperiment, hashFraction } from '../assignment.ts';
import { popularityItemInfo } from '../collect-experiment-data.ts';
import type { Experiment } from '../experiment.ts';
import { type ExperimentData, ExperimentDataBuilder } from '../experiment-data.ts';
import { type SimulatedPolicy, slateBuffer } from './simulated-policies.ts';
import type { SessionWorkload } from './workload.ts';

/** One served slate, with its outcomes. */
export interface SimulatedSlate {
  /** The workload's session index. */
  session: number;
  variant: string;
  userId: string;
  time: number;
  device: 'mobile' | 'desktop';
  requestId: string;
  itemIds: string[];
  /** The same items as indexes into the workload's item arrays. */
  items: number[];
  propensities: number[];
  latencyMs: number;
  /** 1-based positions clicked, and those bought (with the price paid). */
  clicks: number[];
  purchases: Array<{ position: number; price: number }>;
}

/** Users' activity before the experiment (CUPED covariates) and item clicks (novelty). */
export interface Preperiod {
  users: Map<string, { impressions: number; clicks: number; purchases: number; revenue: number }>;
  itemClicks: Map<string, number>;
}

export interface TrafficOptions {
  workload: SessionWorkload;
  /** A running experiment (its layer range, salt and variants decide assignment). */
  experiment: Experiment;
  /** The policy each variant serves. */
  policies: Record<string, SimulatedPolicy>;
  seed: number;
  settings?: AssignmentSettings;
  /** A logging bug to inject: the exposures of this share of one variant's users are lost (SRM check). */
  dropUsers?: { variant: string; share: number };
}

/** Plays the workload; `sink` receives every slate served to a user in the experiment, in time order. */
export function simulateTraffic(options: TrafficOptions, sink: (slate: SimulatedSlate) => void): void {
  const { workload, experiment, policies } = options;
  const random = createRandom(hashString(`traffic:${experiment.salt}`, options.seed >>> 0));
  const assigned = new Map<number, string | null>();
  const buffer = slateBuffer(workload.slateSize);
  for (let s = 0; s < workload.sessionCount; s++) {
    const user = workload.sessionUser[s];
    const userId = workload.userIds[user];
    let variant = assigned.get(user);
    if (variant === undefined) {
      variant = assignExperiment(experiment, userId, options.settings)?.variant ?? null;
      const drop = options.dropUsers;
      if (variant !== null && drop && variant === drop.variant && hashFraction('dropped', userId) < drop.share)
        variant = null;
      assigned.set(user, variant);
    }
    if (variant === null) continue;
    const policy = policies[variant];
    policy.sample(s, random, buffer);
    const device = workload.sessionDevice[s];
    const exam = workload.examination[device];
    const slate: SimulatedSlate = {
      session: s,
      variant,
      userId,
      time: workload.sessionTime[s],
      device: device === 0 ? 'mobile' : 'desktop',
      requestId: `sim-${experiment.id}-${s}`,
      itemIds: [],
      items: [],
      propensities: [],
      latencyMs: policy.latencyMs * Math.exp(0.35 * random.normal()),
      clicks: [],
      purchases: [],
    };
    for (let k = 0; k < buffer.length; k++) {
      const candidate = buffer.candidates[k];
      const item = workload.candidateItem[candidate];
      slate.itemIds.push(workload.itemIds[item]);
      slate.items.push(item);
      slate.propensities.push(buffer.propensities[k]);
      if (random.next() >= exam[k] * workload.attractiveness[candidate]) continue;
      slate.clicks.push(k + 1);
      if (random.next() < workload.purchase[candidate])
        slate.purchases.push({ position: k + 1, price: workload.itemPrice[item] });
    }
    sink(slate);
  }
}

/** Plays the workload into the in-memory data builder: one experiment run, ready for `analyzeExperiment`. */
export function simulateExperimentData(options: TrafficOptions & { preperiod?: Preperiod }): ExperimentData {
  const { workload, experiment, preperiod } = options;
  const categories = new Map(workload.itemIds.map((itemId, index) => [itemId, workload.itemCategory[index]]));
  const items = popularityItemInfo({
    clicks: preperiod?.itemClicks ?? new Map(),
    catalogSize: workload.itemIds.length,
    category: (itemId) => categories.get(itemId),
  });
  // Per item index: category index and self-information, so that each list's diversity and novelty are cheap.
  const categoryIndex = new Map<string, number>();
  const categoryOf = Int32Array.from(workload.itemCategory, (category) => {
    if (!categoryIndex.has(category)) categoryIndex.set(category, categoryIndex.size);
    return categoryIndex.get(category)!;
  });
  const information = Float64Array.from(
    workload.itemIds,
    (itemId) => items.selfInformation(itemId) ?? items.maxSelfInformation,
  );
  const perCategory = new Int32Array(categoryIndex.size);
  const builder = new ExperimentDataBuilder({
    start: workload.start,
    end: workload.end,
    variants: experiment.variants.map((variant) => variant.name),
    catalogSize: workload.itemIds.length,
    items,
  });
  simulateTraffic(options, (slate) => {
    let selfInformation = 0;
    let samePairs = 0;
    for (const item of slate.items) {
      selfInformation += information[item];
      samePairs += perCategory[categoryOf[item]]++;
    }
    for (const item of slate.items) perCategory[categoryOf[item]] = 0;
    const n = slate.items.length;
    const diversity = n >= 2 ? 1 - samePairs / ((n * (n - 1)) / 2) : Number.NaN;
    builder.recordSlate({ ...slate, diversity, selfInformation });
    if (slate.clicks.length) builder.recordClick({ ...slate, count: slate.clicks.length });
    for (const purchase of slate.purchases) builder.recordPurchase({ ...slate, value: purchase.price });
  });
  if (preperiod) for (const [userId, activity] of preperiod.users) builder.recordPreperiod(userId, activity);
  return builder.build();
}
