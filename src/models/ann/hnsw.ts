// HNSW approximate nearest-neighbour index for maximum inner product (Malkov & Yashunin 2018). By default the graph
// is built and searched on the inner product itself (ip-NSW, Morozov & Babenko 2018), which on iALS factors reaches
// far higher recall than the norm-equalising transform of Bachrach et al. 2014 (kept as `augment: true`).

import { createRandom } from '../../core/random.ts';
import { paddedStride, WasmArena } from '../kernels/wasm-arena.ts';
import type { ScoredItems } from '../recommender.ts';
import { DistanceHeap } from './distance-heap.ts';

export interface HnswOptions {
  /** Links per node on upper layers (twice this on layer 0). */
  links?: number;
  /** Candidate list size while building. */
  efConstruction?: number;
  /** Default candidate list size while searching. */
  efSearch?: number;
  seed?: number;
  /** Augment vectors to equal norms (Bachrach et al. 2014) instead of searching the raw inner product (default). */
  augment?: boolean;
}

export class HnswIndex {
  readonly count: number;
  readonly dimension: number;
  readonly links: number;
  efSearch: number;
  readonly #stride: number;
  readonly #arena: WasmArena;
  readonly #vectors: number;
  readonly #query: Float32Array;
  readonly #layer0: Int32Array;
  readonly #upper: Map<number, Int32Array>[] = [];
  readonly #levels: Uint8Array;
  #entry = -1;
  #top = -1;
  readonly #visited: Uint32Array;
  #visitMark = 0;
  readonly #candidates = new DistanceHeap(64, 'min');
  readonly #results = new DistanceHeap(64, 'max');

  private constructor(count: number, dimension: number, options: HnswOptions) {
    this.count = count;
    this.dimension = dimension;
    this.links = options.links ?? 16;
    this.efSearch = options.efSearch ?? 64;
    this.#stride = paddedStride(dimension + 1);
    this.#arena = WasmArena.create((count + 1) * this.#stride * 4 + 4096);
    this.#vectors = this.#arena.float32(count * this.#stride).byteOffset;
    this.#query = this.#arena.float32(this.#stride);
    this.#layer0 = new Int32Array(count * (2 * this.links + 1));
    this.#levels = new Uint8Array(count);
    this.#visited = new Uint32Array(count);
  }

