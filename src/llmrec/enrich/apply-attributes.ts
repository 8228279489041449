// Writes extracted attributes onto an item. The provenance lives under `attributes.enriched` (source, schema
// version, values, which keys and tags it added); the values are also copied to top-level attributes the catalog
// does not already have, so filters, the chat assistant, item-to-item and the ranker read them like any attribute.
// A rerun first removes what the previous run added, so results never pile up.

import type { Store } from '../../store/store.ts';
import { type CategorySchema, schemaVersion } from './attribute-schema.ts';
import type { AttributeValue } from './normalise-values.ts';

export interface ExtractedAttributes {
  values: Record<string, AttributeValue>;
  /** Keyword tags (TF-IDF) for the item. */
  keywords: string[];
}

export interface EnrichedAttributes {
  source: 'llm' | 'rules';
  schema: string;
  values: Record<string, AttributeValue>;
  /** Top-level attribute keys this enrichment added. */
  filled: string[];
  /** Tags this enrichment added. */
  tags: string[];
  at: number;
}

export async function applyAttributes(options: {
  store: Store;
  itemId: string;
  schema: CategorySchema;
  result: ExtractedAttributes;
  source: 'llm' | 'fallback';
}): Promise<void> {
  const [item] = await options.store.items.get([options.itemId]);
  if (!item) return;
  const previous = item.attributes.enriched as EnrichedAttributes | undefined;
  const attributes = { ...item.attributes };
  for (const key of previous?.filled ?? []) delete attributes[key];
  const previousTags = new Set(previous?.tags ?? []);
  const ownTags = item.tags.filter((tag) => !previousTags.has(tag));
  const filled: string[] = [];
  for (const [key, value] of Object.entries(options.result.values))
    if (attributes[key] === undefined && key !== 'enriched') {
      attributes[key] = value;
      filled.push(key);
    }
  const tags = tagsOf(options.schema, options.result).filter((tag) => !ownTags.includes(tag));
  attributes.enriched = {
    source: options.source === 'llm' ? 'llm' : 'rules',
    schema: schemaVersion(options.schema),
    values: options.result.values,
    filled,
    tags,
    at: Date.now(),
  } satisfies EnrichedAttributes;
  await options.store.items.upsert([{ ...item, attributes, tags: [...ownTags, ...tags] }]);
}

/** Enum values, true booleans (`waterproof`) and keyword tags, slugged and deduplicated. */
function tagsOf(schema: CategorySchema, result: ExtractedAttributes): string[] {
  const tags = new Set<string>();
  for (const field of schema.fields) {
    const value = result.values[field.name];
    if (field.type === 'enum' && typeof value === 'string') tags.add(slug(value));
    if (field.type === 'boolean' && value === true) tags.add(slug(field.name));
  }
  for (const keyword of result.keywords) tags.add(slug(keyword));
  tags.delete('');
  return [...tags].slice(0, 12);
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9\u4e00-\u9fff]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
