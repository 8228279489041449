// The factual claims a piece of copy makes: quantities with units (normalised to a base unit), counts of people
// ("4-person", "for 4 people", "四人"), other bare numbers, colours, materials and known brand names. The copy
// checker compares the claims of generated copy with those of the item's own fields.

import { convert, parseNumber, unitOf } from './units.ts';
import {
  colourScanIndex as colourIndex,
  findSynonym,
  materialScanIndex as materialIndex,
  numberWords,
  type synonymIndex,
} from './vocabulary.ts';

export interface Claims {
  /** "mass:1900" style keys: dimension and value in the base unit. */
  quantities: Array<{ dimension: string; value: number; text: string }>;
  people: Array<{ value: number; text: string }>;
  numbers: Array<{ value: number; text: string }>;
  colours: Set<string>;
  materials: Set<string>;
  brands: Set<string>;
}

const quantityPattern =
  /(-?\d+(?:[.,]\d+)*)\s*(kg|g|lbs?|oz|mm|cm|m|in|ft|l|ml|litres?|liters?|°\s*[cf]|mah|lm|lumens?|w|h|hours?|公斤|千克|克|毫米|厘米|米|升|毫升)(?![a-z])/gi;
const peoplePattern =
  /(\d+|one|two|three|four|five|six|eight|ten|single|double|solo)[- ]?(?:person|people|persons|man|seater|player)\b|\b(?:sleeps|seats|serves|fits) (\d+|two|three|four|five|six|eight)(?: people| persons| adults)?\b|\bfor (\d+|two|three|four|five|six|eight)(?: people| persons| adults\b|(?=[.,;)]|$))|(\d+|[单双两二三四五六八])人/gi;

const allColours = new Set(colourIndex.map(([, canonical]) => canonical));

/** The claims of `text`; `brands` are the catalog's brand names to look for. */
export function claimsOf(text: string, brands: readonly string[] = []): Claims {
  const claims: Claims = {
    quantities: [],
    people: [],
    numbers: [],
    colours: new Set(),
    materials: new Set(),
    brands: new Set(),
  };
  let rest = text;
  for (const match of text.matchAll(peoplePattern)) {
    const word = (match[1] ?? match[2] ?? match[3] ?? match[4]).toLowerCase();
    const value = numberWords[word] ?? Number(word);
    if (Number.isFinite(value)) claims.people.push({ value, text: match[0] });
    rest = rest.replace(match[0], ' ');
  }
  for (const match of text.matchAll(quantityPattern)) {
    const value = parseNumber(match[1]);
    const unit = match[2].toLowerCase().replace(/\s+/g, '');
    const base = unitOf(unit);
    if (value === null || !base) continue;
    const converted = convert({ value, unit }, base);
    if (converted !== null) claims.quantities.push({ dimension: base, value: converted, text: match[0] });
    rest = rest.replace(match[0], ' ');
  }
  for (const match of rest.matchAll(/(?<![\w.])(\d+(?:[.,]\d+)*)(?![\w.])/g)) {
    const value = parseNumber(match[1]);
    if (value !== null) claims.numbers.push({ value, text: match[0] });
  }
  for (const canonical of allMatches(text, colourIndex)) claims.colours.add(canonical);
  for (const canonical of allMatches(text, materialIndex)) claims.materials.add(canonical);
  const lower = text.toLowerCase();
  for (const brand of brands)
    if (brand.length > 2 && containsWord(lower, brand.toLowerCase())) claims.brands.add(brand);
  return claims;
}

/** Every canonical value of `index` whose synonym occurs in the text as a whole word. */
function allMatches(text: string, index: ReturnType<typeof synonymIndex>): Set<string> {
  const found = new Set<string>();
  let rest = text.toLowerCase();
  // Longest synonyms first; a match is blanked so "navy blue" does not also count as "blue".
  for (const [synonym, canonical] of index) {
    while (true) {
      const hit = findSynonym(rest, [[synonym, canonical]]);
      if (!hit) break;
      found.add(canonical);
      rest = rest.replace(synonym, ' '.repeat(synonym.length));
    }
  }
  return found;
}

function containsWord(text: string, word: string): boolean {
  let at = text.indexOf(word);
  while (at >= 0) {
    const before = text[at - 1] ?? ' ';
    const after = text[at + word.length] ?? ' ';
    if (!/[a-z0-9]/.test(before) && !/[a-z0-9]/.test(after)) return true;
    at = text.indexOf(word, at + 1);
  }
  return false;
}

export function isColour(canonical: string): boolean {
  return allColours.has(canonical);
}
