// Schemas shared by several routes: errors, pagination, comma-separated lists and query booleans.

import { z } from 'zod';

export const errorSchema = z
  .object({
    statusCode: z.number(),
    error: z.string(),
    message: z.string(),
    /** The request field that failed, e.g. `n` or `events[3].type`. */
    field: z.string().optional(),
  })
  .meta({ id: 'Error' });

export const errorResponses = {
  400: errorSchema,
  401: errorSchema,
  403: errorSchema,
  404: errorSchema,
  429: errorSchema,
};

/** `true`/`false`/`1`/`0` in a query string. */
export const queryBoolean = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');

/** A list given as `a,b` or as the parameter repeated. */
export const queryList = z.union([z.string(), z.array(z.string())]).transform((value) =>
  (Array.isArray(value) ? value : [value])
    .flatMap((part) => part.split(','))
    .map((part) => part.trim())
    .filter(Boolean),
);

export const idParams = z.object({ id: z.string().min(1).max(512) });

export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: z.string().regex(/^\d+$/, 'must be a cursor from a previous page').optional(),
});

export const languageSchema = z.enum(['en', 'zh']).default('en');
