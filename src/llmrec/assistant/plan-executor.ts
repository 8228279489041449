// Executes a plan with the read-only engine operations: per need, candidates by search within its categories and
// price bounds, checked against its constraints and the party size, ranked by the shopper's recommendations,
// rating and relevance; items that must fit an item chosen before (a pad for the tent, fuel for the stove) are taken
// from that item's complements. Then the bundle is fitted to the budget (bundle.ts).

import type { Item } from '../../core/types.ts';
import type { CatalogIndex } from '../chat/catalog-index.ts';
import { dislikedByProfile, type PreferenceProfile, profileBoost } from '../chat/memory/profile.ts';
import { holdsPeople } from '../chat/search-state.ts';
import type { ShopEngine } from '../chat/shop-port.ts';
import { chooseBundle } from './bundle.ts';
import type { PlanLine, PlanNeed, PlanResult, ShoppingPlan } from './plan.ts';
import { describeNeed } from './plan-text.ts';

export interface ExecutePlanOptions {
  engine: ShopEngine;
  index: CatalogIndex;
  userId: string | null;
  profile: PreferenceProfile | null;
  /** Called as each need is worked on (progress events). */
  onNeed?: (need: PlanNeed, position: number, total: number) => void;
}

interface Collected {
  need: PlanNeed;
  alternatives: Array<{ id: string; price: number; score: number }>;
  relaxed: boolean;
  /** Ids of chosen items whose complements restricted this need (a pad restricted by the tent). */
  fittedTo: string[];
}

export async function executePlan(plan: ShoppingPlan, options: ExecutePlanOptions): Promise<PlanResult> {
  const first = await collectAll(plan, options, new Map());
  let choice = chooseBundle(first.map(toSlot), plan.budget);
  const chosenOf = (collected: Collected[], slot: number) =>
    collected[slot].alternatives[choice.chosen[slot]]?.id ?? null;
  // When the budget swapped an item that others were fitted to, keep the free choices and fit the others again.
  const finalIds = new Set(first.map((_entry, slot) => chosenOf(first, slot)).filter(Boolean));
  const stale = first.some((entry) => entry.fittedTo.some((id) => !finalIds.has(id)));
  const anchors = new Map<string, string>();
  first.forEach((entry, slot) => {
    const id = chosenOf(first, slot);
    if (id && entry.fittedTo.length === 0) anchors.set(entry.need.id, id);
  });
  let collected = first;
  if (stale) {
    collected = await collectAll(plan, options, anchors);
    choice = chooseBundle(collected.map(toSlot), plan.budget);
  }
  const lines: PlanLine[] = [];
  const notes = [...plan.notes];
  for (const need of plan.needs) {
    const slot = collected.findIndex((entry) => entry.need === need);
    if (slot < 0) {
      lines.push({
        need,
        itemId: null,
        alternatives: [],
        quantity: need.quantity,
        subtotal: 0,
        reason: '',
        status: need.status === 'owned' ? 'owned' : 'skipped',
      });
      continue;
    }
    const entry = collected[slot];
    const picked = entry.alternatives[choice.chosen[slot]];
    if (entry.relaxed) notes.push(`${need.label}: no item meets every constraint; showing the closest`);
    lines.push({
      need,
      itemId: picked?.id ?? null,
      alternatives: entry.alternatives,
      quantity: need.quantity,
      subtotal: picked ? picked.price * need.quantity : 0,
      reason: describeNeed(need, plan.language),
      status: picked ? 'chosen' : entry.alternatives.length ? 'over-budget' : 'unavailable',
    });
  }
  return { plan, lines, total: choice.total, withinBudget: choice.withinBudget, notes };
}

function toSlot(entry: Collected) {
  const pinned = entry.need.chosenId
    ? entry.alternatives.findIndex((alternative) => alternative.id === entry.need.chosenId)
    : -1;
  return {
    alternatives: entry.alternatives,
    quantity: entry.need.quantity,
    required: entry.need.required,
    start: Math.max(0, pinned),
  };
}

/** Candidates for every open need, in plan order; `anchors` fixes the item of a need (second pass). */
async function collectAll(
  plan: ShoppingPlan,
  options: ExecutePlanOptions,
  anchors: ReadonlyMap<string, string>,
): Promise<Collected[]> {
  const out: Collected[] = [];
  const open = plan.needs.filter((need) => need.status === 'open');
  for (const [position, need] of open.entries()) {
    options.onNeed?.(need, position + 1, open.length);
    const chosenBefore = out
      .map((entry) => anchors.get(entry.need.id) ?? entry.alternatives[0]?.id)
      .filter((id): id is string => Boolean(id));
    const anchored = anchors.get(need.id);
    const collected = await collectNeed(plan, need, options, chosenBefore);
    if (anchored && collected.alternatives.some((alternative) => alternative.id === anchored))
      collected.alternatives = collected.alternatives.filter((alternative) => alternative.id === anchored);
    out.push(collected);
  }
  return out;
}

