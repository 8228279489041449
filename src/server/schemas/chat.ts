// Schemas of the chat and shopping-assistant routes: one turn's request (text or speech), its JSON result, and a
// stored session.

import { z } from 'zod';

export const chatBodySchema = z
  .object({
    message: z.string().max(4000).optional().describe('the shopper’s message (or send `audio`)'),
    sessionId: z.string().min(1).max(128).optional().describe('continue this conversation'),
    userId: z
      .string()
      .min(1)
      .max(512)
      .optional()
      .describe('whose memory and recommendations; a storefront session’s own visitor by default'),
    kind: z.enum(['auto', 'chat', 'plan']).default('auto'),
    language: z.enum(['en', 'zh']).optional(),
    limit: z.number().int().min(1).max(20).default(5).describe('item cards per chat answer'),
    audio: z
      .object({
        data: z.string().min(1).describe('base64 audio (wav, mp3, …)'),
        filename: z.string().max(200).optional(),
      })
      .optional(),
    speak: z
      .union([
        z.boolean(),
        z.object({
          format: z.enum(['mp3', 'opus', 'aac', 'flac', 'wav']).optional(),
          voice: z.string().max(40).optional(),
        }),
      ])
      .optional()
      .describe('also answer with speech (an `audio` event / field)'),
  })
  .refine((body) => Boolean(body.message?.trim()) || body.audio !== undefined, {
    message: 'a message or audio is required',
    path: ['message'],
  });

const itemCardSchema = z.object({
  id: z.string(),
  title: z.string(),
  category: z.string(),
  categoryKey: z.string(),
  price: z.number().nullable(),
  currency: z.string().nullable(),
  image: z.string().nullable(),
  reason: z.string(),
  rating: z.number().nullable(),
  available: z.boolean(),
  quantity: z.number().optional(),
});

export const chatResultSchema = z
  .object({
    sessionId: z.string(),
    reply: z.string(),
    items: z.array(itemCardSchema),
    mode: z.enum(['llm', 'basic']),
    kind: z.enum(['chat', 'plan']),
    question: z.object({ attribute: z.string(), text: z.string() }).nullable(),
    plan: z
      .record(z.string(), z.unknown())
      .nullable()
      .describe('title, budget, total, withinBudget, checklist, items, notes'),
    transcript: z.string().nullable(),
    refused: z.boolean(),
    audio: z.object({ mediaType: z.string(), format: z.string(), data: z.string() }).optional(),
  })
  .meta({ id: 'ChatTurn' });

export const sessionQuery = z.object({ userId: z.string().min(1).max(512).optional() });

export const sessionResponseSchema = z.object({
  id: z.string(),
  userId: z.string().nullable(),
  language: z.enum(['en', 'zh']),
  turns: z.array(
    z.object({
      role: z.enum(['user', 'assistant']),
      text: z.string(),
      items: z.array(z.string()).optional(),
      at: z.number(),
    }),
  ),
  summary: z.string(),
  plan: z.record(z.string(), z.unknown()).nullable(),
  updatedAt: z.number(),
});
