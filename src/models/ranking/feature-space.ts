// Features of one (user, item, context) example for the CTR/CVR models: a fixed list of fields, each one hashed
// categorical value (the hashing trick, Weinberger et al. 2009) or one numeric value on its own bucket. Fields cover
// the user, the item (attributes, relative price, freshness), the context (hour, weekday, device, position, source),
// crosses, behaviour counts from the past, embedding similarity and recall-source scores.
// Position is a feature so that position bias is learned from the logs; serving scores every item at one position.

import { hashString } from '../../core/random.ts';
import type { User } from '../../core/types.ts';
import type { BehaviourState, UserBehaviour } from './behaviour-state.ts';
import type { RankingCatalog } from './ranking-catalog.ts';

export interface FeatureOptions {
  /** Hash buckets shared by all fields (default 2^18). */
  buckets?: number;
  /** Recall sources whose scores become numeric features. */
  sources?: readonly string[];
  /** Minutes east of UTC of the shop's clock, for the hour and weekday fields (default 0). */
  utcOffsetMinutes?: number;
  /** Known users' attributes (`age_group`, `language`, `interests`), by id. */
  users?: readonly User[];
}

/** Where and when the item is (or would be) shown. */
export interface ExampleContext {
  /** Milliseconds since the epoch. */
  time: number;
  device?: string;
  /** 1-based slot. */
  position: number;
  /** `home` (recommendations) or `search`, … (default `home`). */
  source?: string;
}

export interface ExampleInput {
  userId: string | null;
  user: UserBehaviour;
  item: number;
  context: ExampleContext;
  /** Recall-source scores by name. */
  sources?: Readonly<Record<string, number>>;
}

/** Encoded examples: `fieldCount` (bucket, value) pairs per example. */
export interface EncodedRows {
  indices: Int32Array;
  values: Float32Array;
  /** Example number to write. */
  row: number;
}

const categoricalFields = [
  'user',
  'item',
  'category',
  'department',
  'relativePrice',
  'age',
  'hour',
  'weekday',
  'device',
  'position',
  'source',
  'userSegment',
  'userLanguage',
  'interestMatch',
  'user×category',
  'user×department',
  'category×month',
  'category×hour',
  'category×device',
] as const;

const numericFields = [
  'itemClicks',
  'itemCtr',
  'userCategoryClicks',
  'userCategoryImpressions',
  'userCategoryPurchased',
  'userItemImpressions',
  'userItemClicks',
  'userItemPurchased',
  'userActivity',
  'embeddingSimilarity',
] as const;

export class FeatureSpace {
  readonly state: BehaviourState;
  readonly buckets: number;
  readonly fieldNames: readonly string[];
  readonly fieldCount: number;
  readonly sources: readonly string[];
  readonly #catalog: RankingCatalog;
  readonly #offset: number;
  readonly #users: ReadonlyMap<string, User>;
  readonly #numericStart: number;
  readonly #numericBuckets: Int32Array;
  readonly #scratch: Float32Array;

  constructor(state: BehaviourState, options: FeatureOptions = {}) {
    this.state = state;
    this.#catalog = state.catalog;
    this.buckets = options.buckets ?? 1 << 18;
    this.sources = options.sources ?? [];
    this.#offset = (options.utcOffsetMinutes ?? 0) * 60_000;
    this.#users = new Map((options.users ?? []).map((user) => [user.id, user]));
    const catalog = this.#catalog;
    const attributeFields = catalog.categoricalAttributes.map((name) => `attribute:${name}`);
    const numericAttributeFields = catalog.numericAttributes.map((name) => `attribute:${name}`);
    const sourceFields = this.sources.map((name) => `source:${name}`);
    this.#numericStart = categoricalFields.length + attributeFields.length;
    const numeric = [...numericFields, ...numericAttributeFields, ...sourceFields];
    this.fieldNames = [...categoricalFields, ...attributeFields, ...numeric];
    this.fieldCount = this.fieldNames.length;
    this.#numericBuckets = Int32Array.from(numeric, (name) => this.#bucket(`#${name}`));
    this.#scratch = new Float32Array(catalog.embeddings?.dimension ?? 0);
  }

