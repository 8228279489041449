// Home-feed policies a simulated experiment can compare, each over a session's candidate pool: the demo's logging
// policy (stratified softmax with exploration), its greedy version (pool order), an "oracle" ranking by true
// attractiveness (the best a model could learn), and mixtures of two. Each knows its exact expected clicks per
// session and the propensity of what it shows, so a known effect can be built and checked.

import { InvalidInputError } from '../../../core/errors.ts';
import type { Random } from '../../../core/random.ts';
import type { SessionWorkload } from './workload.ts';

/** A slate being filled: candidate indexes (into the workload's candidate arrays) and their propensities. */
export interface SlateBuffer {
  candidates: Int32Array;
  propensities: Float64Array;
  length: number;
}

export function slateBuffer(size: number): SlateBuffer {
  return { candidates: new Int32Array(size), propensities: new Float64Array(size), length: 0 };
}

export interface SimulatedPolicy {
  readonly name: string;
  /** Median serving time of a request (ms); latencies are log-normal around it. */
  readonly latencyMs: number;
  /** Expected clicks on session s's slate. */
  expectedClicks(s: number): number;
  /** P(the policy shows candidate c at 1-based position p in session s). */
  propensity(s: number, candidate: number, position: number): number;
  sample(s: number, random: Random, slate: SlateBuffer): void;
}

/** The demo's logging policy: one softmax draw per stratum of pool ranks, strata shuffled on exploration traffic. */
export function loggingPolicy(workload: SessionWorkload, options: { latencyMs?: number } = {}): SimulatedPolicy {
  const { poolStart, withinStratum, attractiveness, explorationRate: epsilon } = workload;
  const size = workload.slateSize;
  const propensity = (s: number, candidate: number, position: number) => {
    const stratum = (candidate - poolStart[s]) % size;
    return withinStratum[candidate] * ((1 - epsilon) * (position === stratum + 1 ? 1 : 0) + epsilon / size);
  };
  return {
    name: 'logging',
    latencyMs: options.latencyMs ?? 12,
    propensity,
    expectedClicks(s) {
      const exam = workload.examination[workload.sessionDevice[s]];
      let mean = 0;
      for (const value of exam) mean += value / size;
      let clicks = 0;
      for (let c = poolStart[s]; c < poolStart[s + 1]; c++) {
        const stratum = (c - poolStart[s]) % size;
        const examined = (1 - epsilon) * (stratum < exam.length ? exam[stratum] : 0) + epsilon * mean;
        clicks += withinStratum[c] * examined * attractiveness[c];
      }
      return clicks;
    },
    sample(s, random, slate) {
      const first = poolStart[s];
      const strata = Math.min(size, poolStart[s + 1] - first);
      for (let stratum = 0; stratum < strata; stratum++) {
        let r = random.next();
        let pick = first + stratum;
        for (let c = first + stratum; c < poolStart[s + 1]; c += size) {
          pick = c;
          r -= withinStratum[c];
          if (r < 0) break;
        }
        slate.candidates[stratum] = pick;
      }
      slate.length = strata;
      if (random.next() < epsilon) {
        for (let k = strata - 1; k > 0; k--) {
          const j = random.int(k + 1);
          const swap = slate.candidates[k];
          slate.candidates[k] = slate.candidates[j];
          slate.candidates[j] = swap;
        }
      }
      for (let k = 0; k < strata; k++) slate.propensities[k] = propensity(s, slate.candidates[k], k + 1);
    },
  };
}

/** A deterministic policy that shows, per session, the candidates `order(s)` returns (best first). */
function rankingPolicy(
  workload: SessionWorkload,
  options: { name: string; latencyMs: number; order: (s: number) => Int32Array },
): SimulatedPolicy {
  const size = workload.slateSize;
  const length = (s: number) => Math.min(size, workload.poolStart[s + 1] - workload.poolStart[s]);
  return {
    name: options.name,
    latencyMs: options.latencyMs,
    expectedClicks(s) {
      const exam = workload.examination[workload.sessionDevice[s]];
      const order = options.order(s);
      let clicks = 0;
      for (let k = 0; k < length(s); k++) clicks += exam[k] * workload.attractiveness[order[k]];
      return clicks;
    },
    propensity(s, candidate, position) {
      return position <= length(s) && options.order(s)[position - 1] === candidate ? 1 : 0;
    },
    sample(s, _random, slate) {
      const list = options.order(s).subarray(0, length(s));
      slate.candidates.set(list);
      slate.propensities.fill(1, 0, list.length);
      slate.length = list.length;
    },
  };
}

/** The logging policy's mode: the pool's best candidates in rank order. */
export function greedyPolicy(workload: SessionWorkload, options: { latencyMs?: number } = {}): SimulatedPolicy {
  return rankingPolicy(workload, {
    name: 'greedy',
    latencyMs: options.latencyMs ?? 12,
    order: (s) =>
      Int32Array.from(
        { length: workload.poolStart[s + 1] - workload.poolStart[s] },
        (_, k) => workload.poolStart[s] + k,
      ),
  });
}

