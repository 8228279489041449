// The shape of one demo-shop category: bilingual names, price band, brand group, and a builder that draws an
// item's attributes, title qualifiers and fact sentences. The category files fill it in; the generator reads it.

import type { Random } from '../../core/random.ts';

/** A text in English and Simplified Chinese. */
export interface Bilingual {
  en: string;
  zh: string;
}

/** Brand price tier: budget brands cost about half of mid-tier ones, premium about twice. */
export type BrandTier = 'budget' | 'mid' | 'premium';

/**
 * Season of use. Seasonal items carry a season window (months of demand); `4-season` and `all-season` items have none.
 */
export type Season = 'summer' | '3-season' | '4-season' | 'winter' | 'all-season';

/** Top-level departments of the shop. */
export type DepartmentId =
  | 'camping'
  | 'kitchen'
  | 'hiking'
  | 'footwear'
  | 'clothing'
  | 'electronics'
  | 'safety'
  | 'food'
  | 'travel';

/** Which brands make a category. */
export type BrandGroup =
  | 'shelter'
  | 'furniture'
  | 'kitchen'
  | 'packs'
  | 'footwear'
  | 'apparel'
  | 'electronics'
  | 'food'
  | 'travel'
  | 'accessories';

/** What a category builder draws for one item. */
export interface BuiltItem {
  /** Category-specific attributes (`capacity`, `waterproof_mm`, …); `weight_g` and `season` are required. */
  attributes: Record<string, unknown> & { weight_g: number };
  season: Season;
  /** Words placed before the noun in titles, e.g. `2-Person` / `双人`. */
  qualifiers: Bilingual[];
  /** Sentences stating the attributes, used in descriptions. */
  facts: Bilingual[];
  /** Multiplies the category's base price (bigger, warmer, lighter things cost more). */
  priceFactor: number;
  /** Replaces the category noun, e.g. a beanie among hats. */
  noun?: Bilingual;
  /** Extra tags such as `waterproof` or `merino`. */
  tags?: string[];
  /** A season window other than the season's default, e.g. a mid-autumn gift box (`MM-DD`). */
  window?: { start: string; end: string };
}

/** What a builder may use: the seeded random source and the item's brand tier. */
export interface BuildContext {
  random: Random;
  tier: BrandTier;
}

export interface CategorySpec {
  /** Stable slug, also stored as the item attribute `category_id`, e.g. `tents`. */
  id: string;
  department: DepartmentId;
  name: Bilingual;
  /** Nouns for titles; the builder may replace them. */
  nouns: readonly Bilingual[];
  /** Price band in yuan (CNY) of a mid-tier item before the builder's factor. */
  priceRange: readonly [number, number];
  /** Relative share of the catalog. */
  share: number;
  brandGroup: BrandGroup;
  /** A kit (bundle) holds at most one item of this category: one tent, one stove, one pair of boots. */
  singlePerKit: boolean;
  /** What the item is for, used in descriptions. */
  useCases: readonly Bilingual[];
  /** Selling points, used in descriptions. */
  features: readonly Bilingual[];
  build(context: BuildContext): BuiltItem;
}

/** One element of a non-empty list, uniformly. */
export function pick<T>(random: Random, list: readonly T[]): T {
  return list[random.int(list.length)];
}

/** One element of `choices` with probability proportional to its weight. */
export function pickWeighted<T>(random: Random, choices: ReadonlyArray<readonly [T, number]>): T {
  let total = 0;
  for (const [, weight] of choices) total += weight;
  let r = random.next() * total;
  for (const [value, weight] of choices) {
    r -= weight;
    if (r < 0) return value;
  }
  return choices[choices.length - 1][0];
}

/** Uniform in [low, high], rounded to a multiple of `step`. */
export function between(random: Random, low: number, high: number, step = 1): number {
  const value = low + random.next() * (high - low);
  return Math.round(value / step) * step;
}

/** Kilograms with one decimal (two below 1 kg), for fact sentences. */
export function kilograms(grams: number): string {
  return grams < 1000 ? (grams / 1000).toFixed(2) : (grams / 1000).toFixed(1);
}

/** Numbers in Chinese capacity words: 1 → 单人, 2 → 双人, 3 → 三人 … */
export function personsZh(count: number): string {
  const words = ['', '单', '双', '三', '四', '五', '六', '七', '八'];
  return `${words[count] ?? count}人`;
}

export const seasonNames: Record<Season, Bilingual> = {
  summer: { en: 'Summer', zh: '夏季' },
  '3-season': { en: '3-Season', zh: '三季' },
  '4-season': { en: '4-Season', zh: '四季' },
  winter: { en: 'Winter', zh: '冬季' },
  'all-season': { en: 'All-Season', zh: '四季通用' },
};

/** Default months of demand per season (`MM-DD`, inclusive; windows may wrap the new year). */
export const seasonWindows: Partial<Record<Season, { start: string; end: string }>> = {
  summer: { start: '05-01', end: '09-15' },
  '3-season': { start: '03-01', end: '11-15' },
  winter: { start: '11-01', end: '03-15' },
};

/** Shared bilingual vocabularies. */
export const colors: readonly Bilingual[] = [
  { en: 'Forest Green', zh: '森林绿' },
  { en: 'Slate Grey', zh: '岩灰' },
  { en: 'Sunset Orange', zh: '日落橙' },
  { en: 'Glacier Blue', zh: '冰川蓝' },
  { en: 'Sand', zh: '沙色' },
  { en: 'Black', zh: '黑色' },
  { en: 'Olive', zh: '橄榄绿' },
  { en: 'Burgundy', zh: '酒红' },
  { en: 'Navy', zh: '藏青' },
  { en: 'Mustard', zh: '芥末黄' },
];
