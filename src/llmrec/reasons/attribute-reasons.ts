// The no-LLM reason writer: for each recommended item, the history item it shares the most with (same brand, tags,
// attribute values, category), said in a template sentence with that item as evidence. Pure and grounded by
// construction; an item that shares nothing gets no written reason (the pipeline's template reasons remain).

import type { Item } from '../../core/types.ts';
import type { WrittenReason } from '../../pipeline/reasons-cache.ts';
import type { Language } from '../../pipeline/types.ts';

/** Keys that say little about why an item suits someone (price tiers, codes). */
const weakKeys = /_(zh|en)$|_id$|^model$|^currency$|tier$|^sku$/;

/** An item's describable features: key → its value in English and (when the item has it) Chinese. */
function features(item: Item): Map<string, { en: string; zh: string }> {
  const out = new Map<string, { en: string; zh: string }>();
  const weakValues = new Set<string>();
  for (const [key, value] of Object.entries(item.attributes ?? {})) {
    if (typeof value !== 'string' || value.length > 40) continue;
    if (weakKeys.test(key)) {
      weakValues.add(value.toLowerCase());
      continue;
    }
    const zh = item.attributes[`${key}_zh`];
    out.set(`${key}:${value.toLowerCase()}`, { en: value, zh: typeof zh === 'string' && zh ? zh : value });
  }
  const values = new Set([...out.values()].map((value) => value.en.toLowerCase()));
  for (const tag of item.tags) {
    const key = tag.toLowerCase();
    // A tag repeating an attribute value ("4-season") or a tier ("premium") adds nothing.
    if (!values.has(key) && !weakValues.has(key)) out.set(`tag:${key}`, { en: tag, zh: tag });
  }
  return out;
}

export function attributeReasons(options: {
  history: readonly Item[];
  targets: readonly Item[];
  languages: readonly Language[];
}): Record<string, WrittenReason[]> {
  const historyFeatures = options.history.map((item) => ({ item, features: features(item) }));
  const out: Record<string, WrittenReason[]> = {};
  for (const target of options.targets) {
    const mine = features(target);
    let best: { item: Item; shared: Array<{ en: string; zh: string }>; score: number } | null = null;
    for (const entry of historyFeatures) {
      const shared = [...mine.keys()].filter((key) => entry.features.has(key));
      const sameCategory = entry.item.categories.at(-1) === target.categories.at(-1) ? 0.5 : 0;
      // The brand says the most; then any shared value, and the same category breaks ties.
      const score = shared.length + sameCategory + (shared.some((key) => key.startsWith('brand:')) ? 1 : 0);
      if (shared.length > 0 && (!best || score > best.score))
        best = {
          item: entry.item,
          shared: shared
            .sort((a, b) => Number(b.startsWith('brand:')) - Number(a.startsWith('brand:')))
            .slice(0, 2)
            .map((key) => mine.get(key)!),
          score,
        };
    }
    if (!best) continue;
    const text: WrittenReason['text'] = {};
    const title = (lang: Language) => best.item.text?.[`title_${lang}`] || best.item.title;
    for (const lang of options.languages)
      text[lang] =
        lang === 'zh'
          ? `和你喜欢的「${title('zh')}」一样：${best.shared.map((value) => value.zh).join('、')}`
          : `Like ${title('en')}, which you liked: ${best.shared.map((value) => value.en).join(', ')}`;
    out[target.id] = [{ text, evidence: [best.item.id] }];
  }
  return out;
}
