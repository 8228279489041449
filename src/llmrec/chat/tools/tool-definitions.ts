// The chat tools as the model sees them: names, descriptions and zod parameter schemas, each bound to the turn's
// toolbox. Categories may be given by key, name or Chinese name; they are resolved against the catalog here.

import { z } from 'zod';
import type { ToolDefinition } from '../../../llm/spec.ts';
import type { CatalogIndex } from '../catalog-index.ts';
import { type Toolbox, ToolError, type ToolName } from './toolbox.ts';

const category = z.string().describe('a category key or name from the catalog, e.g. "tents"');
const itemId = z.string().describe('a catalog item id exactly as returned by a tool');
const attributeFilter = z.object({
  name: z.string().describe('attribute name as shown in tool results, e.g. "capacity" or "brand"'),
  min: z.number().optional(),
  max: z.number().optional(),
  equals: z
    .array(z.union([z.string(), z.number(), z.boolean()]))
    .optional()
    .describe('any of these values'),
});

export function chatToolDefinitions(
  toolbox: Toolbox,
  index: CatalogIndex,
  // biome-ignore lint/suspicious/noExplicitAny: each tool has its own input type
): Record<ToolName, ToolDefinition<any>> {
  const categories = (names: readonly string[] | undefined): string[] | undefined => {
    if (!names?.length) return undefined;
    return names.map((name) => {
      const found = index.resolveCategory(name);
      if (!found)
        throw new ToolError(
          `unknown category "${name}"; categories include ${index
            .categories()
            .slice(0, 40)
            .map((entry) => entry.key)
            .join(', ')}`,
        );
      return found.key;
    });
  };
  return {
    search: {
      description:
        'Search the catalog (full text and meaning, English or Chinese). Replaces the candidate list with the results.',
      parameters: z.object({
        query: z.string().describe('what to look for, in the shopper’s words'),
        categories: z.array(category).optional(),
        min_price: z.number().optional(),
        max_price: z.number().optional(),
      }),
      execute: (input: { query: string; categories?: string[]; min_price?: number; max_price?: number }) =>
        toolbox.search({
          query: input.query,
          categories: categories(input.categories),
          minPrice: input.min_price,
          maxPrice: input.max_price,
        }),
    },
    filter: {
      description:
        'Narrow the current candidate list by category, price, party size and attribute values or ranges (with an empty list, starts from the categories).',
      parameters: z.object({
        categories: z.array(category).optional(),
        min_price: z.number().optional(),
        max_price: z.number().optional(),
        people: z.number().int().min(1).optional().describe('party size: capacity-like attributes must reach it'),
        attributes: z.array(attributeFilter).optional(),
        exclude_ids: z.array(itemId).optional(),
      }),
      execute: (input: {
        categories?: string[];
        min_price?: number;
        max_price?: number;
        people?: number;
        attributes?: Array<z.infer<typeof attributeFilter>>;
        exclude_ids?: string[];
      }) =>
        toolbox.filter({
          categories: categories(input.categories),
          minPrice: input.min_price,
          maxPrice: input.max_price,
          people: input.people,
          attributes: input.attributes?.map((filter) => ({
            attribute: filter.name,
            min: filter.min,
            max: filter.max,
            oneOf: filter.equals,
          })),
          excludeIds: input.exclude_ids,
        }),
    },
    similar_to: {
      description: 'Items similar to a catalog item. Replaces the candidate list.',
      parameters: z.object({ item_id: itemId }),
      execute: (input: { item_id: string }) => toolbox.similarTo({ itemId: input.item_id }),
    },
    recommend_for_user: {
      description:
        'Personal recommendations for the current shopper from their history and remembered preferences. Replaces the candidate list.',
      parameters: z.object({ categories: z.array(category).optional() }),
      execute: (input: { categories?: string[] }) =>
        toolbox.recommendForUser({ categories: categories(input.categories) }),
    },
    complements: {
      description:
        'Items that go with a catalog item (fuel for a stove, a pad that fits a tent). Replaces the candidate list.',
      parameters: z.object({ item_id: itemId }),
      execute: (input: { item_id: string }) => toolbox.complements({ itemId: input.item_id }),
    },
    item_details: {
      description: 'Full details of up to six catalog items. Does not change the candidate list.',
      parameters: z.object({ item_ids: z.array(itemId).min(1).max(6) }),
      execute: (input: { item_ids: string[] }) => toolbox.itemDetails({ itemIds: input.item_ids }),
    },
    compare: {
      description: 'Compare two to five catalog items attribute by attribute. Does not change the candidate list.',
      parameters: z.object({ item_ids: z.array(itemId).min(2).max(5) }),
      execute: (input: { item_ids: string[] }) => toolbox.compare({ itemIds: input.item_ids }),
    },
  };
}
