// The recommender spec: one shape for every algorithm. `fit(dataset, params, options)` returns a Model that can
// recommend, score, find similar items and save itself. Imports nothing but core types.

import type { Dataset } from '../core/dataset.ts';
import type { Progress } from '../core/progress.ts';

/** A user as a model sees it: a training user's index, or an anonymous history of item indices (fold-in). */
export type UserRef = number | { history: Int32Array; weights?: Float32Array };

export interface RecommendOptions {
  /** Item indices never returned (for example the user's training items). */
  exclude?: Int32Array | ReadonlySet<number>;
  /** When set, only these item indices are ranked. */
  candidates?: Int32Array;
}

/** Items ranked best first; equal scores are ordered by ascending item index, so results are deterministic. */
export interface ScoredItems {
  items: Int32Array;
  scores: Float32Array;
}

/** Side information some models read: item text embeddings, item categories. */
export interface SideInformation {
  /** Row-major item × dimension matrix aligned with the dataset's item indices (rows of zeros for missing text). */
  itemEmbeddings?: { dimension: number; vectors: Float32Array };
  /** Category index per item (-1 when none), for per-category popularity. */
  itemCategory?: Int32Array;
  categoryNames?: readonly string[];
  /** Item creation time in seconds (0 when unknown), for freshness. */
  itemCreatedAt?: Float64Array;
  /** Who follows or trusts whom: row u lists the users u trusts (dataset user indices) with weights in (0, 1]. */
  social?: { indptr: Int32Array; indices: Int32Array; values: Float32Array };
}

export interface FitOptions {
  seed?: number;
  progress?: Progress;
  /** Held-out interactions over the same id maps, for early stopping and tuning. */
  validation?: Dataset;
  /** Stop when the validation metric has not improved for this many epochs (default 3). */
  patience?: number;
  /** Worker threads for parallel training (default: the number of cores). */
  workers?: number;
  side?: SideInformation;
  signal?: AbortSignal;
}

export interface Model {
  /** The algorithm's registry name, e.g. `ials`. */
  readonly name: string;
  /** Hyperparameters actually used, defaults filled in. */
  readonly params: Readonly<Record<string, unknown>>;
  readonly userCount: number;
  readonly itemCount: number;
  recommend(user: UserRef, k: number, options?: RecommendOptions): ScoredItems;
  /** Scores of the given items for the user (higher is better). */
  score(user: UserRef, items: Int32Array): Float32Array;
  /** Items most similar to `item`, for models that have an item space; otherwise undefined. */
  similarItems?(item: number, k: number): ScoredItems;
  /** The state to save; `load` of the same algorithm restores it. */
  snapshot(): ModelSnapshot;
}

/** Serialisable state: JSON metadata plus named typed arrays. */
export interface ModelSnapshot {
  name: string;
  params: Record<string, unknown>;
  meta: Record<string, unknown>;
  arrays: Record<string, Float32Array | Float64Array | Int32Array | Uint32Array | Uint8Array>;
}

/** A training report line per epoch. */
export interface EpochReport {
  epoch: number;
  loss?: number;
  validation?: number;
  seconds: number;
}

/** A hyperparameter value: numbers, flags and names (names may be restricted by `choices`). */
export type ParamValue = number | boolean | string;

export interface Recommender<Params extends Record<string, unknown> = Record<string, unknown>> {
  readonly name: string;
  /** Defaults of every hyperparameter; unknown keys given to `fit` are rejected. */
  readonly defaults: Readonly<Params>;
  /** The allowed values of string hyperparameters, e.g. `{ similarity: ['cosine', 'jaccard'] }`. */
  readonly choices?: Readonly<Record<string, readonly string[]>>;
  fit(dataset: Dataset, params?: Partial<Params>, options?: FitOptions): Promise<Model>;
  load(snapshot: ModelSnapshot): Model;
}
