// The offline job that builds (or extends) an intent → categories map for any catalog. With an LLM: one JSON call
// over the catalog's categories (names in both languages, sample titles, numeric attributes) proposes activities
// with bilingual keywords and needs; the answer is grounded (unknown categories and attributes dropped). Without
// one, or when the call fails: intents mined from co-purchases (a category and those bought with it above chance).

import type { LanguageCapabilities } from '../../llm/spec.ts';
import type { Store } from '../../store/store.ts';
import type { CatalogIndex } from '../chat/catalog-index.ts';
import { loadInteractionStats } from '../chat/store-engine/interaction-stats.ts';
import { type IntentDefinition, intentMapSchema, loadIntentMap, saveIntentMap } from './intent-map.ts';

export interface BuildIntentMapOptions {
  store: Store;
  index: CatalogIndex;
  llm?: LanguageCapabilities | null;
  /** Keep the existing map's intents and add or replace by id (default true). */
  extend?: boolean;
  /** Intents to ask the LLM for (default 12). */
  count?: number;
}

export interface BuildIntentMapResult {
  intents: IntentDefinition[];
  /** llm or mined; `fallbackReason` says why the LLM was not used. */
  source: 'llm' | 'mined';
  fallbackReason: string | null;
  /** Intents or needs dropped while grounding the LLM's answer. */
  dropped: string[];
}

export async function buildIntentMap(options: BuildIntentMapOptions): Promise<BuildIntentMapResult> {
  const { index } = options;
  let built: IntentDefinition[] | null = null;
  let fallbackReason: string | null = null;
  const dropped: string[] = [];
  if (options.llm?.configured('chat') || options.llm?.configured('fast')) {
    try {
      const answer = await options.llm.json({
        role: options.llm.configured('fast') ? 'fast' : 'chat',
        system:
          'You design the shopping assistant of a shop. Propose shopping intents (activities or occasions people shop for) as a JSON array. Each intent: id (kebab-case), name {en, zh}, keywords {en: lower-case phrases, zh: Chinese phrases}, needs in the order one would pack them (categories: keys from the list, any one meets the need; label {en, zh}; required; optional constraints on listed numeric attributes; perDay or perPerson for consumables), months (1-12), typical days and people. Use only category keys from the list.',
        prompt: `Propose ${options.count ?? 12} intents for this catalog.\n${catalogDescription(index)}`,
        schema: intentMapSchema,
        name: 'intent_map',
        temperature: 0,
        job: 'assistant-intents',
      });
      built = groundIntents(answer.value, index, dropped);
      if (built.length === 0) {
        fallbackReason = 'the LLM proposed no intent that fits this catalog';
        built = null;
      }
    } catch (error) {
      fallbackReason = `the LLM call failed: ${(error as Error).message.split('\n')[0]}`;
    }
  } else fallbackReason = 'no LLM configured';
  const source = built ? 'llm' : 'mined';
  built ??= await mineIntents(options.store, index);
  const existing = options.extend === false ? [] : await loadIntentMap(options.store.kv);
  const byId = new Map(existing.map((intent) => [intent.id, intent]));
  for (const intent of built) byId.set(intent.id, intent);
  const intents = [...byId.values()];
  await saveIntentMap(options.store.kv, intents);
  return { intents, source, fallbackReason, dropped };
}

function catalogDescription(index: CatalogIndex): string {
  return index
    .categories()
    .map((category) => {
      const samples = index
        .members(category.key)
        .slice(0, 3)
        .map((item) => item.title)
        .join('; ');
      const numeric = Object.keys(category.numeric).slice(0, 8).join(', ');
      return `- ${category.key}: ${category.name}${category.nameZh ? ` / ${category.nameZh}` : ''} (${category.size} items${numeric ? `; attributes ${numeric}` : ''}) e.g. ${samples}`;
    })
    .join('\n');
}

/** Keeps what refers to this catalog: needs with known categories, constraints on known numeric attributes. */
export function groundIntents(
  intents: readonly IntentDefinition[],
  index: CatalogIndex,
  dropped: string[],
): IntentDefinition[] {
  const out: IntentDefinition[] = [];
  for (const intent of intents) {
    const needs = intent.needs.flatMap((need) => {
      const categories = need.categories
        .map((name) => index.resolveCategory(name)?.key)
        .filter((key): key is string => Boolean(key));
      if (categories.length === 0) {
        dropped.push(`${intent.id}: ${need.label.en} (unknown categories ${need.categories.join(', ')})`);
        return [];
      }
      const numeric = new Set(categories.flatMap((key) => Object.keys(index.category(key)!.numeric)));
      const constraints = (need.constraints ?? []).filter(
        (constraint) => numeric.has(constraint.attribute) || constraint.oneOf,
      );
      return [{ ...need, categories: [...new Set(categories)], constraints }];
    });
    if (needs.length < 2) {
      dropped.push(`${intent.id}: fewer than two needs in this catalog`);
      continue;
    }
    out.push({
      ...intent,
      needs,
      keywords: { en: intent.keywords.en.map((word) => word.toLowerCase()), zh: intent.keywords.zh },
    });
  }
  return out;
}

/**
 * Intents from what shoppers buy together: for each of the most bought categories, the categories co-bought with
 * it at least 1.5 times as often as chance (lift), strongest first. Keywords are the category's names.
 */
export async function mineIntents(store: Store, index: CatalogIndex): Promise<IntentDefinition[]> {
  const stats = await loadInteractionStats(store);
  const pairCounts = new Map<string, Map<string, number>>();
  const totals = new Map<string, number>();
  let grand = 0;
  for (const [item, partners] of Object.entries(stats.coPurchases)) {
    const from = index.categoryKey(item);
    if (!from) continue;
    for (const [other, count] of partners) {
      const to = index.categoryKey(other);
      if (!to || to === from) continue;
      let row = pairCounts.get(from);
      if (!row) pairCounts.set(from, (row = new Map()));
      row.set(to, (row.get(to) ?? 0) + count);
      totals.set(from, (totals.get(from) ?? 0) + count);
      grand += count;
    }
  }
  const seeds = [...totals].sort((a, b) => b[1] - a[1]).slice(0, 15);
  const seen = new Set<string>();
  const intents: IntentDefinition[] = [];
  for (const [seed, total] of seeds) {
    const partners = [...(pairCounts.get(seed) ?? new Map<string, number>())]
      .map(([key, count]) => ({ key, lift: (count * grand) / (total * (totals.get(key) ?? 1)) }))
      .filter((entry) => entry.lift >= 1.5)
      .sort((a, b) => b.lift - a.lift)
      .slice(0, 5);
    if (partners.length === 0) continue;
    const keys = [seed, ...partners.map((entry) => entry.key)];
    const signature = [...keys].sort().join(',');
    if (seen.has(signature)) continue;
    seen.add(signature);
    const category = index.category(seed)!;
    const label = (key: string) => {
      const entry = index.category(key)!;
      return { en: entry.name, zh: entry.nameZh ?? entry.name };
    };
    intents.push({
      id: `with-${seed}`,
      name: { en: `Kit around ${category.name.toLowerCase()}`, zh: `${category.nameZh ?? category.name}搭配` },
      keywords: {
        en: category.terms.filter((term) => /^[a-z]/.test(term)),
        zh: category.nameZh ? [`${category.nameZh}搭配`, `${category.nameZh}套装`] : [],
      },
      needs: keys.map((key, position) => ({ categories: [key], label: label(key), required: position === 0 })),
      months: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
      days: 1,
      people: 1,
    });
  }
  return intents;
}
