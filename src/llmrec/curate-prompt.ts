// The prompt and output schema of `lmrec curate`: the LLM turns a theme ("winter camping", "Mid-Autumn Festival
// gifts") into shopping intents written as catalog search queries, each with a reason. It never names items: items
// come from hybrid search over the real catalog, so every curated id is grounded.

import { z } from 'zod';
import type { Catalog } from '../pipeline/catalog.ts';

export const intentsSchema = z.object({
  intents: z
    .array(
      z.object({
        /** A short search query for the catalog, e.g. "down sleeping bag". */
        query: z.string().min(1).max(120),
        /** One sentence a shopper reads: why this fits the theme. */
        reason: z.string().min(1).max(300),
      }),
    )
    .min(1)
    .max(40),
});

export type IntentsAnswer = z.infer<typeof intentsSchema>;

/** Category paths of the catalog with their sizes, largest first (at most `limit`). */
export function catalogCategories(catalog: Catalog, limit = 80): Array<{ path: string; size: number }> {
  const sizes = new Map<string, number>();
  for (const { item } of catalog.values()) {
    if (item.categories.length === 0) continue;
    const path = item.categories.join(' / ');
    sizes.set(path, (sizes.get(path) ?? 0) + 1);
  }
  return [...sizes]
    .map(([path, size]) => ({ path, size }))
    .sort((a, b) => b.size - a.size || (a.path < b.path ? -1 : 1))
    .slice(0, limit);
}

export function curatePrompt(options: {
  theme: string;
  intents: number;
  categories: ReadonlyArray<{ path: string; size: number }>;
}): { system: string; prompt: string } {
  const system =
    'You curate a seasonal or holiday collection for an online shop. Given a theme, write distinct shopping intents: ' +
    'what a customer shopping for the theme looks for, each as a short search query in the words a catalog uses ' +
    '(product type plus the key property, e.g. "4-season tent", not a sentence), and a one-sentence reason a shopper ' +
    'reads. Cover different needs of the theme; prefer products from the listed categories. Do not name specific ' +
    'items or brands. Answer as JSON {"intents": [{"query", "reason"}]}.';
  const list = options.categories.map((category) => `- ${category.path} (${category.size})`).join('\n');
  const prompt = `Theme: ${options.theme}\nWrite ${options.intents} intents.\nThe shop's categories (items):\n${list}`;
  return { system, prompt };
}
