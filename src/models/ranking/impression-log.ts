// Training examples for the CTR and CVR models from a feedback log: every logged impression (with `position` in its
// context) becomes one example, labelled clicked when a click with the same request id and item follows, and
// purchased likewise. Shown but not clicked is a negative. The log is replayed in time order through the behaviour
// state, so each example's features see only what happened before it.

import type { Feedback } from '../../core/types.ts';
import { behaviourKind } from './behaviour-state.ts';
import type { FeatureSpace } from './feature-space.ts';

/** Encoded impressions with their labels, in time order. */
export interface ImpressionExamples {
  fieldCount: number;
  count: number;
  /** count × fieldCount hashed buckets and values. */
  indices: Int32Array;
  values: Float32Array;
  clicked: Uint8Array;
  purchased: Uint8Array;
  /** Per example: the user's number (first-seen order), the item index, time, position and logged propensity. */
  user: Int32Array;
  item: Int32Array;
  time: Float64Array;
  position: Int32Array;
  /** From the event context (NaN when absent). */
  propensity: Float64Array;
  /** True where the context's `source` is `home` (recommendations) rather than search. */
  home: Uint8Array;
  userIds: string[];
}

export interface ImpressionLogOptions {
  /** Every event, oldest first (impressions, clicks, carts, purchases, …). */
  events: readonly Feedback[];
  space: FeatureSpace;
  /** Which impressions become examples (the state still sees every event); default all. */
  keep?: (event: Feedback) => boolean;
}

const key = (event: Feedback) => `${event.context?.requestId}|${event.itemId}`;

/** True for an impression whose context says where it was shown. */
export function isLoggedImpression(event: Feedback): boolean {
  return behaviourKind(event.type) === 'exposure' && typeof event.context?.position === 'number';
}

export function impressionExamples(options: ImpressionLogOptions): ImpressionExamples {
  const { events, space } = options;
  const keep = options.keep ?? (() => true);
  const clicked = new Set<string>();
  const purchased = new Set<string>();
  let count = 0;
  for (const event of events) {
    if (event.context?.requestId === undefined) continue;
    const kind = behaviourKind(event.type);
    if (kind === 'click') clicked.add(key(event));
    else if (kind === 'purchase') purchased.add(key(event));
    else if (kind === 'exposure' && isLoggedImpression(event) && keep(event)) count++;
  }
  const fields = space.fieldCount;
  const examples: ImpressionExamples = {
    fieldCount: fields,
    count,
    indices: new Int32Array(count * fields),
    values: new Float32Array(count * fields),
    clicked: new Uint8Array(count),
    purchased: new Uint8Array(count),
    user: new Int32Array(count),
    item: new Int32Array(count),
    time: new Float64Array(count),
    position: new Int32Array(count),
    propensity: new Float64Array(count),
    home: new Uint8Array(count),
    userIds: [],
  };
  const userNumbers = new Map<string, number>();
  const state = space.state;
  let row = 0;
  for (const event of events) {
    const item = state.catalog.index.get(event.itemId);
    if (item !== undefined && isLoggedImpression(event) && keep(event)) {
      const context = event.context ?? {};
      const position = context.position as number;
      space.encode(
        {
          userId: event.userId,
          user: state.user(event.userId),
          item,
          context: {
            time: event.timestamp,
            position,
            device: typeof context.device === 'string' ? context.device : undefined,
            source: typeof context.source === 'string' ? context.source : undefined,
          },
        },
        { indices: examples.indices, values: examples.values, row },
      );
      let number = userNumbers.get(event.userId);
      if (number === undefined) {
        number = examples.userIds.length;
        userNumbers.set(event.userId, number);
        examples.userIds.push(event.userId);
      }
      examples.user[row] = number;
      examples.item[row] = item;
      examples.time[row] = event.timestamp;
      examples.position[row] = position;
      examples.propensity[row] = typeof context.propensity === 'number' ? context.propensity : Number.NaN;
      examples.home[row] = context.source === 'search' ? 0 : 1;
      examples.clicked[row] = clicked.has(key(event)) ? 1 : 0;
      examples.purchased[row] = purchased.has(key(event)) ? 1 : 0;
      row++;
    }
    state.observe(event);
  }
  return examples;
}

/** The rows of `examples` whose time lies in [from, to). */
export function rowsBetween(examples: ImpressionExamples, from: number, to: number): Int32Array {
  const rows: number[] = [];
  for (let row = 0; row < examples.count; row++) {
    if (examples.time[row] >= from && examples.time[row] < to) rows.push(row);
  }
  return Int32Array.from(rows);
}
