// The read-only chat tools over the shop engine, sharing one candidate buffer per turn: search, filter, similar_to,
// recommend_for_user, complements, item_details, compare. Basic mode calls them directly; LLM mode exposes them
// to the model (tool-definitions.ts). Each call reports a `tool` event; ids outside the catalog are errors.

import type { Item } from '../../../core/types.ts';
import type { CandidateBuffer } from '../candidate-buffer.ts';
import type { CatalogIndex } from '../catalog-index.ts';
import { compactItem, detailedItem, visibleAttributes } from '../item-view.ts';
import { applyProfile, dislikedByProfile, type PreferenceProfile } from '../memory/profile.ts';
import { type AttributeFilter, holdsPeople, passes } from '../search-state.ts';
import type { ShopEngine } from '../shop-port.ts';
import type { ChatEvent } from '../types.ts';

/** The tools the model may call; anything else is refused. */
export const readOnlyTools = [
  'search',
  'filter',
  'similar_to',
  'recommend_for_user',
  'complements',
  'item_details',
  'compare',
] as const;
export type ToolName = (typeof readOnlyTools)[number];

export interface ToolboxOptions {
  engine: ShopEngine;
  index: CatalogIndex;
  buffer: CandidateBuffer;
  userId: string | null;
  profile: PreferenceProfile | null;
  emit: (event: ChatEvent) => void;
}

export interface FilterInput {
  categories?: string[];
  minPrice?: number;
  maxPrice?: number;
  people?: number;
  attributes?: AttributeFilter[];
  excludeIds?: string[];
}

/** What a list-returning tool answers: how many candidates the buffer holds and the best few. */
export interface CandidateList {
  candidates: number;
  items: Array<Record<string, unknown>>;
}

export class ToolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ToolError';
  }
}

export class Toolbox {
  readonly #options: ToolboxOptions;

  constructor(options: ToolboxOptions) {
    this.#options = options;
  }

  get buffer(): CandidateBuffer {
    return this.#options.buffer;
  }

  /** Runs a tool with its event; errors are reported and rethrown for the model to see. */
  async run<T>(name: ToolName, input: unknown, work: () => Promise<T>): Promise<T> {
    try {
      const result = await work();
      this.#options.emit({ type: 'tool', name, input, status: 'done', candidates: this.buffer.size });
      return result;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.#options.emit({ type: 'tool', name, input, status: 'error', message });
      throw error instanceof ToolError ? error : new ToolError(message);
    }
  }

