// Full-text search over items with FTS5 (BM25, title weighted 4×), filtered by category, price and availability.
// All query words must match; when that finds too few, items matching any word fill the rest.

import { matchExpression } from '../../core/text.ts';
import { searchAllThenAny } from '../search-fallback.ts';
import type { SearchHit, SearchQuery, TextSearch } from '../store.ts';
import type { SqliteContext } from './context.ts';

export class SqliteSearch implements TextSearch {
  readonly #context: SqliteContext;

  constructor(context: SqliteContext) {
    this.#context = context;
  }

  async search(query: SearchQuery): Promise<SearchHit[]> {
    return searchAllThenAny(query, (mode, limit) => this.#run(query, mode, limit));
  }

  #run(query: SearchQuery, mode: 'all' | 'any', limit: number): SearchHit[] {
    const expression = matchExpression(query.text, mode);
    if (!expression) return [];
    const where = ['item_fts MATCH ?'];
    const params: (string | number)[] = [expression];
    if (query.category) {
      where.push('i.key IN (SELECT item_key FROM item_categories WHERE category = ?)');
      params.push(query.category.toLowerCase());
    }
    if (query.minPrice !== undefined) {
      where.push('i.price >= ?');
      params.push(query.minPrice);
    }
    if (query.maxPrice !== undefined) {
      where.push('i.price <= ?');
      params.push(query.maxPrice);
    }
    if (query.availableOnly) where.push('i.available = 1');
    params.push(limit);
    const rows = this.#context
      .statement(
        `SELECT i.id AS id, bm25(item_fts, 4.0, 1.0, 1.0, 2.0) AS rank FROM item_fts JOIN items i ON i.key = item_fts.rowid
         WHERE ${where.join(' AND ')} ORDER BY rank, i.key LIMIT ?`,
      )
      .all(...params) as Array<{ id: string; rank: number }>;
    return rows.map((row) => ({ id: row.id, score: -row.rank }));
  }
}
