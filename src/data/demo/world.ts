// The demo world: catalog, users and social graph generated from a seed, plus the per-item and per-user arrays the
// oracle and the simulation read in their inner loops (category, log price ratio, lightness, season window, …).

import { createRandom, hashString } from '../../core/random.ts';
import type { Item, SocialEdge, User } from '../../core/types.ts';
import { dayMs } from './calendar.ts';
import { type DemoCatalog, generateCatalog, type ItemTruth, itemSeasonWindow } from './catalog.ts';
import { demoCategories } from './categories.ts';
import { demoComplements } from './complements.ts';
import { demoIntents } from './intents.ts';
import type { DemoParameters } from './parameters.ts';
import { generateSocialGraph } from './social-graph.ts';
import { type DemoUsers, generateUsers, type UserTruth } from './users.ts';

export interface DemoWorldOptions {
  seed: number;
  scale: number;
  /** End of the window (ms): local midnight after its last day. */
  endTime: number;
  parameters: DemoParameters;
}

const departmentIds = [...new Set(demoCategories.map((category) => category.department))];

export class DemoWorld {
  readonly seed: number;
  readonly scale: number;
  readonly parameters: DemoParameters;
  readonly startTime: number;
  readonly endTime: number;
  readonly days: number;
  readonly items: Item[];
  readonly users: User[];
  readonly edges: SocialEdge[];
  readonly itemTruth: ItemTruth;
  readonly userTruth: UserTruth;
  readonly itemIndex: Map<string, number>;
  readonly userIndex: Map<string, number>;
  readonly categoryIndex: Map<string, number>;
  /** Per item: log(price / median price of its category). */
  readonly logPriceRatio: Float64Array;
  /** Per item: how much lighter than its category's median it is, in standard deviations of log weight. */
  readonly lightness: Float64Array;
  /** Per item: creation time relative to the window start, in days (negative: before the window). */
  readonly createdDay: Float64Array;
  /** Per item: season window as days of the year, −1 when it sells all year. */
  readonly seasonStart: Int16Array;
  readonly seasonEnd: Int16Array;
  readonly available: Uint8Array;
  /** Per item: persons it shelters (tents, tarps), 0 otherwise. */
  readonly capacity: Int32Array;
  /** Per item: (rating − mean) / sd. */
  readonly ratingScore: Float64Array;
  readonly department: Int32Array;
  /** Per item: decayed clicks before the window (popularity it starts with). */
  readonly priorPopularity: Float64Array;
  readonly itemsByCategory: Int32Array[];
  /** categories × categories complement strength (symmetric). */
  readonly complementStrength: Float64Array;
  /** Per user: bit mask of the departments they declared as interests. */
  readonly interestMask: Int32Array;
  /** Per user: the users who follow them (their purchases show up as friends' purchases). */
  readonly followers: Int32Array[];
  /** Per user: softmax of category affinities, the chance a browsing search picks each category. */
  readonly browseShare: Float64Array;

