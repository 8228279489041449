// The no-LLM reason writer: for each recommended item, the history item it shares the most with (same brand, tags,
// attribute values, category), said in a template sentence with that item as evidence. Pure and grounded by
// construction; an item that shares nothing gets no written reason (the pipeline's template reasons remain).

import type { Item } from '../../core/types.ts';
import type { WrittenReason } from '../../pipeline/reasons-cache.ts';
import type { Language } from '../../pipeline/types.ts';

function features(item: Item): Map<string, string> {
  const out = new Map<string, string>();
  for (const tag of item.tags) out.set(`tag:${tag.toLowerCase()}`, tag);
  for (const [key, value] of Object.entries(item.attributes ?? {})) {
    if (/_(zh|en)$|_id$|^model$|^currency$/.test(key) || typeof value !== 'string' || value.length > 40) continue;
    out.set(`${key}:${value.toLowerCase()}`, key === 'brand' ? value : value);
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
    let best: { item: Item; shared: string[]; score: number } | null = null;
    for (const entry of historyFeatures) {
      const shared = [...mine.keys()].filter((key) => entry.features.has(key));
      const sameCategory = entry.item.categories.at(-1) === target.categories.at(-1) ? 0.5 : 0;
      const score = shared.length + sameCategory;
      if (shared.length > 0 && (!best || score > best.score))
        best = { item: entry.item, shared: shared.slice(0, 2).map((key) => mine.get(key)!), score };
    }
    if (!best) continue;
    const text: WrittenReason['text'] = {};
    const title = (lang: Language) => best.item.text?.[`title_${lang}`] || best.item.title;
    for (const lang of options.languages)
      text[lang] =
        lang === 'zh'
          ? `和你喜欢的「${title('zh')}」一样：${best.shared.join('、')}`
          : `Like ${title('en')}, which you liked: ${best.shared.join(', ')}`;
    out[target.id] = [{ text, evidence: [best.item.id] }];
  }
  return out;
}
