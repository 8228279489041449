// The two jobs of `enrich attributes`: per category the LLM proposes a schema from sample items (fallback: the
// rule fields found in the category); per item it extracts values against that schema (fallback: the rules).

import type { Item } from '../../core/types.ts';
import { BudgetExceededError } from '../../llm/errors.ts';
import type { LlmJob } from '../jobs/llm-job.ts';
import { applyAttributes, type ExtractedAttributes } from './apply-attributes.ts';
import {
  extractMessages,
  extractPrompt,
  extractSystem,
  imageOf,
  schemaPrompt,
  schemaSystem,
} from './attribute-prompts.ts';
import {
  type CategorySchema,
  cleanSchema,
  extractionSchema,
  proposedSchema,
  schemaVersion,
} from './attribute-schema.ts';
import { normaliseValues } from './normalise-values.ts';
import { extractByRules, rulesSchema } from './rule-extractors.ts';

export const schemaNamespace = 'enrich:attribute-schema';
const samplesPerCategory = 6;

export interface CategoryUnit {
  category: string;
  items: readonly Item[];
}

/** Evenly spaced samples of a category (deterministic). */
export function samplesOf(items: readonly Item[], count = samplesPerCategory): Item[] {
  if (items.length <= count) return [...items];
  return Array.from({ length: count }, (_, k) => items[Math.floor((k * items.length) / count)]);
}

export function schemaJob(units: readonly CategoryUnit[]): LlmJob<CategoryUnit, CategorySchema> {
  return {
    name: 'enrich-attributes-schema',
    version: 'schema-1',
    units,
    key: (unit) => unit.category,
    prompts: (unit) => [
      { system: schemaSystem, prompt: schemaPrompt(unit.category, samplesOf(unit.items)), expectedOutputTokens: 400 },
    ],
    run: async (unit, llm) => {
      const answer = await llm.json({
        system: schemaSystem,
        prompt: schemaPrompt(unit.category, samplesOf(unit.items)),
        schema: proposedSchema,
        name: 'attribute_schema',
        temperature: 0,
      });
      const schema = cleanSchema(unit.category, answer.value, 'llm');
      if (!schema.fields.length) throw new Error(`the proposed schema for ${unit.category} has no usable field`);
      return schema;
    },
    fallback: (unit) => rulesSchema(unit.category, unit.items),
    apply: async (unit, schema, context) => {
      await context.store.kv.set(schemaNamespace, unit.category, schema);
    },
  };
}

export interface ItemUnit {
  item: Item;
  schema: CategorySchema;
}

export function extractJob(
  units: readonly ItemUnit[],
  keywords: ReadonlyMap<string, string[]>,
): LlmJob<ItemUnit, ExtractedAttributes> {
  return {
    name: 'enrich-attributes',
    version: 'extract-1',
    units,
    // The schema's fingerprint is part of the key: a new schema redoes its items.
    key: (unit) => `${unit.item.id}@${schemaVersion(unit.schema)}`,
    prompts: (unit) => [
      {
        system: extractSystem,
        prompt: extractPrompt(unit.schema, unit.item),
        expectedOutputTokens: 12 * unit.schema.fields.length,
      },
    ],
    run: async (unit, llm) => {
      const ask = (vision: boolean) =>
        llm.json({
          system: extractSystem,
          messages: extractMessages(unit.schema, unit.item, vision),
          schema: extractionSchema(unit.schema),
          name: 'attributes',
          temperature: 0,
        });
      // A picture that cannot be fetched or read should not cost the item its text extraction.
      const pictured = llm.vision && imageOf(unit.item) !== null;
      const answer = await ask(pictured).catch((error: unknown) => {
        if (pictured && !BudgetExceededError.isInstance(error)) return ask(false);
        throw error;
      });
      return { values: normaliseValues(unit.schema, answer.value), keywords: keywords.get(unit.item.id) ?? [] };
    },
    fallback: (unit) => ({ values: extractByRules(unit.item), keywords: keywords.get(unit.item.id) ?? [] }),
    apply: (unit, result, context) =>
      applyAttributes({
        store: context.store,
        itemId: unit.item.id,
        schema: unit.schema,
        result,
        source: context.source,
      }),
  };
}