  /** Hybrid search; the results replace the candidates. */
  search(input: { query: string; categories?: string[]; minPrice?: number; maxPrice?: number; limit?: number }) {
    return this.run('search', input, async () => {
      const hits = await this.#options.engine.catalog.search({
        text: input.query,
        categories: input.categories,
        minPrice: input.minPrice,
        maxPrice: input.maxPrice,
        limit: Math.min(input.limit ?? 40, 500),
      });
      this.buffer.replace(
        hits
          .filter(
            (hit) =>
              this.#options.index.has(hit.id) && !dislikedByProfile(this.#options.profile, hit.id, this.#options.index),
          )
          .map((hit) => ({ id: hit.id, score: hit.score, source: 'search' })),
      );
      return this.list();
    });
  }

  /** Narrows the candidates; with an empty buffer, starts from the named categories. */
  filter(input: FilterInput) {
    return this.run('filter', input, async () => {
      const index = this.#options.index;
      if (this.buffer.size === 0 && input.categories?.length) {
        const hits = await this.#options.engine.catalog.search({ text: '', categories: input.categories, limit: 200 });
        this.buffer.replace(hits.map((hit) => ({ id: hit.id, score: hit.score, source: 'filter' })));
      }
      const excluded = new Set(input.excludeIds ?? []);
      this.buffer.narrow((entry) => {
        const item = index.get(entry.id);
        return item !== undefined && !excluded.has(item.id) && satisfies(item, input, index);
      });
      return this.list();
    });
  }

  similarTo(input: { itemId: string; limit?: number }) {
    return this.run('similar_to', input, async () => {
      this.#known(input.itemId);
      const hits = await this.#options.engine.recommendations.similar(input.itemId, { limit: input.limit ?? 20 });
      this.#fill(hits, 'similar_to');
      return this.list();
    });
  }

  recommendForUser(input: { categories?: string[]; limit?: number }) {
    return this.run('recommend_for_user', input, async () => {
      const { profile, index } = this.#options;
      const exclude = profile?.dislikes.filter((entry) => entry.kind === 'item').map((entry) => String(entry.value));
      const hits = await this.#options.engine.recommendations.forUser(this.#options.userId, {
        limit: input.limit ?? 30,
        categories: input.categories,
        exclude,
      });
      this.#fill(applyProfile(hits, profile, index), 'recommend_for_user');
      return this.list();
    });
  }

  complements(input: { itemId: string; limit?: number }) {
    return this.run('complements', input, async () => {
      this.#known(input.itemId);
      const hits = await this.#options.engine.recommendations.complements(input.itemId, { limit: input.limit ?? 12 });
      this.buffer.replace(
        hits
          .filter((hit) => this.#options.index.has(hit.id))
          .map((hit) => ({ id: hit.id, score: hit.score, source: 'complements', reason: hit.reason })),
      );
      return this.list();
    });
  }

  itemDetails(input: { itemIds: string[] }) {
    return this.run('item_details', input, async () => {
      const { index } = this.#options;
      const found = input.itemIds.filter((id) => index.has(id)).slice(0, 6);
      const missing = input.itemIds.filter((id) => !index.has(id));
      if (found.length === 0) throw new ToolError(`not in the catalog: ${missing.join(', ')}`);
      return {
        items: found.map((id) => detailedItem(index.get(id)!, index)),
        ...(missing.length ? { notInCatalog: missing } : {}),
      };
    });
  }

  compare(input: { itemIds: string[] }) {
    return this.run('compare', input, async () => {
      const { index } = this.#options;
      const items = input.itemIds.map((id) => index.get(id)).filter((item): item is Item => item !== undefined);
      const missing = input.itemIds.filter((id) => !index.has(id));
      if (items.length < 2)
        throw new ToolError(`compare needs two catalog items (not in the catalog: ${missing.join(', ') || 'none'})`);
      const rows: Record<string, Record<string, unknown>> = {};
      for (const item of items.slice(0, 5))
        for (const [attribute, value] of Object.entries({
          price: item.price ?? null,
          ...visibleAttributes(item, 40),
        })) {
          rows[attribute] ??= {};
          rows[attribute][item.id] = value;
        }
      return {
        items: items.slice(0, 5).map((item) => ({ id: item.id, title: compactItem(item, index).title })),
        attributes: rows,
      };
    });
  }

  /** The buffer as the model sees it: the size and the first ten. */
  list(limit = 10): CandidateList {
    const { index } = this.#options;
    return {
      candidates: this.buffer.size,
      items: this.buffer.top(limit).map((entry) => ({
        ...compactItem(index.get(entry.id)!, index),
        ...(entry.reason ? { reason: entry.reason } : {}),
      })),
    };
  }

  #known(id: string): void {
    if (!this.#options.index.has(id)) throw new ToolError(`${id} is not in the catalog`);
  }

  #fill(hits: ReadonlyArray<{ id: string; score: number }>, source: string): void {
    const { index, profile } = this.#options;
    this.buffer.replace(
      hits
        .filter((hit) => index.has(hit.id) && !dislikedByProfile(profile, hit.id, index))
        .map((hit) => ({ id: hit.id, score: hit.score, source })),
    );
  }
}

function satisfies(item: Item, input: FilterInput, index: CatalogIndex): boolean {
  if (!item.available) return false;
  if (input.categories?.length && !input.categories.includes(index.categoryKey(item.id) ?? '')) return false;
  const price = item.price;
  if (input.minPrice !== undefined && (typeof price !== 'number' || price < input.minPrice)) return false;
  if (input.maxPrice !== undefined && (typeof price !== 'number' || price > input.maxPrice)) return false;
  if (input.people !== undefined && !holdsPeople(item, input.people)) return false;
  return (input.attributes ?? []).every((filter) => passes(item, filter));
}