/** Each session's pool sorted by a value per candidate, best first (computed once per session). */
function sortedPools(workload: SessionWorkload, value: (candidate: number) => number): (s: number) => Int32Array {
  const cache = new Map<number, Int32Array>();
  return (s) => {
    let order = cache.get(s);
    if (!order) {
      const first = workload.poolStart[s];
      order = Int32Array.from({ length: workload.poolStart[s + 1] - first }, (_, k) => first + k).sort(
        (a, b) => value(b) - value(a) || a - b,
      );
      cache.set(s, order);
    }
    return order;
  };
}

/** The pool ranked by true attractiveness: what a perfect model of the users would show. */
export function oraclePolicy(workload: SessionWorkload, options: { latencyMs?: number } = {}): SimulatedPolicy {
  return rankingPolicy(workload, {
    name: 'oracle',
    latencyMs: options.latencyMs ?? 18,
    order: sortedPools(workload, (candidate) => workload.attractiveness[candidate]),
  });
}

/** The pool ranked by a score per item (a model's item attractiveness, popularity, …), best first. */
export function scoredPolicy(
  workload: SessionWorkload,
  options: { name: string; score: (itemIndex: number) => number; latencyMs?: number },
): SimulatedPolicy {
  const scores = Float64Array.from(workload.itemIds, (_, item) => options.score(item));
  return rankingPolicy(workload, {
    name: options.name,
    latencyMs: options.latencyMs ?? 15,
    order: sortedPools(workload, (candidate) => scores[workload.candidateItem[candidate]]),
  });
}

/** Serves `better` on a share of requests and `base` on the rest. */
export function mixturePolicy(options: {
  base: SimulatedPolicy;
  better: SimulatedPolicy;
  /** Share of requests served by `better`, 0 … 1. */
  share: number;
  name?: string;
}): SimulatedPolicy {
  const { base, better, share } = options;
  if (!(share >= 0 && share <= 1)) {
    throw new InvalidInputError(`share must be between 0 and 1 (got ${share})`, { context: { field: 'share' } });
  }
  return {
    name: options.name ?? `${base.name}+${share.toFixed(3)}·${better.name}`,
    latencyMs: (1 - share) * base.latencyMs + share * better.latencyMs,
    expectedClicks: (s) => (1 - share) * base.expectedClicks(s) + share * better.expectedClicks(s),
    propensity: (s, candidate, position) =>
      (1 - share) * base.propensity(s, candidate, position) + share * better.propensity(s, candidate, position),
    sample(s, random, slate) {
      (random.next() < share ? better : base).sample(s, random, slate);
      for (let k = 0; k < slate.length; k++) {
        slate.propensities[k] =
          (1 - share) * base.propensity(s, slate.candidates[k], k + 1) +
          share * better.propensity(s, slate.candidates[k], k + 1);
      }
    },
  };
}

/** The exact CTR of a policy over some sessions (all by default): Σ E[clicks] / Σ slots. */
export function policyCtr(workload: SessionWorkload, policy: SimulatedPolicy, sessions?: ArrayLike<number>): number {
  let clicks = 0;
  let slots = 0;
  const count = sessions ? sessions.length : workload.sessionCount;
  for (let k = 0; k < count; k++) {
    const s = sessions ? sessions[k] : k;
    clicks += policy.expectedClicks(s);
    slots += Math.min(workload.slateSize, workload.poolStart[s + 1] - workload.poolStart[s]);
  }
  return clicks / slots;
}

/**
 * A treatment with a known relative CTR effect over `base`: the mixture of `base` and `better` whose exact CTR
 * is (1 + effect) × base's, since a mixture's CTR is linear in its share.
 */
export function policyWithEffect(options: {
  workload: SessionWorkload;
  base: SimulatedPolicy;
  better: SimulatedPolicy;
  /** Relative CTR change, e.g. 0.05 for +5%. */
  effect: number;
}): { policy: SimulatedPolicy; share: number; baseCtr: number; treatmentCtr: number } {
  const { workload, base, better, effect } = options;
  const baseCtr = policyCtr(workload, base);
  const betterCtr = policyCtr(workload, better);
  const share = (effect * baseCtr) / (betterCtr - baseCtr);
  if (!(share >= 0 && share <= 1)) {
    throw new InvalidInputError(
      `a ${(effect * 100).toFixed(1)}% effect is out of reach: ${better.name}'s CTR ${betterCtr.toFixed(4)} against ${base.name}'s ${baseCtr.toFixed(4)}`,
      { context: { field: 'effect' } },
    );
  }
  const policy = mixturePolicy({ base, better, share, name: `${base.name}-plus-${(effect * 100).toFixed(1)}pct` });
  return { policy, share, baseCtr, treatmentCtr: policyCtr(workload, policy) };
}
