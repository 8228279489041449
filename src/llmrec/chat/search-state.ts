// What the person is looking for, accumulated over turns: categories, search words, price bounds, party size, hard
// attribute filters, soft preferences and exclusions. Each message updates it (a new category starts a new focus;
// "cheaper" lowers the price cap below what was shown; "none of these" excludes them), and items are checked against it.

import type { Item } from '../../core/types.ts';
import type { CatalogIndex } from './catalog-index.ts';
import type { ParsedMessage } from './parse/parse-message.ts';
import { attributesForUnit } from './parse/quantities.ts';

export type AttributeScalar = string | number | boolean;

/** A hard constraint on one attribute: items that lack the attribute or fail it are left out. */
export interface AttributeFilter {
  attribute: string;
  min?: number;
  max?: number;
  oneOf?: AttributeScalar[];
}

export interface SearchState {
  categories: string[];
  /** Words for full-text and semantic search. */
  text: string;
  minPrice?: number;
  maxPrice?: number;
  people?: number;
  filters: AttributeFilter[];
  /** Values named where they do not filter (no category yet): they raise an item's rank. */
  preferred: Array<{ attribute: string; value: AttributeScalar }>;
  /** Soft wishes as tags (waterproof, ultralight, …). */
  wishes: string[];
  excludedIds: string[];
  excludedValues: Array<{ attribute: string; value: AttributeScalar }>;
}

export function emptySearchState(): SearchState {
  return { categories: [], text: '', filters: [], preferred: [], wishes: [], excludedIds: [], excludedValues: [] };
}

/** Attributes that hold how many people an item is for: a party of 2 needs a tent with capacity ≥ 2. */
export const capacityAttributes = ['capacity', 'persons', 'people', 'sleeps', 'sleepers', 'seats', 'serves'];

/** Approximate value of one unit of each currency in yuan, to read "$100" in a yuan shop (rates as of 2026). */
export const defaultExchangeRates: Record<string, number> = { CNY: 1, USD: 7.2, EUR: 7.8, GBP: 9.1, JPY: 0.048 };

export interface ApplyContext {
  index: CatalogIndex;
  /** Items shown in the last answer, best first. */
  shown: readonly Item[];
  exchangeRates?: Record<string, number>;
}

/** The state after a message, and short notes on what was understood (for replies and the UI). */
export function applyMessage(
  previous: SearchState,
  parsed: ParsedMessage,
  context: ApplyContext,
): { state: SearchState; notes: string[] } {
  const notes: string[] = [];
  const { index } = context;
  let state: SearchState = parsed.signals.reset ? emptySearchState() : structuredClone(previous);
  const newFocus = parsed.categories.length > 0 && !sameSet(parsed.categories, state.categories);
  if (newFocus) {
    state = {
      ...emptySearchState(),
      categories: [...parsed.categories],
      people: state.people,
      excludedValues: state.excludedValues,
      wishes: [],
    };
  }
  state.categories = state.categories.filter((key) => !parsed.excludedCategories.includes(key));
  if (parsed.searchText) state.text = newFocus ? parsed.searchText : mergeWords(state.text, parsed.searchText);
  const rate = conversion(parsed.price.currency, index.currency, context.exchangeRates ?? defaultExchangeRates);
  if (rate !== 1) notes.push(`prices converted from ${parsed.price.currency} at ${rate}`);
  const convert = (value: number | undefined) => (value === undefined ? undefined : Math.round(value * rate));
  const maxPrice = convert(parsed.price.max) ?? convert(parsed.price.budget);
  if (maxPrice !== undefined) state.maxPrice = maxPrice;
  if (parsed.price.min !== undefined) state.minPrice = convert(parsed.price.min);
  if (parsed.people !== undefined) state.people = parsed.people;
  const shownPrices = context.shown.map((item) => item.price).filter((price) => typeof price === 'number');
  if (parsed.signals.cheaper && parsed.price.max === undefined && shownPrices.length) {
    state.maxPrice = Math.min(...shownPrices) - 1;
    state.minPrice = undefined;
  }
  if (parsed.signals.better && parsed.price.min === undefined && shownPrices.length)
    state.minPrice = Math.max(...shownPrices) + 1;
  if (parsed.signals.reject || parsed.signals.more)
    state.excludedIds = [...new Set([...state.excludedIds, ...context.shown.map((item) => item.id)])];
  for (const measure of parsed.measures) {
    const attribute = attributesForUnit(measure.unit, numericAttributes(index, state.categories))[0];
    if (!attribute) continue;
    const filter: AttributeFilter =
      measure.bound === 'max'
        ? { attribute, max: measure.value }
        : measure.bound === 'min'
          ? { attribute, min: measure.value }
          : { attribute, min: measure.value * 0.85, max: measure.value * 1.15 };
    state.filters = [...state.filters.filter((existing) => existing.attribute !== attribute), filter];
  }
  for (const value of parsed.values) {
    const pair = { attribute: value.attribute, value: value.value };
    if (value.negated) {
      state.excludedValues.push(pair);
      continue;
    }
    const filters = state.categories.some((key) => value.categories.has(key));
    if (!filters) {
      state.preferred = [...state.preferred.filter((entry) => entry.attribute !== value.attribute), pair];
      continue;
    }
    // Values of one attribute named in one message ("olive or black") are alternatives; a later message replaces.
    const alternatives = parsed.values
      .filter((other) => !other.negated && other.attribute === value.attribute)
      .map((other) => other.value);
    state.filters = [
      ...state.filters.filter((filter) => filter.attribute !== value.attribute),
      { attribute: value.attribute, oneOf: [...new Set(alternatives)] },
    ];
  }
  state.wishes = [...new Set([...state.wishes, ...parsed.signals.wishes])];
  return { state, notes };
}

