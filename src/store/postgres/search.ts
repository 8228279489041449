// Full-text search over items with the JS-built tsvector: Latin words match by prefix in title or body, CJK words
// as a phrase of their bigrams; ranked by ts_rank with title hits weighted highest. Mirrors the SQLite FTS5 search:
// all words must match, and items matching any word fill up a short answer below them.

import { cjkGrams, isCjk, words } from '../../core/text.ts';
import { searchAllThenAny } from '../search-fallback.ts';
import type { SearchHit, SearchQuery, TextSearch } from '../store.ts';
import type { PostgresContext } from './context.ts';

/** A tsquery literal over the item tsvector, or null when the query has no searchable word. */
export function tsquery(text: string, mode: 'all' | 'any'): string | null {
  const quote = (lexeme: string) => `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
  const clauses: string[] = [];
  for (const word of words(text)) {
    if (word.length > 200) continue;
    if (isCjk(word)) {
      const chars = [...word];
      if (chars.length === 1) clauses.push(`${quote(chars[0])}:D`);
      else
        clauses.push(
          `(${cjkGrams(word, 2)
            .map((gram) => `${quote(gram)}:C`)
            .join(' <-> ')})`,
        );
    } else {
      clauses.push(`${quote(word)}:*AB`);
    }
  }
  if (clauses.length === 0) return null;
  return clauses.join(mode === 'all' ? ' & ' : ' | ');
}

export class PostgresSearch implements TextSearch {
  readonly #context: PostgresContext;

  constructor(context: PostgresContext) {
    this.#context = context;
  }

  async search(query: SearchQuery): Promise<SearchHit[]> {
    return searchAllThenAny(query, (mode, limit) => this.#run(query, mode, limit));
  }

  async #run(query: SearchQuery, mode: 'all' | 'any', limit: number): Promise<SearchHit[]> {
    const expression = tsquery(query.text, mode);
    if (!expression) return [];
    const params: unknown[] = [expression];
    const where = ['search @@ $1::tsquery'];
    if (query.category) {
      params.push(query.category.toLowerCase());
      where.push(`category_keys @> ARRAY[$${params.length}::text]`);
    }
    if (query.minPrice !== undefined) {
      params.push(query.minPrice);
      where.push(`price >= $${params.length}`);
    }
    if (query.maxPrice !== undefined) {
      params.push(query.maxPrice);
      where.push(`price <= $${params.length}`);
    }
    if (query.availableOnly) where.push('available');
    params.push(limit);
    const rows = await this.#context.rows<{ id: string; score: number }>(
      `SELECT id, ts_rank('{0.1, 0.2, 0.4, 1.0}', search, $1::tsquery) AS score FROM items
       WHERE ${where.join(' AND ')} ORDER BY score DESC, key LIMIT $${params.length}`,
      params,
    );
    return rows;
  }
}
