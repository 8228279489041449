// Items in SQLite: rows, category levels for filtering, and the full-text index, kept in step on every write.

import { itemBodyText } from '../../core/item-text.ts';
import { cjkGrams, words } from '../../core/text.ts';
import type { Item } from '../../core/types.ts';
import type { ItemListOptions, ItemRepository, Page } from '../store.ts';
import { parseJson, type SqliteContext } from './context.ts';

const columns =
  'key, id, title, description, text_json, categories_json, tags_json, attributes_json, price, created_at, available, language';

interface ItemRow {
  key: number;
  id: string;
  title: string;
  description: string | null;
  text_json: string | null;
  categories_json: string;
  tags_json: string;
  attributes_json: string;
  price: number | null;
  created_at: number | null;
  available: number;
  language: string | null;
}

export function rowToItem(row: ItemRow): Item {
  const item: Item = {
    id: row.id,
    title: row.title,
    categories: parseJson(row.categories_json, []),
    tags: parseJson(row.tags_json, []),
    attributes: parseJson(row.attributes_json, {}),
    price: row.price,
    createdAt: row.created_at,
    available: row.available === 1,
    language: row.language,
  };
  if (row.description !== null) item.description = row.description;
  if (row.text_json) item.text = parseJson(row.text_json, {});
  return item;
}

export class SqliteItems implements ItemRepository {
  readonly #context: SqliteContext;

  constructor(context: SqliteContext) {
    this.#context = context;
  }

  async upsert(items: readonly Item[]): Promise<number> {
    return this.#context.write(() => {
      for (const item of items) this.upsertOne(item);
      return items.length;
    });
  }

  /** Writes one item; the caller holds the write path. Returns its key. */
  upsertOne(item: Item): number {
    const context = this.#context;
    const row = context
      .statement(
        `INSERT INTO items (id, title, description, text_json, categories_json, tags_json, attributes_json, price, created_at, available, language)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET title = excluded.title, description = excluded.description, text_json = excluded.text_json,
           categories_json = excluded.categories_json, tags_json = excluded.tags_json, attributes_json = excluded.attributes_json,
           price = excluded.price, created_at = excluded.created_at, available = excluded.available, language = excluded.language
         RETURNING key`,
      )
      .get(
        item.id,
        item.title ?? '',
        item.description ?? null,
        item.text ? JSON.stringify(item.text) : null,
        JSON.stringify(item.categories ?? []),
        JSON.stringify(item.tags ?? []),
        JSON.stringify(item.attributes ?? {}),
        item.price ?? null,
        item.createdAt ?? null,
        item.available === false ? 0 : 1,
        item.language ?? null,
      ) as { key: number };
    const key = row.key;
    context.itemKeys.set(item.id, key);
    context.statement('DELETE FROM item_categories WHERE item_key = ?').run(key);
    const insertCategory = context.statement(
      'INSERT OR IGNORE INTO item_categories (category, item_key) VALUES (?, ?)',
    );
    for (const category of item.categories ?? []) insertCategory.run(category.toLowerCase(), key);
    context.statement('DELETE FROM item_fts WHERE rowid = ?').run(key);
    const body = itemBodyText(item);
    const all = `${item.title} ${body}`;
    context
      .statement('INSERT INTO item_fts (rowid, title, body, unigrams, bigrams) VALUES (?, ?, ?, ?, ?)')
      .run(
        key,
        words(item.title ?? '').join(' '),
        words(body).join(' '),
        cjkGrams(all, 1).join(' '),
        cjkGrams(all, 2).join(' '),
      );
    return key;
  }

  async get(ids: readonly string[]): Promise<Item[]> {
    if (ids.length === 0) return [];
    const rows = this.#context
      .statement(`SELECT ${columns} FROM items WHERE id IN (SELECT value FROM json_each(?))`)
      .all(JSON.stringify(ids)) as unknown as ItemRow[];
    const byId = new Map(rows.map((row) => [row.id, rowToItem(row)]));
    const out: Item[] = [];
    for (const id of ids) {
      const item = byId.get(id);
      if (item) out.push(item);
    }
    return out;
  }

  async list(options: ItemListOptions): Promise<Page<Item>> {
    const after = options.cursor ? Number(options.cursor) : 0;
    const where = ['key > ?'];
    const params: (string | number)[] = [after];
    if (options.category) {
      where.push('key IN (SELECT item_key FROM item_categories WHERE category = ?)');
      params.push(options.category.toLowerCase());
    }
    if (options.availableOnly) where.push('available = 1');
    params.push(options.limit + 1);
    const rows = this.#context
      .statement(`SELECT ${columns} FROM items WHERE ${where.join(' AND ')} ORDER BY key LIMIT ?`)
      .all(...params) as unknown as ItemRow[];
    const more = rows.length > options.limit;
    const page = more ? rows.slice(0, options.limit) : rows;
    return { rows: page.map(rowToItem), nextCursor: more ? String(page[page.length - 1].key) : null };
  }

  async remove(ids: readonly string[]): Promise<number> {
    const context = this.#context;
    return context.write(() => {
      let removed = 0;
      for (const id of ids) {
        const row = context.statement('SELECT key FROM items WHERE id = ?').get(id) as { key: number } | undefined;
        if (!row) continue;
        context.statement('DELETE FROM feedback WHERE item_key = ?').run(row.key);
        context.statement('DELETE FROM item_categories WHERE item_key = ?').run(row.key);
        context.statement('DELETE FROM item_fts WHERE rowid = ?').run(row.key);
        context.statement('DELETE FROM items WHERE key = ?').run(row.key);
        context.itemKeys.delete(id);
        removed++;
      }
      return removed;
    });
  }
}