  /** Builds an index over `count` row-major vectors of `dimension` floats. */
  static build(vectors: Float32Array, dimension: number, options: HnswOptions = {}): HnswIndex {
    const count = vectors.length / dimension;
    const index = new HnswIndex(count, dimension, options);
    const stored = new Float32Array(index.#arena.memory.buffer, index.#vectors, count * index.#stride);
    let maximum = 0;
    for (let node = 0; node < count; node++) {
      let norm = 0;
      for (let d = 0; d < dimension; d++) norm += vectors[node * dimension + d] ** 2;
      maximum = Math.max(maximum, norm);
    }
    for (let node = 0; node < count; node++) {
      let norm = 0;
      for (let d = 0; d < dimension; d++) {
        const value = vectors[node * dimension + d];
        stored[node * index.#stride + d] = value;
        norm += value * value;
      }
      stored[node * index.#stride + dimension] = !options.augment ? 0 : Math.sqrt(Math.max(0, maximum - norm));
    }
    const random = createRandom(options.seed ?? 0);
    const levelScale = 1 / Math.log(index.links);
    const efConstruction = options.efConstruction ?? 100;
    for (let node = 0; node < count; node++) {
      const level = Math.min(15, Math.floor(-Math.log(1 - random.next()) * levelScale));
      index.#insert(node, level, efConstruction);
    }
    return index;
  }

  /** The `k` items with (approximately) the largest inner product with `query`, best first. */
  search(query: Float32Array, k: number, options: { ef?: number; exclude?: ReadonlySet<number> } = {}): ScoredItems {
    if (this.#entry < 0 || k <= 0) return { items: new Int32Array(0), scores: new Float32Array(0) };
    this.#query.fill(0);
    this.#query.set(query.subarray(0, this.dimension));
    const queryOffset = this.#query.byteOffset;
    let current = this.#entry;
    let currentDistance = this.#distance(queryOffset, current);
    for (let level = this.#top; level > 0; level--) {
      [current, currentDistance] = this.#greedy(queryOffset, current, currentDistance, level);
    }
    const excluded = options.exclude?.size ?? 0;
    const ef = Math.max(options.ef ?? this.efSearch, k + excluded);
    this.#searchLayer(queryOffset, current, currentDistance, ef, 0);
    const found: Array<[number, number]> = [];
    const results = this.#results;
    while (results.size > 0) {
      if (!options.exclude?.has(results.topNode)) found.push([results.topNode, -results.topDistance]);
      results.pop();
    }
    found.reverse();
    found.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    const top = found.slice(0, k);
    return { items: Int32Array.from(top, ([node]) => node), scores: Float32Array.from(top, ([, score]) => score) };
  }

  /** Distance = −(augmented inner product): smaller is closer. */
  #distance(queryOffset: number, node: number): number {
    return -this.#arena.kernels.dot(queryOffset, this.#vectors + node * this.#stride * 4, this.#stride * 4);
  }

  #neighbours(node: number, level: number): Int32Array {
    if (level === 0) {
      const width = 2 * this.links + 1;
      return this.#layer0.subarray(node * width, (node + 1) * width);
    }
    let lists = this.#upper[level];
    if (!lists) lists = this.#upper[level] = new Map();
    let list = lists.get(node);
    if (!list) {
      list = new Int32Array(this.links + 1);
      lists.set(node, list);
    }
    return list;
  }

  #greedy(queryOffset: number, start: number, startDistance: number, level: number): [number, number] {
    let current = start;
    let best = startDistance;
    for (let changed = true; changed; ) {
      changed = false;
      const list = this.#neighbours(current, level);
      for (let slot = 1; slot <= list[0]; slot++) {
        const distance = this.#distance(queryOffset, list[slot]);
        if (distance < best) {
          best = distance;
          current = list[slot];
          changed = true;
        }
      }
    }
    return [current, best];
  }

  /** Best-first search of one layer; leaves the `ef` closest found in #results (max-heap by distance). */
  #searchLayer(queryOffset: number, entry: number, entryDistance: number, ef: number, level: number): void {
    const candidates = this.#candidates;
    const results = this.#results;
    candidates.clear();
    results.clear();
    if (++this.#visitMark === 0xffffffff) {
      this.#visited.fill(0);
      this.#visitMark = 1;
    }
    const mark = this.#visitMark;
    this.#visited[entry] = mark;
    candidates.push(entry, entryDistance);
    results.push(entry, entryDistance);
    while (candidates.size > 0) {
      const node = candidates.topNode;
      const distance = candidates.topDistance;
      if (distance > results.topDistance && results.size >= ef) break;
      candidates.pop();
      const list = this.#neighbours(node, level);
      for (let slot = 1; slot <= list[0]; slot++) {
        const other = list[slot];
        if (this.#visited[other] === mark) continue;
        this.#visited[other] = mark;
        const otherDistance = this.#distance(queryOffset, other);
        if (results.size < ef || otherDistance < results.topDistance) {
          candidates.push(other, otherDistance);
          results.push(other, otherDistance);
          if (results.size > ef) results.pop();
        }
      }
    }
  }

  #insert(node: number, level: number, efConstruction: number): void {
    this.#levels[node] = level;
    if (this.#entry < 0) {
      this.#entry = node;
      this.#top = level;
      return;
    }
    const queryOffset = this.#vectors + node * this.#stride * 4;
    let current = this.#entry;
    let currentDistance = this.#distance(queryOffset, current);
    for (let layer = this.#top; layer > level; layer--) {
      [current, currentDistance] = this.#greedy(queryOffset, current, currentDistance, layer);
    }
    for (let layer = Math.min(level, this.#top); layer >= 0; layer--) {
      this.#searchLayer(queryOffset, current, currentDistance, efConstruction, layer);
      const found: Array<[number, number]> = [];
      while (this.#results.size > 0) {
        found.push([this.#results.topNode, this.#results.topDistance]);
        this.#results.pop();
      }
      found.reverse();
      const maximum = layer === 0 ? 2 * this.links : this.links;
      const chosen = this.#select(found, this.links);
      const list = this.#neighbours(node, layer);
      list[0] = chosen.length;
      chosen.forEach(([other], slot) => {
        list[slot + 1] = other;
      });
      for (const [other] of chosen) this.#link(other, node, layer, maximum);
      [current, currentDistance] = found[0];
    }
    if (level > this.#top) {
      this.#top = level;
      this.#entry = node;
    }
  }

  /** The neighbour-selection heuristic (Algorithm 4): keep a candidate only if it is closer to the base than to
   * every neighbour kept so far, which spreads links across directions. `sorted` is nearest first. */
  #select(sorted: Array<[number, number]>, maximum: number): Array<[number, number]> {
    const kept: Array<[number, number]> = [];
    for (const [candidate, distance] of sorted) {
      if (kept.length >= maximum) break;
      const offset = this.#vectors + candidate * this.#stride * 4;
      let good = true;
      for (const [other] of kept) {
        if (this.#distance(offset, other) < distance) {
          good = false;
          break;
        }
      }
      if (good) kept.push([candidate, distance]);
    }
    return kept;
  }

  /** Adds `node` to `other`'s list at `layer`, re-selecting when the list overflows. */
  #link(other: number, node: number, layer: number, maximum: number): void {
    const list = this.#neighbours(other, layer);
    if (list[0] < maximum) {
      list[++list[0]] = node;
      return;
    }
    const offset = this.#vectors + other * this.#stride * 4;
    const pool: Array<[number, number]> = [[node, this.#distance(offset, node)]];
    for (let slot = 1; slot <= list[0]; slot++) pool.push([list[slot], this.#distance(offset, list[slot])]);
    // On overflow keep the closest (cheaper than re-running the heuristic, which dominated build time).
    pool.sort((a, b) => a[1] - b[1]);
    const kept = pool.slice(0, maximum);
    list[0] = kept.length;
    kept.forEach(([kept], slot) => {
      list[slot + 1] = kept;
    });
  }
}