async function collectNeed(
  plan: ShoppingPlan,
  need: PlanNeed,
  options: ExecutePlanOptions,
  chosenBefore: readonly string[],
): Promise<Collected> {
  const { engine, index, profile } = options;
  const search = (text: string) =>
    engine.catalog.search({
      text,
      categories: need.categories,
      minPrice: need.minPrice,
      maxPrice: need.maxPrice,
      limit: 120,
    });
  let hits = await search(need.query ?? '');
  if (need.query && hits.length < 3) hits = await search('');
  const prior = await engine.recommendations.forUser(options.userId, { categories: need.categories, limit: 300 });
  const priorRank = new Map(prior.map((hit, rank) => [hit.id, 1 - rank / Math.max(1, prior.length)]));
  const relevance = new Map(hits.map((hit, rank) => [hit.id, 1 - rank / Math.max(1, hits.length)]));
  const base = hits
    .map((hit) => index.get(hit.id))
    .filter((item): item is Item => item?.available === true && typeof item.price === 'number')
    .filter((item) => !need.excludedIds.includes(item.id) && !dislikedByProfile(profile, item.id, index))
    .filter((item) => plan.people === null || holdsPeople(item, plan.people));
  let pool = base.filter((item) => need.constraints.every((constraint) => meetsWhenPresent(item, constraint)));
  const relaxed = pool.length === 0 && base.length > 0;
  if (relaxed) pool = base;
  // Fit: where an item chosen before has fit rules with a category of this need (a pad and the tent floor, fuel and
  // the stove), only the items of that category that fit it stay; categories without rules are not restricted.
  const fittedTo: string[] = [];
  for (const anchor of chosenBefore) {
    const related = await engine.recommendations.complements(anchor, { limit: 1000, categories: need.categories });
    const fitting = new Set(related.filter((hit) => hit.fitted).map((hit) => hit.id));
    const ruled = new Set(related.filter((hit) => hit.fitted).map((hit) => index.categoryKey(hit.id)));
    if (ruled.size === 0) continue;
    const inside = pool.filter((item) => !ruled.has(index.categoryKey(item.id)) || fitting.has(item.id));
    if (inside.length > 0 && inside.length < pool.length) {
      pool = inside;
      fittedTo.push(anchor);
    }
  }
  const prices = pool.map((item) => item.price as number).sort((a, b) => a - b);
  const median = prices[Math.floor(prices.length / 2)] ?? 1;
  const alternatives = pool
    .map((item) => {
      const rating = typeof item.attributes.rating === 'number' ? (item.attributes.rating - 3) / 2 : 0;
      // Value for money: a plan without a budget should still not reach for the dearest of everything.
      const value = -0.1 * Math.max(-3, Math.min(3, Math.log2((item.price as number) / Math.max(1, median))));
      const score =
        0.4 * (priorRank.get(item.id) ?? 0) +
        0.3 * rating +
        0.2 * (relevance.get(item.id) ?? 0) +
        value +
        profileBoost(profile, item.id, index);
      return { id: item.id, price: item.price as number, score: Number(score.toFixed(4)) };
    })
    .sort((a, b) => b.score - a.score || a.price - b.price);
  // The best eight plus the four cheapest: the budget needs somewhere to go.
  const cheapest = [...alternatives].sort((a, b) => a.price - b.price || b.score - a.score).slice(0, 4);
  const kept = [...new Set([...alternatives.slice(0, 8), ...cheapest])].sort(
    (a, b) => b.score - a.score || a.price - b.price,
  );
  return { need, alternatives: kept, relaxed, fittedTo };
}

/** A constraint only binds items that carry its attribute (a tarp has no `capacity`). */
function meetsWhenPresent(item: Item, constraint: PlanNeed['constraints'][number]): boolean {
  const value = item.attributes[constraint.attribute];
  if (value === undefined || value === null) return true;
  if (constraint.oneOf) return constraint.oneOf.includes(value as string | number | boolean);
  if (typeof value !== 'number') return true;
  return (
    (constraint.min === undefined || value >= constraint.min) &&
    (constraint.max === undefined || value <= constraint.max)
  );
}
