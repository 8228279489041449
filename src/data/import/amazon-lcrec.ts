// Amazon 2018 in the LC-Rec form (Zheng et al., ICDE 2024): `{id: {title, description, brand, categories}}` items and
// `{user: [item ids in time order]}` sequences. There are no timestamps, so the sequence position stands in
// for time (position k is second k), which keeps the order for leave-last-out splits.

import { InvalidInputError } from '../../core/errors.ts';
import { makeItem } from '../../core/types.ts';
import { plainText, splitList } from './field-values.ts';
import type { ImportSession } from './import-session.ts';
import { readJsonObjectEntries } from './json-entries.ts';

export async function importAmazonLcrec(session: ImportSession, files: { items: string; inter: string }) {
  if (!session.knownTypes.has('review')) {
    throw new InvalidInputError('the feedback type "review" is not defined; add it to feedbackTypes in the config', {
      context: { field: 'feedbackTypes' },
    });
  }
  let onBytes = session.beginFile(files.items, 'items');
  for await (const entries of readJsonObjectEntries(files.items, { onBytes })) {
    for (const { key, value, line } of entries) {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        session.problem({ file: files.items, line, field: key }, 'expected an object with title, description, …');
        continue;
      }
      const record = value as Record<string, unknown>;
      const text = (field: string) => (typeof record[field] === 'string' ? plainText(record[field] as string) : '');
      const item = makeItem({
        id: key,
        title: text('title'),
        categories: splitList(text('categories'), ','),
        language: 'en',
      });
      const description = text('description');
      if (description) item.description = description;
      const brand = text('brand');
      if (brand) item.attributes.brand = brand;
      await session.addItem(item);
    }
  }
  session.endFile();
  onBytes = session.beginFile(files.inter, 'sequences');
  session.note(`${files.inter}: no timestamps, so each user's sequence position stands in for time`);
  for await (const entries of readJsonObjectEntries(files.inter, { onBytes })) {
    for (const { key, value, line } of entries) {
      if (!Array.isArray(value)) {
        session.problem({ file: files.inter, line, field: key }, 'expected an array of item ids');
        continue;
      }
      const bad = value.findIndex((id) => typeof id !== 'number' && (typeof id !== 'string' || id === ''));
      if (bad >= 0) {
        session.problem(
          { file: files.inter, line, field: `${key}[${bad}]` },
          `${JSON.stringify(value[bad])} is not an item id`,
        );
        continue;
      }
      for (let position = 0; position < value.length; position++) {
        await session.addEvent({
          userId: key,
          itemId: String(value[position]),
          type: 'review',
          value: 1,
          timestamp: position * 1000,
        });
      }
    }
  }
  session.endFile();
}
