// The no-LLM attribute extractors: regular expressions over an item's title and description for weights, sizes,
// capacity, volume, waterproof rating, temperature, light, load and battery, plus vocabularies for colour, material
// and season and title patterns for the brand ("… by Brand", "Brand's …"). English and common Chinese forms.

import type { Item } from '../../core/types.ts';
import type { AttributeField, CategorySchema } from './attribute-schema.ts';
import type { AttributeValue } from './normalise-values.ts';
import { convert, parseNumber } from './units.ts';
import {
  colourScanIndex as colourIndex,
  findSynonym,
  materialScanIndex as materialIndex,
  numberWords,
  seasonIndex,
} from './vocabulary.ts';

/** Every field the rules can fill, with its type and unit. */
export const ruleFields: readonly AttributeField[] = [
  { name: 'brand', type: 'text' },
  { name: 'color', type: 'text' },
  { name: 'material', type: 'text' },
  { name: 'season', type: 'enum', values: ['summer', '3-season', '4-season', 'winter', 'all-season'] },
  { name: 'capacity', type: 'number', description: 'people it is for' },
  { name: 'weight_g', type: 'number', unit: 'g' },
  { name: 'volume_l', type: 'number', unit: 'l' },
  { name: 'waterproof_mm', type: 'number', unit: 'mm' },
  { name: 'temperature_c', type: 'number', unit: 'c' },
  { name: 'lumens', type: 'number' },
  { name: 'max_load_kg', type: 'number', unit: 'kg' },
  { name: 'battery_mah', type: 'number', unit: 'mah' },
];

const number = String.raw`(\d+(?:[.,]\d+)*)`;
const massUnit = '(kg|kgs|g|lbs?|oz|公斤|千克|克)';
const loadContext = /(holds?|load|up to|supports?|capacity|承重)\s*(?:up to\s*)?$/i;

/** The item's text the rules read: title, description and the other text fields. */
export function itemText(item: Item): string {
  return [item.title, item.description ?? '', ...Object.values(item.text ?? {})].filter(Boolean).join('. ');
}

/** Everything the rules find in an item's text. */
export function extractByRules(item: Item): Record<string, AttributeValue> {
  const text = itemText(item);
  const out: Record<string, AttributeValue> = {};
  const set = (name: string, value: AttributeValue | null) => {
    if (value !== null && value !== undefined && !(name in out)) out[name] = value;
  };
  set('brand', brandOf(item));
  set('color', findSynonym(colourSource(item), colourIndex) ? shadeOf(colourSource(item)) : null);
  set('material', findSynonym(text, materialIndex));
  set('season', findSynonym(text, seasonIndex));
  set('capacity', capacityOf(text));
  set('weight_g', weightOf(text));
  set('max_load_kg', loadOf(text));
  // "3L rain jacket" counts layers, not litres.
  set(
    'volume_l',
    quantityOf(
      text,
      String.raw`${number}\s*(l|litres?|liters?|ml|升|毫升)(?![a-z])(?!\s*(?:rain|jacket|shell|waterproof))`,
      'l',
    ),
  );
  set('waterproof_mm', waterproofOf(text));
  set('temperature_c', quantityOf(text, String.raw`(-?\d+(?:\.\d+)?)\s*(°\s*[cf])`, 'c'));
  set('lumens', quantityOf(text, String.raw`${number}\s*(lumens?|lm)\b`, 'lm'));
  set('battery_mah', quantityOf(text, String.raw`${number}\s*(mah)\b`, 'mah'));
  return out;
}

/** The fallback schema of a category: the rule fields found in at least a fifth of its items. */
export function rulesSchema(category: string, items: readonly Item[]): CategorySchema {
  const counts = new Map<string, number>();
  for (const item of items)
    for (const name of Object.keys(extractByRules(item))) counts.set(name, (counts.get(name) ?? 0) + 1);
  const fields = ruleFields.filter((field) => (counts.get(field.name) ?? 0) >= Math.max(1, items.length / 5));
  return { category, fields: fields.map((field) => ({ ...field })), source: 'rules' };
}

