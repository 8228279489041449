// The shop's production recommender for the home feed, whose slates the demo logs, with exact propensities.
// It scores the catalog from what a shop knows (popularity, declared interests, freshness, season, rating, complements
// of recent purchases), keeps the best `poolSize` candidates, and splits them by rank into `slateSize` strata
// (stratum s holds ranks s, s + L, s + 2L, …). Each stratum draws one item from a softmax mixed with a uniform
// choice; with probability ε (exploration) the strata are shown in a uniformly random order, else stratum s fills
// position s + 1. The marginal propensity of item i at position p is therefore exactly
//   π(i, p) = q_s(i) · ((1 − ε) · [p = s + 1] + ε / L),
// every candidate has support at every position, and item–position IPS is unbiased under the position-based click
// model (Li et al. 2018, "Offline evaluation of ranking policies with click models").

import { createRandom, hashString, type Random } from '../../core/random.ts';
import { dayMs, dayOfYear, daysOutsideWindow } from './calendar.ts';
import type { DemoHistory } from './history.ts';
import type { DemoWorld } from './world.ts';

/** The candidates of one request and the probability of each item within its stratum. */
export interface SlateDistribution {
  /** Item indexes in rank order (best first). */
  pool: Int32Array;
  /** Per rank: the probability that the item is its stratum's draw. */
  withinStratum: Float64Array;
  slateSize: number;
  explorationRate: number;
}

/** A sampled slate: item indexes by position, and each one's marginal propensity. */
export interface SampledSlate {
  items: Int32Array;
  propensities: Float64Array;
  /** Pool rank of each shown item (0-based). */
  ranks: Int32Array;
  /** True when the strata were shuffled (exploration traffic). */
  explore: boolean;
}

/** Marginal probability that the candidate at `rank` is shown at 1-based `position`. */
export function propensityAt(distribution: SlateDistribution, rank: number, position: number): number {
  const { slateSize, explorationRate } = distribution;
  const stratum = rank % slateSize;
  const positionShare = (1 - explorationRate) * (position === stratum + 1 ? 1 : 0) + explorationRate / slateSize;
  return distribution.withinStratum[rank] * positionShare;
}

/** A 32-bit integer hash (the finaliser of MurmurHash3). */
function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** The `size` entries with the highest keys seen so far, highest first. */
class TopList {
  readonly items: number[] = [];
  readonly #keys: number[] = [];
  readonly #size: number;

  constructor(size: number) {
    this.#size = size;
  }

  /** The key an entry must beat to get in (−Infinity while there is room). */
  get threshold(): number {
    return this.items.length < this.#size ? Number.NEGATIVE_INFINITY : this.#keys[this.#size - 1];
  }

