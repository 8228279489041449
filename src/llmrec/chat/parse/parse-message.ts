// Reads one shopping message without an LLM: the categories it names (and those it excludes or already owns),
// prices and budget, party size, trip length, measured attributes, attribute values (brands, colours, seasons,
// materials, from the catalog's own vocabulary), item ids, conversational signals, and what is left for search.

import { isCjk, words } from '../../../core/text.ts';
import type { CatalogIndex } from '../catalog-index.ts';
import { findPhrase, normalizeText, removeSpans } from '../text-match.ts';
import { normalizeNumbers } from './numbers.ts';
import { extractPrices } from './price.ts';
import { extractDays, extractMeasures, extractPeople, type Measure, type Span } from './quantities.ts';
import { extractSignals, extractWishes, type MessageSignals, negationBefore, ownedBefore } from './signals.ts';

export interface ValueMention {
  attribute: string;
  value: string | number | boolean;
  categories: ReadonlySet<string>;
  /** "no Pinewood", "不要红色". */
  negated: boolean;
  text: string;
}

export interface ParsedMessage {
  /** The message as written. */
  text: string;
  language: 'en' | 'zh';
  /** What remains for full-text and semantic search once constraints are taken out. */
  searchText: string;
  /** Category keys the message asks for, in order of mention. */
  categories: string[];
  excludedCategories: string[];
  /** "I already have boots": categories to leave out of a plan. */
  ownedCategories: string[];
  price: { min?: number; max?: number; budget?: number; currency: string | null };
  people?: number;
  days?: number;
  measures: Measure[];
  values: ValueMention[];
  /** Catalog ids typed in the message. */
  mentionedIds: string[];
  signals: MessageSignals;
}

const stopwords = new Set(
  `a an the i me my we our you your it its this that these those some any and or but for with of to in on at by from
  want need needs looking look find show give get buy recommend recommendation suggest please can could would
  like something thing things one ones good nice best great also just really very about around is are be am was
  have has do does go going trip help with item items product products what which how much many options option
  people person yuan rmb cny dollars usd price under below less than more over above budget cheap cheaper total
  no not none prefer preferably rather rated rating details detail compare first second third last already got own
  maybe perhaps instead other another ok okay yes thanks thank hi hello hey let lets let's tell
  我 我们 你 想 想要 要 买 需要 推荐 帮 帮我 一个 一款 一些 一下 的 了 吗 呢 吧 和 跟 与 给 找 看看 有没有 什么 哪些 请
  适合 用 用于 可以 左右 以下 以内 以上 价格 预算 元 块 个 款 件 准备 已经 不要 喜欢 不喜欢 比较 对比 第一 第二`.split(
    /\s+/,
  ),
);

export function parseMessage(text: string, index: CatalogIndex): ParsedMessage {
  const normalized = normalizeNumbers(normalizeText(text));
  const spans: Span[] = [];
  const price = extractPrices(normalized);
  spans.push(...price.spans);
  const people = extractPeople(normalized);
  if (people) spans.push(people.span);
  const days = extractDays(normalized);
  if (days) spans.push(days.span);
  const measures = extractMeasures(normalized).filter((measure) => !overlaps(measure.span, spans));
  spans.push(...measures.map((measure) => measure.span));
  // Wishes are read before names are taken out: "waterproof" is a wish even where it is also an attribute value.
  const wishes = extractWishes(removeSpans(normalized, spans));

  const categories: string[] = [];
  const excludedCategories: string[] = [];
  const ownedCategories: string[] = [];
  for (const found of findTerms(normalized, categoryTerms(index), spans)) {
    spans.push(found.span);
    const before = normalized.slice(Math.max(0, found.span.start - 24), found.span.start);
    const list = ownedBefore.test(before)
      ? ownedCategories
      : negationBefore.test(before)
        ? excludedCategories
        : categories;
    if (!list.includes(found.key)) list.push(found.key);
  }
  const values: ValueMention[] = [];
  const valueTerms = [...index.values().keys()].map((term) => ({ term, key: term }));
  for (const found of findTerms(normalized, valueTerms, spans)) {
    spans.push(found.span);
    const before = normalized.slice(Math.max(0, found.span.start - 24), found.span.start);
    for (const value of index.values().get(found.key) ?? [])
      values.push({ ...value, negated: negationBefore.test(before), text: found.key });
  }
  const mentionedIds: string[] = [];
  for (const match of text.matchAll(/[\p{L}\p{N}][\p{L}\p{N}_.:-]{2,}/gu)) {
    if (!index.has(match[0]) || mentionedIds.includes(match[0])) continue;
    mentionedIds.push(match[0]);
    const at = normalized.indexOf(match[0].toLowerCase());
    if (at >= 0) spans.push({ start: at, end: at + match[0].length });
  }
  const rest = removeSpans(normalized, spans);
  return {
    text,
    language: isCjk(text) ? 'zh' : 'en',
    searchText: words(rest)
      .filter((word) => !stopwords.has(word) && !/^\d+([.,]\d+)?$/.test(word) && !(isCjk(word) && word.length < 2))
      .join(' '),
    categories,
    excludedCategories,
    ownedCategories,
    price: { min: price.min, max: price.max, budget: price.budget, currency: price.currency },
    people: people?.people,
    days: days?.days,
    measures,
    values,
    mentionedIds,
    signals: { ...extractSignals(normalized), wishes },
  };
}

const termCache = new WeakMap<CatalogIndex, Array<{ term: string; key: string }>>();

function categoryTerms(index: CatalogIndex): Array<{ term: string; key: string }> {
  let terms = termCache.get(index);
  if (!terms) {
    terms = index.categories().flatMap((category) => category.terms.map((term) => ({ term, key: category.key })));
    termCache.set(index, terms);
  }
  return terms;
}

/** Occurrences of the terms, longest first, never overlapping each other or the spans already taken. */
function findTerms(
  text: string,
  terms: ReadonlyArray<{ term: string; key: string }>,
  taken: readonly Span[],
): Array<{ key: string; span: Span }> {
  const sorted = [...terms]
    .filter(({ term }) => quickContains(text, term))
    .sort((a, b) => b.term.length - a.term.length);
  const used: Span[] = [...taken];
  const out: Array<{ key: string; span: Span }> = [];
  for (const { term, key } of sorted)
    for (const span of findPhrase(text, term)) {
      if (overlaps(span, used)) continue;
      used.push(span);
      out.push({ key, span });
    }
  return out.sort((a, b) => a.span.start - b.span.start);
}

/** A cheap test before the regular expression: every word of the term appears in the text. */
function quickContains(text: string, term: string): boolean {
  return term.split(' ').every((part) => text.includes(part));
}

function overlaps(span: Span, spans: readonly Span[]): boolean {
  return spans.some((other) => span.start < other.end && span.end > other.start);
}
