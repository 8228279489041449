// A shopping plan: a need ("3-day rainy hike") broken into needs per category with constraints and quantities, a
// budget, and what the person already owns. Plans come from the intent map (basic mode) or an LLM draft (plan-first
// mode); the executor turns them into a bundle and a checklist.

import type { AttributeFilter } from '../chat/search-state.ts';
import type { Language } from '../chat/types.ts';

export interface PlanNeed {
  /** Stable within a plan: `need-1`, … */
  id: string;
  label: string;
  /** Category keys; an item of any of them meets the need (a tent or a tarp). */
  categories: string[];
  required: boolean;
  quantity: number;
  /** Quantity rule, so that a new trip length or party size recomputes it: items per day, or one per person. */
  perDay?: number;
  perPerson?: boolean;
  /** Checked on items that have the attribute. */
  constraints: AttributeFilter[];
  minPrice?: number;
  maxPrice?: number;
  /** Extra search words for this need ("waterproof"). */
  query?: string;
  status: 'open' | 'owned' | 'skipped';
  /** Items ruled out for this need ("another tent"). */
  excludedIds: string[];
  /** The item chosen last time: kept on revision unless this need changed. */
  chosenId?: string | null;
}

export interface ShoppingPlan {
  title: string;
  /** The intent it came from (`rainy-hike`), or null for a custom or LLM plan. */
  intent: string | null;
  language: Language;
  days: number | null;
  people: number | null;
  /** For everything together, in the shop's currency; null: no limit. */
  budget: number | null;
  currency: string | null;
  needs: PlanNeed[];
  notes: string[];
  /** Where the plan came from. */
  source: 'intents' | 'categories' | 'llm';
}

/** One need as executed: the chosen item, its alternatives, the quantity and what it costs. */
export interface PlanLine {
  need: PlanNeed;
  itemId: string | null;
  /** Ranked candidates (best first) the bundle could use instead. */
  alternatives: Array<{ id: string; price: number; score: number }>;
  quantity: number;
  subtotal: number;
  /** Why this item: the need and the constraints it meets. */
  reason: string;
  status: 'chosen' | 'owned' | 'skipped' | 'unavailable' | 'over-budget';
}

export interface PlanResult {
  plan: ShoppingPlan;
  lines: PlanLine[];
  total: number;
  withinBudget: boolean;
  notes: string[];
}

/** A plan's need for one category, with defaults filled in. */
export function makeNeed(fields: Partial<PlanNeed> & { id: string; label: string; categories: string[] }): PlanNeed {
  return { required: true, quantity: 1, constraints: [], status: 'open', excludedIds: [], ...fields };
}
