// A first-order Markov chain over items (the "MC" of FPMC, Rendle et al. 2010): P(j | i) from consecutive items of
// every training sequence, P(j | i) = c_ij / (c_i + shrink). `window` > 1 also counts skips (i then j within g steps,
// weight 1/g), and the next item is scored from the last `recentItems` items with geometric decay:
//   score(j) = Σ_{r ≥ 0} decay^r · P(j | s_{−1−r}).

import type { Dataset, SparseRows } from '../../core/dataset.ts';
import { TopKHeap } from '../kernels/top-k.ts';
import { requireRange, resolveParams } from '../params.ts';
import type { FitOptions, ModelSnapshot, Recommender, ScoredItems } from '../recommender.ts';
import { checkCount, checkItem } from '../scoring-model.ts';
import { neighbourArrays, neighboursFromArrays } from '../sparse-item-model.ts';
import type { UserHistories } from '../user-history.ts';
import { SequenceModel, sequenceData, sequenceDataFromSnapshot } from './sequence-model.ts';

export const markovDefaults = {
  /** Steps ahead counted as a transition (1: strictly first-order). */
  window: 1,
  /** Items at the end of the sequence that vote for the next one. */
  recentItems: 3,
  /** Weight of each older vote relative to the newer one. */
  decay: 0.5,
  /** Added to each row's count, damping rules from rare items. */
  shrink: 2,
  /** Transitions kept per item. */
  neighbours: 200,
};

export type MarkovParams = typeof markovDefaults;

export class MarkovModel extends SequenceModel {
  readonly name = 'markov';
  /** Row i: P(j | i) for the kept j, largest first. */
  readonly transitions: SparseRows;
  readonly #markov: MarkovParams;

  constructor(options: {
    params: MarkovParams;
    histories: UserHistories;
    popularity: Float32Array;
    transitions: SparseRows;
  }) {
    super(options);
    this.#markov = options.params;
    this.transitions = options.transitions;
  }

  protected scoreSequence(sequence: Int32Array, out: Float32Array): void {
    const { recentItems, decay } = this.#markov;
    const { indptr, indices, values } = this.transitions;
    out.fill(0);
    let weight = 1;
    for (let r = 0; r < recentItems && r < sequence.length; r++, weight *= decay) {
      const item = sequence[sequence.length - 1 - r];
      for (let p = indptr[item]; p < indptr[item + 1]; p++) out[indices[p]] += weight * values[p];
    }
    // A tiny popularity prior orders items no transition reaches (instead of by index).
    let top = 0;
    for (const value of this.popularity) if (value > top) top = value;
    if (top > 0) for (let item = 0; item < out.length; item++) out[item] += (1e-6 * this.popularity[item]) / top;
  }

  /** The most likely next items after `item`. */
  similarItems(item: number, k: number): ScoredItems {
    checkItem(item, this.itemCount);
    checkCount(k);
    const { indptr, indices, values } = this.transitions;
    const heap = new TopKHeap(k);
    for (let p = indptr[item]; p < indptr[item + 1]; p++) if (indices[p] !== item) heap.push(indices[p], values[p]);
    return heap.sorted();
  }

  snapshot(): ModelSnapshot {
    return {
      name: this.name,
      params: { ...this.params },
      meta: {},
      arrays: { ...this.sequenceArrays(), ...neighbourArrays(this.transitions) },
    };
  }
}

/** Transition probabilities from every user's sequence, top `neighbours` per row. */
export function transitionRows(dataset: Dataset, params: MarkovParams): SparseRows {
  const { indptr, indices } = dataset.byUser;
  const itemCount = dataset.itemCount;
  const outgoing = new Int32Array(itemCount + 1);
  const totals = new Float64Array(itemCount);
  for (let user = 0; user < dataset.userCount; user++) {
    for (let p = indptr[user]; p < indptr[user + 1]; p++) {
      for (let gap = 1; gap <= params.window && p + gap < indptr[user + 1]; gap++) {
        outgoing[indices[p] + 1]++;
        totals[indices[p]] += 1 / gap;
      }
    }
  }
  for (let item = 0; item < itemCount; item++) outgoing[item + 1] += outgoing[item];
  const cursor = outgoing.slice(0, itemCount);
  const targets = new Int32Array(outgoing[itemCount]);
  const weights = new Float32Array(outgoing[itemCount]);
  for (let user = 0; user < dataset.userCount; user++) {
    for (let p = indptr[user]; p < indptr[user + 1]; p++) {
      for (let gap = 1; gap <= params.window && p + gap < indptr[user + 1]; gap++) {
        const slot = cursor[indices[p]]++;
        targets[slot] = indices[p + gap];
        weights[slot] = 1 / gap;
      }
    }
  }
  // Aggregate each row with a dense accumulator, keep the strongest `neighbours`.
  const accumulator = new Float64Array(itemCount);
  const rowPointer = new Int32Array(itemCount + 1);
  const keptItems: number[] = [];
  const keptValues: number[] = [];
  for (let item = 0; item < itemCount; item++) {
    const touched: number[] = [];
    for (let slot = outgoing[item]; slot < outgoing[item + 1]; slot++) {
      if (accumulator[targets[slot]] === 0) touched.push(targets[slot]);
      accumulator[targets[slot]] += weights[slot];
    }
    const heap = new TopKHeap(params.neighbours);
    for (const target of touched) {
      heap.push(target, accumulator[target] / (totals[item] + params.shrink));
      accumulator[target] = 0;
    }
    const row = heap.sorted();
    keptItems.push(...row.items);
    keptValues.push(...row.scores);
    rowPointer[item + 1] = keptItems.length;
  }
  return { indptr: rowPointer, indices: Int32Array.from(keptItems), values: Float32Array.from(keptValues) };
}

async function fit(dataset: Dataset, given: Partial<MarkovParams> = {}, _options: FitOptions = {}) {
  const params = resolveParams({ model: 'markov', defaults: markovDefaults, given });
  requireRange('markov', params, {
    window: [1, 1000],
    recentItems: [1, 1e6],
    decay: [0, 1],
    shrink: [0, 1e9],
    neighbours: [1, 1e7],
  });
  return new MarkovModel({ params, transitions: transitionRows(dataset, params), ...sequenceData(dataset) });
}

export const markov: Recommender<MarkovParams> = {
  name: 'markov',
  defaults: markovDefaults,
  fit,
  load: (snapshot) =>
    new MarkovModel({
      params: snapshot.params as MarkovParams,
      transitions: neighboursFromArrays(snapshot.arrays),
      ...sequenceDataFromSnapshot(snapshot),
    }),
};
