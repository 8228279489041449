// Sampled-negative candidate sets: each user's relevant items plus N sampled items they never interacted with,
// uniformly or by training popularity. Only used when asked: sampled metrics are not comparable with full-ranking
// ones (Krichene & Rendle 2020, "On Sampled Metrics for Item Recommendation"), so their keys carry `sampled.`.

import { createRandom, type Random } from '../core/random.ts';

export interface NegativeSampling {
  /** Sampled negatives per user. */
  negatives: number;
  sampler: 'uniform' | 'popularity';
  seed: number;
}

/** A sampler of candidate lists over a fixed pool of items. */
export class CandidateSampler {
  readonly #pool: Int32Array;
  readonly #cumulative: Float64Array | null;
  readonly #seed: number;
  readonly #negatives: number;
  #random: Random;

  /**
   * @param pool the items that may be sampled (e.g. the whole catalog, or only cold items)
   * @param popularity training users per item, used by the popularity sampler
   */
  constructor(options: { sampling: NegativeSampling; pool: Int32Array; popularity: Float64Array }) {
    // The popularity sampler can never draw an item nobody trained on, so such items leave its pool.
    this.#pool =
      options.sampling.sampler === 'popularity'
        ? options.pool.filter((item) => options.popularity[item] > 0)
        : options.pool;
    this.#negatives = options.sampling.negatives;
    this.#seed = options.sampling.seed;
    this.#random = createRandom(this.#seed);
    if (options.sampling.sampler === 'popularity') {
      this.#cumulative = new Float64Array(this.#pool.length);
      let sum = 0;
      for (let k = 0; k < this.#pool.length; k++) this.#cumulative[k] = sum += options.popularity[this.#pool[k]];
    } else this.#cumulative = null;
  }

  /**
   * The relevant items plus up to N negatives outside `seen` (training items) and `relevant`. Draws are seeded per
   * user, so a user's candidates do not depend on which other users were evaluated (or on which worker).
   */
  candidates(user: number, relevant: Int32Array, seen: Int32Array): Int32Array {
    this.#random = createRandom((Math.imul(this.#seed, 0x9e3779b1) + user) >>> 0);
    const taken = new Set<number>(relevant);
    const blocked = new Set<number>(seen);
    let eligible = 0;
    for (const item of this.#pool) if (!taken.has(item) && !blocked.has(item)) eligible++;
    const wanted = Math.min(this.#negatives, eligible);
    const out = Array.from(relevant);
    // Rejection sampling; for uniform draws of most of the pool, a partial shuffle of the eligible items is cheaper.
    if (!this.#cumulative && wanted > eligible / 2) {
      const rest = this.#pool.filter((item) => !taken.has(item) && !blocked.has(item));
      for (let k = 0; k < wanted; k++) {
        const j = k + this.#random.int(rest.length - k);
        const swap = rest[k];
        rest[k] = rest[j];
        rest[j] = swap;
        out.push(rest[k]);
      }
      return Int32Array.from(out);
    }
    while (out.length - relevant.length < wanted) {
      const item = this.#draw();
      if (taken.has(item) || blocked.has(item)) continue;
      taken.add(item);
      out.push(item);
    }
    return Int32Array.from(out);
  }

  #draw(): number {
    const cumulative = this.#cumulative;
    if (!cumulative || cumulative.length === 0) return this.#pool[this.#random.int(this.#pool.length)];
    const target = this.#random.next() * cumulative[cumulative.length - 1];
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (cumulative[middle] > target) high = middle;
      else low = middle + 1;
    }
    return this.#pool[low];
  }
}
