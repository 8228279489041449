// Amazon Review Data 2018 JSON lines: reviews become `rating` events (the star value, at the review time) and
// metadata becomes items with title, description, brand, category path, features, price and co-purchase lists.

import { InvalidInputError } from '../../core/errors.ts';
import { type Item, makeItem } from '../../core/types.ts';
import { plainText } from './field-values.ts';
import type { ImportSession } from './import-session.ts';
import { readJsonLines } from './json-entries.ts';

const months: Record<string, number> = {};
[
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
].forEach((name, index) => {
  months[name] = index;
});

/** Imports one reviews file, adding every reviewed item id to `reviewed`. */
export async function importAmazonReviews(session: ImportSession, file: string, reviewed: Set<string>) {
  if (!session.knownTypes.has('rating')) {
    throw new InvalidInputError('the feedback type "rating" is not defined; add it to feedbackTypes in the config', {
      context: { field: 'feedbackTypes' },
    });
  }
  const onBytes = session.beginFile(file, 'reviews');
  for await (const rows of readJsonLines(file, { onBytes })) {
    for (const row of rows) {
      const place = (field?: string) => ({ file, line: row.line, field });
      if (row.error) {
        session.problem(place(), row.error);
        continue;
      }
      const review = row.value as Record<string, unknown>;
      const userId = review.reviewerID;
      const itemId = review.asin;
      if (typeof userId !== 'string' || !userId) {
        session.problem(place('reviewerID'), 'is missing');
        continue;
      }
      if (typeof itemId !== 'string' || !itemId) {
        session.problem(place('asin'), 'is missing');
        continue;
      }
      const value = typeof review.overall === 'string' ? Number(review.overall) : review.overall;
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        session.problem(place('overall'), `${JSON.stringify(review.overall)} is not a number`);
        continue;
      }
      const timestamp = reviewTime(review);
      if (timestamp === null) {
        session.problem(place('unixReviewTime'), 'is missing or not a time');
        continue;
      }
      reviewed.add(itemId);
      await session.addEvent({ userId, itemId, type: 'rating', value, timestamp });
    }
  }
  session.endFile();
}

/** unixReviewTime (seconds), else reviewTime (`MM DD, YYYY`), as ms; null when neither is usable. */
function reviewTime(review: Record<string, unknown>): number | null {
  const unix = typeof review.unixReviewTime === 'string' ? Number(review.unixReviewTime) : review.unixReviewTime;
  if (typeof unix === 'number' && Number.isFinite(unix) && unix >= 0) return unix * 1000;
  const match = typeof review.reviewTime === 'string' ? /^(\d{1,2}) (\d{1,2}), (\d{4})$/.exec(review.reviewTime) : null;
  return match ? Date.UTC(Number(match[3]), Number(match[1]) - 1, Number(match[2])) : null;
}

/** Imports one metadata file; with `keep`, only items in it (the reviewed ones). */
export async function importAmazonMetadata(session: ImportSession, file: string, keep: Set<string> | null) {
  const onBytes = session.beginFile(file, 'metadata');
  let left = 0;
  for await (const rows of readJsonLines(file, { onBytes })) {
    for (const row of rows) {
      if (row.error) {
        session.problem({ file, line: row.line }, row.error);
        continue;
      }
      const record = row.value as Record<string, unknown>;
      if (typeof record.asin !== 'string' || !record.asin) {
        session.problem({ file, line: row.line, field: 'asin' }, 'is missing');
        continue;
      }
      if (keep && !keep.has(record.asin)) {
        left++;
        continue;
      }
      await session.addItem(metadataItem(record as Record<string, unknown> & { asin: string }));
    }
  }
  session.endFile();
  if (left > 0)
    session.note(`${file}: ${left.toLocaleString('en-US')} items without reviews left out (--all-items keeps them)`);
}

function texts(value: unknown): string[] {
  if (typeof value === 'string') return [plainText(value)].filter(Boolean);
  if (Array.isArray(value)) return value.flat(2).flatMap(texts);
  return [];
}

/** An item from one metadata record (2018 field names; the 2014 `categories` list of paths is read too). */
export function metadataItem(record: Record<string, unknown> & { asin: string }): Item {
  const categoryPaths = Array.isArray(record.categories) ? (record.categories[0] as unknown) : undefined;
  const item = makeItem({
    id: record.asin,
    title: texts(record.title).join(' '),
    categories: texts(record.category ?? categoryPaths),
    language: 'en',
  });
  const description = texts(record.description).join(' ');
  if (description) item.description = description;
  const features = texts(record.feature);
  if (features.length) item.text = { features: features.join('. ') };
  const brand = texts(record.brand)
    .join(' ')
    .replace(/^by\s+/i, '');
  if (brand) item.attributes.brand = brand;
  const mainCategory = texts(record.main_cat).join(' ');
  if (mainCategory) item.attributes.mainCategory = mainCategory;
  for (const [from, to] of [
    ['also_buy', 'alsoBought'],
    ['also_view', 'alsoViewed'],
  ] as const) {
    const ids = record[from];
    if (Array.isArray(ids) && ids.length) item.attributes[to] = ids.filter((id) => typeof id === 'string');
  }
  if (record.rank !== undefined && record.rank !== '') item.attributes.salesRank = record.rank;
  const price = typeof record.price === 'number' ? record.price : priceOf(String(record.price ?? ''));
  if (price !== null) item.price = price;
  const created = typeof record.date === 'string' ? dateOf(record.date) : null;
  if (created !== null) item.createdAt = created;
  return item;
}

/** `$24.99` → 24.99; for a range `$1.00 - $2.00`, the low end; null when there is no price. */
function priceOf(text: string): number | null {
  const match = /\$\s*([\d,]+(?:\.\d+)?)/.exec(text);
  if (!match) return null;
  const value = Number(match[1].replace(/,/g, ''));
  return Number.isFinite(value) ? value : null;
}

/** `June 1, 2012` → ms; null for anything else (the field often holds other text). */
function dateOf(text: string): number | null {
  const match = /^([A-Za-z]+) (\d{1,2}), (\d{4})$/.exec(text.trim());
  if (!match) return null;
  const month = months[match[1].toLowerCase()];
  return month === undefined ? null : Date.UTC(Number(match[3]), month, Number(match[2]));
}
