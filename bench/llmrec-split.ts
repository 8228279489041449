// Shared by the LLM-in-the-recommender benches: the demo store split in time. Events before the cutoff (the 80th
// percentile of event times) go into a training store; each user's purchases and carts after it, of items the
// user had not touched before, are the held-out future.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { makeItem } from '../src/core/types.ts';
import { buildDemoStore } from '../src/data/demo/demo-store.ts';
import { SqliteStore } from '../src/store/sqlite/store.ts';
import type { FeedbackInput } from '../src/store/store.ts';

export interface TemporalSplit {
  train: SqliteStore;
  /** User → held-out future items. */
  future: Map<string, Set<string>>;
  cutoff: number;
  events: { train: number; future: number };
}

export async function demoSplit(options: { scale: number; seed: number; quantile?: number }): Promise<TemporalSplit> {
  const source = path.join(os.tmpdir(), `lmrec-bench-llmrec-demo-${options.seed}-${options.scale}.db`);
  if (!fs.existsSync(source)) {
    const building = `${source}.${process.pid}`;
    const store = SqliteStore.open(building);
    await buildDemoStore(store, { seed: options.seed, scale: options.scale });
    await store.close();
    fs.renameSync(building, source);
  }
  const full = SqliteStore.open(source);
  const all: FeedbackInput[] = [];
  for await (const batch of full.feedback.scan({ batchSize: 50_000 }))
    for (const event of batch)
      all.push({
        userId: event.userId,
        itemId: event.itemId,
        type: event.type,
        value: event.value,
        timestamp: event.timestamp,
      });
  const times = all.map((event) => event.timestamp!).sort((a, b) => a - b);
  const cutoff = times[Math.floor(times.length * (options.quantile ?? 0.8))];
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lmrec-bench-llmrec-')), 'train.db');
  const train = SqliteStore.open(file);
  await train.defineFeedbackTypes(await full.feedback.types());
  await train.items.upsert((await full.items.list({ limit: 1_000_000 })).rows);
  await train.users.upsert((await full.users.list({ limit: 1_000_000 })).rows);
  const before = all.filter((event) => event.timestamp! < cutoff);
  for (let start = 0; start < before.length; start += 20_000)
    await train.feedback.add(before.slice(start, start + 20_000), { createMissing: false });
  const touched = new Map<string, Set<string>>();
  for (const event of before) {
    let items = touched.get(event.userId);
    if (!items) touched.set(event.userId, (items = new Set()));
    items.add(event.itemId);
  }
  const future = new Map<string, Set<string>>();
  let futureEvents = 0;
  for (const event of all) {
    if (event.timestamp! < cutoff || !['purchase', 'cart'].includes(event.type)) continue;
    const seen = touched.get(event.userId);
    if (!seen || seen.has(event.itemId)) continue;
    let items = future.get(event.userId);
    if (!items) future.set(event.userId, (items = new Set()));
    items.add(event.itemId);
    futureEvents++;
  }
  await full.close();
  return { train, future, cutoff, events: { train: before.length, future: futureEvents } };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return 0;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * Amazon 2018 Industrial & Scientific in the LC-Rec form, leave last out: each user's sequence but the last item
 * goes into the training store (position k is second k), the last item is the held-out future.
 */
export async function amazonSplit(folder: string): Promise<TemporalSplit> {
  const items = JSON.parse(fs.readFileSync(path.join(folder, 'Scientific.item.json'), 'utf8')) as Record<
    string,
    { title?: string; description?: string; brand?: string; categories?: string }
  >;
  // Item ids are numbers in the sequences and strings in the item file.
  const sequences = JSON.parse(fs.readFileSync(path.join(folder, 'Scientific.inter.json'), 'utf8'), (key, value) =>
    typeof value === 'number' && key !== '' ? String(value) : value,
  ) as Record<string, string[]>;
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lmrec-bench-llmrec-amazon-')), 'train.db');
  const train = SqliteStore.open(file);
  await train.items.upsert(
    Object.entries(items).map(([id, record]) => {
      const item = makeItem({
        id,
        title: record.title ?? id,
        categories: (record.categories ?? '')
          .split(',')
          .map((part) => part.trim())
          .filter(Boolean),
        language: 'en',
      });
      if (record.description) item.description = record.description;
      if (record.brand) item.attributes.brand = record.brand;
      return item;
    }),
  );
  const events: FeedbackInput[] = [];
  const future = new Map<string, Set<string>>();
  for (const [userId, sequence] of Object.entries(sequences)) {
    if (sequence.length < 2) continue;
    sequence.slice(0, -1).forEach((itemId, position) => {
      events.push({ userId, itemId, type: 'purchase', timestamp: (position + 1) * 1000 });
    });
    const last = sequence.at(-1)!;
    if (!sequence.slice(0, -1).includes(last)) future.set(userId, new Set([last]));
  }
  for (let start = 0; start < events.length; start += 20_000)
    await train.feedback.add(events.slice(start, start + 20_000));
  return { train, future, cutoff: 0, events: { train: events.length, future: future.size } };
}
