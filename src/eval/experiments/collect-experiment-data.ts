// Reads an experiment's data from the store through the Store port: exposures tagged with the experiment (grouped
// into lists by request id), clicks and purchases tagged with it or carrying a tagged request's id, and each exposed
// user's activity in the pre-period (CUPED covariates, and item popularity for novelty).

import { InvalidInputError } from '../../core/errors.ts';
import type { Item } from '../../core/types.ts';
import type { Store } from '../../store/store.ts';
import type { Experiment } from './experiment.ts';
import { type ExperimentData, ExperimentDataBuilder, type ItemInfo } from './experiment-data.ts';
import { variantInContext } from './exposure.ts';

const dayMs = 86_400_000;

export interface CollectOptions {
  /** End of the window for a running experiment (default: now). */
  now?: number;
  /** Feedback types counted as clicks (default `click`) and purchases (default `purchase`). */
  clickTypes?: readonly string[];
  purchaseTypes?: readonly string[];
}

interface Slate {
  variant: string;
  userId: string;
  time: number;
  itemIds: string[];
  latencyMs?: number;
}

interface Outcome {
  userId: string;
  itemId: string;
  kind: 'click' | 'purchase';
  time: number;
  requestId: string | null;
  variant: string | null;
  price: number | null;
}

/** Every item of the store, page by page. */
export async function loadCatalog(store: Store): Promise<Map<string, Item>> {
  const items = new Map<string, Item>();
  let cursor: string | null = null;
  do {
    const page = await store.items.list({ limit: 5000, cursor });
    for (const item of page.rows) items.set(item.id, item);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

/** Self-information of items from click counts, Laplace-smoothed over the catalog. */
export function popularityItemInfo(options: {
  clicks: ReadonlyMap<string, number>;
  catalogSize: number;
  category: (itemId: string) => string | undefined;
}): ItemInfo {
  let total = 0;
  for (const count of options.clicks.values()) total += count;
  const denominator = total + Math.max(1, options.catalogSize);
  return {
    category: options.category,
    selfInformation: (itemId) => -Math.log2(((options.clicks.get(itemId) ?? 0) + 1) / denominator),
    maxSelfInformation: -Math.log2(1 / denominator),
  };
}

function numberOr(value: unknown, fallback: number | null): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

/** Scans the store and builds the experiment's per-user data. */
export async function collectExperimentData(
  store: Store,
  experiment: Experiment,
  options: CollectOptions = {},
): Promise<ExperimentData> {
  if (experiment.startedAt === null) {
    throw new InvalidInputError(`experiment "${experiment.id}" has not started; it has no data yet`, {
      context: { field: 'status' },
    });
  }
  const start = experiment.startedAt;
  const end = Math.max(start + 1, experiment.stoppedAt ?? options.now ?? Date.now());
  const preStart = start - experiment.preperiodDays * dayMs;
  const clickTypes = new Set(options.clickTypes ?? ['click']);
  const purchaseTypes = new Set(options.purchaseTypes ?? ['purchase']);
  const catalog = await loadCatalog(store);
  const slates = new Map<string, Slate>();
  const outcomes: Outcome[] = [];
  const exposureSources = new Set<string>();
  /** Pre-period per user and source: impressions, clicks, purchases, revenue. */
  const pre = new Map<string, Map<string, number[]>>();
  const preClicksByItem = new Map<string, number>();
  for await (const batch of store.feedback.scan({ since: preStart, withContext: true })) {
    for (const event of batch) {
      const time = event.timestamp;
      if (time >= end) continue;
      const context = event.context;
      const isExposure = event.type === experiment.exposureType;
      const kind = clickTypes.has(event.type) ? 'click' : purchaseTypes.has(event.type) ? 'purchase' : null;
      if (!isExposure && !kind) continue;
      const source = typeof context?.source === 'string' ? context.source : '';
      const price = numberOr(context?.price, numberOr(catalog.get(event.itemId)?.price, null));
      if (time < start) {
        let sources = pre.get(event.userId);
        if (!sources) pre.set(event.userId, (sources = new Map()));
        let row = sources.get(source);
        if (!row) sources.set(source, (row = [0, 0, 0, 0]));
        if (isExposure) row[0] += 1;
        else if (kind === 'click') {
          row[1] += 1;
          preClicksByItem.set(event.itemId, (preClicksByItem.get(event.itemId) ?? 0) + 1);
        } else {
          row[2] += 1;
          row[3] += price ?? 0;
        }
        continue;
      }
      const variant = variantInContext(context, experiment.id);
      const requestId = typeof context?.requestId === 'string' ? context.requestId : null;
      if (isExposure) {
        if (variant === null) continue;
        if (source) exposureSources.add(source);
        const key = requestId ?? `${event.userId}|${time}`;
        let slate = slates.get(key);
        if (!slate) slates.set(key, (slate = { variant, userId: event.userId, time, itemIds: [] }));
        slate.itemIds.push(event.itemId);
        const latency = numberOr(context?.latencyMs, null);
        if (latency !== null) slate.latencyMs = latency;
        continue;
      }
      if (variant === null && requestId === null) continue;
      outcomes.push({ userId: event.userId, itemId: event.itemId, kind: kind!, time, requestId, variant, price });
    }
  }
  const categoryOf = (itemId: string) => catalog.get(itemId)?.categories.at(-1);
  const builder = new ExperimentDataBuilder({
    start,
    end,
    variants: experiment.variants.map((variant) => variant.name),
    catalogSize: [...catalog.values()].filter((item) => item.available).length,
    items: popularityItemInfo({ clicks: preClicksByItem, catalogSize: catalog.size, category: categoryOf }),
  });
  for (const slate of slates.values()) builder.recordSlate(slate);
  for (const outcome of outcomes) {
    // An untagged click or purchase belongs to the experiment when its request was a tagged one (same user).
    let variant = outcome.variant;
    if (variant === null && outcome.requestId !== null) {
      const slate = slates.get(outcome.requestId);
      if (slate && slate.userId === outcome.userId) variant = slate.variant;
    }
    if (variant === null) continue;
    if (outcome.kind === 'click') builder.recordClick({ variant, userId: outcome.userId, time: outcome.time });
    else builder.recordPurchase({ variant, userId: outcome.userId, time: outcome.time, value: outcome.price ?? 0 });
  }
  for (const [userId, sources] of pre) {
    const row = [0, 0, 0, 0];
    for (const [source, values] of sources) {
      // Pre-period activity on the surfaces the experiment changes (all of it when exposures name no source).
      if (exposureSources.size && !exposureSources.has(source)) continue;
      for (let k = 0; k < 4; k++) row[k] += values[k];
    }
    builder.recordPreperiod(userId, { impressions: row[0], clicks: row[1], purchases: row[2], revenue: row[3] });
  }
  return builder.build();
}
