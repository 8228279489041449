// Schemas of items and users as the API takes and gives them.

import { z } from 'zod';

const id = z.string().min(1).max(512);
const time = z.union([
  z.number().int().min(0),
  z
    .string()
    .refine((value) => !Number.isNaN(Date.parse(value)), 'must be an ISO date or milliseconds since the epoch')
    .transform((value) => Date.parse(value)),
]);

export const itemFields = {
  title: z.string().max(10_000),
  description: z.string().max(100_000),
  text: z.record(z.string(), z.string()),
  categories: z.array(z.string().min(1).max(500)).max(20),
  tags: z.array(z.string().max(500)).max(500),
  attributes: z.record(z.string(), z.unknown()),
  price: z.number().finite().nullable(),
  createdAt: time.nullable(),
  available: z.boolean(),
  language: z.string().max(35).nullable(),
};

export const itemSchema = z
  .object({
    id,
    title: itemFields.title.default(''),
    description: itemFields.description.optional(),
    text: itemFields.text.optional(),
    categories: itemFields.categories.default([]),
    tags: itemFields.tags.default([]),
    attributes: itemFields.attributes.default({}),
    price: itemFields.price.optional(),
    createdAt: itemFields.createdAt.optional(),
    available: itemFields.available.default(true),
    language: itemFields.language.optional(),
  })
  .meta({ id: 'Item' });

export const itemPatchSchema = z.strictObject({
  title: itemFields.title.optional(),
  description: itemFields.description.optional(),
  text: itemFields.text.optional(),
  categories: itemFields.categories.optional(),
  tags: itemFields.tags.optional(),
  attributes: itemFields.attributes.optional(),
  price: itemFields.price.optional(),
  createdAt: itemFields.createdAt.optional(),
  available: itemFields.available.optional(),
  language: itemFields.language.optional(),
});

export const itemsBodySchema = z.union([itemSchema, z.object({ items: z.array(itemSchema).min(1).max(10_000) })]);

export const itemListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: z.string().regex(/^\d+$/, 'must be a cursor from a previous page').optional(),
  category: z.string().min(1).optional(),
  available: z.enum(['true', 'false', '1', '0']).optional(),
});

export const itemPageSchema = z.object({ items: z.array(itemSchema), nextCursor: z.string().nullable() });

export const userSchema = z
  .object({ id, attributes: z.record(z.string(), z.unknown()).default({}) })
  .meta({ id: 'User' });

export const userPatchSchema = z.strictObject({ attributes: z.record(z.string(), z.unknown()) });

export const usersBodySchema = z.union([userSchema, z.object({ users: z.array(userSchema).min(1).max(10_000) })]);

export const userPageSchema = z.object({ users: z.array(userSchema), nextCursor: z.string().nullable() });

export const writeResultSchema = z.object({ stored: z.number() });

export const importResultSchema = z.object({ stored: z.number(), lines: z.number() });

export const hiddenSchema = z.object({ items: z.array(id).max(10_000) });
