// Exact top-K selection over a score array with a bounded min-heap: O(n log k), no full sort.
// Ties are broken by ascending item index, and NaN ranks as -Infinity, so results are deterministic.

import type { ScoredItems } from '../recommender.ts';

/** Which items may be returned. */
export interface SelectOptions {
  /** Items never returned. */
  exclude?: Int32Array | ReadonlySet<number>;
  /** When set, only these items are ranked (duplicates count once). */
  candidates?: Int32Array;
  /** A zeroed buffer of one byte per item, reused across calls to mark exclusions (it is left zeroed). */
  scratchMask?: Uint8Array;
}

/** The `k` best items of `scores` (indexed by item), best first. */
export function selectTopK(scores: Float32Array, k: number, options: SelectOptions = {}): ScoredItems {
  const { scratchMask, exclude } = options;
  if (!exclude || !scratchMask || scratchMask.length < scores.length) {
    return select(scores, k, options, excludedMask(scores.length, exclude));
  }
  setMask(scratchMask, scores.length, exclude, 1);
  try {
    return select(scores, k, options, scratchMask);
  } finally {
    setMask(scratchMask, scores.length, exclude, 0);
  }
}

function setMask(mask: Uint8Array, itemCount: number, exclude: Int32Array | ReadonlySet<number>, value: number) {
  for (const item of exclude) if (item >= 0 && item < itemCount) mask[item] = value;
}

function select(scores: Float32Array, k: number, options: SelectOptions, excluded: Uint8Array | null): ScoredItems {
  const heap = new TopKHeap(Math.max(0, Math.min(k, scores.length)));
  if (options.candidates) {
    const seen = new Uint8Array(scores.length);
    for (const item of options.candidates) {
      if (item < 0 || item >= scores.length || seen[item] || excluded?.[item]) continue;
      seen[item] = 1;
      heap.push(item, scores[item]);
    }
  } else {
    // Items arrive in ascending order, so once the heap is full an item must score strictly above the root
    // (an equal score loses the tie to the root's lower index): one comparison rejects most items.
    // The root's score is read from a local: the loop touches only typed arrays and locals (it runs over every item
    // on every recommend call).
    const capacity = heap.capacity;
    const kept = heap.scores;
    const count = scores.length;
    let item = 0;
    for (; item < count && heap.size < capacity; item++) if (!excluded?.[item]) heap.push(item, scores[item]);
    if (capacity > 0) {
      let root = kept[0];
      for (; item < count; item++) {
        const score = scores[item];
        if (!(score > root) || excluded?.[item]) continue;
        heap.push(item, score);
        root = kept[0];
      }
    }
  }
  return heap.sorted();
}

/** A 0/1 mask of excluded items, or null when nothing is excluded. */
export function excludedMask(itemCount: number, exclude: SelectOptions['exclude']): Uint8Array | null {
  if (!exclude) return null;
  const mask = new Uint8Array(itemCount);
  for (const item of exclude) if (item >= 0 && item < itemCount) mask[item] = 1;
  return mask;
}

/** A fixed-capacity heap whose root is the worst kept item; `sorted()` returns the kept items best first. */
export class TopKHeap {
  readonly capacity: number;
  readonly items: Int32Array;
  readonly scores: Float32Array;
  size = 0;

  constructor(capacity: number) {
    this.capacity = capacity;
    this.items = new Int32Array(capacity);
    this.scores = new Float32Array(capacity);
  }

  /** Offers an item; NaN counts as -Infinity. */
  push(item: number, score: number): void {
    if (Number.isNaN(score)) score = Number.NEGATIVE_INFINITY;
    const { items, scores } = this;
    if (this.size < this.capacity) {
      let position = this.size++;
      // Sift up: the parent must be worse than or equal to the child.
      while (position > 0) {
        const parent = (position - 1) >> 1;
        if (!worse(item, score, items[parent], scores[parent])) break;
        items[position] = items[parent];
        scores[position] = scores[parent];
        position = parent;
      }
      items[position] = item;
      scores[position] = score;
      return;
    }
    if (this.capacity === 0 || !worse(items[0], scores[0], item, score)) return;
    this.#replaceRoot(item, score);
  }

  /** The score an item must beat to enter (when full). */
  get threshold(): number {
    return this.size < this.capacity ? Number.NEGATIVE_INFINITY : this.scores[0];
  }

  #replaceRoot(item: number, score: number): void {
    siftDownFromRoot(this.items, this.scores, this.size, item, score);
  }

  /**
   * The kept items best first (the heap itself is left as it was). Heapsort on copies: the root is always the worst
   * kept item, so popping it into the last free slot fills the output from the back; no comparator closure, no
   * boxed index array (this runs on every recommend call of every model source).
   */
  sorted(): ScoredItems {
    const size = this.size;
    const items = this.items.slice(0, size);
    const scores = this.scores.slice(0, size);
    for (let end = size - 1; end > 0; end--) {
      const rootItem = items[0];
      const rootScore = scores[0];
      const item = items[end];
      const score = scores[end];
      siftDownFromRoot(items, scores, end, item, score);
      items[end] = rootItem;
      scores[end] = rootScore;
    }
    return { items, scores };
  }
}

/** Is (itemA, scoreA) ranked below (itemB, scoreB)? Lower score is worse; on equal scores the higher index is. */
function worse(itemA: number, scoreA: number, itemB: number, scoreB: number): boolean {
  return scoreA < scoreB || (scoreA === scoreB && itemA > itemB);
}

/** Puts (item, score) at the root of the min-heap items[0, size) and sifts it down to its place. */
function siftDownFromRoot(items: Int32Array, scores: Float32Array, size: number, item: number, score: number): void {
  let position = 0;
  for (;;) {
    const left = 2 * position + 1;
    if (left >= size) break;
    const right = left + 1;
    let child = left;
    if (right < size && worse(items[right], scores[right], items[left], scores[left])) child = right;
    if (!worse(items[child], scores[child], item, score)) break;
    items[position] = items[child];
    scores[position] = scores[child];
    position = child;
  }
  items[position] = item;
  scores[position] = score;
}
