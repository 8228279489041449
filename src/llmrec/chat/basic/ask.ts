// Which question narrows the candidates most: the budget when none is set, the party size for items sized for
// people, else the categorical attribute whose values split the candidates most evenly (highest entropy), as
// conversational recommenders do to reach the target in few turns (Christakopoulou et al. 2016).

import type { Item } from '../../../core/types.ts';
import type { CatalogIndex } from '../catalog-index.ts';
import { capacityAttributes, type SearchState } from '../search-state.ts';
import type { AssistantQuestion, Language } from '../types.ts';

const askable = [
  'brand',
  'color',
  'season',
  'gender',
  'material',
  'fill',
  'fuel_type',
  'pad_type',
  'cut',
  'hat_type',
  'glove_type',
  'luggage_type',
  'filter_type',
  'shape',
  'layers',
];

const questions: Record<string, Record<Language, string>> = {
  price: { en: 'What is your budget?', zh: '你的预算是多少？' },
  people: { en: 'How many people is it for?', zh: '几个人用？' },
  category: { en: 'What are you shopping for?', zh: '你想买什么类型的商品？' },
  brand: { en: 'Any brand you prefer?', zh: '有偏好的品牌吗？' },
  color: { en: 'Which colour do you like?', zh: '喜欢什么颜色？' },
  season: { en: 'Which season is it for?', zh: '主要在什么季节用？' },
};

export function chooseQuestion(options: {
  state: SearchState;
  candidates: readonly Item[];
  index: CatalogIndex;
  language: Language;
  /** Attributes asked about earlier in the conversation: not asked again. */
  asked: readonly string[];
}): AssistantQuestion | null {
  const { state, candidates, language, asked } = options;
  const ask = (attribute: string): AssistantQuestion => ({
    attribute,
    text:
      questions[attribute]?.[language] ??
      (language === 'zh' ? `对${attribute}有要求吗？` : `Any preference for ${attribute.replace(/_/g, ' ')}?`),
  });
  if (state.categories.length === 0 && !state.text && !asked.includes('category')) return ask('category');
  const prices = candidates.map((item) => item.price).filter((price): price is number => typeof price === 'number');
  if (state.maxPrice === undefined && state.minPrice === undefined && !asked.includes('price') && spread(prices) > 1.5)
    return ask('price');
  const sized = candidates.some((item) =>
    capacityAttributes.some((attribute) => typeof item.attributes[attribute] === 'number'),
  );
  if (sized && state.people === undefined && !asked.includes('people')) return ask('people');
  const constrained = new Set([
    ...state.filters.map((filter) => filter.attribute),
    ...state.preferred.map((entry) => entry.attribute),
  ]);
  let best: { attribute: string; entropy: number } | null = null;
  for (const attribute of askable) {
    if (constrained.has(attribute) || asked.includes(attribute)) continue;
    const entropy = valueEntropy(candidates, attribute);
    if (entropy > 1 && (!best || entropy > best.entropy)) best = { attribute, entropy };
  }
  return best ? ask(best.attribute) : null;
}

/** Highest over lowest price: how much a budget would narrow. */
function spread(prices: readonly number[]): number {
  if (prices.length < 2) return 1;
  return Math.max(...prices) / Math.max(1, Math.min(...prices));
}

function valueEntropy(items: readonly Item[], attribute: string): number {
  const counts = new Map<unknown, number>();
  let total = 0;
  for (const item of items) {
    const value = item.attributes[attribute];
    if (typeof value !== 'string') continue;
    counts.set(value, (counts.get(value) ?? 0) + 1);
    total++;
  }
  if (total < items.length / 2) return 0;
  let entropy = 0;
  for (const count of counts.values()) {
    const p = count / total;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}
