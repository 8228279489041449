// The demo simulator's public face: ground-truth probabilities by user and item id ("would user u click item i at
// position p at time t?"), seeded sampling of responses to any slate, the logging policy's slates and propensities,
// and the users' latent tastes, so that A/B tests, off-policy and causal estimates can be checked against the truth.

import { InvalidInputError, NotFoundError } from '../../core/errors.ts';
import type { Random } from '../../core/random.ts';
import { demoBrands } from './brands.ts';
import { demoCategories } from './categories.ts';
import type { DemoHistory } from './history.ts';
import { demoIntents } from './intents.ts';
import { LoggingPolicy, propensityAt } from './logging-policy.ts';
import { DemoOracle, type DeviceCode } from './oracle.ts';
import { personas } from './personas.ts';
import { type SearchSort, ShopSearch, searchSorts } from './shop-search.ts';
import type { DemoWorld } from './world.ts';

export type DemoDevice = 'mobile' | 'desktop';

/** One question to the oracle. */
export interface DemoQuery {
  userId: string;
  itemId: string;
  /** 1-based position in the list (default 1). */
  position?: number;
  /** Milliseconds since the epoch. After the simulated window the world stays as it was at its end. */
  time: number;
  /** Default: the user's usual device. */
  device?: DemoDevice;
  /** The category id the user searched for, when the list answers a search; leave out for recommendations. */
  searchedCategory?: string;
}

/** What a simulated user did with one shown item. */
export interface DemoResponse {
  itemId: string;
  position: number;
  clickProbability: number;
  clicked: boolean;
  carted: boolean;
  purchased: boolean;
}

/** The logging policy's candidates for a request, with the exact marginal propensity of any (item, position). */
export interface LoggingDistribution {
  /** Candidate ids, best first. */
  candidates: string[];
  /** P(item shown at 1-based position); 0 for items outside the candidates. */
  propensity(itemId: string, position: number): number;
}

/** A user's latent tastes, in readable form (for evaluation and debugging, never for training). */
export interface DemoUserTruth {
  userId: string;
  persona: string;
  priceSensitivity: number;
  qualityPreference: number;
  brandLoyalty: number;
  favoriteBrands: string[];
  noveltySeeking: number;
  /** Expected sessions per day outside trip planning. */
  activity: number;
  partySize: number;
  /** Category ids by affinity, highest first, with the affinity (logit units). */
  categoryAffinities: Array<{ category: string; affinity: number }>;
  trips: Array<{ intent: string; startTime: number }>;
}

export class DemoSimulator {
  readonly world: DemoWorld;
  readonly history: DemoHistory;
  readonly oracle: DemoOracle;
  readonly policy: LoggingPolicy;
  readonly search: ShopSearch;

  constructor(world: DemoWorld, history: DemoHistory) {
    this.world = world;
    this.history = history;
    this.search = new ShopSearch(world, history);
    this.oracle = new DemoOracle({ world, history, search: this.search });
    this.policy = new LoggingPolicy(world, history);
  }

  /** First millisecond of the simulated window. */
  get startTime(): number {
    return this.world.startTime;
  }

  /** End of the simulated window (exclusive). */
  get endTime(): number {
    return this.world.endTime;
  }

  userIds(): string[] {
    return this.world.users.map((user) => user.id);
  }

  itemIds(): string[] {
    return this.world.items.map((item) => item.id);
  }

