// A curated list as a recall source: the items of a stored list (lmrec curate), in the list's order, only while
// today lies within the list's dates. The list is re-read at most once a minute, so a re-curated list goes live
// without a restart.

import type { Store } from '../../store/store.ts';
import { type CuratedList, isActive, readCuratedList } from '../curated-lists.ts';
import type { RecallContext, RecalledItem, RecallSource } from '../types.ts';

export class CuratedSource implements RecallSource {
  readonly name: string;
  readonly reason = 'seasonal';
  readonly weight: number;
  readonly quota: number;
  readonly #store: Store;
  readonly #list: string;
  readonly #now: () => number;
  #cached: { list: CuratedList | null; at: number } | null = null;

  constructor(options: {
    name: string;
    store: Store;
    /** The stored list's name. */
    list: string;
    weight: number;
    quota: number;
    /** The clock (tests). */
    now?: () => number;
  }) {
    this.name = options.name;
    this.#store = options.store;
    this.#list = options.list;
    this.weight = options.weight;
    this.quota = options.quota;
    this.#now = options.now ?? Date.now;
  }

  async recall(context: RecallContext, quota: number): Promise<RecalledItem[]> {
    const now = this.#now();
    if (!this.#cached || now - this.#cached.at > 60_000) {
      this.#cached = { list: await readCuratedList(this.#store.kv, this.#list), at: now };
    }
    const list = this.#cached.list;
    if (!list || !isActive(list, now)) return [];
    const out: RecalledItem[] = [];
    for (const item of list.items) {
      if (out.length >= quota) break;
      if (context.exclude.has(item.id) || (context.allowed && !context.allowed.has(item.id))) continue;
      if (!context.catalog.has(item.id)) continue;
      out.push({ id: item.id, score: item.score });
    }
    return out;
  }
}
