// Plan-first mode (few round trips): one JSON call drafts the plan against the catalog's categories (or revises the
// current one), the tools execute it without the model, and one streamed call writes the answer. The draft is
// grounded: unknown categories and attributes are dropped, and a need left with no category goes.

import { z } from 'zod';
import type { LanguageCapabilities } from '../../llm/spec.ts';
import type { CatalogIndex } from '../chat/catalog-index.ts';
import { formatPrice } from '../chat/item-view.ts';
import { plannerInstructions, writerInstructions } from '../chat/llm/instructions.ts';
import { StreamGrounder } from '../chat/llm/stream-grounder.ts';
import { leaksInstructions, refusalText } from '../chat/safety.ts';
import type { Language } from '../chat/types.ts';
import { makeNeed, type PlanNeed, type PlanResult, type ShoppingPlan } from './plan.ts';

const scalar = z.union([z.string(), z.number(), z.boolean()]);

export const planDraftSchema = z.object({
  title: z.string().min(1),
  days: z.number().int().min(1).max(90).nullable(),
  people: z.number().int().min(1).max(50).nullable(),
  budget: z.number().positive().nullable(),
  needs: z
    .array(
      z.object({
        label: z.string().min(1),
        categories: z.array(z.string()).min(1),
        quantity: z.number().int().min(1).max(50),
        required: z.boolean(),
        owned: z.boolean(),
        max_price: z.number().positive().nullable(),
        query: z.string().nullable(),
        constraints: z.array(
          z.object({
            attribute: z.string(),
            min: z.number().nullable(),
            max: z.number().nullable(),
            one_of: z.array(scalar).nullable(),
          }),
        ),
      }),
    )
    .min(1)
    .max(20),
  notes: z.array(z.string()),
});
export type PlanDraft = z.infer<typeof planDraftSchema>;

export interface LlmPlanOptions {
  llm: LanguageCapabilities;
  index: CatalogIndex;
  language: Language;
  profile: string;
  canary: string;
  /** The plan being revised, if any. */
  current: ShoppingPlan | null;
  signal?: AbortSignal;
}

/** Drafts (or revises) a plan with one JSON call and grounds it in the catalog. */
export async function draftPlan(message: string, options: LlmPlanOptions): Promise<ShoppingPlan> {
  const instructions = plannerInstructions({
    index: options.index,
    language: options.language,
    profile: options.profile,
    canary: options.canary,
  });
  const prompt = options.current
    ? `Current plan (JSON):\n${JSON.stringify(toDraft(options.current))}\n\nThe shopper says: ${message}\n\nReturn the revised plan.`
    : `The shopper says: ${message}`;
  const draft = await options.llm.json({
    system: instructions.text,
    prompt,
    schema: planDraftSchema,
    name: 'shopping_plan',
    temperature: 0,
    job: 'assistant-plan',
    signal: options.signal,
  });
  return groundDraft(draft.value, options);
}

/** The draft as a plan: categories resolved to keys (unknown ones dropped), constraints on known attributes only. */
export function groundDraft(
  draft: PlanDraft,
  options: Pick<LlmPlanOptions, 'index' | 'language' | 'current'>,
): ShoppingPlan {
  const { index } = options;
  const needs: PlanNeed[] = [];
  const notes = [...draft.notes.slice(0, 5)];
  for (const entry of draft.needs) {
    const categories = [
      ...new Set(
        entry.categories.map((name) => index.resolveCategory(name)?.key).filter((key): key is string => Boolean(key)),
      ),
    ];
    if (categories.length === 0) {
      notes.push(`${entry.label}: no such category in this shop`);
      continue;
    }
    const known = new Set(
      categories.flatMap((key) => [...Object.keys(index.category(key)!.numeric), ...stringAttributes(index, key)]),
    );
    const previous = options.current?.needs.find((need) => sameCategories(need.categories, categories));
    needs.push(
      makeNeed({
        id: previous?.id ?? `need-${needs.length + 1}`,
        label: entry.label,
        categories,
        required: entry.required,
        quantity: entry.quantity,
        status: entry.owned ? 'owned' : 'open',
        maxPrice: entry.max_price ?? undefined,
        query: entry.query ?? undefined,
        constraints: entry.constraints
          .filter((constraint) => known.has(constraint.attribute))
          .map((constraint) => ({
            attribute: constraint.attribute,
            min: constraint.min ?? undefined,
            max: constraint.max ?? undefined,
            oneOf: constraint.one_of ?? undefined,
          })),
        excludedIds: previous?.excludedIds ?? [],
      }),
    );
  }
  // Ids must stay unique when a revision mixes kept and new needs.
  const seen = new Set<string>();
  needs.forEach((need, position) => {
    if (seen.has(need.id)) need.id = `need-${position + 1}-${seen.size}`;
    seen.add(need.id);
  });
  return {
    title: draft.title,
    intent: null,
    language: options.language,
    days: draft.days,
    people: draft.people,
    budget: draft.budget,
    currency: index.currency,
    needs,
    notes,
    source: 'llm',
  };
}

