// Logged lists with propensities, the input of off-policy evaluation: one entry per request, read from the store's
// feedback (impressions carrying `requestId`, `position` and `propensity` in their context, clicks carrying the same
// request id and position) or built directly by a simulation.

import type { Store } from '../../../store/store.ts';

export interface LoggedSlate {
  requestId: string;
  userId: string;
  time: number;
  device?: string;
  /** Shown items by position: itemIds[k] was at position k + 1. */
  itemIds: string[];
  /** Probability that the logging policy showed itemIds[k] at position k + 1. */
  propensities: number[];
  /** 1 where the item at position k + 1 was clicked. */
  clicks: Uint8Array;
}

export interface ReadSlatesOptions {
  /** Only exposures whose context `source` is this (e.g. `home`); all when absent. */
  source?: string;
  exposureType?: string;
  clickTypes?: readonly string[];
  /** Only events at or after this time (ms), and before `until`. */
  since?: number;
  until?: number;
}

/** Counts of what could not be used, so a report can say why a log is thin. */
export interface SlateReadStats {
  slates: number;
  /** Exposures without a request id, a position or a propensity in (0, 1]. */
  unusableExposures: number;
  /** Clicks whose request or position matches no usable exposure. */
  unmatchedClicks: number;
}

interface Draft {
  userId: string;
  time: number;
  device?: string;
  entries: Map<number, { itemId: string; propensity: number }>;
  clicks: Array<{ itemId: string; position: number }>;
}

/** Groups a store's logged exposures and clicks into slates (positions 1-based; a slate logged from 0 is shifted). */
export async function readLoggedSlates(
  store: Store,
  options: ReadSlatesOptions = {},
): Promise<{ slates: LoggedSlate[]; stats: SlateReadStats }> {
  const exposureType = options.exposureType ?? 'impression';
  const clickTypes = new Set(options.clickTypes ?? ['click']);
  const until = options.until ?? Number.POSITIVE_INFINITY;
  const drafts = new Map<string, Draft>();
  const pendingClicks: Array<{ requestId: string; userId: string; itemId: string; position: number }> = [];
  let unusableExposures = 0;
  for await (const batch of store.feedback.scan({ since: options.since, withContext: true })) {
    for (const event of batch) {
      if (event.timestamp >= until) continue;
      const isExposure = event.type === exposureType;
      if (!isExposure && !clickTypes.has(event.type)) continue;
      const context = event.context ?? {};
      if (options.source !== undefined && context.source !== options.source) continue;
      const requestId = typeof context.requestId === 'string' ? context.requestId : null;
      const position = typeof context.position === 'number' ? context.position : Number.NaN;
      if (isExposure) {
        const propensity = context.propensity;
        if (
          requestId === null ||
          !Number.isInteger(position) ||
          position < 0 ||
          typeof propensity !== 'number' ||
          !(propensity > 0 && propensity <= 1)
        ) {
          unusableExposures++;
          continue;
        }
        let draft = drafts.get(requestId);
        if (!draft) {
          draft = { userId: event.userId, time: event.timestamp, entries: new Map(), clicks: [] };
          if (typeof context.device === 'string') draft.device = context.device;
          drafts.set(requestId, draft);
        }
        draft.entries.set(position, { itemId: event.itemId, propensity });
      } else if (requestId !== null && Number.isInteger(position)) {
        pendingClicks.push({ requestId, userId: event.userId, itemId: event.itemId, position });
      }
    }
  }
  let unmatchedClicks = 0;
  for (const click of pendingClicks) {
    const draft = drafts.get(click.requestId);
    if (draft && draft.userId === click.userId) draft.clicks.push(click);
    else unmatchedClicks++;
  }
  const slates: LoggedSlate[] = [];
  for (const [requestId, draft] of drafts) {
    const positions = [...draft.entries.keys()].sort((a, b) => a - b);
    const shift = positions[0] === 0 ? 1 : 0;
    const length = positions[positions.length - 1] + shift;
    const itemIds = new Array<string>(length).fill('');
    const propensities = new Array<number>(length).fill(0);
    for (const [position, entry] of draft.entries) {
      itemIds[position + shift - 1] = entry.itemId;
      propensities[position + shift - 1] = entry.propensity;
    }
    const clicks = new Uint8Array(length);
    for (const click of draft.clicks) {
      const index = click.position + shift - 1;
      if (index >= 0 && index < length && itemIds[index] === click.itemId) clicks[index] = 1;
      else unmatchedClicks++;
    }
    const slate: LoggedSlate = { requestId, userId: draft.userId, time: draft.time, itemIds, propensities, clicks };
    if (draft.device !== undefined) slate.device = draft.device;
    slates.push(slate);
  }
  return { slates, stats: { slates: slates.length, unusableExposures, unmatchedClicks } };
}
