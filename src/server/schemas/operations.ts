// Schemas of health, API keys, storefront sessions, the model and pipeline settings.

import { z } from 'zod';

export const healthSchema = z.object({
  status: z.string(),
  modelVersion: z.number().nullable().optional(),
  items: z.number().optional(),
});

export const keyCreateSchema = z.object({
  role: z.enum(['admin', 'client']),
  name: z.string().min(1).max(200),
  /** Requests per rate-limit window; the role's default when absent. */
  rateLimit: z.number().int().min(0).nullable().optional(),
});

export const keyRecordSchema = z.object({
  id: z.string(),
  role: z.enum(['admin', 'client']),
  name: z.string(),
  createdAt: z.number(),
  rateLimit: z.number().nullable(),
});

export const keyCreatedSchema = keyRecordSchema.extend({ key: z.string() });

export const sessionBodySchema = z
  .object({
    /** Act as this user (only when the server allows storefront sessions to choose, e.g. the demo). */
    userId: z.string().min(1).max(512).optional(),
  })
  .nullish();

export const sessionSchema = z.object({ token: z.string(), userId: z.string(), expiresAt: z.number() });

export const modelSchema = z.object({
  version: z.number().nullable(),
  trainedAt: z.number().nullable(),
  ageSeconds: z.number().nullable(),
  models: z.array(z.string()),
  users: z.number(),
  items: z.number(),
  training: z.boolean(),
});

export const trainQuery = z.object({ wait: z.enum(['true', 'false', '1', '0']).optional() });

export const pinnedSchema = z.object({ items: z.array(z.string().min(1).max(512)).max(1000) });
