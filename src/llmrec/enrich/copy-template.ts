// The no-LLM copy: a description and selling points assembled from the item's own fields only (title, brand,
// category, the first sentences of its description, and its stated attributes), in English or Chinese.

import type { Item } from '../../core/types.ts';
import type { GeneratedCopy } from './copy-prompt.ts';

const shownAttributes: Array<{ key: RegExp; en: (value: string) => string; zh: (value: string) => string }> = [
  { key: /^capacity$/, en: (v) => `For ${v} people`, zh: (v) => `${v}人使用` },
  { key: /^weight_g$/, en: (v) => `Weighs ${v} g`, zh: (v) => `重量${v}克` },
  { key: /^weight_kg$/, en: (v) => `Weighs ${v} kg`, zh: (v) => `重量${v}公斤` },
  { key: /^waterproof_mm$/, en: (v) => `Waterproof to ${v} mm`, zh: (v) => `防水${v}毫米` },
  { key: /^volume_l$|^capacity_l$/, en: (v) => `${v} L capacity`, zh: (v) => `容量${v}升` },
  { key: /^material$/, en: (v) => `Made of ${v}`, zh: (v) => `材质：${v}` },
  { key: /^comfort_temp_c$|^temperature_c$/, en: (v) => `Rated to ${v}°C`, zh: (v) => `舒适温度${v}°C` },
  { key: /^lumens$/, en: (v) => `${v} lumens`, zh: (v) => `${v}流明` },
  { key: /^max_load_kg$/, en: (v) => `Holds up to ${v} kg`, zh: (v) => `承重${v}公斤` },
];

export function templateCopy(item: Item, language: 'en' | 'zh'): GeneratedCopy {
  const zh = language === 'zh';
  const title = (zh && item.text?.title_zh) || item.title;
  const own = (zh && item.text?.description_zh) || item.description || '';
  const sentences = own.split(/(?<=[.!?])\s+|(?<=[。！？])/).filter(Boolean);
  const brand = (zh && str(item.attributes.brand_zh)) || str(item.attributes.brand);
  const category = item.categories.at(-1);
  const opening = zh
    ? `${title}${brand ? `，来自${brand}` : ''}。`
    : `${title}${brand && !title.includes(brand) ? ` from ${brand}` : ''}${category ? ` (${category})` : ''}.`;
  const description = [opening, ...sentences.slice(0, 2)].join(zh ? '' : ' ').trim();
  const points: string[] = [];
  for (const rule of shownAttributes)
    for (const [key, value] of Object.entries(item.attributes))
      if (rule.key.test(key) && (typeof value === 'number' || typeof value === 'string'))
        points.push(zh ? rule.zh(String(value)) : rule.en(String(value)));
  for (const sentence of sentences.slice(2)) if (points.length < 3) points.push(sentence.replace(/[.。]$/, ''));
  return { description, sellingPoints: [...new Set(points)].slice(0, 5) };
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
