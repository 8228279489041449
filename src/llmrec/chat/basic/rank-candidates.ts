// Orders the candidates of a basic-mode answer: search relevance, the shopper's recommendation score (popularity
// for anonymous shoppers), rating, soft wishes (tags such as waterproof or ultralight), preferred values, the
// remembered profile, and a party-size fit (a 6-person tent is a poor answer for two). Also writes each item's reason.

import type { Item } from '../../../core/types.ts';
import type { CandidateBuffer } from '../candidate-buffer.ts';
import type { CatalogIndex } from '../catalog-index.ts';
import { formatPrice } from '../item-view.ts';
import { type PreferenceProfile, profileBoost } from '../memory/profile.ts';
import { capacityAttributes, type SearchState } from '../search-state.ts';
import type { ScoredId } from '../shop-port.ts';
import type { Language } from '../types.ts';

export interface RankOptions {
  index: CatalogIndex;
  state: SearchState;
  /** The shopper's recommendations over these categories, best first. */
  prior: readonly ScoredId[];
  profile: PreferenceProfile | null;
}

export function rankCandidates(buffer: CandidateBuffer, options: RankOptions): void {
  const { index, state } = options;
  const size = Math.max(1, buffer.size);
  const relevance = new Map(buffer.ids().map((id, rank) => [id, 1 - rank / size]));
  const priorRank = new Map(options.prior.map((hit, rank) => [hit.id, 1 - rank / Math.max(1, options.prior.length)]));
  const medians = categoryMedians(
    buffer
      .ids()
      .map((id) => index.get(id)!)
      .filter(Boolean),
    index,
  );
  buffer.rescore((entry) => {
    const item = index.get(entry.id)!;
    const rating = typeof item.attributes.rating === 'number' ? (item.attributes.rating - 3) / 2 : 0;
    let score = 0.35 * (relevance.get(entry.id) ?? 0) + 0.3 * (priorRank.get(entry.id) ?? 0) + 0.2 * rating;
    const median = medians.get(index.categoryKey(entry.id) ?? '');
    for (const wish of state.wishes) score += wishBonus(item, wish, median);
    for (const preferred of state.preferred) if (item.attributes[preferred.attribute] === preferred.value) score += 0.3;
    score += profileBoost(options.profile, entry.id, index);
    if (state.people !== undefined) {
      const capacity = capacityOf(item);
      if (capacity !== null && capacity > state.people + 1) score -= 0.1 * (capacity - state.people - 1);
    }
    return Number(score.toFixed(5));
  });
}

function wishBonus(item: Item, wish: string, median: { price: number; weight: number } | undefined): number {
  let bonus = item.tags.includes(wish) ? 0.15 : 0;
  if (
    wish === 'waterproof' &&
    (item.attributes.waterproof === true || typeof item.attributes.waterproof_mm === 'number')
  )
    bonus += 0.05;
  if (
    wish === 'ultralight' &&
    median &&
    typeof item.attributes.weight_g === 'number' &&
    item.attributes.weight_g < median.weight
  )
    bonus += 0.1;
  if (wish === 'budget' && median && typeof item.price === 'number' && item.price < median.price) bonus += 0.1;
  return bonus;
}

function capacityOf(item: Item): number | null {
  for (const attribute of capacityAttributes) {
    const value = item.attributes[attribute];
    if (typeof value === 'number') return value;
  }
  return null;
}

function categoryMedians(items: readonly Item[], index: CatalogIndex): Map<string, { price: number; weight: number }> {
  const groups = new Map<string, Item[]>();
  for (const item of items) {
    const key = index.categoryKey(item.id) ?? '';
    let group = groups.get(key);
    if (!group) groups.set(key, (group = []));
    group.push(item);
  }
  const median = (values: number[]) => {
    const sorted = values.sort((a, b) => a - b);
    return sorted.length ? sorted[Math.floor(sorted.length / 2)] : 0;
  };
  const out = new Map<string, { price: number; weight: number }>();
  for (const [key, group] of groups)
    out.set(key, {
      price: median(group.map((item) => item.price).filter((price): price is number => typeof price === 'number')),
      weight: median(
        group.map((item) => item.attributes.weight_g).filter((weight): weight is number => typeof weight === 'number'),
      ),
    });
  return out;
}

/** Why an item fits what was asked: the constraints it meets, its price and rating. */
export function itemReason(item: Item, state: SearchState, index: CatalogIndex, language: Language): string {
  const zh = language === 'zh';
  const parts: string[] = [];
  const capacity = capacityOf(item);
  if (state.people !== undefined && capacity !== null)
    parts.push(zh ? `可容纳${capacity}人（你需要${state.people}人）` : `fits ${capacity} (you need ${state.people})`);
  for (const filter of state.filters) {
    const value = item.attributes[filter.attribute];
    if (value !== undefined) parts.push(`${filter.attribute.replace(/_/g, ' ')} ${value}`);
  }
  for (const wish of state.wishes) if (item.tags.includes(wish)) parts.push(wish);
  const price = formatPrice(item.price, index.currency);
  if (state.maxPrice !== undefined) parts.push(`${price} ≤ ${formatPrice(state.maxPrice, index.currency)}`);
  else parts.push(price);
  if (typeof item.attributes.rating === 'number')
    parts.push(zh ? `评分 ${item.attributes.rating}` : `rated ${item.attributes.rating}`);
  return parts.join(' · ');
}
