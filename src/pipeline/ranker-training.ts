// The learned ranker of the rank stage (serving.pipeline.rank.learned), trained from the store's feedback log and
// stored as its own versioned blob next to the model bundle, so every API process serves the same ranker. Logged
// impressions (server exposure log or the demo's logs: position and request id in context) are the examples: shown
// and clicked with the same request id = positive, shown and not clicked = negative, position a feature.

import type { PipelineConfig } from '../core/config/serving.ts';
import { type Progress, silentProgress } from '../core/progress.ts';
import type { Feedback, Item } from '../core/types.ts';
import { decodeModel, encodeModel } from '../models/model-file.ts';
import { type LearnedRanker, type LearnedRankerParams, loadLearnedRanker } from '../models/ranking/learned-ranker.ts';
import { trainLearnedRanker } from '../models/ranking/train-ranker.ts';
import type { Store } from '../store/store.ts';
import type { Catalog } from './catalog.ts';

export const rankerBlobName = 'learned-ranker';
const dayMs = 86_400_000;

export type LearnedRankConfig = PipelineConfig['rank']['learned'];

/** The window of the log the ranker learns from, oldest first (the store scans in insertion order). */
async function recentEvents(store: Store, days: number): Promise<Feedback[]> {
  const events: Feedback[] = [];
  let newest = 0;
  for await (const batch of store.feedback.scan({ withContext: true, batchSize: 20_000 })) {
    for (const event of batch) {
      events.push(event);
      if (event.timestamp > newest) newest = event.timestamp;
    }
  }
  const from = newest - days * dayMs;
  return events.filter((event) => event.timestamp >= from).sort((a, b) => a.timestamp - b.timestamp);
}

function countImpressions(events: readonly Feedback[]): number {
  let count = 0;
  for (const event of events) if (typeof event.context?.position === 'number') count++;
  return count;
}

/**
 * Trains a ranker on the log and stores it as the next version of the ranker blob. Null (and nothing stored) when
 * the log holds fewer logged impressions than `minImpressions`: the rank stage then keeps fusion order.
 */
export async function trainRankerBlob(options: {
  store: Store;
  catalog: Catalog;
  config: LearnedRankConfig;
  /** The model bundle version the ranker was trained with (kept in the blob's metadata). */
  bundleVersion: number;
  seed?: number;
  progress?: Progress;
}): Promise<{ version: number; impressions: number } | null> {
  const { store, config } = options;
  const progress = options.progress ?? silentProgress;
  progress.start('ranker: reading the feedback log');
  const events = await recentEvents(store, config.days);
  const impressions = countImpressions(events);
  progress.done(`ranker: ${impressions.toLocaleString('en-US')} logged impressions`);
  if (impressions < config.minImpressions) return null;
  const items: Item[] = [...options.catalog.values()].map((entry) => entry.item);
  const { ranker } = trainLearnedRanker({
    items,
    events,
    params: config.params as Partial<LearnedRankerParams>,
    seed: options.seed,
    progress,
  });
  const info = await store.blobs.put(rankerBlobName, encodeModel(ranker.snapshot()), {
    bundleVersion: options.bundleVersion,
    impressions,
    trainedAt: Date.now(),
  });
  return { version: info.version, impressions };
}

/**
 * The latest stored ranker restored over the catalog, or null when none was trained or the catalog no longer holds
 * every item it was trained on (the next training replaces it).
 */
export async function loadRankerBlob(store: Store, catalog: Catalog): Promise<LearnedRanker | null> {
  const blob = await store.blobs.get(rankerBlobName);
  if (!blob) return null;
  const snapshot = decodeModel(blob.data, `${store.location} blob ${rankerBlobName} v${blob.info.version}`);
  const itemIds = (snapshot.meta as { itemIds?: string[] }).itemIds ?? [];
  const items: Item[] = [];
  for (const id of itemIds) {
    const entry = catalog.get(id);
    if (!entry) return null;
    items.push(entry.item);
  }
  return loadLearnedRanker(snapshot, { items });
}
