// Item-to-item recall from the user's recent items through a model's `similarItems`: item-to-item (e.g. itemknn),
// co-purchase (co-occurrence of purchases) and content similarity share this shape. Each candidate keeps the seed
// items that led to it, which become the evidence of "Because you viewed X".

import type { RecallContext, RecalledItem, RecallSource } from '../types.ts';

export class SimilarItemsSource implements RecallSource {
  readonly name: string;
  readonly reason: string;
  readonly weight: number;
  readonly quota: number;
  readonly key: string;
  readonly #recentItems: number;
  readonly #types: ReadonlySet<string> | undefined;
  #scratch: Scratch | null = null;

  constructor(options: {
    name: string;
    /** Key of the model in the bundle. */
    key: string;
    /** because (item-to-item), bought-together (co-purchase) or similar (content). */
    reason: string;
    weight: number;
    quota: number;
    /** How many recent positive items seed the search. */
    recentItems: number;
    /** Only seeds with these feedback types (co-purchase: purchase, cart). */
    types?: readonly string[];
  }) {
    this.name = options.name;
    this.key = options.key;
    this.reason = options.reason;
    this.weight = options.weight;
    this.quota = options.quota;
    this.#recentItems = options.recentItems;
    this.#types = options.types ? new Set(options.types) : undefined;
  }

  #scratchFor(items: number): Scratch {
    if (this.#scratch?.score.length !== items) {
      this.#scratch = {
        score: new Float64Array(items),
        first: new Int32Array(items).fill(-1),
        firstScore: new Float64Array(items),
        second: new Int32Array(items).fill(-1),
        secondScore: new Float64Array(items),
        touched: new Int32Array(items),
        blocked: new Uint8Array(items),
      };
    }
    return this.#scratch;
  }

  recall(context: RecallContext, quota: number): RecalledItem[] {
    const bundle = context.bundle;
    const model = bundle?.models.get(this.key);
    if (!bundle || !model) throw new Error(`model ${this.key} is not trained yet`);
    if (!model.similarItems) throw new Error(`model ${model.name} cannot find similar items`);
    const seeds = context.history
      .positives(Number.POSITIVE_INFINITY, this.#types)
      .filter((event) => bundle.items.has(event.itemId))
      .slice(0, this.#recentItems);
    // Accumulated in index space in scratch arrays (recall is synchronous, so one set per source serves every
    // request); ids are looked up only for the items returned. Evidence: the two seeds that contributed most.
    const scratch = this.#scratchFor(bundle.items.size);
    const { score, first, firstScore, second, secondScore, touched, blocked } = scratch;
    let count = 0;
    const excluded = context.indices?.exclude ?? bundle.indices(context.exclude);
    for (const item of excluded) blocked[item] = 1;
    const allowed = context.allowed ? new Set(context.indices?.allowed ?? bundle.indices(context.allowed)) : null;
    try {
      seeds.forEach((seed, rank) => {
        // Newer seeds count more: the session's intent drifts (a harmonic recency weight).
        const recency = 1 / (1 + rank);
        const seedIndex = bundle.items.indexOf(seed.itemId);
        // A fixed neighbourhood size per source, so that one item's neighbours serve every user (memoised per model).
        const similar = bundle.neighbours(this.key, seedIndex, quota * 2 + 20)!;
        for (let k = 0; k < similar.items.length; k++) {
          const item = similar.items[k];
          if (item === seedIndex || blocked[item] || (allowed && !allowed.has(item))) continue;
          const contribution = recency * similar.scores[k];
          if (first[item] < 0) {
            touched[count++] = item;
            score[item] = contribution;
            first[item] = seedIndex;
            firstScore[item] = contribution;
            continue;
          }
          score[item] += contribution;
          if (contribution > firstScore[item]) {
            second[item] = first[item];
            secondScore[item] = firstScore[item];
            first[item] = seedIndex;
            firstScore[item] = contribution;
          } else if (contribution > secondScore[item]) {
            second[item] = seedIndex;
            secondScore[item] = contribution;
          }
        }
      });
      const order = bestTouched(touched, count, score, quota);
      const out: RecalledItem[] = [];
      for (let k = 0; k < order.length; k++) {
        const item = order[k];
        const evidence = [bundle.items.idAt(first[item])];
        if (second[item] >= 0) evidence.push(bundle.items.idAt(second[item]));
        out.push({ id: bundle.items.idAt(item), score: score[item], evidence });
      }
      return out;
    } finally {
      // Reset only what this request touched.
      for (let k = 0; k < count; k++) {
        const item = touched[k];
        first[item] = -1;
        second[item] = -1;
        secondScore[item] = 0;
      }
      for (const item of excluded) blocked[item] = 0;
    }
  }
}

/** Is item a ranked below item b: a lower score, or an equal score and a higher index? */
function below(score: Float64Array, a: number, b: number): boolean {
  return score[a] < score[b] || (score[a] === score[b] && a > b);
}

/**
 * The `k` best of the touched items, best first (score descending, ties by ascending index): a bounded heap whose
 * root is the worst kept item, then heapsort, instead of sorting every touched item with a comparator closure.
 */
function bestTouched(touched: Int32Array, count: number, score: Float64Array, k: number): Int32Array {
  const capacity = Math.min(k, count);
  const heap = new Int32Array(capacity);
  let size = 0;
  const siftDown = (item: number, end: number) => {
    let position = 0;
    for (;;) {
      const left = 2 * position + 1;
      if (left >= end) break;
      let child = left;
      if (left + 1 < end && below(score, heap[left + 1], heap[left])) child = left + 1;
      if (!below(score, heap[child], item)) break;
      heap[position] = heap[child];
      position = child;
    }
    heap[position] = item;
  };
  for (let j = 0; j < count; j++) {
    const item = touched[j];
    if (size < capacity) {
      let position = size++;
      while (position > 0) {
        const parent = (position - 1) >> 1;
        if (!below(score, item, heap[parent])) break;
        heap[position] = heap[parent];
        position = parent;
      }
      heap[position] = item;
    } else if (capacity > 0 && below(score, heap[0], item)) siftDown(item, size);
  }
  for (let end = size - 1; end > 0; end--) {
    const worst = heap[0];
    siftDown(heap[end], end);
    heap[end] = worst;
  }
  return heap;
}

interface Scratch {
  score: Float64Array;
  /** The seed that contributed most to an item (-1: untouched), and its contribution. */
  first: Int32Array;
  firstScore: Float64Array;
  /** The runner-up seed (-1: none). */
  second: Int32Array;
  secondScore: Float64Array;
  /** Items touched by the current request, in order. */
  touched: Int32Array;
  /** 1 for the items the current request excludes. */
  blocked: Uint8Array;
}
