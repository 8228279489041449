// Numbers in messages: Chinese numerals before a measure word (八百元, 三天, 两人), English number words
// (two people), and shorthands (2k, 1.5万), all rewritten as digits so the other extractors read one form.

const digits: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  俩: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const units: Record<string, number> = { 十: 10, 百: 100, 千: 1000, 万: 10_000 };

/** The value of a Chinese numeral such as 八百, 一千五, 三百五十, 十二; null when it is not one. */
export function parseChineseNumber(text: string): number | null {
  if (!text || ![...text].every((char) => char in digits || char in units)) return null;
  let total = 0;
  let section = 0;
  let number = 0;
  let lastUnit = 1;
  for (const char of text) {
    if (char in digits) {
      number = digits[char];
      continue;
    }
    const unit = units[char];
    if (unit === 10_000) {
      total += (section + number) * unit;
      section = 0;
      number = 0;
      lastUnit = unit;
      continue;
    }
    section += (number || (unit === 10 ? 1 : 0)) * unit;
    number = 0;
    lastUnit = unit;
  }
  // 一千五 means 1500: a trailing digit counts in the unit below the last one.
  if (number && lastUnit >= 100) number *= lastUnit / 10;
  return total + section + number;
}

const englishNumbers: Record<string, number> = {
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fifteen: 15,
  twenty: 20,
};

/** Measure words after which a Chinese numeral is a quantity (not part of a word such as 一起). */
const measure =
  '元|块|圆|刀|天|日|晚|夜|人|位|个|口|公斤|千克|斤|克|升|度|毫米|流明|瓦|寸|以下|以内|以上|左右|到|至|-|~|～';

const amountWords = '预算|预算是|预算为|不超过|低于|高于|超过|大约|大概|价格|价位|最多|至少|总共|一共';

/** The message with numbers as digits: 八百元 → 800元, two people → 2 people, 2k → 2000, 1.5万 → 15000. */
export function normalizeNumbers(text: string): string {
  const toDigits = (match: string) => String(parseChineseNumber(match) ?? match);
  let out = text.replace(new RegExp(`([零〇一二两俩三四五六七八九十百千万]+)(?=${measure})`, 'g'), toDigits);
  // After words that introduce an amount ("预算一千五", "不超过八百") a numeral is a number without a measure word.
  out = out.replace(new RegExp(`(?<=${amountWords})([零〇一二两俩三四五六七八九十百千万]+)`, 'g'), toDigits);
  out = out.replace(/(\d+(?:\.\d+)?)\s*(k\b|K\b|千|万)/g, (_match, value: string, unit: string) => {
    const factor = unit === '万' ? 10_000 : 1000;
    return String(Math.round(Number(value) * factor));
  });
  // "one" only as a count: "this one", "the second one" stay references.
  out = out.replace(/\bone(?=\s+(?:person|people|adult|day|night|week)s?\b)/gi, '1');
  out = out.replace(/\b(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty)\b/gi, (word) =>
    String(englishNumbers[word.toLowerCase()]),
  );
  // Thousands separators: 1,299 → 1299 (not lists such as "1, 2").
  return out.replace(/(\d),(\d{3})(?!\d)/g, '$1$2');
}