/** Streams the written answer for an executed plan; tokens go to `onText` already grounded. */
export async function writePlanAnswer(
  result: PlanResult,
  options: Pick<LlmPlanOptions, 'llm' | 'index' | 'language' | 'canary' | 'signal'> & {
    onText: (text: string) => void;
  },
): Promise<{ text: string; refused: boolean }> {
  const { index, language } = options;
  const instructions = writerInstructions({ language, canary: options.canary });
  const data = {
    title: result.plan.title,
    people: result.plan.people,
    days: result.plan.days,
    budget: result.plan.budget === null ? null : formatPrice(result.plan.budget, result.plan.currency),
    total: formatPrice(result.total, result.plan.currency),
    withinBudget: result.withinBudget,
    lines: result.lines.map((line) => ({
      need: line.need.label,
      status: line.status,
      item: line.itemId ? `[[${line.itemId}]]` : null,
      title: line.itemId ? index.get(line.itemId)?.title : null,
      price: line.itemId ? index.get(line.itemId)?.price : null,
      quantity: line.quantity,
    })),
    notes: result.notes,
  };
  const grounder = new StreamGrounder({
    index,
    candidates: result.lines.flatMap((line) => (line.itemId ? [line.itemId] : [])),
    language,
  });
  let raw = '';
  for await (const chunk of options.llm.streamChat({
    system: instructions.text,
    prompt: JSON.stringify(data),
    temperature: 0.3,
    job: 'assistant-answer',
    signal: options.signal,
  })) {
    raw += chunk;
    // Checked before anything of the chunk is released: a leak stops the stream where it starts.
    if (leaksInstructions(raw, instructions.text, options.canary))
      return { text: refusalText('prompt', language), refused: true };
    const safe = grounder.push(chunk);
    if (safe) options.onText(safe);
  }
  const rest = grounder.finish();
  if (rest) options.onText(rest);
  return { text: grounder.text, refused: false };
}

function toDraft(plan: ShoppingPlan): PlanDraft {
  return {
    title: plan.title,
    days: plan.days,
    people: plan.people,
    budget: plan.budget,
    needs: plan.needs.map((need) => ({
      label: need.label,
      categories: need.categories,
      quantity: need.quantity,
      required: need.required,
      owned: need.status === 'owned',
      max_price: need.maxPrice ?? null,
      query: need.query ?? null,
      constraints: need.constraints.map((constraint) => ({
        attribute: constraint.attribute,
        min: constraint.min ?? null,
        max: constraint.max ?? null,
        one_of: constraint.oneOf ?? null,
      })),
    })),
    notes: plan.notes,
  };
}

function stringAttributes(index: CatalogIndex, key: string): string[] {
  const names = new Set<string>();
  for (const item of index.members(key).slice(0, 20))
    for (const [name, value] of Object.entries(item.attributes)) if (typeof value !== 'number') names.add(name);
  return [...names];
}

function sameCategories(first: readonly string[], second: readonly string[]): boolean {
  return first.length === second.length && first.every((key) => second.includes(key));
}
