// Item-to-item by attributes: items of the same category scored by how many extracted attributes they share (equal
// enums, texts and booleans; numbers by relative closeness), over the fields either item has. Works on enriched
// values and on a catalog's own attributes alike, so enriched and native items compare.

import type { Item } from '../../core/types.ts';
import { categoryKeyOf } from '../chat/catalog-index.ts';
import type { EnrichedAttributes } from './apply-attributes.ts';
import type { CategorySchema } from './attribute-schema.ts';
import type { AttributeValue } from './normalise-values.ts';

/** Attribute names the ranker can use (RankingCatalogOptions): numbers as numeric features, the rest categorical. */
export function rankerAttributes(schemas: readonly CategorySchema[]): { categorical: string[]; numeric: string[] } {
  const categorical = new Set<string>();
  const numeric = new Set<string>();
  for (const schema of schemas)
    for (const field of schema.fields) (field.type === 'number' ? numeric : categorical).add(field.name);
  return { categorical: [...categorical], numeric: [...numeric] };
}

/** The values an item's enrichment found, falling back to its own attributes for the same names. */
export function attributeValues(item: Item): Record<string, AttributeValue> {
  const enriched = item.attributes.enriched as EnrichedAttributes | undefined;
  const values: Record<string, AttributeValue> = { ...(enriched?.values ?? {}) };
  for (const name of Object.keys(values)) {
    const own = item.attributes[name];
    if (typeof own === 'number' || typeof own === 'string' || typeof own === 'boolean') values[name] = own;
  }
  return values;
}

/** Similarity in [0, 1] of two items' attribute values. */
export function attributeSimilarity(a: Record<string, AttributeValue>, b: Record<string, AttributeValue>): number {
  const names = new Set([...Object.keys(a), ...Object.keys(b)]);
  if (names.size === 0) return 0;
  let score = 0;
  for (const name of names) {
    const left = a[name];
    const right = b[name];
    if (left === undefined || right === undefined) continue;
    if (typeof left === 'number' && typeof right === 'number') {
      const scale = Math.max(Math.abs(left), Math.abs(right));
      score += scale === 0 ? 1 : Math.max(0, 1 - Math.abs(left - right) / scale);
    } else if (String(left).toLowerCase() === String(right).toLowerCase()) score += 1;
  }
  return score / names.size;
}

/** The `n` items of the target's category most similar by attributes, best first (ties by id). */
export function similarByAttributes(
  target: Item,
  candidates: readonly Item[],
  n = 10,
): Array<{ id: string; score: number }> {
  const category = categoryKeyOf(target);
  const values = attributeValues(target);
  return candidates
    .filter((item) => item.id !== target.id && categoryKeyOf(item) === category)
    .map((item) => ({ id: item.id, score: attributeSimilarity(values, attributeValues(item)) }))
    .filter((hit) => hit.score > 0)
    .sort((x, y) => y.score - x.score || x.id.localeCompare(y.id))
    .slice(0, n);
}
