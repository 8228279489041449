// Logged recommendation lists with propensities, the input of off-policy estimation and position-bias estimation:
// one entry per request, grouped from impressions carrying `requestId`, `position` and `propensity` in their
// context, with the clicks that share the request id and item. (Same shape as the experiments layer's slates.)

import type { Feedback } from '../../core/types.ts';

export interface LoggedSlate {
  requestId: string;
  userId: string;
  time: number;
  device?: string;
  /** True when the logging policy randomised the order (exploration traffic). */
  explore: boolean;
  /** itemIds[k] was shown at position k + 1. */
  itemIds: string[];
  /** Probability that the logging policy showed itemIds[k] at position k + 1. */
  propensities: number[];
  /** 1 where the item at position k + 1 was clicked. */
  clicks: Uint8Array;
}

export interface SlateFilter {
  /** Only impressions whose context `source` is this (e.g. `home`); all when absent. */
  source?: string;
  /** Only requests from this time on (ms), and before `until`. */
  since?: number;
  until?: number;
}

/** Groups a time-ordered log into slates; impressions without a request id, position or propensity are skipped. */
export function loggedSlates(events: readonly Feedback[], filter: SlateFilter = {}): LoggedSlate[] {
  const slates = new Map<string, LoggedSlate>();
  const clicks: Feedback[] = [];
  const since = filter.since ?? Number.NEGATIVE_INFINITY;
  const until = filter.until ?? Number.POSITIVE_INFINITY;
  for (const event of events) {
    const context = event.context ?? {};
    const requestId = context.requestId;
    if (typeof requestId !== 'string') continue;
    if (event.type === 'click') {
      clicks.push(event);
      continue;
    }
    if (event.type !== 'impression') continue;
    const { position, propensity } = context;
    if (typeof position !== 'number' || typeof propensity !== 'number' || !(propensity > 0)) continue;
    if (filter.source !== undefined && context.source !== filter.source) continue;
    if (event.timestamp < since || event.timestamp >= until) continue;
    let slate = slates.get(requestId);
    if (!slate) {
      slate = {
        requestId,
        userId: event.userId,
        time: event.timestamp,
        device: typeof context.device === 'string' ? context.device : undefined,
        explore: context.explore === true,
        itemIds: [],
        propensities: [],
        clicks: new Uint8Array(0),
      };
      slates.set(requestId, slate);
    }
    slate.itemIds[position - 1] = event.itemId;
    slate.propensities[position - 1] = propensity;
  }
  for (const slate of slates.values()) slate.clicks = new Uint8Array(slate.itemIds.length);
  for (const click of clicks) {
    const slate = slates.get(click.context?.requestId as string);
    const position = click.context?.position;
    if (slate && typeof position === 'number' && slate.itemIds[position - 1] === click.itemId) {
      slate.clicks[position - 1] = 1;
    }
  }
  return [...slates.values()];
}
