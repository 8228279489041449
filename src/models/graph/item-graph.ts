// An item graph with typed, weighted edges: co-purchase (bought by one user within a time window), co-view (engaged
// with by one user within a short window) and complement (category relations, optionally with attribute fit rules,
// whether hand-written, attribute-derived or extracted by an LLM). Edges are undirected; one CSR holds their sum
// weighted per type, for random walks.

import type { SparseRows } from '../../core/dataset.ts';
import { InvalidInputError } from '../../core/errors.ts';
import type { Feedback, Item } from '../../core/types.ts';

/** Two categories whose items go together; `fits`, when given, must accept a pair for an edge (and a kit). */
export interface ComplementRule {
  from: string;
  to: string;
  /** 0–1, how strongly they go together. */
  strength: number;
  /** True when the two items (one of each category, in either order) fit each other. */
  fits?: (first: Item, second: Item) => boolean;
}

export interface ItemGraphOptions {
  items: readonly Item[];
  /** Oldest first. Purchases feed co-purchase edges; other positive events (click, cart, like) co-view edges. */
  events?: readonly Feedback[];
  complements?: readonly ComplementRule[];
  /** The category key an item's rules use (default: attribute `category_id`, else the leaf of its path). */
  categoryOf?: (item: Item) => string | undefined;
  /** Two purchases by a user this close in time are co-purchased (default 14 days). */
  purchaseWindowDays?: number;
  /** Two views by a user this close in time are co-viewed (default 1 hour). */
  viewWindowMinutes?: number;
  /** Weight of each edge type in the combined graph. */
  weights?: { purchase?: number; view?: number; complement?: number };
  /** Complement edges kept per item and related category (the best-rated fitting items; default 10). */
  complementsPerCategory?: number;
}

export const defaultCategoryOf = (item: Item): string | undefined => {
  const id = item.attributes.category_id;
  return typeof id === 'string' ? id : item.categories.at(-1);
};

export class ItemGraph {
  readonly items: readonly Item[];
  readonly index: ReadonlyMap<string, number>;
  readonly category: (string | undefined)[];
  /** Combined, row-normalised-free adjacency (symmetric). */
  readonly edges: SparseRows;
  /** Per edge type, the number of (undirected) edges. */
  readonly counts: { purchase: number; view: number; complement: number };
  readonly complements: readonly ComplementRule[];

  constructor(options: ItemGraphOptions) {
    this.items = options.items;
    this.index = new Map(options.items.map((item, index) => [item.id, index]));
    const categoryOf = options.categoryOf ?? defaultCategoryOf;
    this.category = options.items.map(categoryOf);
    this.complements = options.complements ?? [];
    const weights = { purchase: 1, view: 0.3, complement: 0.5, ...options.weights };
    const pairs = new Map<number, number>();
    const n = options.items.length;
    const add = (a: number, b: number, weight: number) => {
      if (a === b) return;
      const key = a < b ? a * n + b : b * n + a;
      pairs.set(key, (pairs.get(key) ?? 0) + weight);
    };
    const purchase = this.#behaviourEdges(options, 'purchase', (a, b) => add(a, b, weights.purchase));
    const view = this.#behaviourEdges(options, 'view', (a, b) => add(a, b, weights.view));
    const complement = this.#complementEdges(options, (a, b, strength) => add(a, b, weights.complement * strength));
    this.counts = { purchase, view, complement };
    this.edges = symmetricRows(pairs, n);
  }

