// The ground truth of the demo shop: the probability that user u examines, clicks, carts and buys item i shown at
// position p at time t. Clicks follow the position-based model, P(click) = P(examine | p) × P(click | examined)
// (Craswell et al. 2008; Chuklin et al. 2015), so a click never depends on the other items of a slate.

import { dayMs, dayOfYear, daysOutsideWindow, localHour } from './calendar.ts';
import { latentDimensions } from './catalog.ts';
import { demoCategories } from './categories.ts';
import type { DemoHistory } from './history.ts';
import type { ShopSearch } from './shop-search.ts';
import { planningDays } from './users.ts';
import { DemoWorld } from './world.ts';

/** 0 mobile, 1 desktop. */
export type DeviceCode = 0 | 1;

/** What the user is after on a day: categories still needed for planned trips. */
interface DayNeeds {
  /** Per category: 1 when an unmet need of an upcoming trip includes it. */
  boost: Uint8Array;
  /** The category the user would search for each unmet need (their favourite among the alternatives). */
  searches: number[];
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

export class DemoOracle {
  readonly world: DemoWorld;
  readonly history: DemoHistory;
  readonly search: ShopSearch;
  #needsKey = -1;
  #needs: DayNeeds = { boost: new Uint8Array(0), searches: [] };

  constructor(options: { world: DemoWorld; history: DemoHistory; search: ShopSearch }) {
    this.world = options.world;
    this.history = options.history;
    this.search = options.search;
  }

  /** P(examine | position), position 1-based. */
  examination(position: number, device: DeviceCode): number {
    const exponent = this.world.parameters.examinationExponent[device === 0 ? 'mobile' : 'desktop'];
    return Math.max(1, position) ** -exponent;
  }

