// The data model: items, users, feedback and social edges, as the store and the API see them.

/** A catalog item. Text fields feed search and embedders; attributes are free-form JSON. */
export interface Item {
  id: string;
  title: string;
  description?: string;
  /** Other text fields (e.g. `brand`, `selling_points`), searched and embedded with title and description. */
  text?: Record<string, string>;
  /** Category path from the root, e.g. `["Camping", "Tents"]`. */
  categories: string[];
  tags: string[];
  attributes: Record<string, unknown>;
  price?: number | null;
  /** Milliseconds since the epoch. */
  createdAt?: number | null;
  available: boolean;
  /** BCP 47 language tag of the text, e.g. `en`, `zh`. */
  language?: string | null;
}

export interface User {
  id: string;
  attributes: Record<string, unknown>;
}

/** One feedback event. `value` defaults to 1; `timestamp` is milliseconds since the epoch. */
export interface Feedback {
  userId: string;
  itemId: string;
  type: string;
  value: number;
  timestamp: number;
  /** What the client logged with the event: recommendation source, position, request id, propensity, variant. */
  context?: Record<string, unknown>;
}

/** A directed user → user edge (follows, trusts). */
export interface SocialEdge {
  from: string;
  to: string;
  weight: number;
}

/** positive: a signal of interest; exposure: the item was shown or read; negative: explicit dislike. */
export type FeedbackClass = 'positive' | 'exposure' | 'negative';

export interface FeedbackType {
  name: string;
  class: FeedbackClass;
  /** Multiplies the event value when events become training weights. */
  weight: number;
}

export const defaultFeedbackTypes: readonly FeedbackType[] = [
  { name: 'purchase', class: 'positive', weight: 5 },
  { name: 'cart', class: 'positive', weight: 3 },
  { name: 'click', class: 'positive', weight: 1 },
  { name: 'like', class: 'positive', weight: 2 },
  { name: 'rating', class: 'positive', weight: 1 },
  { name: 'review', class: 'positive', weight: 1 },
  { name: 'view', class: 'exposure', weight: 0 },
  { name: 'impression', class: 'exposure', weight: 0 },
  { name: 'dislike', class: 'negative', weight: -1 },
];

/** A new item with the defaults filled in. */
export function makeItem(fields: Partial<Item> & { id: string }): Item {
  return {
    title: '',
    categories: [],
    tags: [],
    attributes: {},
    available: true,
    ...fields,
  };
}
