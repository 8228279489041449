// Users' feedback as timelines for training data: positives (clicks, purchases, likes …), exposures without a later
// positive on the same item (negatives, as in TALLRec's "not liked"), and explicit dislikes; each user's last
// `holdoutLast` positives are the test items, removed from everything the export writes.

import type { Feedback, FeedbackClass } from '../../core/types.ts';
import type { Store } from '../../store/store.ts';

export interface Timeline {
  userId: string;
  /** Positive events, oldest first, test items removed. */
  positives: Array<{ itemId: string; timestamp: number }>;
  /** Items shown (or disliked) with no later positive, with the time of the last exposure. */
  negatives: Array<{ itemId: string; timestamp: number }>;
  /** The held-out test items: never written to the export. */
  test: Set<string>;
}

export async function userTimelines(store: Store, options: { holdoutLast: number }): Promise<Timeline[]> {
  const classes = new Map<string, FeedbackClass>((await store.feedback.types()).map((type) => [type.name, type.class]));
  const byUser = new Map<string, Feedback[]>();
  for await (const batch of store.feedback.scan({ batchSize: 5000 }))
    for (const event of batch) {
      let events = byUser.get(event.userId);
      if (!events) byUser.set(event.userId, (events = []));
      events.push(event);
    }
  const timelines: Timeline[] = [];
  for (const userId of [...byUser.keys()].sort()) {
    const events = byUser.get(userId)!.sort((a, b) => a.timestamp - b.timestamp || a.itemId.localeCompare(b.itemId));
    const positives: Timeline['positives'] = [];
    const seen = new Set<string>();
    for (const event of events)
      if (classes.get(event.type) === 'positive' && !seen.has(event.itemId)) {
        seen.add(event.itemId);
        positives.push({ itemId: event.itemId, timestamp: event.timestamp });
      }
    const test = new Set(positives.splice(Math.max(0, positives.length - options.holdoutLast)).map((p) => p.itemId));
    const lastPositive = new Map<string, number>();
    for (const event of events)
      if (classes.get(event.type) === 'positive') lastPositive.set(event.itemId, event.timestamp);
    const negatives = new Map<string, number>();
    for (const event of events) {
      const kind = classes.get(event.type);
      if (kind !== 'exposure' && kind !== 'negative') continue;
      const later = lastPositive.get(event.itemId);
      if (later !== undefined && later >= event.timestamp) continue;
      if (test.has(event.itemId) || seen.has(event.itemId)) continue;
      negatives.set(event.itemId, event.timestamp);
    }
    timelines.push({
      userId,
      positives,
      negatives: [...negatives]
        .map(([itemId, timestamp]) => ({ itemId, timestamp }))
        .sort((a, b) => a.timestamp - b.timestamp),
      test,
    });
  }
  return timelines;
}
