// A stand-in registry until the models layer's registry lands on main: only a most-popular baseline, so that
// `lmrec eval` runs end to end. Replaced (not extended) by src/models' registry; nothing else imports it.

import type { Dataset } from '../core/dataset.ts';
import type {
  Model,
  ModelSnapshot,
  Recommender,
  RecommendOptions,
  ScoredItems,
  UserRef,
} from '../models/recommender.ts';
import { type RecommenderRegistry, registryOf } from './recommender-registry.ts';

class MostPopularModel implements Model {
  readonly name = 'popularity';
  readonly params = {};
  readonly userCount: number;
  readonly itemCount: number;
  readonly #scores: Float32Array;
  readonly #order: Int32Array;

  constructor(scores: Float32Array, userCount: number) {
    this.#scores = scores;
    this.userCount = userCount;
    this.itemCount = scores.length;
    this.#order = Int32Array.from(scores.keys()).sort((a, b) => scores[b] - scores[a] || a - b);
  }

  recommend(_user: UserRef, k: number, options: RecommendOptions = {}): ScoredItems {
    const exclude = options.exclude instanceof Int32Array ? new Set(options.exclude) : options.exclude;
    const allowed = options.candidates ? new Set(options.candidates) : null;
    const items: number[] = [];
    for (let r = 0; r < this.#order.length && items.length < k; r++) {
      const item = this.#order[r];
      if (exclude?.has(item) || (allowed && !allowed.has(item))) continue;
      items.push(item);
    }
    return { items: Int32Array.from(items), scores: Float32Array.from(items, (item) => this.#scores[item]) };
  }

  score(_user: UserRef, items: Int32Array): Float32Array {
    return Float32Array.from(items, (item) => this.#scores[item] ?? 0);
  }

  snapshot(): ModelSnapshot {
    return { name: this.name, params: {}, meta: { userCount: this.userCount }, arrays: { scores: this.#scores } };
  }
}

const popularity: Recommender = {
  name: 'popularity',
  defaults: {},
  async fit(dataset: Dataset): Promise<Model> {
    const { indptr } = dataset.byItem;
    const scores = Float32Array.from({ length: dataset.itemCount }, (_, i) => indptr[i + 1] - indptr[i]);
    return new MostPopularModel(scores, dataset.userCount);
  },
  load(snapshot: ModelSnapshot): Model {
    return new MostPopularModel(snapshot.arrays.scores as Float32Array, Number(snapshot.meta.userCount));
  },
};

export const interimRegistry: RecommenderRegistry = registryOf([popularity]);
