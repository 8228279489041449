// What the ranker's features know about users and items at a moment: time-decayed impressions, clicks and purchases,
// updated event by event in time order. Training replays the log through it (each impression sees only the past);
// serving builds a user's part from the request's history and keeps the item part as of training.

import type { Feedback } from '../../core/types.ts';
import type { RankingCatalog } from './ranking-catalog.ts';

/** How an event counts: shown, clicked (any positive signal short of a purchase) or bought; others are ignored. */
export type BehaviourKind = 'exposure' | 'click' | 'purchase';

const exposureTypes = new Set(['impression', 'view']);
// A cart follows a click the log already has; ratings and dislikes say nothing about a shown item's appeal.
const ignoredTypes = new Set(['cart', 'dislike', 'rating']);

/** The kind of a feedback type name. */
export function behaviourKind(type: string): BehaviourKind | null {
  if (exposureTypes.has(type)) return 'exposure';
  if (type === 'purchase') return 'purchase';
  if (ignoredTypes.has(type)) return null;
  return 'click';
}

/** A value decaying by half every `halfLife` milliseconds. */
export class Decayed {
  value = 0;
  time = 0;

  add(amount: number, time: number, halfLife: number): void {
    this.value = this.at(time, halfLife) + amount;
    this.time = Math.max(this.time, time);
  }

  at(time: number, halfLife: number): number {
    return time <= this.time ? this.value : this.value * 2 ** (-(time - this.time) / halfLife);
  }
}

const recentLimit = 20;

export class UserBehaviour {
  readonly categoryClicks = new Map<string, Decayed>();
  readonly categoryImpressions = new Map<string, Decayed>();
  /** Category → time of the latest purchase in it. */
  readonly categoryPurchases = new Map<string, number>();
  readonly itemImpressions = new Map<number, number>();
  readonly itemClicks = new Map<number, number>();
  readonly purchasedItems = new Set<number>();
  /** The latest clicked items, newest last. */
  readonly recentClicks: number[] = [];
}

export interface BehaviourOptions {
  /** Half-life of a user's category interest, in days (default 30). */
  userHalfLifeDays?: number;
  /** Half-life of item popularity, in days (default 14). */
  itemHalfLifeDays?: number;
}

export class BehaviourState {
  readonly catalog: RankingCatalog;
  readonly users = new Map<string, UserBehaviour>();
  readonly itemClicks: Decayed[];
  readonly itemImpressions: Decayed[];
  readonly userHalfLife: number;
  readonly itemHalfLife: number;

  constructor(catalog: RankingCatalog, options: BehaviourOptions = {}) {
    this.catalog = catalog;
    this.userHalfLife = (options.userHalfLifeDays ?? 30) * 86_400_000;
    this.itemHalfLife = (options.itemHalfLifeDays ?? 14) * 86_400_000;
    this.itemClicks = Array.from({ length: catalog.size }, () => new Decayed());
    this.itemImpressions = Array.from({ length: catalog.size }, () => new Decayed());
  }

  /** The user's state (created empty); null ids (anonymous sessions) get a fresh, unshared state. */
  user(userId: string | null): UserBehaviour {
    if (userId === null) return new UserBehaviour();
    let user = this.users.get(userId);
    if (!user) {
      user = new UserBehaviour();
      this.users.set(userId, user);
    }
    return user;
  }

  /** Applies one event to the item's and (unless `itemsOnly`) the user's state; unknown items are skipped. */
  observe(event: Pick<Feedback, 'userId' | 'itemId' | 'type' | 'timestamp'>, user?: UserBehaviour): void {
    const kind = behaviourKind(event.type);
    const item = this.catalog.index.get(event.itemId);
    if (kind === null || item === undefined) return;
    const time = event.timestamp;
    if (kind === 'exposure') this.itemImpressions[item].add(1, time, this.itemHalfLife);
    else if (kind === 'click') this.itemClicks[item].add(1, time, this.itemHalfLife);
    applyToUser(user ?? this.user(event.userId), { kind, item, time, state: this });
  }

  /** A user state built from a request's history (oldest first), without touching the shared state. */
  sessionUser(history: readonly Pick<Feedback, 'itemId' | 'type' | 'timestamp'>[]): UserBehaviour {
    const user = new UserBehaviour();
    for (const event of history) {
      const kind = behaviourKind(event.type);
      const item = this.catalog.index.get(event.itemId);
      if (kind !== null && item !== undefined) applyToUser(user, { kind, item, time: event.timestamp, state: this });
    }
    return user;
  }
}

function applyToUser(
  user: UserBehaviour,
  event: { kind: BehaviourKind; item: number; time: number; state: BehaviourState },
): void {
  const { kind, item, time, state } = event;
  const category = state.catalog.category[item];
  const decayed = (map: Map<string, Decayed>) => {
    let entry = map.get(category);
    if (!entry) {
      entry = new Decayed();
      map.set(category, entry);
    }
    entry.add(1, time, state.userHalfLife);
  };
  if (kind === 'exposure') {
    user.itemImpressions.set(item, (user.itemImpressions.get(item) ?? 0) + 1);
    decayed(user.categoryImpressions);
  } else if (kind === 'click') {
    user.itemClicks.set(item, (user.itemClicks.get(item) ?? 0) + 1);
    decayed(user.categoryClicks);
    user.recentClicks.push(item);
    if (user.recentClicks.length > recentLimit) user.recentClicks.shift();
  } else {
    user.purchasedItems.add(item);
    user.categoryPurchases.set(category, time);
  }
}
