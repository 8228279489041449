// Parsing of single field values (numbers, times, lists, markup-laden text). Each parser returns the value or a
// problem string, so the caller can name the file, line and field in one place.

const decimal = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A finite decimal number, or a problem. */
export function parseNumber(text: string): number | string {
  const trimmed = text.trim();
  if (trimmed === '') return 'is empty, expected a number';
  if (!decimal.test(trimmed)) return `${JSON.stringify(text)} is not a number`;
  return Number(trimmed);
}

/** How numeric times are read: seconds or milliseconds since the epoch, or `auto` (below 1e11 means seconds). */
export type TimeUnit = 'auto' | 's' | 'ms';

/**
 * Milliseconds since the epoch from a number (seconds or ms, see TimeUnit) or an ISO 8601 / RFC 2822 date,
 * or a problem. `auto` takes values below 1e11 as seconds: 1e11 s is the year 5138, 1e11 ms is 1973.
 */
export function parseTime(text: string, unit: TimeUnit = 'auto'): number | string {
  const trimmed = text.trim();
  if (trimmed === '') return 'is empty, expected a time';
  if (decimal.test(trimmed)) {
    const value = Number(trimmed);
    if (value < 0) return `${trimmed} is before 1970`;
    const seconds = unit === 's' || (unit === 'auto' && Math.abs(value) < 1e11);
    return Math.round(seconds ? value * 1000 : value);
  }
  const parsed = Date.parse(trimmed);
  if (Number.isNaN(parsed)) return `${JSON.stringify(text)} is not a time (expected epoch seconds, ms, or ISO 8601)`;
  if (parsed < 0) return `${trimmed} is before 1970`;
  return parsed;
}

/** Splits a list field, trimming entries and dropping empty ones. */
export function splitList(text: string, separator: string): string[] {
  if (text.trim() === '') return [];
  return text
    .split(separator)
    .map((part) => part.trim())
    .filter(Boolean);
}

const entities: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  '#39': "'",
};

/** Plain text from text that may hold HTML (Amazon metadata does): tags removed, entities decoded, spaces collapsed. */
export function plainText(text: string): string {
  return (
    text
      .replace(/<br\s*\/?>/gi, ' ')
      .replace(/<[^>]*>/g, ' ')
      .replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (match, name: string) => {
        const lower = name.toLowerCase();
        if (entities[lower]) return entities[lower];
        if (lower.startsWith('#x')) return String.fromCodePoint(Number.parseInt(lower.slice(2), 16));
        if (lower.startsWith('#')) return String.fromCodePoint(Number.parseInt(lower.slice(1), 10));
        return match;
      })
      .replace(/\s+/g, ' ')
      // A tag removed before punctuation leaves a space there: `<b>10 mm</b>.` reads `10 mm.`.
      .replace(/ ([.,;:!?])/g, '$1')
      .trim()
  );
}

/** A year in parentheses at the end of a MovieLens title, e.g. `Toy Story (1995)` → 1995. */
export function titleYear(title: string): number | null {
  const match = /\((\d{4})(?:[–-]\d{0,4})?\)\s*$/.exec(title);
  return match ? Number(match[1]) : null;
}

/** A JSON scalar or text from a table cell: numbers become numbers, `true`/`false` booleans, the rest strings. */
export function cellValue(text: string): string | number | boolean {
  const trimmed = text.trim();
  // Leading zeros (zip codes, padded ids) and long digit runs stay text, so nothing is lost.
  if (decimal.test(trimmed) && trimmed.length < 16 && !/^[+-]?0\d/.test(trimmed)) return Number(trimmed);
  if (trimmed === 'true') return true;
  if (trimmed === 'false') return false;
  return text;
}
