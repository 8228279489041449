// Plans without an LLM: the best-matching intent of the intent map gives the needs (keyword match in English and
// Chinese), the message gives days, party size, budget, what is owned or unwanted, and extra categories; a message
// naming several categories and asking for a plan becomes a plan of those categories.

import { matchIntents } from '../../data/demo/intents.ts';
import type { CatalogIndex } from '../chat/catalog-index.ts';
import type { ParsedMessage } from '../chat/parse/parse-message.ts';
import type { Language } from '../chat/types.ts';
import type { IntentDefinition } from './intent-map.ts';
import { makeNeed, type PlanNeed, type ShoppingPlan } from './plan.ts';

export interface BasicPlanOptions {
  intents: readonly IntentDefinition[];
  index: CatalogIndex;
  language: Language;
  /** Budget already converted to the shop's currency. */
  budget: number | null;
  /** Party size remembered from earlier conversations, used when the message does not say. */
  people?: number;
}

/** The intent a message names, best first; none when no keyword matches. */
export function matchIntent(text: string, intents: readonly IntentDefinition[]): IntentDefinition | null {
  return matchIntents(text, intents)[0]?.intent ?? null;
}

export function planFromMessage(parsed: ParsedMessage, options: BasicPlanOptions): ShoppingPlan | null {
  const { index, language } = options;
  const intent = matchIntent(parsed.text, options.intents);
  if (!intent && parsed.categories.length < 2) return null;
  const days = parsed.days ?? intent?.days ?? null;
  const people = parsed.people ?? options.people ?? intent?.people ?? null;
  const needs: PlanNeed[] = [];
  const notes: string[] = [];
  for (const need of intent?.needs ?? []) {
    const categories = need.categories.filter((key) => index.category(key));
    if (categories.length === 0) {
      notes.push(`${need.label.en}: not sold here`);
      continue;
    }
    const quantity = need.perDay ? Math.ceil(need.perDay * (days ?? 1)) : need.perPerson ? (people ?? 1) : 1;
    needs.push(
      makeNeed({
        id: `need-${needs.length + 1}`,
        label: language === 'zh' ? need.label.zh : need.label.en,
        categories,
        required: need.required,
        quantity,
        perDay: need.perDay,
        perPerson: need.perPerson,
        constraints: (need.constraints ?? []).map((constraint) => ({
          ...constraint,
          oneOf: constraint.oneOf && [...constraint.oneOf],
        })),
      }),
    );
  }
  // Categories the message names beyond the intent's ("… and a hammock") join the plan.
  for (const key of parsed.categories) {
    if (needs.some((need) => need.categories.includes(key))) continue;
    const category = index.category(key)!;
    needs.push(
      makeNeed({
        id: `need-${needs.length + 1}`,
        label: language === 'zh' && category.nameZh ? category.nameZh : category.name,
        categories: [key],
      }),
    );
  }
  for (const need of needs) {
    if (need.categories.some((key) => parsed.ownedCategories.includes(key))) need.status = 'owned';
    else if (need.categories.some((key) => parsed.excludedCategories.includes(key))) need.status = 'skipped';
  }
  const title = intent
    ? `${language === 'zh' ? intent.name.zh : intent.name.en}${days && days > 1 ? (language === 'zh' ? `（${days}天）` : ` (${days} days)`) : ''}`
    : language === 'zh'
      ? '购物计划'
      : 'Shopping plan';
  return {
    title,
    intent: intent?.id ?? null,
    language,
    days,
    people,
    budget: options.budget,
    currency: index.currency,
    needs,
    notes,
    source: intent ? 'intents' : 'categories',
  };
}