  constructor(options: DemoWorldOptions) {
    const { seed, scale, parameters } = options;
    this.seed = seed;
    this.scale = scale;
    this.parameters = parameters;
    this.days = parameters.days;
    this.endTime = options.endTime;
    this.startTime = options.endTime - this.days * dayMs;
    const catalog: DemoCatalog = generateCatalog({ seed, scale, endTime: this.endTime, days: this.days });
    const people: DemoUsers = generateUsers({ seed, scale, startTime: this.startTime, days: this.days });
    this.items = catalog.items;
    this.itemTruth = catalog.truth;
    this.users = people.users;
    this.userTruth = people.truth;
    this.edges = generateSocialGraph({ seed, users: this.users, truth: this.userTruth });
    this.itemIndex = new Map(this.items.map((item, index) => [item.id, index]));
    this.userIndex = new Map(this.users.map((user, index) => [user.id, index]));
    this.categoryIndex = new Map(demoCategories.map((category, index) => [category.id, index]));

    const n = this.items.length;
    const categories = demoCategories.length;
    this.logPriceRatio = new Float64Array(n);
    this.lightness = new Float64Array(n);
    this.createdDay = new Float64Array(n);
    this.seasonStart = new Int16Array(n).fill(-1);
    this.seasonEnd = new Int16Array(n).fill(-1);
    this.available = new Uint8Array(n);
    this.capacity = new Int32Array(n);
    this.ratingScore = new Float64Array(n);
    this.department = new Int32Array(n);
    this.priorPopularity = new Float64Array(n);
    this.itemsByCategory = Array.from({ length: categories }, () => new Int32Array(0));
    const members: number[][] = Array.from({ length: categories }, () => []);
    for (let index = 0; index < this.items.length; index++) members[this.itemTruth.category[index]].push(index);
    const random = createRandom(hashString('popularity', seed >>> 0));
    let ratingSum = 0;
    let ratingSquares = 0;
    for (const item of this.items) {
      const rating = item.attributes.rating as number;
      ratingSum += rating;
      ratingSquares += rating * rating;
    }
    const ratingMean = ratingSum / n;
    const ratingSd = Math.sqrt(Math.max(1e-9, ratingSquares / n - ratingMean * ratingMean));
    members.forEach((list, c) => {
      this.itemsByCategory[c] = Int32Array.from(list);
      const prices = list.map((i) => this.items[i].price ?? 1).sort((a, b) => a - b);
      const median = prices[Math.floor(prices.length / 2)];
      const logWeights = list.map((i) => Math.log(this.items[i].attributes.weight_g as number));
      const mean = logWeights.reduce((a, b) => a + b, 0) / list.length;
      const sd = Math.sqrt(logWeights.reduce((a, b) => a + (b - mean) ** 2, 0) / list.length) || 1;
      list.forEach((i, k) => {
        const item = this.items[i];
        this.logPriceRatio[i] = Math.log((item.price ?? median) / median);
        this.lightness[i] = (mean - logWeights[k]) / sd;
      });
    });
    this.items.forEach((item, i) => {
      this.createdDay[i] = ((item.createdAt ?? this.startTime) - this.startTime) / dayMs;
      const window = itemSeasonWindow(item);
      if (window) {
        this.seasonStart[i] = window.start;
        this.seasonEnd[i] = window.end;
      }
      this.available[i] = item.available ? 1 : 0;
      const capacity = item.attributes.capacity;
      this.capacity[i] = typeof capacity === 'number' ? capacity : 0;
      this.ratingScore[i] = ((item.attributes.rating as number) - ratingMean) / ratingSd;
      this.department[i] = departmentIds.indexOf(demoCategories[this.itemTruth.category[i]].department);
      // Sales before the window: better and older items start ahead (the seed of rich-get-richer).
      const age = Math.max(0, -this.createdDay[i]);
      this.priorPopularity[i] =
        age > 0 ? 4 * Math.exp(0.8 * this.itemTruth.quality[i] + 0.7 * random.normal()) * Math.min(1, age / 180) : 0;
    });

    this.complementStrength = new Float64Array(categories * categories);
    for (const relation of demoComplements) {
      const a = this.categoryIndex.get(relation.from)!;
      const b = this.categoryIndex.get(relation.to)!;
      this.complementStrength[a * categories + b] = relation.strength;
      this.complementStrength[b * categories + a] = relation.strength;
    }

    const users = this.users.length;
    this.interestMask = new Int32Array(users);
    this.users.forEach((user, u) => {
      for (const department of (user.attributes.interests as string[]) ?? []) {
        const bit = departmentIds.indexOf(department as (typeof departmentIds)[number]);
        if (bit >= 0) this.interestMask[u] |= 1 << bit;
      }
    });
    const followers: number[][] = Array.from({ length: users }, () => []);
    for (const edge of this.edges) followers[this.userIndex.get(edge.to)!].push(this.userIndex.get(edge.from)!);
    this.followers = followers.map((list) => Int32Array.from(list));
    this.browseShare = new Float64Array(users * categories);
    for (let u = 0; u < users; u++) {
      let total = 0;
      for (let c = 0; c < categories; c++) {
        const weight = Math.exp(this.userTruth.affinity[u * categories + c]);
        this.browseShare[u * categories + c] = weight;
        total += weight;
      }
      for (let c = 0; c < categories; c++) this.browseShare[u * categories + c] /= total;
    }
  }

  /** Index of the item's category in `demoCategories`. */
  categoryOf(item: number): number {
    return this.itemTruth.category[item];
  }

  /** The day index of a time, clamped to [0, days]: the history the oracle uses is the one before that day. */
  stateDay(time: number): number {
    return Math.min(this.days, Math.max(0, Math.floor((time - this.startTime) / dayMs)));
  }

  /** Intent needs as category index sets, per intent. */
  static readonly intentNeeds: readonly (readonly Int32Array[])[] = demoIntents.map((intent) =>
    intent.needs.map((need) =>
      Int32Array.from(need.categories.map((id) => demoCategories.findIndex((c) => c.id === id))),
    ),
  );

  /** A stable fingerprint of what was generated, to detect a store built by another generator version. */
  fingerprint(): string {
    let hash = hashString(`${this.seed}:${this.scale}:${this.endTime}`);
    for (const item of this.items) hash = hashString(`${item.id}|${item.price}|${item.title}`, hash);
    for (const user of this.users) hash = hashString(`${user.id}|${user.attributes.city}`, hash);
    return hash.toString(16).padStart(8, '0');
  }
}
