// The copy checker: generated copy may only state attribute values its source states. Every quantity (after unit
// conversion, within rounding), count of people, bare number, colour, material and brand the copy names must be
// found in the item's own fields; anything else is an invented fact and the copy is rejected with the reasons.

import type { Item } from '../../core/types.ts';
import { type Claims, claimsOf } from './copy-claims.ts';

export interface CopyCheck {
  ok: boolean;
  /** One line per invented claim, e.g. `"2 kg" is not in the item's fields`. */
  problems: string[];
}

/** Attributes that count people (the chat's capacity attributes). */
const peopleAttributes = new Set(['capacity', 'persons', 'people', 'sleeps', 'sleepers', 'seats', 'serves']);

/** Relative difference allowed between a stated and a source quantity (1.88 kg written as 1.9 kg). */
const tolerance = 0.03;

/** The item's own fields as one text: what generated copy may draw on. */
export function sourceText(item: Item): string {
  const parts = [item.title, item.description ?? ''];
  for (const [key, value] of Object.entries(item.text ?? {})) if (!/generated/.test(key)) parts.push(value);
  for (const [key, value] of Object.entries(item.attributes)) {
    if (key === 'enriched' || key === 'enriched_copy' || value === null || typeof value === 'object') continue;
    parts.push(`${key.replace(/_/g, ' ')} ${String(value)}${unitSuffix(key)}`);
    if (typeof value === 'number' && peopleAttributes.has(key)) parts.push(`for ${value} people`);
  }
  if (typeof item.price === 'number') parts.push(String(item.price));
  return parts.join('\n');
}

/** `weight_g: 1880` is a mass: the key's unit suffix makes the value a quantity the checker can convert. */
function unitSuffix(key: string): string {
  const unit = /_(g|kg|mm|cm|m|l|ml|c|mah|lm|w|h)$/.exec(key)?.[1];
  if (!unit) return '';
  return unit === 'c' ? '°C' : ` ${unit}`;
}

export function checkCopy(item: Item, copy: string, brands: readonly string[] = []): CopyCheck {
  const source = claimsOf(sourceText(item), brands);
  const stated = claimsOf(copy, brands);
  const problems = inventedClaims(stated, source);
  return { ok: problems.length === 0, problems };
}

function inventedClaims(stated: Claims, source: Claims): string[] {
  const problems: string[] = [];
  const missing = (text: string) => problems.push(`"${text}" is not in the item's fields`);
  for (const quantity of stated.quantities)
    if (
      !source.quantities.some((known) => known.dimension === quantity.dimension && close(known.value, quantity.value))
    )
      missing(quantity.text);
  const sourceNumbers = [
    ...source.numbers.map((entry) => entry.value),
    ...source.people.map((entry) => entry.value),
    ...source.quantities.map((entry) => entry.value),
  ];
  // A count of people must be one the source states as such, not any number that happens to be there.
  for (const people of stated.people)
    if (!source.people.some((known) => known.value === people.value)) missing(people.text);
  for (const number of stated.numbers)
    if (!sourceNumbers.some((known) => close(known, number.value)) && !numberInQuantities(number.value, source))
      missing(number.text);
  for (const colour of stated.colours) if (!source.colours.has(colour)) missing(colour);
  for (const material of stated.materials) if (!source.materials.has(material)) missing(material);
  for (const brand of stated.brands) if (!source.brands.has(brand)) missing(brand);
  return problems;
}

/** A bare number may restate a quantity's number as written ("1.9" of "1.9 kg"). */
function numberInQuantities(value: number, source: Claims): boolean {
  return source.quantities.some((quantity) => {
    const written = Number.parseFloat(quantity.text.replace(/,/g, ''));
    return close(written, value);
  });
}

function close(a: number, b: number): boolean {
  if (a === b) return true;
  const scale = Math.max(Math.abs(a), Math.abs(b));
  return scale > 0 && Math.abs(a - b) / scale <= tolerance;
}
