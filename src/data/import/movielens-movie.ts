// Shared by the MovieLens readers: a movie as an item, the ratings columns, and tag counting.

import { type Item, makeItem } from '../../core/types.ts';
import { titleYear } from './field-values.ts';

/**
 * A movie as an item. MovieLens genres have no hierarchy, so they fill `categories` in their listed order (category
 * filters then match any genre); the year from the title becomes an attribute, user tags become item tags.
 */
export function movieItem(options: {
  id: string;
  title: string;
  genres: string[];
  tags?: string[];
  attributes?: Record<string, unknown>;
  createdAt?: number | null;
}): Item {
  const attributes: Record<string, unknown> = { ...options.attributes };
  const year = titleYear(options.title);
  if (year !== null) attributes.year = year;
  const genres = options.genres.filter((genre) => genre && genre !== '(no genres listed)');
  return makeItem({
    id: options.id,
    title: options.title.trim(),
    categories: genres,
    tags: options.tags ?? [],
    attributes,
    createdAt: options.createdAt ?? null,
    language: 'en',
  });
}

/** The ratings file columns shared by every release. */
export const ratingColumns = { user: 'userId', item: 'movieId', value: 'rating', time: 'timestamp' } as const;

/** Counts tags per movie, merging case variants, and keeps the most used ones. */
export class TagCounter {
  readonly #byMovie = new Map<string, Map<string, { tag: string; count: number }>>();

  add(movieId: string, tag: string): void {
    const clean = tag.trim();
    if (!clean) return;
    let tags = this.#byMovie.get(movieId);
    if (!tags) this.#byMovie.set(movieId, (tags = new Map()));
    const key = clean.toLowerCase();
    const entry = tags.get(key);
    if (entry) entry.count++;
    else tags.set(key, { tag: clean, count: 1 });
  }

  /** Per movie, up to `limit` tags (default 50), most used first, ties in first-seen order. */
  lists(limit = 50): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const [movie, tags] of this.#byMovie) {
      const sorted = [...tags.values()].sort((a, b) => b.count - a.count).slice(0, limit);
      out.set(
        movie,
        sorted.map((entry) => entry.tag),
      );
    }
    return out;
  }
}