  #bucket(text: string): number {
    return hashString(text) % this.buckets;
  }

  /** Writes the example's fields into row `out.row` of `out.indices` / `out.values`. */
  encode(input: ExampleInput, out: EncodedRows): void {
    const catalog = this.#catalog;
    const { item, user, context } = input;
    const base = out.row * this.fieldCount;
    const categories: string[] = [];
    const local = new Date(context.time + this.#offset);
    const hour = local.getUTCHours();
    const category = catalog.category[item];
    const department = catalog.department[item];
    const userId = input.userId ?? '(anonymous)';
    const attributes = (input.userId !== null ? this.#users.get(input.userId)?.attributes : undefined) ?? {};
    const interests = Array.isArray(attributes.interests) ? (attributes.interests as unknown[]).map(String) : [];
    const ageDays = catalog.createdAt[item] > 0 ? (context.time - catalog.createdAt[item]) / 86_400_000 : -1;
    categories.push(
      userId,
      catalog.items[item].id,
      category,
      department,
      String(Math.round(catalog.relativePrice[item] * 4)),
      ageDays < 0 ? 'unknown' : ageDays < 7 ? 'week' : ageDays < 30 ? 'month' : ageDays < 90 ? 'quarter' : 'old',
      String(hour),
      String(local.getUTCDay()),
      context.device ?? 'unknown',
      String(Math.min(context.position, 20)),
      context.source ?? 'home',
      String(attributes.age_group ?? ''),
      String(attributes.language ?? ''),
      String(interests.some((interest) => department.toLowerCase().includes(interest.toLowerCase()))),
      `${userId}|${category}`,
      `${userId}|${department}`,
      `${category}|${local.getUTCMonth()}`,
      `${category}|${hour}`,
      `${category}|${context.device ?? 'unknown'}`,
    );
    for (const name of catalog.categoricalAttributes)
      categories.push(String(catalog.items[item].attributes[name] ?? ''));
    for (let field = 0; field < categories.length; field++) {
      out.indices[base + field] = this.#bucket(`${this.fieldNames[field]}=${categories[field]}`);
      out.values[base + field] = 1;
    }
    const time = context.time;
    const state = this.state;
    const clicks = state.itemClicks[item].at(time, state.itemHalfLife);
    const impressions = state.itemImpressions[item].at(time, state.itemHalfLife);
    const categoryClicks = user.categoryClicks.get(category)?.at(time, state.userHalfLife) ?? 0;
    const categoryImpressions = user.categoryImpressions.get(category)?.at(time, state.userHalfLife) ?? 0;
    let activity = 0;
    for (const entry of user.categoryClicks.values()) activity += entry.at(time, state.userHalfLife);
    const numeric = [
      Math.log1p(clicks),
      (10 * (clicks + 0.5)) / (impressions + 10),
      Math.log1p(categoryClicks),
      Math.log1p(categoryImpressions),
      user.categoryPurchases.has(category) ? 1 : 0,
      Math.log1p(user.itemImpressions.get(item) ?? 0),
      Math.log1p(user.itemClicks.get(item) ?? 0),
      user.purchasedItems.has(item) ? 1 : 0,
      Math.log1p(activity),
      this.#embeddingSimilarity(user, item),
    ];
    const attributeCount = catalog.numericAttributes.length;
    for (let column = 0; column < attributeCount; column++)
      numeric.push(catalog.numeric[item * attributeCount + column]);
    for (const name of this.sources) numeric.push(input.sources?.[name] ?? 0);
    for (let k = 0; k < numeric.length; k++) {
      out.indices[base + this.#numericStart + k] = this.#numericBuckets[k];
      out.values[base + this.#numericStart + k] = Number.isFinite(numeric[k]) ? numeric[k] : 0;
    }
  }

  /** Cosine between the item's embedding and the mean embedding of the user's recent clicks (0 without either). */
  #embeddingSimilarity(user: UserBehaviour, item: number): number {
    const embeddings = this.#catalog.embeddings;
    if (!embeddings || user.recentClicks.length === 0) return 0;
    const { dimension, vectors } = embeddings;
    const mean = this.#scratch;
    mean.fill(0);
    for (const clicked of user.recentClicks) {
      for (let k = 0; k < dimension; k++) mean[k] += vectors[clicked * dimension + k];
    }
    let dot = 0;
    let meanNorm = 0;
    let itemNorm = 0;
    for (let k = 0; k < dimension; k++) {
      const value = vectors[item * dimension + k];
      dot += mean[k] * value;
      meanNorm += mean[k] * mean[k];
      itemNorm += value * value;
    }
    return meanNorm > 0 && itemNorm > 0 ? dot / Math.sqrt(meanNorm * itemNorm) : 0;
  }
}
