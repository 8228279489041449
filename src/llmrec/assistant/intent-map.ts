// The intent → categories map basic mode plans from ("rainy hike" → rain jacket, boots, pack, shelter, stove, food).
// The demo shop ships one (kv `demo` / `intents`); `buildIntentMap` writes one for any catalog to kv `assistant` /
// `intents`, which extends and overrides it by id. Both are validated with one schema.

import { z } from 'zod';
import type { DemoIntent } from '../../data/demo/intents.ts';
import type { KeyValueRepository } from '../../store/store.ts';

/** An intent: the demo's shape, which any catalog's map follows. */
export type IntentDefinition = DemoIntent;

const bilingual = z.object({ en: z.string().min(1), zh: z.string().min(1) });

export const intentSchema = z.object({
  id: z.string().min(1),
  name: bilingual,
  keywords: z.object({ en: z.array(z.string()), zh: z.array(z.string()) }),
  needs: z
    .array(
      z.object({
        categories: z.array(z.string().min(1)).min(1),
        label: bilingual,
        required: z.boolean(),
        constraints: z
          .array(
            z.object({
              attribute: z.string().min(1),
              min: z.number().optional(),
              max: z.number().optional(),
              oneOf: z.array(z.union([z.string(), z.number(), z.boolean()])).optional(),
            }),
          )
          .optional(),
        perDay: z.number().positive().optional(),
        perPerson: z.boolean().optional(),
      }),
    )
    .min(1),
  months: z.array(z.number().int().min(1).max(12)),
  days: z.number().int().positive(),
  people: z.number().int().positive(),
});

export const intentMapSchema = z.array(intentSchema);

export const intentNamespace = 'assistant';
export const intentKey = 'intents';

/** The store's intent map: the built one over the demo's (same id: the built one wins). Invalid entries are skipped. */
export async function loadIntentMap(kv: KeyValueRepository): Promise<IntentDefinition[]> {
  const byId = new Map<string, IntentDefinition>();
  for (const namespace of ['demo', intentNamespace]) {
    const stored = await kv.get<unknown[]>(namespace, intentKey);
    if (!Array.isArray(stored)) continue;
    for (const entry of stored) {
      const parsed = intentSchema.safeParse(entry);
      if (parsed.success) byId.set(parsed.data.id, parsed.data);
    }
  }
  return [...byId.values()];
}

export async function saveIntentMap(kv: KeyValueRepository, intents: readonly IntentDefinition[]): Promise<void> {
  await kv.set(intentNamespace, intentKey, intentMapSchema.parse(intents));
}