  /** Co-purchase or co-view edges from each user's events within the window; returns how many pairs were added. */
  #behaviourEdges(options: ItemGraphOptions, kind: 'purchase' | 'view', add: (a: number, b: number) => void): number {
    const window =
      kind === 'purchase'
        ? (options.purchaseWindowDays ?? 14) * 86_400_000
        : (options.viewWindowMinutes ?? 60) * 60_000;
    const recent = new Map<string, Array<{ item: number; time: number }>>();
    let added = 0;
    for (const event of options.events ?? []) {
      const isPurchase = event.type === 'purchase';
      const isView = event.type === 'click' || event.type === 'cart' || event.type === 'like' || event.type === 'view';
      if (kind === 'purchase' ? !isPurchase : !isView) continue;
      const item = this.index.get(event.itemId);
      if (item === undefined) continue;
      const list = recent.get(event.userId) ?? [];
      while (list.length && event.timestamp - list[0].time > window) list.shift();
      for (const earlier of list) {
        if (earlier.item !== item) {
          add(earlier.item, item);
          added++;
        }
      }
      list.push({ item, time: event.timestamp });
      recent.set(event.userId, list);
    }
    return added;
  }

  /** For each rule, each item links to the best-rated fitting items of the other category. */
  #complementEdges(options: ItemGraphOptions, add: (a: number, b: number, strength: number) => void): number {
    const perCategory = options.complementsPerCategory ?? 10;
    const members = new Map<string, number[]>();
    this.category.forEach((category, item) => {
      if (category === undefined || !this.items[item].available) return;
      const list = members.get(category) ?? [];
      list.push(item);
      members.set(category, list);
    });
    const rating = (item: number) => {
      const value = this.items[item].attributes.rating;
      return typeof value === 'number' ? value : 0;
    };
    let added = 0;
    for (const rule of this.complements) {
      for (const [source, target] of [
        [rule.from, rule.to],
        [rule.to, rule.from],
      ]) {
        const candidates = (members.get(target) ?? []).slice().sort((a, b) => rating(b) - rating(a) || a - b);
        for (const item of members.get(source) ?? []) {
          let kept = 0;
          for (const other of candidates) {
            if (kept >= perCategory) break;
            if (rule.fits && !rule.fits(this.items[item], this.items[other])) continue;
            add(item, other, rule.strength);
            kept++;
            added++;
          }
        }
      }
    }
    return added;
  }

  /** The item's index; an InvalidInputError names an unknown id. */
  indexOf(itemId: string): number {
    const index = this.index.get(itemId);
    if (index === undefined) {
      throw new InvalidInputError(`item graph: unknown item ${JSON.stringify(itemId)}`, {
        context: { field: 'itemId' },
      });
    }
    return index;
  }

  /**
   * Personalised PageRank from `seeds` (random walk with restart, Tong et al. 2006): the stationary visit share of
   * a walk that follows weighted edges and jumps back to the seeds with probability `restart`.
   */
  walkScores(seeds: readonly number[], options: { restart?: number; iterations?: number } = {}): Float64Array {
    const n = this.items.length;
    const restart = options.restart ?? 0.3;
    const { indptr, indices, values } = this.edges;
    const degree = new Float64Array(n);
    for (let item = 0; item < n; item++)
      for (let p = indptr[item]; p < indptr[item + 1]; p++) degree[item] += values[p];
    let scores = new Float64Array(n);
    for (const seed of seeds) scores[seed] += 1 / seeds.length;
    for (let iteration = 0; iteration < (options.iterations ?? 20); iteration++) {
      const next = new Float64Array(n);
      for (const seed of seeds) next[seed] += restart / seeds.length;
      let dangling = 0;
      for (let item = 0; item < n; item++) {
        if (scores[item] === 0) continue;
        if (degree[item] === 0) {
          dangling += scores[item];
          continue;
        }
        const share = ((1 - restart) * scores[item]) / degree[item];
        for (let p = indptr[item]; p < indptr[item + 1]; p++) next[indices[p]] += share * values[p];
      }
      for (const seed of seeds) next[seed] += ((1 - restart) * dangling) / seeds.length;
      scores = next;
    }
    return scores;
  }
}

function symmetricRows(pairs: Map<number, number>, n: number): SparseRows {
  const indptr = new Int32Array(n + 1);
  for (const key of pairs.keys()) {
    indptr[Math.floor(key / n) + 1]++;
    indptr[(key % n) + 1]++;
  }
  for (let item = 0; item < n; item++) indptr[item + 1] += indptr[item];
  const cursor = indptr.slice(0, n);
  const indices = new Int32Array(indptr[n]);
  const values = new Float32Array(indptr[n]);
  for (const [key, weight] of pairs) {
    const a = Math.floor(key / n);
    const b = key % n;
    indices[cursor[a]] = b;
    values[cursor[a]++] = weight;
    indices[cursor[b]] = a;
    values[cursor[b]++] = weight;
  }
  return { indptr, indices, values };
}
