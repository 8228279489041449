// The models one pipeline serves, trained together and stored as one versioned blob, so that every API process
// serves the same version. Maps external ids to the models' indices and turns a live history into a UserRef.

import type { IdMap } from '../core/id-map.ts';
import type { Model, Recommender, ScoredItems, UserRef } from '../models/recommender.ts';
import type { UserHistory } from './user-history.ts';

/** Recommenders by registry name (the models layer's `recommenders` map, or a test's own). */
export type ModelRegistry = ReadonlyMap<string, Recommender>;

/** The blob name under which bundles are versioned. */
export const bundleBlobName = 'pipeline-models';

export interface ModelBundleParts {
  /** The blob version (0 before it is stored). */
  version: number;
  trainedAt: number;
  /** Time of the newest training event (ms): users with newer events are folded in from their live history. */
  cutoff: number;
  users: IdMap;
  items: IdMap;
  /** Fitted models by key (the model name, or name:params when a pipeline trains one model twice). */
  models: ReadonlyMap<string, Model>;
  /** Per item: users with a positive event, and users with an exposure (Thompson sampling's Beta parameters). */
  itemPositives: Float32Array;
  itemExposures: Float32Array;
  /** Training weight per feedback type (for fold-in weights). */
  typeWeights: ReadonlyMap<string, number>;
  /** The most active training users, most active first: whose lists are precomputed. */
  activeUsers: readonly string[];
}

export class ModelBundle {
  readonly version: number;
  readonly trainedAt: number;
  readonly cutoff: number;
  readonly users: IdMap;
  readonly items: IdMap;
  readonly models: ReadonlyMap<string, Model>;
  readonly itemPositives: Float32Array;
  readonly itemExposures: Float32Array;
  readonly typeWeights: ReadonlyMap<string, number>;
  readonly activeUsers: readonly string[];
  readonly #memos = new Map<string, unknown>();

  constructor(parts: ModelBundleParts) {
    this.version = parts.version;
    this.trainedAt = parts.trainedAt;
    this.cutoff = parts.cutoff;
    this.users = parts.users;
    this.items = parts.items;
    this.models = parts.models;
    this.itemPositives = parts.itemPositives;
    this.itemExposures = parts.itemExposures;
    this.typeWeights = parts.typeWeights;
    this.activeUsers = parts.activeUsers;
  }

  withVersion(version: number): ModelBundle {
    return new ModelBundle({ ...this, version });
  }

  /**
   * How a model sees this user: the training index while the user has no event newer than the training data, else
   * (and for users unknown at training time, and anonymous sessions) a fold-in of the live positive history.
   * Null when there is nothing to go on.
   */
  userRef(userId: string | null, history: UserHistory): UserRef | null {
    const index = userId === null ? -1 : this.users.indexOf(userId);
    if (index >= 0 && history.lastTimestamp <= this.cutoff) return index;
    const positives = history.positives(500).filter((event) => this.items.has(event.itemId));
    if (positives.length === 0) return index >= 0 ? index : null;
    positives.reverse(); // oldest first, as sequential models expect
    return {
      history: Int32Array.from(positives, (event) => this.items.indexOf(event.itemId)),
      weights: Float32Array.from(positives, (event) =>
        Math.max(1e-3, (this.typeWeights.get(event.type) ?? 1) * event.value),
      ),
    };
  }

  /**
   * A value computed once per bundle: global lists and item neighbourhoods do not change until the next model, so
   * requests share them. Bounded: past 200,000 entries the memo starts over.
   */
  memo<T>(key: string, compute: () => T): T {
    let value = this.#memos.get(key) as T | undefined;
    if (value === undefined) {
      value = compute();
      if (this.#memos.size >= 200_000) this.#memos.clear();
      this.#memos.set(key, value);
    }
    return value;
  }

  /** The model's answer for a user with no history (popular, trending, latest): the same for everyone. */
  globalList(key: string, k: number): ScoredItems | null {
    const model = this.models.get(key);
    if (!model) return null;
    return this.memo(`global:${key}:${k}`, () => model.recommend({ history: new Int32Array(0) }, k));
  }

  /** A model's neighbours of one item (k of them), shared by every request until the next model. */
  neighbours(key: string, item: number, k: number): ScoredItems | null {
    const model = this.models.get(key);
    if (!model?.similarItems) return null;
    // One table per (model, k), indexed by item: no string key per lookup on the hot path.
    const table = this.memo(`similar:${key}:${k}`, () => new Array<ScoredItems | undefined>(this.items.size));
    let found = table[item];
    if (!found) {
      found = model.similarItems(item, k);
      table[item] = found;
    }
    return found;
  }

  /** Model indices of the ids the models know. */
  indices(ids: Iterable<string>): Int32Array {
    const out: number[] = [];
    for (const id of ids) {
      const index = this.items.indexOf(id);
      if (index >= 0) out.push(index);
    }
    return Int32Array.from(out);
  }
}

/** The key of a model in a bundle: its name, plus its parameters when it has any. */
export function modelKey(model: string, params: Readonly<Record<string, unknown>> = {}): string {
  const entries = Object.entries(params).sort(([a], [b]) => a.localeCompare(b));
  return entries.length ? `${model}:${entries.map(([key, value]) => `${key}=${value}`).join(',')}` : model;
}
