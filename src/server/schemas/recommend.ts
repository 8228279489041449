// Schemas of recommendations, item lists and search.

import { z } from 'zod';
import { itemSchema } from './catalog.ts';
import { languageSchema, queryBoolean, queryList } from './common.ts';

export const reasonSchema = z.object({ kind: z.string(), text: z.string(), evidence: z.array(z.string()) });

export const recommendQuery = z.object({
  n: z.coerce.number().int().min(1).max(200).default(10),
  offset: z.coerce.number().int().min(0).max(1000).default(0),
  /** Only these categories (comma-separated or repeated). */
  category: queryList.optional(),
  excludeCategory: queryList.optional(),
  /** Item ids never returned. */
  exclude: queryList.optional(),
  explain: queryBoolean.default(true),
  lang: languageSchema,
  /** Include each item's catalog record. */
  details: queryBoolean.default(false),
  /** Admin only: per-stage results (the pipeline inspector). */
  debug: queryBoolean.default(false),
});

export const recommendedItemSchema = z.object({
  id: z.string(),
  score: z.number(),
  source: z.string(),
  sources: z.array(z.string()),
  position: z.number(),
  propensity: z.number(),
  explored: z.boolean(),
  reasons: z.array(reasonSchema),
  item: itemSchema.optional(),
});

export const recommendResponseSchema = z
  .object({
    items: z.array(recommendedItemSchema),
    modelVersion: z.number().nullable(),
    requestId: z.string(),
    fallback: z.array(z.string()),
    trace: z.array(z.unknown()).optional(),
  })
  .meta({ id: 'Recommendations' });

export const sessionRecommendBody = z.object({
  /** The session's items, oldest first: ids, or {itemId, type}. */
  items: z
    .array(z.union([z.string().min(1), z.object({ itemId: z.string().min(1), type: z.string().min(1).optional() })]))
    .max(500),
  n: z.number().int().min(1).max(200).default(10),
  category: z.array(z.string()).optional(),
  exclude: z.array(z.string()).optional(),
  lang: languageSchema,
  details: z.boolean().default(false),
});

export const listQuery = z.object({
  n: z.coerce.number().int().min(1).max(200).default(10),
  category: queryList.optional(),
  exclude: queryList.optional(),
  lang: languageSchema,
  details: queryBoolean.default(false),
});

export const listResponseSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      score: z.number(),
      source: z.string(),
      reasons: z.array(reasonSchema),
      item: itemSchema.optional(),
    }),
  ),
  modelVersion: z.number().nullable(),
});

export const searchQuery = z.object({
  q: z.string().min(1).max(1000),
  category: z.string().min(1).optional(),
  minPrice: z.coerce.number().min(0).optional(),
  maxPrice: z.coerce.number().min(0).optional(),
  n: z.coerce.number().int().min(1).max(200).default(20),
  available: queryBoolean.default(true),
});

const facetSchema = z.array(z.object({ value: z.string(), count: z.number() }));

export const searchResponseSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      score: z.number(),
      matchedBy: z.array(z.enum(['text', 'embedding'])),
      item: itemSchema,
    }),
  ),
  total: z.number(),
  facets: z.object({
    categories: facetSchema,
    brands: facetSchema,
    price: z.object({
      min: z.number().nullable(),
      max: z.number().nullable(),
      buckets: z.array(z.object({ from: z.number(), to: z.number().nullable(), count: z.number() })),
    }),
  }),
});
