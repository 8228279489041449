// Schemas of feedback: batches in, results and a user's events out.

import { z } from 'zod';

export const feedbackEventSchema = z.object({
  userId: z.string().min(1).max(512),
  itemId: z.string().min(1).max(512),
  type: z.string().min(1).max(64),
  value: z.number().finite().optional(),
  /** Milliseconds since the epoch, or an ISO date; the server's time when absent. */
  timestamp: z
    .union([
      z.number().int().min(0),
      z
        .string()
        .refine((value) => !Number.isNaN(Date.parse(value)), 'must be an ISO date or milliseconds since the epoch')
        .transform((value) => Date.parse(value)),
    ])
    .optional(),
  /** A retry with the same key is stored once. */
  idempotencyKey: z.string().min(1).max(256).optional(),
  /** Where the item was shown: the recommendation's source, position, request id, propensity (kept in context). */
  source: z.string().max(128).optional(),
  position: z.number().int().min(0).optional(),
  requestId: z.string().max(128).optional(),
  propensity: z.number().min(0).max(1).optional(),
  context: z.record(z.string(), z.unknown()).optional(),
});

export const feedbackBatchSchema = z.object({
  events: z.array(feedbackEventSchema).min(1).max(10_000),
  /** accumulate: every event is a new row; overwrite: one row per (user, item, type), the latest wins. */
  mode: z.enum(['accumulate', 'overwrite']).default('accumulate'),
  /** Create users and items that do not exist yet (default true). */
  createMissing: z.boolean().default(true),
});

export const feedbackResultSchema = z.object({ stored: z.number(), duplicates: z.number() });

export const feedbackQuery = z.object({
  limit: z.coerce.number().int().min(1).max(10_000).default(100),
  types: z
    .string()
    .transform((value) => value.split(',').filter(Boolean))
    .optional(),
  since: z.coerce.number().int().min(0).optional(),
});

export const feedbackListSchema = z.object({
  events: z.array(
    z.object({
      userId: z.string(),
      itemId: z.string(),
      type: z.string(),
      value: z.number(),
      timestamp: z.number(),
      context: z.record(z.string(), z.unknown()).optional(),
    }),
  ),
});
