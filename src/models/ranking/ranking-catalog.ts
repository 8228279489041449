// The catalog as the ranker's features read it: per item its category, department, brand, relative price, rating,
// creation time and chosen attributes (LLM-extracted ones included), and optionally a text embedding.

import { InvalidInputError } from '../../core/errors.ts';
import type { Item } from '../../core/types.ts';

export interface RankingCatalogOptions {
  /** Item attributes used as categorical features (e.g. `brand`, or an attribute an LLM extracted). */
  categoricalAttributes?: readonly string[];
  /** Item attributes used as numeric features (e.g. `rating`); values are standardised over the catalog. */
  numericAttributes?: readonly string[];
  /** Row-major item × dimension text embeddings, aligned with `items`. */
  embeddings?: { dimension: number; vectors: Float32Array };
}

export const defaultCategoricalAttributes = ['brand', 'brand_tier', 'season', 'color'] as const;
export const defaultNumericAttributes = ['rating'] as const;

export class RankingCatalog {
  readonly items: readonly Item[];
  readonly index: ReadonlyMap<string, number>;
  /** Leaf category name per item ('' when none). */
  readonly category: string[];
  /** Top-level category per item. */
  readonly department: string[];
  /** log(price / median price of the item's category), 0 when unknown. */
  readonly relativePrice: Float32Array;
  readonly price: Float32Array;
  readonly createdAt: Float64Array;
  readonly categoricalAttributes: readonly string[];
  readonly numericAttributes: readonly string[];
  /** items × numericAttributes, standardised (0 when missing). */
  readonly numeric: Float32Array;
  readonly embeddings: { dimension: number; vectors: Float32Array } | null;

  constructor(items: readonly Item[], options: RankingCatalogOptions = {}) {
    this.items = items;
    this.index = new Map(items.map((item, index) => [item.id, index]));
    this.category = items.map((item) => item.categories.at(-1) ?? '');
    this.department = items.map((item) => item.categories[0] ?? '');
    this.price = Float32Array.from(items, (item) => (item.price && item.price > 0 ? item.price : 0));
    this.createdAt = Float64Array.from(items, (item) => item.createdAt ?? 0);
    this.relativePrice = relativePrices(this.price, this.category);
    this.categoricalAttributes = options.categoricalAttributes ?? defaultCategoricalAttributes;
    this.numericAttributes = options.numericAttributes ?? defaultNumericAttributes;
    this.numeric = standardised(items, this.numericAttributes);
    const embeddings = options.embeddings ?? null;
    if (embeddings && embeddings.vectors.length !== items.length * embeddings.dimension) {
      throw new InvalidInputError(
        `ranking catalog: ${embeddings.vectors.length} embedding floats for ${items.length} items of dimension ${embeddings.dimension}`,
        { context: { field: 'embeddings' } },
      );
    }
    this.embeddings = embeddings;
  }

  get size(): number {
    return this.items.length;
  }

  /** The item's index; an InvalidInputError names an unknown id. */
  indexOf(itemId: string): number {
    const index = this.index.get(itemId);
    if (index === undefined) {
      throw new InvalidInputError(`ranker: unknown item ${JSON.stringify(itemId)}`, { context: { field: 'itemId' } });
    }
    return index;
  }
}

function relativePrices(price: Float32Array, category: readonly string[]): Float32Array {
  const byCategory = new Map<string, number[]>();
  price.forEach((value, item) => {
    if (value <= 0) return;
    const list = byCategory.get(category[item]) ?? [];
    list.push(value);
    byCategory.set(category[item], list);
  });
  const medians = new Map<string, number>();
  for (const [name, values] of byCategory) medians.set(name, values.sort((a, b) => a - b)[values.length >> 1]);
  return Float32Array.from(price, (value, item) => (value > 0 ? Math.log(value / medians.get(category[item])!) : 0));
}

function standardised(items: readonly Item[], attributes: readonly string[]): Float32Array {
  const out = new Float32Array(items.length * attributes.length);
  attributes.forEach((attribute, column) => {
    const values = items.map((item) => item.attributes[attribute]);
    const numbers = values.filter((value): value is number => typeof value === 'number' && Number.isFinite(value));
    const mean = numbers.reduce((sum, value) => sum + value, 0) / Math.max(1, numbers.length);
    const deviation =
      Math.sqrt(numbers.reduce((sum, value) => sum + (value - mean) ** 2, 0) / Math.max(1, numbers.length)) || 1;
    values.forEach((value, item) => {
      if (typeof value === 'number' && Number.isFinite(value)) {
        out[item * attributes.length + column] = (value - mean) / deviation;
      }
    });
  });
  return out;
}
