// The storefront's two languages: interface strings, item text in the chosen language (item.text.title_zh …), and
// the choice itself (kept in localStorage; Chinese browsers start in Chinese).

import { observable, useObservable } from '../shared/observable.ts';
import type { Item } from '../shared/types.ts';

export type Language = 'en' | 'zh';

const strings = {
  shop: { en: 'lmrec outdoor shop', zh: 'lmrec 户外商店' },
  skip: { en: 'Skip to content', zh: '跳到正文' },
  home: { en: 'Home', zh: '首页' },
  search: { en: 'Search', zh: '搜索' },
  searchPlaceholder: { en: 'Search tents, boots, 帐篷…', zh: '搜索帐篷、登山鞋、tent…' },
  language: { en: 'Language', zh: '语言' },
  cart: { en: 'Cart', zh: '购物车' },
  assistant: { en: 'Assistant', zh: '购物助手' },
  shopAs: { en: 'Shop as', zh: '当前用户' },
  visitor: { en: 'New visitor', zh: '新访客' },
  forYou: { en: 'Recommended for you', zh: '为你推荐' },
  forYouHint: { en: 'Each pick says why it is here.', zh: '每件推荐都附有理由。' },
  becauseViewed: { en: 'Because you viewed {title}', zh: '因为你浏览了「{title}」' },
  trending: { en: 'Trending this week', zh: '本周热门' },
  newArrivals: { en: 'New arrivals', zh: '新品上架' },
  similar: { en: 'Similar items', zh: '相似商品' },
  boughtTogether: { en: 'Frequently bought together', zh: '经常一起购买' },
  bundleTotal: { en: 'Total for {count} items', zh: '{count} 件合计' },
  addBundle: { en: 'Add all to cart', zh: '全部加入购物车' },
  addToCart: { en: 'Add to cart', zh: '加入购物车' },
  added: { en: 'Added', zh: '已加入' },
  outOfStock: { en: 'Out of stock', zh: '缺货' },
  details: { en: 'Details', zh: '参数' },
  description: { en: 'Description', zh: '商品描述' },
  generated: { en: 'Written by the assistant from this item’s data', zh: '由助手根据商品数据撰写' },
  rating: { en: 'Rating', zh: '评分' },
  brand: { en: 'Brand', zh: '品牌' },
  category: { en: 'Category', zh: '类目' },
  allCategories: { en: 'All categories', zh: '全部类目' },
  price: { en: 'Price', zh: '价格' },
  minPrice: { en: 'Min price', zh: '最低价' },
  maxPrice: { en: 'Max price', zh: '最高价' },
  apply: { en: 'Apply', zh: '应用' },
  clear: { en: 'Clear filters', zh: '清除筛选' },
  brands: { en: 'Brands', zh: '品牌' },
  results: { en: '{count} results for “{q}”', zh: '“{q}” 共 {count} 个结果' },
  noResults: { en: 'Nothing found. Try another word or fewer filters.', zh: '没有找到，换个词或减少筛选试试。' },
  matched: { en: 'Matched by {how}', zh: '匹配方式：{how}' },
  cartEmpty: { en: 'Your cart is empty.', zh: '购物车是空的。' },
  quantity: { en: 'Quantity', zh: '数量' },
  remove: { en: 'Remove', zh: '移除' },
  total: { en: 'Total', zh: '合计' },
  checkout: { en: 'Place order', zh: '提交订单' },
  ordered: { en: 'Thank you! Your order of {count} items is placed.', zh: '谢谢！已下单 {count} 件商品。' },
  loading: { en: 'Loading…', zh: '加载中…' },
  error: { en: 'Something went wrong: {message}', zh: '出错了：{message}' },
  retry: { en: 'Retry', zh: '重试' },
  notFound: { en: 'This page does not exist.', zh: '页面不存在。' },
  close: { en: 'Close', zh: '关闭' },
  chatTitle: { en: 'Shopping assistant', zh: '购物助手' },
  chatHint: {
    en: 'Ask in your own words: “tent for 2 under 800”, “3-day rainy hike”.',
    zh: '用你自己的话提问：“两人帐篷 800 元以内”、“帮我准备三天雨天徒步”。',
  },
  chatPlaceholder: { en: 'Message the assistant', zh: '给助手发消息' },
  send: { en: 'Send', zh: '发送' },
  newConversation: { en: 'New conversation', zh: '新对话' },
  match_text: { en: 'words', zh: '关键词' },
  match_embedding: { en: 'meaning', zh: '语义' },
  stop: { en: 'Stop', zh: '停止' },
  planFor: { en: 'Make a plan', zh: '生成清单' },
  you: { en: 'You', zh: '你' },
  thinking: { en: 'Working…', zh: '处理中…' },
  chatUnavailable: {
    en: 'The assistant is not available on this server.',
    zh: '此服务器未提供购物助手。',
  },
  plan: { en: 'Shopping plan', zh: '购物清单' },
  planEmpty: {
    en: 'Ask the assistant for a plan, e.g. “prepare a 3-day rainy hike”.',
    zh: '让助手生成清单，例如“帮我准备三天雨天徒步”。',
  },
  budget: { en: 'Budget', zh: '预算' },
  withinBudget: { en: 'within budget', zh: '在预算内' },
  overBudget: { en: 'over budget', zh: '超出预算' },
  addPlan: { en: 'Add the plan to cart', zh: '清单全部加入购物车' },
  status_chosen: { en: 'chosen', zh: '已选' },
  status_owned: { en: 'already owned', zh: '已拥有' },
  status_skipped: { en: 'skipped', zh: '跳过' },
  status_unavailable: { en: 'unavailable', zh: '无货' },
  'status_over-budget': { en: 'over budget', zh: '超预算' },
  people: { en: '{count} people', zh: '{count} 人' },
  days: { en: '{count} days', zh: '{count} 天' },
  admin: { en: 'Admin', zh: '管理后台' },
} as const;

