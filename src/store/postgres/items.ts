// Items in PostgreSQL: bulk upserts staged through COPY, category filtering on a GIN-indexed key array, and the
// search tsvector built in JS beside each row.

import { InvalidInputError } from '../../core/errors.ts';
import { itemBodyText } from '../../core/item-text.ts';
import { cjkGrams, words } from '../../core/text.ts';
import type { Item } from '../../core/types.ts';
import type { ItemListOptions, ItemRepository, Page } from '../store.ts';
import type { PostgresContext } from './context.ts';

export const itemColumns =
  'key, id, title, description, text_json, categories, tags, attributes, price, created_at, available, language';

export interface ItemRow {
  key: number;
  id: string;
  title: string;
  description: string | null;
  text_json: Record<string, string> | null;
  categories: string[];
  tags: string[];
  attributes: Record<string, unknown>;
  price: number | null;
  created_at: number | null;
  available: boolean;
  language: string | null;
}

export function rowToItem(row: ItemRow): Item {
  const item: Item = {
    id: row.id,
    title: row.title,
    categories: row.categories ?? [],
    tags: row.tags ?? [],
    attributes: row.attributes ?? {},
    price: row.price,
    createdAt: row.created_at,
    available: row.available,
    language: row.language,
  };
  if (row.description !== null) item.description = row.description;
  if (row.text_json) item.text = row.text_json;
  return item;
}

/**
 * The tsvector literal of an item: title words (weight A), body words (B), CJK bigrams (C) and unigrams (D), with
 * positions so that a Chinese word matches as a phrase of its bigrams.
 */
export function searchVector(item: Item): string {
  const body = itemBodyText(item);
  const all = `${item.title ?? ''} ${body}`;
  const parts: Array<[string[], string]> = [
    [words(item.title ?? ''), 'A'],
    [words(body), 'B'],
    [cjkGrams(all, 2), 'C'],
    [cjkGrams(all, 1), 'D'],
  ];
  const out: string[] = [];
  let position = 0;
  for (const [tokens, weight] of parts) {
    for (const token of tokens) {
      position++;
      if (token.length > 200) continue;
      out.push(`'${token.replace(/\\/g, '\\\\').replace(/'/g, "''")}':${Math.min(position, 16383)}${weight}`);
    }
  }
  return out.join(' ');
}

const stageColumns = `ord integer, id text, title text, description text, text_json jsonb, categories jsonb, tags jsonb,
  attributes jsonb, price double precision, created_at bigint, available boolean, language text, search tsvector`;

export class PostgresItems implements ItemRepository {
  readonly #context: PostgresContext;

  constructor(context: PostgresContext) {
    this.#context = context;
  }

  async upsert(items: readonly Item[]): Promise<number> {
    if (items.length === 0) return 0;
    items.forEach((item, index) => {
      if (typeof item.id !== 'string' || item.id === '') {
        throw new InvalidInputError(`items[${index}].id must be a non-empty string`, {
          context: { field: `items[${index}].id` },
        });
      }
    });
    return this.#context.write(async (session) => {
      const stage = await session.stage('lmrec_item_stage', stageColumns);
      await session.copy(
        stage,
        [
          'ord',
          'id',
          'title',
          'description',
          'text_json',
          'categories',
          'tags',
          'attributes',
          'price',
          'created_at',
          'available',
          'language',
          'search',
        ],
        items.map((item, ord) => [
          ord,
          item.id,
          item.title ?? '',
          item.description ?? null,
          item.text ? JSON.stringify(item.text) : null,
          JSON.stringify(item.categories ?? []),
          JSON.stringify(item.tags ?? []),
          JSON.stringify(item.attributes ?? {}),
          item.price ?? null,
          item.createdAt ?? null,
          item.available !== false,
          item.language ?? null,
          searchVector(item),
        ]),
      );
      // The last row of an id within the batch wins, as sequential upserts would.
      await session.run(
        `INSERT INTO items (id, title, description, text_json, categories, category_keys, tags, attributes, price,
           created_at, available, language, search)
         SELECT DISTINCT ON (id) id, title, description, text_json, categories,
           ARRAY(SELECT lower(c) FROM jsonb_array_elements_text(categories) c), tags, attributes, price, created_at,
           available, language, search
         FROM ${stage} ORDER BY id, ord DESC
         ON CONFLICT (id) DO UPDATE SET title = excluded.title, description = excluded.description,
           text_json = excluded.text_json, categories = excluded.categories, category_keys = excluded.category_keys,
           tags = excluded.tags, attributes = excluded.attributes, price = excluded.price,
           created_at = excluded.created_at, available = excluded.available, language = excluded.language,
           search = excluded.search`,
      );
      return items.length;
    });
  }

  async get(ids: readonly string[]): Promise<Item[]> {
    if (ids.length === 0) return [];
    const rows = await this.#context.rows<ItemRow>(`SELECT ${itemColumns} FROM items WHERE id = ANY($1::text[])`, [
      ids,
    ]);
    const byId = new Map(rows.map((row) => [row.id, rowToItem(row)]));
    return ids.flatMap((id) => {
      const item = byId.get(id);
      return item ? [item] : [];
    });
  }

  async list(options: ItemListOptions): Promise<Page<Item>> {
    const where = ['key > $1'];
    const params: unknown[] = [options.cursor ? Number(options.cursor) : 0];
    if (options.category) {
      params.push(options.category.toLowerCase());
      where.push(`category_keys @> ARRAY[$${params.length}::text]`);
    }
    if (options.availableOnly) where.push('available');
    params.push(options.limit + 1);
    const rows = await this.#context.rows<ItemRow>(
      `SELECT ${itemColumns} FROM items WHERE ${where.join(' AND ')} ORDER BY key LIMIT $${params.length}`,
      params,
    );
    const more = rows.length > options.limit;
    const page = more ? rows.slice(0, options.limit) : rows;
    return { rows: page.map(rowToItem), nextCursor: more ? String(page[page.length - 1].key) : null };
  }

  async remove(ids: readonly string[]): Promise<number> {
    if (ids.length === 0) return 0;
    return this.#context.write(async (session) => {
      await session.run('DELETE FROM feedback WHERE item_key IN (SELECT key FROM items WHERE id = ANY($1::text[]))', [
        ids,
      ]);
      return session.run('DELETE FROM items WHERE id = ANY($1::text[])', [ids]);
    });
  }
}
