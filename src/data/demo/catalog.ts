// Generates the demo catalog: items across every category with brands, prices in yuan, attributes, bilingual
// text, seasons, new arrivals and stock flags, plus each item's latent quality and taste factors (the truth).

import { createRandom, hashString, type Random } from '../../core/random.ts';
import type { Item } from '../../core/types.ts';
import { brandsFor, demoBrands, tierPriceFactor } from './brands.ts';
import { dayMs, parseMonthDay } from './calendar.ts';
import { demoCategories, demoCategorySpecs, departments } from './categories.ts';
import { type BrandTier, colors, pick, pickWeighted, seasonWindows } from './category-spec.ts';
import { itemDescription, itemTitle, modelName } from './item-copy.ts';

/** Dimensions of the latent taste vectors of users and items (the part of taste no attribute explains). */
export const latentDimensions = 8;

/** Items per category at scale 1 sum to this. */
export const itemsAtScaleOne = 1200;

/** What the simulator knows about items and the store does not. */
export interface ItemTruth {
  /** Index into `demoCategories`. */
  category: Int32Array;
  /** Index into `demoBrands`. */
  brand: Int32Array;
  /** Build quality, about N(0, 0.6) shifted by tier; the public `rating` is a noisy view of it. */
  quality: Float64Array;
  /** `latentDimensions` numbers per item. */
  latent: Float64Array;
}

export interface DemoCatalog {
  items: Item[];
  truth: ItemTruth;
}

export interface CatalogOptions {
  seed: number;
  /** Multiplies the item count (1 → 1,200 items). */
  scale: number;
  /** End of the simulated window (ms); creation dates and "new arrival" are relative to it. */
  endTime: number;
  /** Length of the simulated window in days; new arrivals appear within it. */
  days: number;
}

/** Items per category: proportional to the category's share (largest remainders), at least three. */
function categoryCounts(total: number): number[] {
  const shares = demoCategorySpecs.map((spec) => spec.share);
  const sum = shares.reduce((a, b) => a + b, 0);
  const exact = shares.map((share) => (total * share) / sum);
  const counts = exact.map(Math.floor);
  let missing = total - counts.reduce((a, b) => a + b, 0);
  const order = exact
    .map((value, index) => ({ index, rest: value - Math.floor(value) }))
    .sort((a, b) => b.rest - a.rest);
  for (const { index } of order) {
    if (missing-- <= 0) break;
    counts[index]++;
  }
  return counts.map((count) => Math.max(3, count));
}

/** A shop price: …9 yuan endings (39, 459, 1299). */
function shopPrice(value: number): number {
  if (value < 100) return Math.max(9, Math.round(value / 10) * 10 - 1);
  if (value < 1000) return Math.round(value / 10) * 10 - 1;
  return Math.round(value / 100) * 100 - 1;
}

export function generateCatalog(options: CatalogOptions): DemoCatalog {
  const counts = categoryCounts(Math.round(itemsAtScaleOne * options.scale));
  const total = counts.reduce((a, b) => a + b, 0);
  const truth: ItemTruth = {
    category: new Int32Array(total),
    brand: new Int32Array(total),
    quality: new Float64Array(total),
    latent: new Float64Array(total * latentDimensions),
  };
  const items: Item[] = [];
  const titles = new Set<string>();
  demoCategorySpecs.forEach((spec, categoryIndex) => {
    // One stream per category, so that a change in one category leaves the others as they were.
    const random = createRandom(hashString(spec.id, options.seed >>> 0));
    for (let k = 0; k < counts[categoryIndex]; k++) {
      const index = items.length;
      const tier = pickWeighted<BrandTier>(random, [
        ['budget', 0.35],
        ['mid', 0.4],
        ['premium', 0.25],
      ]);
      const brandIndex = pick(random, brandsFor(spec.brandGroup, tier));
      const { item, quality } = buildItem({ random, categoryIndex, brandIndex, tier, serial: k + 1, options, titles });
      items.push(item);
      truth.category[index] = categoryIndex;
      truth.brand[index] = brandIndex;
      truth.quality[index] = quality;
      for (let d = 0; d < latentDimensions; d++) truth.latent[index * latentDimensions + d] = random.normal() * 0.5;
    }
  });
  return { items, truth };
}

function buildItem(input: {
  random: Random;
  categoryIndex: number;
  brandIndex: number;
  tier: BrandTier;
  serial: number;
  options: CatalogOptions;
  titles: Set<string>;
}): { item: Item; quality: number } {
  const { random, tier, options } = input;
  const spec = demoCategorySpecs[input.categoryIndex];
  const category = demoCategories[input.categoryIndex];
  const brand = demoBrands[input.brandIndex].name;
  const built = spec.build({ random, tier });
  const noun = built.noun ?? pick(random, spec.nouns);
  const model = modelName(random, tier);
  const color = pick(random, colors);
  const quality = random.normal() * 0.6 + (tier === 'premium' ? 0.7 : tier === 'budget' ? -0.5 : 0);
  const rating = Math.min(5, Math.max(2.8, 3.9 + 0.45 * quality + random.normal() * 0.2));
  const [low, high] = spec.priceRange;
  const base = low * (high / low) ** random.next();
  const price = shopPrice(base * tierPriceFactor[tier] * built.priceFactor);
  // 9% are new arrivals created inside the simulated window; the rest are up to three years old.
  const newArrival = random.next() < 0.09;
  const ageDays = newArrival ? random.next() * options.days : options.days + random.next() * 1000;
  const createdAt = Math.round(options.endTime - ageDays * dayMs);
  const window = built.window ?? seasonWindows[built.season] ?? null;
  const available = newArrival || random.next() > 0.04;
  const badge = built.window ? { en: 'Limited', zh: '限定' } : ageDays < 30 ? { en: 'New', zh: '新品' } : null;
  const copy = { spec, built, noun, brand, tier, model, color, badge };
  const title = itemTitle(random, copy);
  // Identical titles would confuse people and search; a colour tells them apart.
  if (input.titles.has(title.en)) {
    title.en = `${title.en} – ${color.en}`;
    title.zh = `${title.zh}·${color.zh}`;
  }
  input.titles.add(title.en);
  const description = itemDescription(random, copy);
  const tags = [tier, ...(built.tags ?? [])];
  if (built.season !== 'all-season') tags.push(built.season);
  // Three-season gear dips in winter but is not what a shop calls seasonal.
  if (window && built.season !== '3-season') tags.push('seasonal');
  if (ageDays < 30) tags.push('new-arrival');
  const item: Item = {
    id: `${spec.id}-${String(input.serial).padStart(3, '0')}`,
    title: title.en,
    description: description.en,
    text: {
      title_zh: title.zh,
      description_zh: description.zh,
      category_zh: category.pathZh.join(' / '),
      brand_zh: brand.zh,
    },
    categories: [departments[spec.department].en, spec.name.en],
    tags,
    attributes: {
      category_id: spec.id,
      brand: brand.en,
      brand_zh: brand.zh,
      brand_tier: tier,
      model,
      color: color.en,
      color_zh: color.zh,
      season: built.season,
      season_window: window,
      rating: Math.round(rating * 10) / 10,
      currency: 'CNY',
      ...built.attributes,
    },
    price,
    createdAt,
    available,
    language: 'en',
  };
  return { item, quality };
}

/** Season window of an item as days of the year, or null when it sells all year. */
export function itemSeasonWindow(item: Item): { start: number; end: number } | null {
  const window = item.attributes.season_window as { start: string; end: string } | null | undefined;
  return window ? { start: parseMonthDay(window.start), end: parseMonthDay(window.end) } : null;
}