export type StringKey = keyof typeof strings;

function initialLanguage(): Language {
  const stored = globalThis.localStorage?.getItem('lmrec.lang');
  if (stored === 'en' || stored === 'zh') return stored;
  return globalThis.navigator?.language?.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

export const language = observable<Language>(initialLanguage());

export function setLanguage(next: Language): void {
  localStorage.setItem('lmrec.lang', next);
  document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
  language.set(next);
}

export type Translate = (key: StringKey, values?: Record<string, string | number>) => string;

export function translate(lang: Language): Translate {
  return (key, values) => {
    let text: string = strings[key][lang];
    if (values) for (const [name, value] of Object.entries(values)) text = text.replaceAll(`{${name}}`, String(value));
    return text;
  };
}

/** The language and its translate function; re-renders on a switch. */
export function useLanguage(): { lang: Language; t: Translate } {
  const lang = useObservable(language);
  return { lang, t: translate(lang) };
}

/** An item's text field in the language (`title` → `text.title_zh` in Chinese), the primary text otherwise. */
export function itemText(item: Item, field: 'title' | 'description', lang: Language): string {
  if (lang === 'zh') {
    const translated = item.text?.[`${field}_zh`];
    if (translated) return translated;
  }
  return item[field] ?? '';
}

/** The generated description (LLM copy) when the item has one, in the language or else the other. */
export function generatedDescription(item: Item, lang: Language): string | null {
  const text = item.text ?? {};
  const other = lang === 'zh' ? '' : '_zh';
  const own = lang === 'zh' ? '_zh' : '';
  for (const key of ['description_generated', 'generated_description']) {
    const value = text[`${key}${own}`] ?? text[`${key}${other}`];
    if (value) return value;
  }
  return null;
}

/** The generated selling points (one a line in `text.selling_points_generated`), in the language or else the other. */
export function generatedSellingPoints(item: Item, lang: Language): string[] {
  const text = item.text ?? {};
  const value =
    lang === 'zh'
      ? (text.selling_points_generated_zh ?? text.selling_points_generated)
      : (text.selling_points_generated ?? text.selling_points_generated_zh);
  return value
    ? value
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean)
    : [];
}

export function categoryName(item: Item, lang: Language): string {
  if (lang === 'zh' && item.text?.category_zh) return item.text.category_zh.split(' / ').at(-1) ?? '';
  return item.categories.at(-1) ?? '';
}

export function brandName(item: Item, lang: Language): string {
  const brand = item.attributes.brand;
  if (lang === 'zh' && typeof item.attributes.brand_zh === 'string') return item.attributes.brand_zh;
  return typeof brand === 'string' ? brand : '';
}
