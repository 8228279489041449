// Basic mode's written answers, in English and Chinese: a labelled list of what was found for the constraints
// understood, comparisons and details of shown items, and the follow-up question.

import type { Item } from '../../../core/types.ts';
import type { CatalogIndex } from '../catalog-index.ts';
import { categoryNameOf, formatPrice, titleOf, visibleAttributes } from '../item-view.ts';
import { sanitizeUntrusted } from '../safety.ts';
import type { SearchState } from '../search-state.ts';
import type { AssistantQuestion, Language } from '../types.ts';

export function basicLabel(language: Language): string {
  return language === 'zh' ? '（基础模式：未配置大模型）' : '(Basic mode: no LLM configured.)';
}

/** "tents for 2+ people up to ¥800, brand Kestrel Peak" */
export function describeState(state: SearchState, index: CatalogIndex, language: Language): string {
  const zh = language === 'zh';
  const names = state.categories.map((key) => {
    const category = index.category(key);
    return (zh ? category?.nameZh : category?.name?.toLowerCase()) ?? key;
  });
  const parts: string[] = [names.length ? names.join(zh ? '、' : ', ') : zh ? '商品' : 'items'];
  if (state.text) parts.push(zh ? `“${state.text}”` : `matching "${state.text}"`);
  if (state.people !== undefined) parts.push(zh ? `${state.people}人及以上` : `for ${state.people}+ people`);
  const currency = index.currency;
  if (state.minPrice !== undefined && state.maxPrice !== undefined)
    parts.push(`${formatPrice(state.minPrice, currency)}–${formatPrice(state.maxPrice, currency)}`);
  else if (state.maxPrice !== undefined)
    parts.push(zh ? `${formatPrice(state.maxPrice, currency)}以内` : `up to ${formatPrice(state.maxPrice, currency)}`);
  else if (state.minPrice !== undefined)
    parts.push(zh ? `${formatPrice(state.minPrice, currency)}以上` : `from ${formatPrice(state.minPrice, currency)}`);
  for (const filter of state.filters) {
    if (filter.oneOf) parts.push(`${filter.attribute.replace(/_/g, ' ')} ${filter.oneOf.join('/')}`);
    else if (filter.min !== undefined && filter.max !== undefined)
      parts.push(`${filter.attribute.replace(/_/g, ' ')} ${Math.round(filter.min)}–${Math.round(filter.max)}`);
    else if (filter.min !== undefined) parts.push(`${filter.attribute.replace(/_/g, ' ')} ≥ ${filter.min}`);
    else if (filter.max !== undefined) parts.push(`${filter.attribute.replace(/_/g, ' ')} ≤ ${filter.max}`);
  }
  for (const excluded of state.excludedValues) parts.push(zh ? `不要${excluded.value}` : `no ${excluded.value}`);
  return parts.join(zh ? '，' : ', ');
}

export function listReply(options: {
  language: Language;
  index: CatalogIndex;
  state: SearchState;
  items: readonly Item[];
  total: number;
  notes: readonly string[];
  question: AssistantQuestion | null;
  /** Intro replacing "I found …" (recommendations, similar items, complements). */
  intro?: string;
}): string {
  const { language, index, items } = options;
  const zh = language === 'zh';
  const lines = [basicLabel(language)];
  if (items.length === 0) {
    lines.push(
      zh
        ? `没有找到符合条件的商品：${describeState(options.state, index, language)}。可以放宽价格或换个说法试试。`
        : `Nothing in the catalog matches ${describeState(options.state, index, language)}. Try a higher budget or other words.`,
    );
  } else {
    lines.push(
      options.intro ??
        (zh
          ? `找到 ${options.total} 件${describeState(options.state, index, language)}，最合适的是：`
          : `I found ${options.total} ${describeState(options.state, index, language)}. The best matches:`),
    );
    for (const [position, item] of items.entries())
      lines.push(`${position + 1}. ${titleOf(item, language)} — ${formatPrice(item.price, index.currency)}`);
  }
  for (const note of options.notes) lines.push(`· ${note}`);
  if (options.question) lines.push(options.question.text);
  return lines.join('\n');
}

export function compareReply(items: readonly Item[], index: CatalogIndex, language: Language): string {
  const zh = language === 'zh';
  const lines = [basicLabel(language), zh ? '对比：' : 'Comparison:'];
  for (const [position, item] of items.entries())
    lines.push(
      `${position + 1}. ${titleOf(item, language)} (${categoryNameOf(item, index, language)}) — ${formatPrice(item.price, index.currency)}`,
    );
  const attributes = new Set<string>();
  for (const item of items) for (const key of Object.keys(visibleAttributes(item, 20))) attributes.add(key);
  for (const attribute of attributes) {
    const values = items.map((item) => visibleAttributes(item, 20)[attribute]);
    if (values.every((value) => value === values[0])) continue;
    lines.push(
      `- ${attribute.replace(/_/g, ' ')}: ${values.map((value) => (value === undefined ? '—' : String(value))).join(' | ')}`,
    );
  }
  return lines.join('\n');
}

export function detailsReply(item: Item, index: CatalogIndex, language: Language): string {
  const description = language === 'zh' ? (item.text?.description_zh ?? item.description) : item.description;
  const attributes = Object.entries(visibleAttributes(item, 20))
    .map(([key, value]) => `${key.replace(/_/g, ' ')}: ${value}`)
    .join('; ');
  return [
    basicLabel(language),
    `${titleOf(item, language)} — ${formatPrice(item.price, index.currency)}`,
    sanitizeUntrusted(description ?? '', 800).text,
    attributes,
  ]
    .filter(Boolean)
    .join('\n');
}