  /** The user's unmet trip needs at the start of a day. */
  needs(user: number, day: number): DayNeeds {
    const key = user * 4096 + day;
    if (key === this.#needsKey) return this.#needs;
    const world = this.world;
    const boost = new Uint8Array(demoCategories.length);
    const searches: number[] = [];
    for (const trip of world.userTruth.trips[user]) {
      if (day < trip.startDay - planningDays || day >= trip.startDay) continue;
      for (const alternatives of DemoWorld.intentNeeds[trip.intent]) {
        if (alternatives.some((category) => this.history.ownsCategory(user, category, day))) continue;
        let favourite = alternatives[0];
        for (const category of alternatives) {
          boost[category] = 1;
          if (this.#affinity(user, category) > this.#affinity(user, favourite)) favourite = category;
        }
        if (!searches.includes(favourite)) searches.push(favourite);
      }
    }
    this.#needsKey = key;
    this.#needs = { boost, searches };
    return this.#needs;
  }

  #affinity(user: number, category: number): number {
    return this.world.userTruth.affinity[user * demoCategories.length + category];
  }

  /**
   * Logit of P(click | examined). −Infinity before the item exists. `searched` is the category index the user
   * searched for (−1 on the home feed).
   */
  clickLogit(user: number, item: number, time: number, searched = -1): number {
    const world = this.world;
    const day = world.stateDay(time);
    const relativeDays = (time - world.startTime) / dayMs;
    if (relativeDays < world.createdDay[item]) return Number.NEGATIVE_INFINITY;
    const weights = world.parameters.click;
    const users = world.userTruth;
    const category = world.categoryOf(item);
    let z = weights.intercept + weights.affinity * this.#affinity(user, category);
    z -= weights.price * users.priceSensitivity[user] * world.logPriceRatio[item];
    z += weights.quality * users.qualityPreference[user] * world.itemTruth.quality[item];
    if (users.favoriteBrands[user].includes(world.itemTruth.brand[item])) z += weights.brand * users.brandLoyalty[user];
    let dot = 0;
    for (let d = 0; d < latentDimensions; d++) {
      dot += users.latent[user * latentDimensions + d] * world.itemTruth.latent[item * latentDimensions + d];
    }
    z += weights.latent * dot;
    if (world.seasonStart[item] >= 0) {
      const outside = daysOutsideWindow(dayOfYear(time), world.seasonStart[item], world.seasonEnd[item]);
      z += outside === 0 ? weights.seasonIn : -weights.seasonOut * Math.min(1, outside / 30);
    }
    const age = relativeDays - world.createdDay[item];
    if (age < 90) z += weights.novelty * users.noveltySeeking[user] * Math.exp(-age / 30);
    z += weights.socialProof * Math.log1p(this.history.popularityAt(item, day) / 10);
    if (this.history.friendBought(user, item, day)) z += weights.friendPurchase;
    if (this.history.ownsItem(user, item, day)) z -= weights.ownedItem;
    else if (demoCategories[category].singlePerKit && this.history.ownsCategory(user, category, day))
      z -= weights.ownedCategory;
    z += weights.complement * this.history.complementBoost(user, category, day);
    const needs = this.needs(user, day);
    if (needs.boost[category]) z += weights.trip;
    if (searched === category) z += weights.search;
    const hour = localHour(time);
    if (hour >= 19) z += weights.evening;
    if (world.capacity[item] > 0)
      z -= weights.partySizeMismatch * Math.abs(world.capacity[item] - users.partySize[user]);
    z += weights.lightness * users.weightSensitivity[user] * world.lightness[item];
    if (!world.available[item]) z -= weights.unavailable;
    return z;
  }

  /** P(click | examined). */
  attractiveness(user: number, item: number, time: number, searched = -1): number {
    return sigmoid(this.clickLogit(user, item, time, searched));
  }

  /** P(click) at a 1-based position. */
  clickProbability(options: {
    user: number;
    item: number;
    position: number;
    time: number;
    device: DeviceCode;
    searched?: number;
  }): number {
    return (
      this.examination(options.position, options.device) *
      this.attractiveness(options.user, options.item, options.time, options.searched)
    );
  }

  /** P(cart | click); 0 for items out of stock or not yet created. */
  cartProbability(user: number, item: number, time: number, searched = -1): number {
    const world = this.world;
    if (!world.available[item] || (time - world.startTime) / dayMs < world.createdDay[item]) return 0;
    const weights = world.parameters.cart;
    const users = world.userTruth;
    const category = world.categoryOf(item);
    const day = world.stateDay(time);
    let z = weights.intercept + weights.affinity * this.#affinity(user, category);
    z -= weights.price * users.priceSensitivity[user] * world.logPriceRatio[item];
    z += weights.quality * users.qualityPreference[user] * world.itemTruth.quality[item];
    if (users.favoriteBrands[user].includes(world.itemTruth.brand[item])) z += weights.brand * users.brandLoyalty[user];
    if (this.needs(user, day).boost[category]) z += weights.trip;
    if (searched === category) z += weights.search;
    return sigmoid(z);
  }

  /** P(purchase | cart). */
  purchaseGivenCart(user: number, item: number, time: number): number {
    const world = this.world;
    const weights = world.parameters.purchase;
    const users = world.userTruth;
    const category = world.categoryOf(item);
    let z = weights.intercept - weights.price * users.priceSensitivity[user] * world.logPriceRatio[item];
    z += weights.quality * users.qualityPreference[user] * world.itemTruth.quality[item];
    if (this.needs(user, world.stateDay(time)).boost[category]) z += weights.trip;
    return sigmoid(z);
  }

  /** P(the session searches this category): an unmet trip need, or a browsing search drawn by affinity. */
  searchProbability(user: number, category: number, day: number): number {
    const sessions = this.world.parameters.sessions;
    const needed = this.needs(user, day).searches.includes(category) ? sessions.neededSearch : 0;
    const browse = sessions.browseSearch * this.world.browseShare[user * demoCategories.length + category];
    return 1 - (1 - needed) * (1 - browse);
  }

  /** P(the user buys the item through search in a session at this time), with no recommendation involved. */
  organicPurchaseProbability(user: number, item: number, time: number, device: DeviceCode): number {
    const day = this.world.stateDay(time);
    const category = this.world.categoryOf(item);
    const sorts = this.search.sortProbabilities(user);
    let click = 0;
    sorts.forEach((probability, sort) => {
      const position = this.search.positionOf(item, day, sort);
      if (position > 0)
        click += probability * this.clickProbability({ user, item, position, time, device, searched: category });
    });
    if (click === 0) return 0;
    return (
      this.searchProbability(user, category, day) *
      click *
      this.cartProbability(user, item, time, category) *
      this.purchaseGivenCart(user, item, time)
    );
  }
}