  offer(item: number, key: number): void {
    if (this.#size === 0 || key <= this.threshold) return;
    let at = this.items.length;
    while (at > 0 && this.#keys[at - 1] < key) at--;
    this.items.splice(at, 0, item);
    this.#keys.splice(at, 0, key);
    if (this.items.length > this.#size) {
      this.items.pop();
      this.#keys.pop();
    }
  }
}

export class LoggingPolicy {
  readonly #world: DemoWorld;
  readonly #history: DemoHistory;
  readonly #dayScores = new Map<number, { base: Float64Array; order: Int32Array }>();

  constructor(world: DemoWorld, history: DemoHistory) {
    this.#world = world;
    this.#history = history;
  }

  /**
   * Per item: the part of the score shared by all users on a day (−Infinity for items that cannot be shown), and the
   * showable items in descending order of it.
   */
  #baseScores(day: number): { base: Float64Array; order: Int32Array } {
    const cached = this.#dayScores.get(day);
    if (cached) return cached;
    const world = this.#world;
    const weights = world.parameters.logging;
    const doy = dayOfYear(world.startTime + day * dayMs + dayMs / 2);
    const scores = new Float64Array(world.items.length);
    for (let i = 0; i < scores.length; i++) {
      if (!world.available[i] || world.createdDay[i] > day) {
        scores[i] = Number.NEGATIVE_INFINITY;
        continue;
      }
      let score = weights.popularity * Math.log1p(this.#history.popularityAt(i, day));
      score += weights.freshness * Math.exp(-Math.max(0, day - world.createdDay[i]) / 21);
      if (world.seasonStart[i] >= 0) {
        score +=
          daysOutsideWindow(doy, world.seasonStart[i], world.seasonEnd[i]) === 0 ? weights.season : -weights.season;
      }
      score += weights.rating * world.ratingScore[i];
      scores[i] = score;
    }
    const showable: number[] = [];
    for (let i = 0; i < scores.length; i++) if (scores[i] !== Number.NEGATIVE_INFINITY) showable.push(i);
    const order = Int32Array.from(showable.sort((a, b) => scores[b] - scores[a] || a - b));
    const entry = { base: scores, order };
    if (day <= this.#history.recordedDays) this.#dayScores.set(day, entry);
    return entry;
  }

  /** The slate distribution for a user's home-feed request at a time. */
  distribution(user: number, time: number): SlateDistribution {
    const world = this.#world;
    const weights = world.parameters.logging;
    const { poolSize, slateSize } = weights;
    const day = world.stateDay(time);
    const { base, order } = this.#baseScores(day);
    const mask = world.interestMask[user];
    const owned = new Set(this.#history.purchasesOf(user, day).map((purchase) => purchase.item));
    const complement = new Float64Array(world.itemsByCategory.length);
    let strongestComplement = 0;
    for (let c = 0; c < complement.length; c++) {
      complement[c] = this.#history.complementBoost(user, c, day);
      strongestComplement = Math.max(strongestComplement, complement[c]);
    }
    const noiseSeed = hashString(`${world.seed}:${user}:${day}`);
    const score = (i: number): number => {
      let value = base[i];
      if (mask & (1 << world.department[i])) value += weights.interest;
      value += weights.complement * complement[world.categoryOf(i)];
      // Deterministic per (user, item, day): the production model's idiosyncrasies.
      return value + weights.noise * ((mix32(noiseSeed ^ Math.imul(i + 1, 0x9e3779b1)) / 4294967296) * 2 - 1);
    };
    // The best `poolSize − exploreCandidates` by score. Items come in descending shared score, and no personal term
    // adds more than `bound`, so the scan stops as soon as no later item can get in: the result is the full scan's.
    const bound = weights.interest + weights.complement * strongestComplement + weights.noise;
    const best = new TopList(poolSize - weights.exploreCandidates);
    for (const i of order) {
      if (base[i] + bound <= best.threshold) break;
      if (!owned.has(i)) best.offer(i, score(i));
    }
    // Uniformly drawn showable items fill the rest of the pool.
    const chosen = new Set(best.items);
    const random = createRandom(hashString(`explore:${world.seed}:${user}:${day}`));
    for (let attempt = 0; chosen.size < poolSize && attempt < poolSize * 20; attempt++) {
      const item = random.int(base.length);
      if (base[item] !== Number.NEGATIVE_INFINITY && !owned.has(item)) chosen.add(item);
    }
    const scores = new Map([...chosen].map((item) => [item, score(item)]));
    const pool = Int32Array.from([...chosen].sort((a, b) => scores.get(b)! - scores.get(a)! || a - b));
    const poolScores = Array.from(pool, (item) => scores.get(item)!);
    const withinStratum = new Float64Array(pool.length);
    for (let stratum = 0; stratum < slateSize; stratum++) {
      const members: number[] = [];
      for (let rank = stratum; rank < pool.length; rank += slateSize) members.push(rank);
      if (members.length === 0) continue;
      const top = poolScores[members[0]];
      let total = 0;
      for (const rank of members) total += Math.exp((poolScores[rank] - top) / weights.temperature);
      for (const rank of members) {
        const softmax = Math.exp((poolScores[rank] - top) / weights.temperature) / total;
        withinStratum[rank] = (1 - weights.uniformMix) * softmax + weights.uniformMix / members.length;
      }
    }
    return {
      pool,
      withinStratum,
      slateSize: Math.min(slateSize, pool.length),
      explorationRate: weights.explorationRate,
    };
  }

  /** Draws a slate from a distribution. */
  sample(distribution: SlateDistribution, random: Random): SampledSlate {
    const { pool, withinStratum, slateSize, explorationRate } = distribution;
    const chosen: number[] = [];
    for (let stratum = 0; stratum < slateSize; stratum++) {
      let r = random.next();
      let pick = stratum;
      for (let rank = stratum; rank < pool.length; rank += slateSize) {
        pick = rank;
        r -= withinStratum[rank];
        if (r < 0) break;
      }
      chosen.push(pick);
    }
    const explore = random.next() < explorationRate;
    if (explore) {
      for (let k = chosen.length - 1; k > 0; k--) {
        const j = random.int(k + 1);
        [chosen[k], chosen[j]] = [chosen[j], chosen[k]];
      }
    }
    const items = new Int32Array(chosen.length);
    const propensities = new Float64Array(chosen.length);
    chosen.forEach((rank, index) => {
      items[index] = pool[rank];
      propensities[index] = propensityAt(distribution, rank, index + 1);
    });
    return { items, propensities, ranks: Int32Array.from(chosen), explore };
  }
}
