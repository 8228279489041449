// Counts and measures in messages: party size ("for 2 people", "2-person", "双人", "一家四口"), trip length ("3-day",
// "三天", "weekend"), and measured attributes ("under 2 kg", "40L", "3000 mm", "-10°C", "500 lumens").

export interface Span {
  start: number;
  end: number;
}

/** A measured quantity: `unit` names the kind, `value` is in the base unit (grams, litres, mm, °C, …). */
export interface Measure {
  unit: 'g' | 'l' | 'mm' | 'c' | 'lumens' | 'mah' | 'w' | 'in' | 'cm';
  value: number;
  /** max: at most this (lighter than); min: at least; approx: about. */
  bound: 'max' | 'min' | 'approx';
  span: Span;
}

const wordPeople: Array<[RegExp, number]> = [
  [/(?:单人|一个人|独自|solo|just me|by myself|single[- ]person)/iu, 1],
  [/(?:双人|两个人|情侣|二人|couple|for two of us|my (?:partner|wife|husband|girlfriend|boyfriend) and (?:me|i))/iu, 2],
  [/(?:三人|一家三口)/u, 3],
  [/(?:四人|一家四口)/u, 4],
];

/** Party size named in a message (digits already normalised), with the span it used. */
export function extractPeople(text: string): { people: number; span: Span } | null {
  const patterns = [
    /(\d+)\s*-?\s*(?:person|people|persons|pax|adults|man|men|p\b)/iu,
    /family of (\d+)/iu,
    // "for 2", "tent for 2 under 800"; not "for 200 yuan", "for 3 days", "for 2 kg".
    /\bfor (\d+)(?![\d.,])(?!\s*(?:[$¥€£%°℃元块天日晚夜周月年]|(?:yuan|rmb|cny|usd|eur|dollars?|bucks|days?|nights?|weeks?|weekends?|months?|years?|hours?|hrs?|minutes?|mins?|kg|g|grams?|lbs?|l|liters?|litres?|ml|mm|cm|m|km|miles?|k|season|seasons|degrees?|lumens?|lm|mah|w|watts?|inch|inches|pieces?|pcs|packs?|x)\b))/iu,
    /(\d+)\s*(?:个人|人|位|口人|口)(?!民)/u,
    /一家(\d+)口/u,
  ];
  for (const pattern of patterns) {
    const match = pattern.exec(text);
    if (match) {
      const people = Number(match[1]);
      if (people >= 1 && people <= 50)
        return { people, span: { start: match.index, end: match.index + match[0].length } };
    }
  }
  for (const [pattern, people] of wordPeople) {
    const match = pattern.exec(text);
    if (match) return { people, span: { start: match.index, end: match.index + match[0].length } };
  }
  return null;
}

/** Trip length in days: "3-day", "3 days", "2 nights" (3 days), "weekend", "三天", "两晚", "周末". */
export function extractDays(text: string): { days: number; span: Span } | null {
  const patterns: Array<[RegExp, (n: number) => number]> = [
    [/(\d+)\s*-?\s*days?\b/iu, (n) => n],
    [/(\d+)\s*-?\s*nights?\b/iu, (n) => n + 1],
    [/(\d+)\s*(?:天|日)/u, (n) => n],
    [/(\d+)\s*(?:晚|夜)/u, (n) => n + 1],
  ];
  for (const [pattern, days] of patterns) {
    const match = pattern.exec(text);
    if (match) {
      const value = days(Number(match[1]));
      if (value >= 1 && value <= 90)
        return { days: value, span: { start: match.index, end: match.index + match[0].length } };
    }
  }
  const weekend = /(?:weekend|overnight|周末|过夜)/iu.exec(text);
  if (weekend) return { days: 2, span: { start: weekend.index, end: weekend.index + weekend[0].length } };
  return null;
}

