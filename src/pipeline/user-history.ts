// A user's recent feedback as the pipeline reads it: positives (newest first, one per item), negatives, what counts
// as seen, and items hidden for the user. Built from the store per request, or from an anonymous session.

import type { Feedback, FeedbackClass, FeedbackType } from '../core/types.ts';

export interface HistoryEvent {
  itemId: string;
  type: string;
  class: FeedbackClass;
  value: number;
  timestamp: number;
}

export class UserHistory {
  /** Newest first. */
  readonly events: readonly HistoryEvent[];
  /** Items hidden for this user (through the API). */
  readonly hidden: ReadonlySet<string>;
  readonly #positives: HistoryEvent[];
  readonly #negatives: Set<string>;

  constructor(events: readonly HistoryEvent[], hidden: ReadonlySet<string> = new Set()) {
    this.events = events;
    this.hidden = hidden;
    // An item disliked after it was liked stays disliked; a later positive clears an older dislike.
    const latestClass = new Map<string, FeedbackClass>();
    for (const event of events) {
      if (event.class === 'exposure') continue;
      if (!latestClass.has(event.itemId)) latestClass.set(event.itemId, event.class);
    }
    this.#negatives = new Set([...latestClass].filter(([, kind]) => kind === 'negative').map(([id]) => id));
    const seen = new Set<string>();
    this.#positives = [];
    for (const event of events) {
      if (event.class !== 'positive' || seen.has(event.itemId) || this.#negatives.has(event.itemId)) continue;
      seen.add(event.itemId);
      this.#positives.push(event);
    }
  }

  static fromFeedback(events: readonly Feedback[], types: readonly FeedbackType[], hidden?: ReadonlySet<string>) {
    const classes = new Map(types.map((type) => [type.name, type.class]));
    return new UserHistory(
      events.map((event) => ({
        itemId: event.itemId,
        type: event.type,
        class: classes.get(event.type) ?? 'exposure',
        value: event.value,
        timestamp: event.timestamp,
      })),
      hidden,
    );
  }

  /** An anonymous session's items (oldest first in the request) as a history. */
  static fromSession(items: ReadonlyArray<{ itemId: string; type?: string }>, types: readonly FeedbackType[]) {
    const classes = new Map(types.map((type) => [type.name, type.class]));
    const now = Date.now();
    const events = items
      .map((item, index) => ({
        itemId: item.itemId,
        type: item.type ?? 'click',
        class: classes.get(item.type ?? 'click') ?? ('positive' as FeedbackClass),
        value: 1,
        timestamp: now - (items.length - index),
      }))
      .reverse();
    return new UserHistory(events);
  }

  static empty(): UserHistory {
    return new UserHistory([]);
  }

  get isEmpty(): boolean {
    return this.events.length === 0;
  }

  /** Positive events, newest first, one per item, without items disliked since. */
  positives(limit = Number.POSITIVE_INFINITY, types?: ReadonlySet<string>): HistoryEvent[] {
    if (!types) return this.#positives.slice(0, limit);
    // An item bought and then viewed again is still a purchase: look past its newest event.
    const out: HistoryEvent[] = [];
    const taken = new Set<string>();
    for (const event of this.events) {
      if (out.length >= limit) break;
      if (event.class !== 'positive' || !types.has(event.type) || taken.has(event.itemId)) continue;
      if (this.#negatives.has(event.itemId)) continue;
      taken.add(event.itemId);
      out.push(event);
    }
    return out;
  }

  get negatives(): ReadonlySet<string> {
    return this.#negatives;
  }

  /** Items with an event of one of `classes`. */
  itemsOfClasses(classes: readonly FeedbackClass[]): Set<string> {
    const wanted = new Set(classes);
    const out = new Set<string>();
    for (const event of this.events) if (wanted.has(event.class)) out.add(event.itemId);
    return out;
  }

  /** Time of the newest event (0 when none). */
  get lastTimestamp(): number {
    return this.events[0]?.timestamp ?? 0;
  }
}
