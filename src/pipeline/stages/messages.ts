// Reason sentences in English and Chinese. One template per reason kind; {title}, {category}, {brand}, {verb} and
// {source} are filled from the catalog and the evidence.

import type { Language } from '../types.ts';

type Template = (values: Record<string, string>) => string;

const templates: Record<Language, Record<string, Template>> = {
  en: {
    personal: (v) => (v.title ? `Picked for you, based on your interest in ${v.title}` : 'Picked for you'),
    because: (v) => `Because you ${v.verb} ${v.title}`,
    'bought-together': (v) => `Often bought together with ${v.title}`,
    similar: (v) => `Similar to ${v.title}`,
    social: () => 'Liked by people you follow',
    popular: (v) => (v.category ? `Popular in ${v.category}` : 'Popular with shoppers'),
    trending: (v) => (v.category ? `Trending in ${v.category} this week` : 'Trending this week'),
    new: (v) => (v.category ? `New arrival in ${v.category}` : 'New arrival'),
    brand: (v) => `New from ${v.brand}, a brand you like`,
    seasonal: () => 'In season now',
    pinned: () => 'Featured pick',
    exploration: () => 'Something new for you to discover',
    external: (v) => `Recommended by ${v.source}`,
    interest: (v) => (v.title ? `Matches what you look for, like ${v.title}` : 'Matches your interests'),
  },
  zh: {
    personal: (v) => (v.title ? `根据你对「${v.title}」的兴趣为你推荐` : '为你推荐'),
    because: (v) => `因为你${v.verb}「${v.title}」`,
    'bought-together': (v) => `常与「${v.title}」一起购买`,
    similar: (v) => `与「${v.title}」相似`,
    social: () => '你关注的人也喜欢',
    popular: (v) => (v.category ? `${v.category}热销` : '大家都在买'),
    trending: (v) => (v.category ? `本周${v.category}热门` : '本周热门'),
    new: (v) => (v.category ? `${v.category}新品上架` : '新品上架'),
    brand: (v) => `你喜欢的品牌${v.brand}上新了`,
    seasonal: () => '当季推荐',
    pinned: () => '精选推荐',
    exploration: () => '为你发现的新品',
    external: (v) => `来自${v.source}的推荐`,
    interest: (v) => (v.title ? `符合你的兴趣，比如「${v.title}」` : '符合你的兴趣'),
  },
};

const verbs: Record<Language, Record<string, string>> = {
  en: { purchase: 'bought', cart: 'added to your cart', like: 'liked', rating: 'rated', review: 'reviewed' },
  zh: { purchase: '购买过', cart: '加购了', like: '喜欢', rating: '评价过', review: '评论过' },
};

/** The verb for an event type ("bought", "viewed"). */
export function verbFor(type: string | undefined, lang: Language): string {
  return verbs[lang][type ?? ''] ?? (lang === 'zh' ? '浏览过' : 'viewed');
}

export function reasonText(kind: string, lang: Language, values: Record<string, string>): string {
  const template = templates[lang][kind] ?? templates[lang].personal;
  return template(values);
}