const unitPatterns: Array<{ pattern: RegExp; unit: Measure['unit']; factor: number; bound: Measure['bound'] }> = [
  {
    pattern: /(-?\d+(?:\.\d+)?)\s*(?:kg|kilos?|kilograms?|公斤|千克)(?![\p{L}])/giu,
    unit: 'g',
    factor: 1000,
    bound: 'max',
  },
  { pattern: /(\d+(?:\.\d+)?)\s*(?:g|grams?|克)(?![\p{L}])/giu, unit: 'g', factor: 1, bound: 'max' },
  { pattern: /(\d+(?:\.\d+)?)\s*(?:l|liters?|litres?|升)(?![\p{L}])/giu, unit: 'l', factor: 1, bound: 'approx' },
  { pattern: /(\d+(?:\.\d+)?)\s*(?:mm|毫米)(?![\p{L}])/giu, unit: 'mm', factor: 1, bound: 'min' },
  { pattern: /(\d+(?:\.\d+)?)\s*(?:cm|厘米|公分)(?![\p{L}])/giu, unit: 'cm', factor: 1, bound: 'approx' },
  {
    pattern: /(-?\d+(?:\.\d+)?)\s*(?:°\s*c?|℃|degrees?(?: c(?:elsius)?)?|度)(?![\p{L}])/giu,
    unit: 'c',
    factor: 1,
    bound: 'max',
  },
  { pattern: /零下\s*(\d+(?:\.\d+)?)\s*(?:°\s*c?|℃|度)?/gu, unit: 'c', factor: -1, bound: 'max' },
  { pattern: /(\d+(?:\.\d+)?)\s*(?:lumens?|lm|流明)(?![\p{L}])/giu, unit: 'lumens', factor: 1, bound: 'min' },
  { pattern: /(\d+(?:\.\d+)?)\s*mah(?![\p{L}])/giu, unit: 'mah', factor: 1, bound: 'min' },
  { pattern: /(\d+(?:\.\d+)?)\s*(?:w|watts?|瓦)(?![\p{L}])/giu, unit: 'w', factor: 1, bound: 'min' },
  { pattern: /(\d+(?:\.\d+)?)\s*(?:inch|inches|"|寸)/giu, unit: 'in', factor: 1, bound: 'approx' },
];
const maxWords =
  /(?:under|below|less than|lighter than|at most|max(?:imum)?|no more than|up to|within|不超过|低于|小于|以内|最多)\s*$/iu;
const minWords =
  /(?:over|above|more than|at least|min(?:imum)?|bigger than|brighter than|超过|高于|大于|至少|不低于)\s*$/iu;
const maxAfter = /^\s*(?:以下|以内|or less|max)/iu;
const minAfter = /^\s*(?:以上|or more|\+|plus)/iu;

/** Measured quantities with the bound the words around them give (or the unit's usual one). */
export function extractMeasures(text: string): Measure[] {
  const out: Measure[] = [];
  const taken: Span[] = [];
  for (const { pattern, unit, factor, bound } of unitPatterns) {
    pattern.lastIndex = 0;
    for (const match of text.matchAll(pattern)) {
      const start = match.index;
      const end = start + match[0].length;
      if (taken.some((span) => start < span.end && end > span.start)) continue;
      const before = text.slice(Math.max(0, start - 20), start);
      const after = text.slice(end, end + 8);
      const stated =
        maxWords.test(before) || maxAfter.test(after)
          ? 'max'
          : minWords.test(before) || minAfter.test(after)
            ? 'min'
            : null;
      const value = Number(match[1]) * factor;
      const span = {
        start: start - (stated ? ((maxWords.exec(before) ?? minWords.exec(before))?.[0].length ?? 0) : 0),
        end,
      };
      taken.push(span);
      out.push({ unit, value, bound: stated ?? bound, span });
    }
  }
  return out;
}

/** Attribute names a measure can constrain, by unit: the catalog's own names end in the unit (weight_g, volume_l). */
export function attributesForUnit(unit: Measure['unit'], attributes: readonly string[]): string[] {
  const suffixes: Record<Measure['unit'], RegExp> = {
    g: /(^|_)weight(_g)?$|_g$/,
    l: /(^|_)(volume|capacity)_l$|_l$/,
    mm: /_mm$/,
    c: /temp(erature)?_c$|_c$/,
    lumens: /lumens?$/,
    mah: /mah$/,
    w: /(^|_)(output|power)_w$|_w$/,
    in: /_in$|inch/,
    cm: /_cm$/,
  };
  const matching = attributes.filter((attribute) => suffixes[unit].test(attribute));
  // Prefer the plain measure (weight_g) over derived ones (net_weight_g, fill_weight_g).
  return matching.sort((a, b) => a.length - b.length);
}
