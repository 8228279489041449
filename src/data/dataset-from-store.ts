// Builds the columnar training Dataset from a Store in one pass over its feedback.

import { type Aggregate, Dataset } from '../core/dataset.ts';
import { IdMap } from '../core/id-map.ts';
import type { FeedbackClass } from '../core/types.ts';
import type { Store } from '../store/store.ts';

export interface DatasetFromStoreOptions {
  /** Which feedback classes become interactions (default: positive only). */
  classes?: readonly FeedbackClass[];
  /** Use the event value times the type's weight (default), or 1 per event. */
  weighting?: 'weighted' | 'binary';
  aggregate?: Aggregate;
  /** Include every catalog item and user, also those without interactions (default true). */
  includeCatalog?: boolean;
  /** Only events at or after this time (ms). */
  since?: number;
}

export interface StoreDataset {
  dataset: Dataset;
  /**
   * Exposures and explicit negatives on items the user never acted on positively: implicit negatives.
   * Value -1 when an explicit negative is among them, else 0.
   */
  negatives: Dataset;
}

/** Reads feedback once and returns positives plus implicit negatives, over the same id maps. */
export async function datasetFromStore(store: Store, options: DatasetFromStoreOptions = {}): Promise<StoreDataset> {
  const classes = new Set(options.classes ?? ['positive']);
  const types = new Map((await store.feedback.types()).map((type) => [type.name, type]));
  const users = new IdMap();
  const items = new IdMap();
  if (options.includeCatalog ?? true) {
    for (let cursor: string | null = null; ; ) {
      const page = await store.users.list({ limit: 10_000, cursor });
      for (const user of page.rows) users.add(user.id);
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    for (let cursor: string | null = null; ; ) {
      const page = await store.items.list({ limit: 10_000, cursor });
      for (const item of page.rows) items.add(item.id);
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
  }
  const positive = new Growable();
  const negative = new Growable();
  for await (const batch of store.feedback.scan({ since: options.since })) {
    for (const event of batch) {
      const type = types.get(event.type);
      if (!type) continue;
      const u = users.add(event.userId);
      const i = items.add(event.itemId);
      const seconds = Math.floor(event.timestamp / 1000);
      if (classes.has(type.class)) {
        const value = options.weighting === 'binary' ? 1 : type.weight * event.value;
        positive.push(u, i, value, seconds);
      } else if (type.class === 'exposure' || type.class === 'negative') {
        negative.push(u, i, type.class === 'negative' ? -1 : 0, seconds);
      }
    }
  }
  const dataset = Dataset.fromInteractions({
    users,
    items,
    interactions: positive.view(),
    aggregate: options.aggregate ?? 'sum',
  });
  const allNegatives = Dataset.fromInteractions({ users, items, interactions: negative.view(), aggregate: 'min' });
  // Keep only pairs the user never acted on positively. Rows are visited user by user, so one mark array serves.
  const marked = new Int32Array(items.size).fill(-1);
  let markedUser = -1;
  const negatives = allNegatives.filter((position, user) => {
    if (user !== markedUser) {
      for (const item of dataset.itemsOf(user)) marked[item] = user;
      markedUser = user;
    }
    return marked[allNegatives.byUser.indices[position]] !== user;
  });
  return { dataset, negatives };
}

/** Growable columnar buffers for interactions. */
class Growable {
  user = new Int32Array(1024);
  item = new Int32Array(1024);
  value = new Float32Array(1024);
  time = new Uint32Array(1024);
  length = 0;

  push(user: number, item: number, value: number, time: number): void {
    if (this.length === this.user.length) this.#grow();
    const k = this.length++;
    this.user[k] = user;
    this.item[k] = item;
    this.value[k] = value;
    this.time[k] = time;
  }

  #grow(): void {
    const size = this.user.length * 2;
    const grow = <T extends Int32Array | Float32Array | Uint32Array>(array: T, make: (n: number) => T): T => {
      const next = make(size);
      next.set(array);
      return next;
    };
    this.user = grow(this.user, (n) => new Int32Array(n));
    this.item = grow(this.item, (n) => new Int32Array(n));
    this.value = grow(this.value, (n) => new Float32Array(n));
    this.time = grow(this.time, (n) => new Uint32Array(n));
  }

  view() {
    return { user: this.user, item: this.item, value: this.value, time: this.time, length: this.length };
  }
}
