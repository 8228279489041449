// Exploration slots: at configured positions, show an item from deeper in the ranking now and then, and record the
// probability (propensity) with which the policy showed each item there, so off-policy estimators (IPS, SNIPS, DR)
// can use the logs. ε-greedy (Sutton & Barto) or Thompson sampling over per-item Beta posteriors (Chapelle & Li 2011).

import { createRandom, type Random } from '../../core/random.ts';
import type { Candidate } from '../types.ts';

export interface ExplorationOptions {
  method: 'none' | 'epsilon-greedy' | 'thompson';
  slots: readonly number[];
  epsilon: number;
  /** The ranked candidates the list was picked from (best first). */
  ranked: readonly Candidate[];
  poolStart: number;
  poolSize: number;
  accepts: (id: string) => boolean;
  /** Beta parameters (clicks + 1, non-clicks + 1) per item, for Thompson sampling. */
  posterior: (id: string) => { alpha: number; beta: number };
  seed: number;
  /** With `categoryOf`: an explored item may not take its leaf category past this many items in the list. */
  categoryCap?: number | null;
  categoryOf?: (id: string) => string | null;
}

/** Fills exploration slots of `list` in place; sets `propensity` of each slot's item. */
export function explore(list: Candidate[], options: ExplorationOptions): void {
  if (options.method === 'none' || !options.slots.some((slot) => slot < list.length)) return;
  const random = createRandom(options.seed);
  const inList = new Set(list.map((candidate) => candidate.id));
  const pool: Candidate[] = [];
  for (let k = options.poolStart; k < options.ranked.length && pool.length < options.poolSize; k++) {
    const candidate = options.ranked[k];
    if (!inList.has(candidate.id) && options.accepts(candidate.id)) pool.push(candidate);
  }
  // The per-category cap holds for explored items too: a contender must fit once the slot's item leaves the list.
  const cap = options.categoryCap ?? Number.POSITIVE_INFINITY;
  const leafOf = cap === Number.POSITIVE_INFINITY ? null : (options.categoryOf ?? null);
  const counts = new Map<string, number>();
  const count = (id: string, delta: number) => {
    const leaf = leafOf?.(id) ?? null;
    if (leaf !== null) counts.set(leaf, (counts.get(leaf) ?? 0) + delta);
  };
  for (const candidate of list) count(candidate.id, 1);
  const fits = (candidate: Candidate, greedy: Candidate) => {
    const leaf = leafOf?.(candidate.id) ?? null;
    return leaf === null || (counts.get(leaf) ?? 0) - (leafOf?.(greedy.id) === leaf ? 1 : 0) < cap;
  };
  const replace = (slot: number, chosen: Candidate, propensity: number) => {
    count(list[slot].id, -1);
    count(chosen.id, 1);
    pool.splice(pool.indexOf(chosen), 1);
    list[slot] = { ...chosen, explored: true, propensity };
  };
  for (const slot of options.slots) {
    if (slot >= list.length || pool.length === 0) continue;
    const greedy = list[slot];
    const eligible = leafOf ? pool.filter((candidate) => fits(candidate, greedy)) : pool.slice();
    if (eligible.length === 0) {
      greedy.propensity = 1;
      continue;
    }
    if (options.method === 'epsilon-greedy') {
      if (random.next() < options.epsilon) {
        const chosen = eligible[random.int(eligible.length)];
        replace(slot, chosen, options.epsilon / eligible.length);
      } else {
        greedy.propensity = 1 - options.epsilon;
      }
      continue;
    }
    const contenders = [greedy, ...eligible];
    const draw = () => {
      let best = 0;
      let bestValue = -1;
      contenders.forEach((candidate, index) => {
        const { alpha, beta } = options.posterior(candidate.id);
        const value = sampleBeta(random, alpha, beta);
        if (value > bestValue) {
          bestValue = value;
          best = index;
        }
      });
      return best;
    };
    const winner = draw();
    // The propensity of the winner, by Monte Carlo over further draws from the same posteriors.
    let wins = 1;
    const draws = 100;
    for (let k = 1; k < draws; k++) if (draw() === winner) wins++;
    const propensity = wins / draws;
    if (winner === 0) greedy.propensity = propensity;
    else replace(slot, eligible[winner - 1], propensity);
  }
}

/** Beta(α, β) as X/(X+Y) with X ~ Gamma(α), Y ~ Gamma(β). */
export function sampleBeta(random: Random, alpha: number, beta: number): number {
  const x = sampleGamma(random, alpha);
  const y = sampleGamma(random, beta);
  return x + y > 0 ? x / (x + y) : 0.5;
}

/** Gamma(shape, 1) by Marsaglia & Tsang (2000); shapes below 1 through the boost Gamma(k+1)·U^(1/k). */
export function sampleGamma(random: Random, shape: number): number {
  if (shape < 1) return sampleGamma(random, shape + 1) * random.next() ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = random.normal();
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = random.next();
    if (u < 1 - 0.0331 * x ** 4 || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}
