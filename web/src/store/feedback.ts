// Feedback from the storefront: every impression, click, cart and purchase goes to POST /api/feedback with the
// recommendation's source, position and request id (what A/B reports and position-bias estimates need). Impressions
// are batched; clicks, carts and purchases are sent at once, so the next recommendations already know them.

import { ApiError } from '../shared/http.ts';
import { language } from './i18n.ts';
import { callApi, currentSession } from './session.ts';

export type FeedbackType = 'impression' | 'click' | 'cart' | 'purchase';

/** Where an item was shown. */
export interface Origin {
  /** The recall source that put it there (`item-to-item`, `trending`, `search`, `assistant`, …). */
  source: string;
  /** 0-based position in its list. */
  position: number;
  /** The list's request id (the server's for /api/recommend, else one made here per list). */
  requestId: string;
  propensity?: number;
  /** Which list on the page: `home-for-you`, `home-trending`, `item-similar`, `search`, `chat`, … */
  list: string;
}

interface Pending {
  userId: string;
  itemId: string;
  type: FeedbackType;
  value: number;
  timestamp: number;
  idempotencyKey: string;
  source: string;
  position: number;
  requestId: string;
  propensity?: number;
  context: Record<string, unknown>;
}

const queue: Pending[] = [];
const seen = new Set<string>();
let timer: ReturnType<typeof setTimeout> | null = null;
/** Which list an item was last clicked from: carts and purchases of it carry that origin. */
const clickedFrom = new Map<string, Origin>();

export function newRequestId(list: string): string {
  return `ui-${list}-${crypto.randomUUID()}`;
}

export function originOf(itemId: string): Origin | undefined {
  return clickedFrom.get(itemId);
}

/** Records one event (an impression once per list and item); returns when a non-impression is stored. */
export async function track(
  type: FeedbackType,
  itemId: string,
  origin: Origin | undefined,
  extra: { value?: number; context?: Record<string, unknown> } = {},
): Promise<void> {
  const where = origin ??
    clickedFrom.get(itemId) ?? { source: 'direct', position: 0, requestId: 'direct', list: 'direct' };
  if (type === 'impression') {
    const key = `${where.requestId}|${itemId}`;
    if (seen.has(key)) return;
    seen.add(key);
  }
  if (type === 'click') clickedFrom.set(itemId, where);
  const { userId } = await currentSession();
  queue.push({
    userId,
    itemId,
    type,
    value: extra.value ?? 1,
    timestamp: Date.now(),
    idempotencyKey: type === 'impression' ? `imp|${where.requestId}|${itemId}` : `${type}|${crypto.randomUUID()}`,
    source: where.source,
    position: where.position,
    requestId: where.requestId,
    propensity: where.propensity,
    context: { list: where.list, page: location.pathname, lang: language.get(), ...extra.context },
  });
  if (type === 'impression') {
    timer ??= setTimeout(() => void flush(), 1000);
    return;
  }
  await flush();
}

/** Sends what is queued (keepalive when the page is going away). */
export async function flush(keepalive = false): Promise<void> {
  if (timer) clearTimeout(timer);
  timer = null;
  if (queue.length === 0) return;
  const events = queue.splice(0, queue.length);
  try {
    await callApi('/api/feedback', { body: { events }, keepalive });
  } catch (error) {
    // A rejected batch (400, 403) would be rejected again; anything else is kept for the next flush, and the
    // idempotency keys make a repeated send harmless.
    const rejected = error instanceof ApiError && error.status >= 400 && error.status < 500 && error.status !== 429;
    if (!rejected) queue.unshift(...events);
    console.warn('feedback not sent yet:', (error as Error).message);
  }
}

addEventListener('pagehide', () => void flush(true));
addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'hidden') void flush(true);
});

const observed = new WeakMap<Element, () => void>();
let observer: IntersectionObserver | null = null;

/** Calls `onSeen` once, when at least half of the element has been on screen. */
export function whenSeen(element: Element, onSeen: () => void): () => void {
  observer ??= new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        observed.get(entry.target)?.();
        observed.delete(entry.target);
        observer?.unobserve(entry.target);
      }
    },
    { threshold: 0.5 },
  );
  observed.set(element, onSeen);
  observer.observe(element);
  return () => {
    observed.delete(element);
    observer?.unobserve(element);
  };
}
