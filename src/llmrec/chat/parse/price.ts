// Prices and budgets in English and Chinese: "under 800 yuan", "800元以下", "不超过800", "$50-100", "between 300
// and 500", "around 1000", "budget 3000" / "预算3000" (a budget is for the whole basket, a bound for one item).

export interface PriceMention {
  min?: number;
  max?: number;
  /** A budget for everything asked for (plans), rather than a bound on each item. */
  budget?: number;
  /** ISO code of the currency named (USD, CNY, EUR, GBP, JPY), or null when none was. */
  currency: string | null;
  spans: Array<{ start: number; end: number }>;
}

const currencyWords: Array<[RegExp, string]> = [
  [/^(?:\$|usd|us\$|dollars?|bucks|美元|美金|刀)$/i, 'USD'],
  [/^(?:¥|￥|元|块|块钱|圆|rmb|cny|yuan|人民币)$/i, 'CNY'],
  [/^(?:€|eur|euros?|欧元)$/i, 'EUR'],
  [/^(?:£|gbp|pounds?|英镑)$/i, 'GBP'],
  [/^(?:円|jpy|yen|日元)$/i, 'JPY'],
];

function currencyOf(marker: string | undefined): string | null {
  if (!marker) return null;
  const trimmed = marker.trim();
  for (const [pattern, code] of currencyWords) if (pattern.test(trimmed)) return code;
  return null;
}

const symbol = String.raw`[$¥￥€£]|us\$`;
const suffix = `块钱|元|块|圆|刀|rmb|cny|yuan|usd|dollars?|bucks|eur|euros?|gbp|pounds?|yen|jpy|人民币|美元|美金|欧元|英镑|日元|円`;
const amount = String.raw`\d+(?:\.\d+)?`;
const pricePattern = new RegExp(
  String.raw`(?:(${symbol})\s*)?(${amount})(?:\s*(?:-|~|～|to|到|至|and)\s*(?:${symbol})?\s*(${amount}))?\s*(${suffix})?`,
  'giu',
);
// Other units after a number: it is a count, a size or a rating, not a price.
const otherUnit =
  /^\s*(?:-?\s*(?:person|people|persons|pax|adults?|day|days|night|nights|kg|g|grams?|l|liters?|litres?|mm|cm|m|°|℃|degrees?|lumens?|lm|mah|w|watts?|inch|inches|pack|pieces?|pcs|seasons?)\b|人|位|天|日|晚|夜|公斤|千克|斤|克|升|度|毫米|厘米|米|流明|瓦|寸|季|件|个人|口)/iu;
const maxBefore =
  /(?:under|below|less than|cheaper than|at most|max(?:imum)?|no more than|not more than|up to|within|not over|<=?|≤|不超过|不高于|低于|不到|少于|最多|以内)\s*$/iu;
const minBefore =
  /(?:over|above|more than|at least|min(?:imum)?|from|starting at|>=?|≥|超过|高于|不低于|至少|起码)\s*$/iu;
const approxBefore = /(?:around|about|approximately|roughly|circa|~|大概|大约|差不多)\s*$/iu;
const maxAfter = /^\s*(?:以下|以内|之内|内|or less|or under|max|at most|封顶)/iu;
const minAfter = /^\s*(?:以上|起|or more|plus|\+)/iu;
const approxAfter = /^\s*(?:左右|上下|ish)/iu;
const betweenBefore = /(?:between|介于|在)\s*$/iu;
const budgetBefore =
  /(?:(?:a |my |the )?(?:total )?budget(?: of| is| at)?|total(?: of)?|spend(?: up to)?|预算(?:是|为|大概|大约)?|总共|一共|总价)\s*$/iu;
const budgetContext =
  /(?:budget|total|in total|altogether|overall|all in|spend|预算|总共|一共|总价|合计|总计|花费?|全部)[^.!?。！？]{0,12}$/iu;
const budgetAfter = /^\s*(?:in total|total|altogether|overall|all in|总共|一共|总预算)/iu;
const priceContext = /(?:price|priced|cost|costs|pay|价格|价位|价钱|售价|买)[^.!?。！？]{0,10}$/iu;

/** Prices and a budget named in a message whose numbers are already digits (see normalizeNumbers). */
export function extractPrices(text: string): PriceMention {
  const out: PriceMention = { currency: null, spans: [] };
  for (const match of text.matchAll(pricePattern)) {
    const [whole, prefix, first, second, unit] = match;
    const start = match.index;
    const end = start + whole.length;
    const before = text.slice(Math.max(0, start - 24), start);
    const after = text.slice(end, end + 12);
    const currency = currencyOf(prefix) ?? currencyOf(unit);
    if (!unit && otherUnit.test(after)) continue;
    const bound = maxBefore.test(before) || maxAfter.test(after) ? 'max' : null;
    const floor = minBefore.test(before) || minAfter.test(after) ? 'min' : null;
    const approx = approxBefore.test(before) || approxAfter.test(after);
    const isBudget = budgetContext.test(before) || budgetAfter.test(after);
    const hasContext = bound || floor || approx || isBudget || priceContext.test(before) || betweenBefore.test(before);
    if (!currency && !hasContext) continue;
    const low = Number(first);
    const high = second !== undefined ? Number(second) : undefined;
    if (currency) out.currency = currency;
    const span = { start: Math.max(0, start - boundLength(before)), end: end + suffixLength(after) };
    out.spans.push(span);
    if (isBudget && high === undefined) {
      out.budget = low;
      continue;
    }
    if (high !== undefined) {
      out.min = Math.min(low, high);
      out.max = Math.max(low, high);
    } else if (approx) {
      out.min = Math.round(low * 0.8);
      out.max = Math.round(low * 1.2);
    } else if (floor && !bound) out.min = low;
    else out.max = low;
  }
  return out;
}

/** Length of the bound phrase right before a number, so it leaves the search text with the number. */
function boundLength(before: string): number {
  for (const pattern of [budgetBefore, maxBefore, minBefore, approxBefore, betweenBefore]) {
    const found = pattern.exec(before);
    if (found) return found[0].length;
  }
  return 0;
}

function suffixLength(after: string): number {
  for (const pattern of [maxAfter, minAfter, approxAfter, budgetAfter]) {
    const found = pattern.exec(after);
    if (found) return found[0].length;
  }
  return 0;
}
