// Revises a plan from a message without an LLM: "a cheaper tent" caps the tent below the chosen one, "a better
// stove" raises the floor, "another backpack" rules out the chosen one, "I already have boots" marks boots owned,
// "no stove" leaves it out, "add a hammock" adds a need, a new budget, party size or trip length replaces the old.
// Needs that did not change keep their item (`chosenId`, recorded when the plan was last executed).

import type { CatalogIndex } from '../chat/catalog-index.ts';
import type { ParsedMessage } from '../chat/parse/parse-message.ts';
import { attributesForUnit } from '../chat/parse/quantities.ts';
import { makeNeed, type PlanNeed, type ShoppingPlan } from './plan.ts';

export interface RevisionContext {
  index: CatalogIndex;
  /** Budget named in the message, in the shop's currency. */
  budget: number | null;
}

const addCue = /\b(?:add|also|plus|include|as well|too|and a|and an|and some)\b|加上|添加|还要|再加|也要|再来/iu;
const another = /\b(?:another|different|other|instead|swap|replace|change)\b|换|别的|其他|另一/iu;

/** The revised plan and what changed, or null when the message changes nothing in it. */
export function revisePlan(
  plan: ShoppingPlan,
  parsed: ParsedMessage,
  context: RevisionContext,
): { plan: ShoppingPlan; changes: string[] } | null {
  const next: ShoppingPlan = structuredClone(plan);
  const changes: string[] = [];
  const priceOf = (need: PlanNeed) => {
    const price = need.chosenId ? context.index.get(need.chosenId)?.price : undefined;
    return typeof price === 'number' ? price : null;
  };
  const needsOf = (key: string) => next.needs.filter((need) => need.categories.includes(key));
  const touch = (need: PlanNeed, change: string) => {
    need.chosenId = null;
    changes.push(`${need.label}: ${change}`);
  };
  for (const key of parsed.ownedCategories)
    for (const need of needsOf(key)) {
      need.status = 'owned';
      touch(need, 'owned');
    }
  for (const key of parsed.excludedCategories)
    for (const need of needsOf(key)) {
      need.status = 'skipped';
      touch(need, 'left out');
    }
  const signals = parsed.signals;
  for (const key of parsed.categories) {
    const needs = needsOf(key);
    if (needs.length === 0) {
      // A new kind of item joins the plan only when asked to ("add a hammock"); otherwise it is a chat question.
      if (signals.dislike || !addCue.test(parsed.text)) continue;
      const category = context.index.category(key)!;
      const label = plan.language === 'zh' && category.nameZh ? category.nameZh : category.name;
      next.needs.push(makeNeed({ id: `need-${next.needs.length + 1}`, label, categories: [key] }));
      changes.push(`${label}: added`);
      continue;
    }
    for (const need of needs) {
      const price = priceOf(need);
      need.status = 'open';
      if (signals.cheaper && price !== null) {
        need.maxPrice = price - 1;
        need.minPrice = undefined;
        touch(need, `under ${price}`);
      } else if (signals.better && price !== null) {
        need.minPrice = price + 1;
        need.maxPrice = undefined;
        touch(need, `above ${price}`);
      } else if ((another.test(parsed.text) || signals.reject || signals.dislike) && need.chosenId) {
        need.excludedIds = [...new Set([...need.excludedIds, need.chosenId])];
        touch(need, 'another item');
      }
      if (parsed.price.max !== undefined) {
        need.maxPrice = parsed.price.max;
        touch(need, `at most ${parsed.price.max}`);
      }
      for (const value of parsed.values.filter((entry) => entry.categories.has(key) && !entry.negated)) {
        need.constraints = [
          ...need.constraints.filter((constraint) => constraint.attribute !== value.attribute),
          { attribute: value.attribute, oneOf: [value.value] },
        ];
        touch(need, `${value.attribute} ${value.value}`);
      }
      const numeric = Object.keys(context.index.category(key)?.numeric ?? {});
      for (const measure of parsed.measures) {
        const attribute = attributesForUnit(measure.unit, numeric)[0];
        if (!attribute) continue;
        const bound =
          measure.bound === 'min'
            ? { min: measure.value }
            : measure.bound === 'max'
              ? { max: measure.value }
              : { min: measure.value * 0.85, max: measure.value * 1.15 };
        need.constraints = [
          ...need.constraints.filter((constraint) => constraint.attribute !== attribute),
          { attribute, ...bound },
        ];
        touch(need, `${attribute} ${measure.bound} ${measure.value}`);
      }
      if (parsed.searchText) need.query = parsed.searchText;
    }
  }
  if (context.budget !== null && context.budget !== plan.budget) {
    next.budget = context.budget;
    changes.push(`budget ${context.budget}`);
  } else if (signals.cheaper && parsed.categories.length === 0) {
    const total = plan.needs.reduce((sum, need) => sum + (priceOf(need) ?? 0) * need.quantity, 0);
    if (total > 0) {
      next.budget = Math.floor(total * 0.85);
      changes.push(`budget ${next.budget}`);
    }
  }
  const people = parsed.people ?? next.people;
  const days = parsed.days ?? next.days;
  if (people !== next.people || days !== next.days) {
    next.people = people;
    next.days = days;
    for (const need of next.needs) {
      const quantity = need.perDay
        ? Math.ceil(need.perDay * (days ?? 1))
        : need.perPerson
          ? (people ?? 1)
          : need.quantity;
      if (quantity !== need.quantity) need.quantity = quantity;
    }
    changes.push(`${people ?? '?'} people, ${days ?? '?'} days`);
  }
  return changes.length ? { plan: next, changes } : null;
}