  #user(id: string): number {
    const index = this.world.userIndex.get(id);
    if (index === undefined)
      throw new NotFoundError(`user ${JSON.stringify(id)} is not a demo user`, { context: { field: 'userId' } });
    return index;
  }

  #item(id: string): number {
    const index = this.world.itemIndex.get(id);
    if (index === undefined)
      throw new NotFoundError(`item ${JSON.stringify(id)} is not a demo item`, { context: { field: 'itemId' } });
    return index;
  }

  #category(id: string | undefined): number {
    if (id === undefined) return -1;
    const index = this.world.categoryIndex.get(id);
    if (index === undefined) {
      throw new InvalidInputError(`searchedCategory ${JSON.stringify(id)} is not a demo category id`, {
        context: { field: 'searchedCategory' },
      });
    }
    return index;
  }

  #device(user: number, device: DemoDevice | undefined): DeviceCode {
    if (device === undefined) return this.world.userTruth.device[user] as DeviceCode;
    if (device !== 'mobile' && device !== 'desktop') {
      throw new InvalidInputError(`device must be mobile or desktop (got ${JSON.stringify(device)})`, {
        context: { field: 'device' },
      });
    }
    return device === 'mobile' ? 0 : 1;
  }

  #position(position: number | undefined): number {
    const value = position ?? 1;
    if (!Number.isInteger(value) || value < 1) {
      throw new InvalidInputError(`position must be an integer ≥ 1 (got ${value})`, { context: { field: 'position' } });
    }
    return value;
  }

  /** P(the user looks at position p): the position bias. */
  examinationProbability(position: number, device: DemoDevice = 'mobile'): number {
    return this.oracle.examination(this.#position(position), device === 'mobile' ? 0 : 1);
  }

  /** P(click | examined): how appealing the item is to the user at that time, free of position bias. */
  attractiveness(query: DemoQuery): number {
    return this.oracle.attractiveness(
      this.#user(query.userId),
      this.#item(query.itemId),
      query.time,
      this.#category(query.searchedCategory),
    );
  }

  /** P(click) = P(examine | position) × P(click | examined). */
  clickProbability(query: DemoQuery): number {
    const user = this.#user(query.userId);
    return this.oracle.clickProbability({
      user,
      item: this.#item(query.itemId),
      position: this.#position(query.position),
      time: query.time,
      device: this.#device(user, query.device),
      searched: this.#category(query.searchedCategory),
    });
  }

  /** P(cart | click). */
  cartProbability(query: DemoQuery): number {
    return this.oracle.cartProbability(
      this.#user(query.userId),
      this.#item(query.itemId),
      query.time,
      this.#category(query.searchedCategory),
    );
  }

  /** P(purchase | click) = P(cart | click) × P(purchase | cart). */
  purchaseProbability(query: DemoQuery): number {
    const user = this.#user(query.userId);
    const item = this.#item(query.itemId);
    return (
      this.oracle.cartProbability(user, item, query.time, this.#category(query.searchedCategory)) *
      this.oracle.purchaseGivenCart(user, item, query.time)
    );
  }

  /** P(the user buys the item through the shop's search in a session at that time), with no recommendation. */
  organicPurchaseProbability(query: Omit<DemoQuery, 'position' | 'searchedCategory'>): number {
    const user = this.#user(query.userId);
    return this.oracle.organicPurchaseProbability(
      user,
      this.#item(query.itemId),
      query.time,
      this.#device(user, query.device),
    );
  }

  /**
   * The incremental purchase probability of recommending the item at the position in a session at that time:
   * P(buy in session | shown) − P(buy in session | not shown) = P(buy from the slot) × (1 − P(buy through search)).
   * Exact in the simulator, where a session's searches do not depend on its home-feed outcomes.
   */
  purchaseUplift(query: Omit<DemoQuery, 'searchedCategory'>): number {
    const fromSlot = this.clickProbability(query) * this.purchaseProbability(query);
    return fromSlot * (1 - this.organicPurchaseProbability(query));
  }

  /** Draws whether the user clicks, with the caller's seeded random source. */
  sampleClick(query: DemoQuery, random: Random): boolean {
    return random.next() < this.clickProbability(query);
  }

  /** Draws the user's clicks, carts and purchases on a slate (positions 1, 2, … in order of `itemIds`). */
  respond(options: {
    userId: string;
    itemIds: readonly string[];
    time: number;
    device?: DemoDevice;
    searchedCategory?: string;
    random: Random;
  }): DemoResponse[] {
    const user = this.#user(options.userId);
    const device = this.#device(user, options.device);
    const searched = this.#category(options.searchedCategory);
    return options.itemIds.map((itemId, index) => {
      const item = this.#item(itemId);
      const position = index + 1;
      const clickProbability = this.oracle.clickProbability({
        user,
        item,
        position,
        time: options.time,
        device,
        searched,
      });
      const clicked = options.random.next() < clickProbability;
      const carted = clicked && options.random.next() < this.oracle.cartProbability(user, item, options.time, searched);
      const purchased = carted && options.random.next() < this.oracle.purchaseGivenCart(user, item, options.time);
      return { itemId, position, clickProbability, clicked, carted, purchased };
    });
  }

  /** The logging policy's candidates for the user's home feed at a time, with exact propensities. */
  loggingDistribution(userId: string, time: number): LoggingDistribution {
    const distribution = this.policy.distribution(this.#user(userId), time);
    const rankOf = new Map(Array.from(distribution.pool, (item, rank) => [this.world.items[item].id, rank]));
    return {
      candidates: Array.from(distribution.pool, (item) => this.world.items[item].id),
      propensity: (itemId, position) => {
        const rank = rankOf.get(itemId);
        return rank === undefined || position < 1 || position > distribution.slateSize
          ? 0
          : propensityAt(distribution, rank, position);
      },
    };
  }

  /** A slate drawn from the logging policy, with the propensity of each shown item at its position. */
  sampleLoggingSlate(
    userId: string,
    time: number,
    random: Random,
  ): { itemIds: string[]; propensities: number[]; explore: boolean } {
    const slate = this.policy.sample(this.policy.distribution(this.#user(userId), time), random);
    return {
      itemIds: Array.from(slate.items, (item) => this.world.items[item].id),
      propensities: Array.from(slate.propensities),
      explore: slate.explore,
    };
  }

  /** The shop search's first page for a category at a time. */
  searchResults(categoryId: string, time: number, sort: SearchSort = 'relevance'): string[] {
    const category = this.#category(categoryId);
    const results = this.search.results(category, this.world.stateDay(time), searchSorts.indexOf(sort));
    return Array.from(results, (item) => this.world.items[item].id);
  }

  /** The user's latent tastes. */
  userTruth(userId: string): DemoUserTruth {
    const user = this.#user(userId);
    const truth = this.world.userTruth;
    const categories = demoCategories.length;
    return {
      userId,
      persona: personas[truth.persona[user]].id,
      priceSensitivity: truth.priceSensitivity[user],
      qualityPreference: truth.qualityPreference[user],
      brandLoyalty: truth.brandLoyalty[user],
      favoriteBrands: Array.from(truth.favoriteBrands[user], (brand) => demoBrands[brand].name.en),
      noveltySeeking: truth.noveltySeeking[user],
      activity: truth.activity[user],
      partySize: truth.partySize[user],
      categoryAffinities: demoCategories
        .map((category, c) => ({ category: category.id, affinity: truth.affinity[user * categories + c] }))
        .sort((a, b) => b.affinity - a.affinity),
      trips: truth.trips[user].map((trip) => ({
        intent: demoIntents[trip.intent].id,
        startTime: this.world.startTime + trip.startDay * 86_400_000,
      })),
    };
  }
}