/** True when the item satisfies every hard constraint of the state. */
export function matchesState(item: Item, state: SearchState, index: CatalogIndex): boolean {
  if (!item.available) return false;
  if (state.categories.length && !state.categories.includes(index.categoryKey(item.id) ?? '')) return false;
  if (state.excludedIds.includes(item.id)) return false;
  const price = item.price;
  if (state.maxPrice !== undefined && (typeof price !== 'number' || price > state.maxPrice)) return false;
  if (state.minPrice !== undefined && (typeof price !== 'number' || price < state.minPrice)) return false;
  if (state.people !== undefined && !holdsPeople(item, state.people)) return false;
  for (const excluded of state.excludedValues) if (item.attributes[excluded.attribute] === excluded.value) return false;
  return state.filters.every((filter) => passes(item, filter));
}

export function passes(item: Item, filter: AttributeFilter): boolean {
  const value = item.attributes[filter.attribute];
  if (filter.oneOf) return filter.oneOf.some((allowed) => allowed === value);
  if (typeof value !== 'number') return false;
  return (filter.min === undefined || value >= filter.min) && (filter.max === undefined || value <= filter.max);
}

/** Capacity-like attributes must reach the party size; items without one are not about people and pass. */
export function holdsPeople(item: Item, people: number): boolean {
  for (const attribute of capacityAttributes) {
    const value = item.attributes[attribute];
    if (typeof value === 'number') return value >= people;
  }
  return true;
}

function numericAttributes(index: CatalogIndex, categories: readonly string[]): string[] {
  const keys = categories.length ? categories : index.categories().map((category) => category.key);
  const names = new Set<string>();
  for (const key of keys) for (const name of Object.keys(index.category(key)?.numeric ?? {})) names.add(name);
  return [...names];
}

function conversion(from: string | null, to: string | null, rates: Record<string, number>): number {
  if (!from || !to || from === to || !rates[from] || !rates[to]) return 1;
  return Number((rates[from] / rates[to]).toFixed(4));
}

function mergeWords(previous: string, next: string): string {
  const words = [...new Set([...previous.split(' '), ...next.split(' ')].filter(Boolean))];
  return words.slice(-8).join(' ');
}

function sameSet(first: readonly string[], second: readonly string[]): boolean {
  return first.length === second.length && first.every((value) => second.includes(value));
}
