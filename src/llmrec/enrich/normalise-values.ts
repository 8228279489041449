// Turns extracted raw values into a field's type: quantities converted to the field's unit, booleans from words,
// and free text mapped onto the field's enum (exact, then synonym, then whole-word containment), else dropped.

import type { AttributeField, CategorySchema } from './attribute-schema.ts';
import { convert, parseNumber, parseQuantity } from './units.ts';
import { booleanWords, colourIndex, findSynonym, materialIndex, numberWords, seasonIndex } from './vocabulary.ts';

export type AttributeValue = number | string | boolean;

/** The normalised values of an extraction: fields not stated, or not valid for their type, are left out. */
export function normaliseValues(schema: CategorySchema, raw: Record<string, unknown>): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {};
  for (const field of schema.fields) {
    const value = normaliseValue(field, raw[field.name]);
    if (value !== null) out[field.name] = value;
  }
  return out;
}

export function normaliseValue(field: AttributeField, raw: unknown): AttributeValue | null {
  if (raw === null || raw === undefined || raw === '') return null;
  switch (field.type) {
    case 'number':
      return toNumber(field, raw);
    case 'boolean':
      return toBoolean(raw);
    case 'enum':
      return toEnum(field.values ?? [], String(raw));
    default: {
      const text = String(raw).trim().replace(/\s+/g, ' ');
      if (!text || /^(n\/?a|unknown|none|not stated|null)$/i.test(text)) return null;
      return knownFamily(field.name, text) ?? text.slice(0, 120);
    }
  }
}

function toNumber(field: AttributeField, raw: unknown): number | null {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : null;
  const text = String(raw).trim().toLowerCase();
  const word = numberWords[text.replace(/[-\s]?(person|people|persons|man|人)$/, '')];
  if (word !== undefined) return word;
  // "2-person", "about 1.9 kg", "1.9kg (packed)": the first quantity in the text.
  const match = /(-?\d+(?:[.,]\d+)*)\s*(fl oz|°\s*[cf]|m²|[a-z"]+|[\u4e00-\u9fff]+)?/i.exec(text);
  if (!match) return null;
  const quantity = parseQuantity(`${match[1]} ${match[2] && isUnitLike(match[2]) ? match[2] : ''}`);
  if (!quantity) return parseNumber(match[1]);
  if (!field.unit) return quantity.value;
  return convert(quantity, field.unit);
}

function isUnitLike(text: string): boolean {
  return !/^(person|people|persons|man|pieces?|pcs|x)$/i.test(text);
}

function toBoolean(raw: unknown): boolean | null {
  if (typeof raw === 'boolean') return raw;
  const value = booleanWords[String(raw).trim().toLowerCase()];
  return value ?? null;
}

/** Free text onto an enum: exact, then the same synonym group (grey = gray), then whole-word containment. */
export function toEnum(values: readonly string[], raw: string): string | null {
  const text = raw.trim().toLowerCase();
  if (!text) return null;
  if (values.includes(text)) return text;
  for (const table of [colourIndex, materialIndex, seasonIndex]) {
    const canonical = findSynonym(text, table);
    if (!canonical) continue;
    const hit = values.find((value) => findSynonym(value, table) === canonical);
    if (hit) return hit;
  }
  const words = new Set(text.split(/[^a-z0-9\u4e00-\u9fff]+/).filter(Boolean));
  const contained = values.filter((value) => value.split(/[^a-z0-9\u4e00-\u9fff]+/).every((word) => words.has(word)));
  if (contained.length) return contained.sort((a, b) => b.length - a.length)[0];
  const containing = values.filter((value) => value.includes(text));
  return containing.length === 1 ? containing[0] : null;
}

/** Colours, materials and seasons in one spelling ("Gray" → "grey"), keeping shade names a catalog uses as they are. */
function knownFamily(field: string, text: string): string | null {
  const lower = text.toLowerCase();
  const table = /colou?r/.test(field)
    ? colourIndex
    : /material|fabric|fill/.test(field)
      ? materialIndex
      : /season/.test(field)
        ? seasonIndex
        : null;
  if (!table) return null;
  // An exact synonym maps to its canonical value; a longer phrase ("glacier blue") stays as written.
  const exact = table.find(([synonym]) => synonym === lower);
  return exact ? exact[1] : lower;
}