function brandOf(item: Item): string | null {
  const title = item.title;
  const by = /\bby ([A-Z][\w&.'-]*(?: [A-Z&][\w&.'-]*){0,3})(?:\s*\(|\s*[-–]|$)/.exec(title);
  if (by) return by[1].trim();
  const description = item.description ?? '';
  const from = /\bfrom ([A-Z][\w&.'-]*(?: [A-Z&][\w&.'-]*){0,3}) is\b/.exec(description);
  if (from) return from[1];
  const possessive = /^([A-Z][\w&.-]*(?: [A-Z&][\w&.-]*){0,3})'s? [A-Z]/.exec(description);
  if (possessive) return possessive[1];
  const article = /^The ([A-Z][\w&.-]*(?: [A-Z&][\w&.-]*){0,2}) [A-Z][\w-]* (?:[A-Z0-9][\w-]* )?is an? /.exec(
    description,
  );
  return article ? article[1] : null;
}

/** Colours are read from the title's variant "(Glacier Blue)" first, then the whole title. */
function colourSource(item: Item): string {
  const variant =
    /\(([^)]+)\)\s*$/.exec(item.title)?.[1] ?? /[–-]\s*([A-Z][a-z]+(?: [A-Z][a-z]+)?)$/.exec(item.title)?.[1];
  return variant ?? item.title;
}

/** The colour phrase as written when it is a shade ("glacier blue"), else the canonical colour. */
function shadeOf(source: string): string | null {
  const variant = source.trim().toLowerCase();
  if (/^[a-z]+(?: [a-z]+)?$/.test(variant) && findSynonym(variant, colourIndex)) return variant;
  return findSynonym(source, colourIndex);
}

function capacityOf(text: string): number | null {
  const digit = /(\d+|one|two|three|four|five|six|eight|single|double|solo)[- ]?(?:person|people|persons|man)\b/i.exec(
    text,
  );
  if (digit) return toCount(digit[1]);
  const sleeps =
    /\b(?:sleeps|seats|serves|room for|for) (\d+|two|three|four|six)(?: people| persons|\b(?![.,]?\d|\+? ?(?:kg|g|l|cm|mm|m|days?|hours?|nights?|weeks?|years?)\b))/i.exec(
      text,
    );
  if (sleeps) return toCount(sleeps[1]);
  const chinese = /(\d+|[单双两二三四五六八])人/.exec(text);
  return chinese ? toCount(chinese[1]) : null;
}

function toCount(word: string): number | null {
  const value = numberWords[word.toLowerCase()] ?? Number(word);
  return Number.isInteger(value) && value > 0 && value <= 20 ? value : null;
}

function weightOf(text: string): number | null {
  const anchored = new RegExp(
    String.raw`(?:weigh(?:s|t|ing)?|packed weight|net weight|重量?|净重)[^.\d]{0,20}${number}\s*${massUnit}(?![a-z/])`,
    'i',
  ).exec(text);
  if (anchored) return convertText(anchored[1], anchored[2], 'g');
  const any = new RegExp(String.raw`${number}\s*${massUnit}(?![a-z/²])`, 'gi');
  for (const match of text.matchAll(any)) {
    if (loadContext.test(text.slice(Math.max(0, (match.index ?? 0) - 14), match.index))) continue;
    return convertText(match[1], match[2], 'g');
  }
  return null;
}

function loadOf(text: string): number | null {
  const match = new RegExp(
    String.raw`(?:holds?|load|up to|supports?|承重)\s*(?:up to\s*)?${number}\s*${massUnit}`,
    'i',
  ).exec(text);
  return match ? convertText(match[1], match[2], 'kg') : null;
}

/** A rating in mm stated with rain or waterproofing in the same sentence (not "5 mm lugs"). */
function waterproofOf(text: string): number | null {
  for (const sentence of text.split(/(?<=[.!?])\s+|(?<=[。！？])/)) {
    if (!/waterproof|rain|hydrostatic|rated to|防水|静水压/i.test(sentence)) continue;
    const match = /(\d+(?:[.,]\d+)*)\s*mm\b/i.exec(sentence);
    const value = match ? parseNumber(match[1]) : null;
    if (value !== null && value >= 500) return value;
  }
  return null;
}

function quantityOf(text: string, pattern: string, unit: 'l' | 'c' | 'lm' | 'mah'): number | null {
  const match = new RegExp(pattern, 'i').exec(text);
  return match ? convertText(match[1], match[2], unit) : null;
}

function convertText(value: string, unit: string, target: 'g' | 'kg' | 'l' | 'c' | 'lm' | 'mah'): number | null {
  const parsed = parseNumber(value);
  if (parsed === null) return null;
  return convert({ value: parsed, unit: unit.toLowerCase().replace(/\s+/g, '') }, target);
}
