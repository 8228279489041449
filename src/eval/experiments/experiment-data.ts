// Per-user outcomes of an experiment, per variant: what the statistics need. Filled from the store's feedback
// (collect-experiment-data.ts) or directly by an in-memory simulation, so both go through the same analysis.

import { InvalidInputError } from '../../core/errors.ts';

const dayMs = 86_400_000;

/** Columns over the users of one variant (index = unit). */
export interface VariantUnits {
  name: string;
  users: string[];
  impressions: Float64Array;
  clicks: Float64Array;
  purchases: Float64Array;
  revenue: Float64Array;
  /** Per-user mean over the user's lists; NaN when the user saw no list of two or more items. */
  diversity: Float64Array;
  /** Per-user mean over shown items; NaN without exposures. */
  novelty: Float64Array;
  /** Per-user mean over requests with a latency; NaN when none was logged. */
  latency: Float64Array;
  /** The same user's activity in the pre-period (CUPED covariates); 0 when absent. */
  preImpressions: Float64Array;
  preClicks: Float64Array;
  prePurchases: Float64Array;
  preRevenue: Float64Array;
  /** Day (0-based from the start) of the user's first exposure. */
  firstDay: Int32Array;
  /** Increments per (unit, day), for looks at the data day by day. */
  daily: {
    unit: Int32Array;
    day: Int32Array;
    impressions: Float64Array;
    clicks: Float64Array;
    purchases: Float64Array;
    revenue: Float64Array;
  };
  /** Lists (requests) shown. */
  slates: number;
  /** Times each item was shown. */
  itemsShown: Map<string, number>;
  /** Latency of every request that logged one (ms). */
  latencies: Float64Array;
}

export interface ExperimentData {
  start: number;
  end: number;
  /** Whole or partial days covered, at least 1. */
  days: number;
  /** Items in the catalog (coverage's denominator). */
  catalogSize: number;
  variants: Map<string, VariantUnits>;
  /** Events naming a variant that the experiment does not have. */
  unknownVariantEvents: number;
}

/** What the builder knows about items: category (diversity) and self-information (novelty). */
export interface ItemInfo {
  category(itemId: string): string | undefined;
  /** −log2 p(i); undefined for unknown items (counted as the rarest). */
  selfInformation(itemId: string): number | undefined;
  /** Self-information of an item never seen before. */
  maxSelfInformation: number;
}

interface UnitState {
  impressions: number;
  clicks: number;
  purchases: number;
  revenue: number;
  diversitySum: number;
  diversityCount: number;
  noveltySum: number;
  noveltyCount: number;
  latencySum: number;
  latencyCount: number;
  firstDay: number;
}

class VariantState {
  readonly units = new Map<string, number>();
  readonly states: UnitState[] = [];
  readonly daily = new Map<number, number[]>();
  readonly itemsShown = new Map<string, number>();
  readonly latencies: number[] = [];
  slates = 0;

  unit(userId: string, day: number): number {
    let index = this.units.get(userId);
    if (index === undefined) {
      index = this.states.length;
      this.units.set(userId, index);
      this.states.push({
        impressions: 0,
        clicks: 0,
        purchases: 0,
        revenue: 0,
        diversitySum: 0,
        diversityCount: 0,
        noveltySum: 0,
        noveltyCount: 0,
        latencySum: 0,
        latencyCount: 0,
        firstDay: day,
      });
    }
    const state = this.states[index];
    if (day < state.firstDay) state.firstDay = day;
    return index;
  }

  /** Adds to the (unit, day) increments: [impressions, clicks, purchases, revenue]. */
  addDaily(unit: number, day: number, slot: number, amount: number): void {
    const key = unit * 65_536 + day;
    let row = this.daily.get(key);
    if (!row) this.daily.set(key, (row = [0, 0, 0, 0]));
    row[slot] += amount;
  }
}

/** Share of item pairs of a list that fall in different categories (intra-list diversity by category). */
export function categoryDiversity(categories: ReadonlyArray<string | undefined>): number {
  const n = categories.length;
  if (n < 2) return Number.NaN;
  const counts = new Map<string | undefined, number>();
  for (const category of categories) counts.set(category, (counts.get(category) ?? 0) + 1);
  let samePairs = 0;
  for (const [category, count] of counts) if (category !== undefined) samePairs += (count * (count - 1)) / 2;
  return 1 - samePairs / ((n * (n - 1)) / 2);
}

export class ExperimentDataBuilder {
  readonly #start: number;
  readonly #end: number;
  readonly #catalogSize: number;
  readonly #items: ItemInfo;
  readonly #variants = new Map<string, VariantState>();
  readonly #pre = new Map<string, [number, number, number, number]>();
  #unknown = 0;

  constructor(options: {
    /** Experiment start and end (ms); events outside are ignored. */
    start: number;
    end: number;
    variants: readonly string[];
    catalogSize: number;
    items: ItemInfo;
  }) {
    if (!(options.end > options.start)) {
      throw new InvalidInputError(`the experiment window is empty (${options.start} … ${options.end})`);
    }
    this.#start = options.start;
    this.#end = options.end;
    this.#catalogSize = options.catalogSize;
    this.#items = options.items;
    for (const name of options.variants) this.#variants.set(name, new VariantState());
  }

  #state(variant: string, time: number): VariantState | null {
    if (time < this.#start || time >= this.#end) return null;
    const state = this.#variants.get(variant);
    if (!state) this.#unknown++;
    return state ?? null;
  }

  #day(time: number): number {
    return Math.floor((time - this.#start) / dayMs);
  }

  /** One list shown to a user in a variant. */
  recordSlate(slate: {
    variant: string;
    userId: string;
    time: number;
    itemIds: readonly string[];
    latencyMs?: number;
    /** Precomputed by a caller that knows the items by index (simulations): the list's diversity and Σ −log2 p(i). */
    diversity?: number;
    selfInformation?: number;
  }) {
    const state = this.#state(slate.variant, slate.time);
    if (!state) return;
    const day = this.#day(slate.time);
    const unit = state.unit(slate.userId, day);
    const target = state.states[unit];
    const items = this.#items;
    target.impressions += slate.itemIds.length;
    state.addDaily(unit, day, 0, slate.itemIds.length);
    state.slates++;
    for (const itemId of slate.itemIds) state.itemsShown.set(itemId, (state.itemsShown.get(itemId) ?? 0) + 1);
    if (slate.selfInformation !== undefined) target.noveltySum += slate.selfInformation;
    else {
      for (const itemId of slate.itemIds)
        target.noveltySum += items.selfInformation(itemId) ?? items.maxSelfInformation;
    }
    target.noveltyCount += slate.itemIds.length;
    const diversity = slate.diversity ?? categoryDiversity(slate.itemIds.map((itemId) => items.category(itemId)));
    if (!Number.isNaN(diversity)) {
      target.diversitySum += diversity;
      target.diversityCount++;
    }
    if (slate.latencyMs !== undefined && Number.isFinite(slate.latencyMs)) {
      target.latencySum += slate.latencyMs;
      target.latencyCount++;
      state.latencies.push(slate.latencyMs);
    }
  }

  recordClick(event: { variant: string; userId: string; time: number; count?: number }): void {
    const state = this.#state(event.variant, event.time);
    if (!state) return;
    const day = this.#day(event.time);
    const unit = state.unit(event.userId, day);
    const count = event.count ?? 1;
    state.states[unit].clicks += count;
    state.addDaily(unit, day, 1, count);
  }

  recordPurchase(event: { variant: string; userId: string; time: number; value: number }): void {
    const state = this.#state(event.variant, event.time);
    if (!state) return;
    const day = this.#day(event.time);
    const unit = state.unit(event.userId, day);
    state.states[unit].purchases += 1;
    state.states[unit].revenue += event.value;
    state.addDaily(unit, day, 2, 1);
    state.addDaily(unit, day, 3, event.value);
  }

  /** Adds to a user's pre-period activity (any variant; joined to the user's unit when the data is built). */
  recordPreperiod(
    userId: string,
    activity: { impressions?: number; clicks?: number; purchases?: number; revenue?: number },
  ) {
    let row = this.#pre.get(userId);
    if (!row) this.#pre.set(userId, (row = [0, 0, 0, 0]));
    row[0] += activity.impressions ?? 0;
    row[1] += activity.clicks ?? 0;
    row[2] += activity.purchases ?? 0;
    row[3] += activity.revenue ?? 0;
  }

  build(): ExperimentData {
    const variants = new Map<string, VariantUnits>();
    for (const [name, state] of this.#variants) variants.set(name, this.#columns(name, state));
    return {
      start: this.#start,
      end: this.#end,
      days: Math.max(1, Math.ceil((this.#end - this.#start) / dayMs)),
      catalogSize: this.#catalogSize,
      variants,
      unknownVariantEvents: this.#unknown,
    };
  }

  #columns(name: string, state: VariantState): VariantUnits {
    const n = state.states.length;
    const column = (read: (unit: UnitState, userId: string) => number) => {
      const values = new Float64Array(n);
      for (const [userId, index] of state.units) values[index] = read(state.states[index], userId);
      return values;
    };
    const users = new Array<string>(n);
    for (const [userId, index] of state.units) users[index] = userId;
    const pre = (slot: number) => column((_, userId) => this.#pre.get(userId)?.[slot] ?? 0);
    const mean = (sum: number, count: number) => (count > 0 ? sum / count : Number.NaN);
    const daily = [...state.daily];
    return {
      name,
      users,
      impressions: column((unit) => unit.impressions),
      clicks: column((unit) => unit.clicks),
      purchases: column((unit) => unit.purchases),
      revenue: column((unit) => unit.revenue),
      diversity: column((unit) => mean(unit.diversitySum, unit.diversityCount)),
      novelty: column((unit) => mean(unit.noveltySum, unit.noveltyCount)),
      latency: column((unit) => mean(unit.latencySum, unit.latencyCount)),
      preImpressions: pre(0),
      preClicks: pre(1),
      prePurchases: pre(2),
      preRevenue: pre(3),
      firstDay: Int32Array.from(state.states, (unit) => unit.firstDay),
      daily: {
        unit: Int32Array.from(daily, ([key]) => Math.floor(key / 65_536)),
        day: Int32Array.from(daily, ([key]) => key % 65_536),
        impressions: Float64Array.from(daily, ([, row]) => row[0]),
        clicks: Float64Array.from(daily, ([, row]) => row[1]),
        purchases: Float64Array.from(daily, ([, row]) => row[2]),
        revenue: Float64Array.from(daily, ([, row]) => row[3]),
      },
      slates: state.slates,
      itemsShown: state.itemsShown,
      latencies: Float64Array.from(state.latencies),
    };
  }
}
