// `csv` and `jsonl` imports: feedback rows mapped by column flags, plus optional items and users files.

import { InvalidInputError } from '../../core/errors.ts';
import { type Item, makeItem } from '../../core/types.ts';
import { cellValue, parseNumber, parseTime, splitList, type TimeUnit } from './field-values.ts';
import type { ImportSession } from './import-session.ts';
import { type ColumnGetter, openTable, tableKindOf } from './table-source.ts';
import type { TextEncoding } from './text-source.ts';

export interface TableImportOptions {
  /** csv (delimited text with a header row by default) or jsonl (one JSON object per line). */
  kind: 'csv' | 'jsonl';
  /** Column holding the user id. */
  user: string;
  /** Column holding the item id. */
  item: string;
  /** Column holding the event value (a rating, a count); 1 when absent. */
  value?: string;
  /** Column holding the time (epoch seconds or ms, or ISO 8601); without it the row order stands in for time. */
  time?: string;
  /** Column holding the feedback type of each row; mutually exclusive with `feedbackType`. */
  type?: string;
  /** One feedback type for every row (default `rating` with a value column, else `click`). */
  feedbackType?: string;
  /** Renames values of the type column, e.g. `{ pv: 'view', buy: 'purchase' }`. */
  typeMap?: Record<string, string>;
  /** How numeric times are read (default auto: below 1e11 is seconds). */
  timeUnit?: TimeUnit;
  /** CSV field separator (default: sniffed from the first line among `,` tab `;` `|`; tab for .tsv). */
  delimiter?: string;
  /** CSV: first row is a header (default true); without it columns are numbered from 1. */
  header?: boolean;
  encoding?: TextEncoding;
  /** CSV without a header: names for the columns, in order (for messages that name the field). */
  names?: readonly string[];
  /** CSV: honour double quotes (default true). */
  quotes?: boolean;
  /**
   * A file of items with a header row (same kind unless its extension says otherwise; separator sniffed): id, title,
   * description, categories, tags, price, brand, language, available, created_at; other columns become attributes.
   */
  items?: string;
  /** The id column of the items file (default: the `item` column's name when present, else `id`). */
  itemsId?: string;
  /** A file of users: an id column, every other column becomes an attribute. */
  users?: string;
  /** The id column of the users file (default: the `user` column's name when present, else `id`). */
  usersId?: string;
  /** Separator of list cells in CSV (categories, tags; default `|`; a category path may also use ` > `). */
  listSeparator?: string;
}

/** Imports the items and users files (when given) and then the feedback file. */
export async function importTable(session: ImportSession, file: string, options: TableImportOptions): Promise<void> {
  if (options.type && options.feedbackType) {
    throw new InvalidInputError('give either --type (a column) or --feedback-type (one type for all rows), not both', {
      context: { field: 'type' },
    });
  }
  const fixedType = options.type ? null : (options.feedbackType ?? (options.value ? 'rating' : 'click'));
  if (fixedType !== null && !session.knownTypes.has(fixedType)) {
    throw new InvalidInputError(
      `feedback type "${fixedType}" is not defined (known: ${[...session.knownTypes].join(', ')}); add it to feedbackTypes in the config`,
      { context: { field: 'feedbackType' } },
    );
  }
  if (options.items) await importItemsTable(session, options.items, options);
  if (options.users) await importUsersTable(session, options.users, options);
  const onBytes = session.beginFile(file);
  const table = await openTable(file, { ...options, kind: options.kind, onBytes });
  const columns = {
    user: table.column(options.user),
    item: table.column(options.item),
    value: options.value ? table.column(options.value) : null,
    time: options.time ? table.column(options.time) : null,
    type: options.type ? table.column(options.type) : null,
  };
  if (!options.time) session.note(`${file}: no time column, so the row order stands in for time`);
  const timeUnit = options.timeUnit ?? 'auto';
  for await (const rows of table.rows()) {
    for (const row of rows) {
      const place = (field?: string) => ({ file, line: row.line, field });
      if (row.error) {
        session.problem(place(), row.error);
        continue;
      }
      const userId = idCell(columns.user(row.cells));
      if (userId === null) {
        session.problem(place(options.user), 'is empty, expected a user id');
        continue;
      }
      const itemId = idCell(columns.item(row.cells));
      if (itemId === null) {
        session.problem(place(options.item), 'is empty, expected an item id');
        continue;
      }
      let value = 1;
      if (columns.value) {
        const parsed = numberCell(columns.value(row.cells));
        if (typeof parsed === 'string') {
          session.problem(place(options.value), parsed);
          continue;
        }
        value = parsed;
      }
      // Without a time column, the line number keeps rows in file order (and a re-import idempotent).
      let timestamp = row.line * 1000;
      if (columns.time) {
        const parsed = timeCell(columns.time(row.cells), timeUnit);
        if (typeof parsed === 'string') {
          session.problem(place(options.time), parsed);
          continue;
        }
        timestamp = parsed;
      }
      let type = fixedType;
      if (columns.type) {
        const raw = idCell(columns.type(row.cells));
        const mapped = raw === null ? null : (options.typeMap?.[raw] ?? raw);
        if (mapped === null || !session.knownTypes.has(mapped)) {
          session.problem(
            place(options.type),
            `${JSON.stringify(raw ?? '')} is not a feedback type (known: ${[...session.knownTypes].join(', ')})`,
          );
          continue;
        }
        type = mapped;
      }
      await session.addEvent({ userId, itemId, type: type as string, value, timestamp });
    }
  }
  session.endFile();
}

/** Names a items-file column may have for each item field (compared without case). */
const itemColumns: Record<string, string[]> = {
  title: ['title', 'name'],
  description: ['description'],
  categories: ['categories', 'category', 'category_path', 'genres'],
  tags: ['tags'],
  price: ['price'],
  brand: ['brand'],
  language: ['language', 'lang'],
  available: ['available'],
  createdAt: ['created_at', 'createdat', 'created'],
};

/** Imports an items file: known columns fill the item fields, every other column becomes an attribute. */
export async function importItemsTable(
  session: ImportSession,
  file: string,
  options: Pick<TableImportOptions, 'kind' | 'item' | 'itemsId' | 'encoding' | 'listSeparator'>,
): Promise<void> {
  const onBytes = session.beginFile(file, 'items');
  // Items and users files always name their columns in a header row; their separator is sniffed on its own.
  const kind = tableKindOf(file, options.kind);
  const table = await openTable(file, { kind, encoding: options.encoding, header: true, onBytes });
  const idName = options.itemsId ?? (options.item && table.columns.includes(options.item) ? options.item : 'id');
  const id = table.column(idName);
  const separator = options.listSeparator ?? '|';
  const fieldOf = new Map<string, string>();
  for (const [field, names] of Object.entries(itemColumns)) for (const name of names) fieldOf.set(name, field);
  const attributeColumns = table.columns.filter((column) => column !== idName && !fieldOf.has(column.toLowerCase()));
  const getters = new Map<string, { column: string; get: ColumnGetter }>();
  for (const [field, names] of Object.entries(itemColumns)) {
    if (table.columns.length) {
      const column = table.columns.find((name) => names.includes(name.toLowerCase()));
      if (column) getters.set(field, { column, get: table.column(column) });
    } else {
      // JSON lines: the field's own name or any of its aliases.
      const keys = [field, ...names];
      getters.set(field, { column: field, get: (cells) => firstDefined(cells as Record<string, unknown>, keys) });
    }
  }
  const extra = attributeColumns.map((column) => ({ column, get: table.column(column) }));
  for await (const rows of table.rows()) {
    for (const row of rows) {
      if (row.error) {
        session.problem({ file, line: row.line }, row.error);
        continue;
      }
      const itemId = idCell(id(row.cells));
      if (itemId === null) {
        session.problem({ file, line: row.line, field: idName }, 'is empty, expected an item id');
        continue;
      }
      const made = itemFromCells(row.cells, itemId, getters, separator);
      if ('problem' in made) {
        session.problem({ file, line: row.line, field: made.field }, made.problem);
        continue;
      }
      const item = made.item;
      if (table.columns.length) {
        for (const { column, get } of extra) {
          const cell = get(row.cells);
          if (typeof cell === 'string' && cell !== '') item.attributes[column] = cellValue(cell);
        }
      } else {
        const known = new Set(['id', idName, ...Object.keys(itemColumns), ...Object.values(itemColumns).flat()]);
        for (const [key, value] of Object.entries(row.cells as Record<string, unknown>)) {
          if (!known.has(key) && !known.has(key.toLowerCase()) && value !== null) item.attributes[key] = value;
        }
      }
      await session.addItem(item);
    }
  }
  session.endFile();
}

function firstDefined(object: Record<string, unknown>, keys: readonly string[]): unknown {
  for (const key of keys) if (object[key] !== undefined) return object[key];
  return undefined;
}

/** An item from one row, or the field that spoils it. */
function itemFromCells(
  cells: unknown,
  id: string,
  getters: Map<string, { column: string; get: ColumnGetter }>,
  separator: string,
): { item: Item } | { field?: string; problem: string } {
  const cell = (field: string) => getters.get(field)?.get(cells);
  const text = (field: string) => {
    const value = cell(field);
    return value === undefined || value === null || value === '' ? undefined : String(value);
  };
  const item = makeItem({ id, title: text('title') ?? '' });
  const description = text('description');
  if (description) item.description = description;
  item.categories = listCell(cell('categories'), separator, true);
  item.tags = listCell(cell('tags'), separator, false);
  const brand = text('brand');
  if (brand) item.attributes.brand = brand;
  const language = text('language');
  if (language) item.language = language;
  const price = cell('price');
  if (price !== undefined && price !== null && price !== '') {
    const parsed = numberCell(price);
    if (typeof parsed === 'string') return { field: getters.get('price')?.column, problem: parsed };
    item.price = parsed;
  }
  const available = cell('available');
  if (available !== undefined && available !== null && available !== '') {
    item.available = !['false', '0', 'no', 'n'].includes(String(available).trim().toLowerCase());
  }
  const created = cell('createdAt');
  if (created !== undefined && created !== null && created !== '') {
    const parsed = timeCell(created, 'auto');
    if (typeof parsed === 'string') return { field: getters.get('createdAt')?.column, problem: parsed };
    item.createdAt = parsed;
  }
  return { item };
}

/** Imports a users file: an id column, and every other column as an attribute. */
export async function importUsersTable(
  session: ImportSession,
  file: string,
  options: Pick<TableImportOptions, 'kind' | 'user' | 'usersId' | 'encoding'>,
): Promise<void> {
  const onBytes = session.beginFile(file, 'users');
  // Items and users files always name their columns in a header row; their separator is sniffed on its own.
  const kind = tableKindOf(file, options.kind);
  const table = await openTable(file, { kind, encoding: options.encoding, header: true, onBytes });
  const idName = options.usersId ?? (options.user && table.columns.includes(options.user) ? options.user : 'id');
  const id = table.column(idName);
  const extra = table.columns.filter((column) => column !== idName).map((column) => [column, table.column(column)]);
  for await (const rows of table.rows()) {
    for (const row of rows) {
      if (row.error) {
        session.problem({ file, line: row.line }, row.error);
        continue;
      }
      const userId = idCell(id(row.cells));
      if (userId === null) {
        session.problem({ file, line: row.line, field: idName }, 'is empty, expected a user id');
        continue;
      }
      const attributes: Record<string, unknown> = {};
      if (table.columns.length) {
        for (const [column, get] of extra as Array<[string, ColumnGetter]>) {
          const cell = get(row.cells);
          if (typeof cell === 'string' && cell !== '') attributes[column] = cellValue(cell);
        }
      } else {
        for (const [key, value] of Object.entries(row.cells as Record<string, unknown>)) {
          if (key !== idName && key !== 'id' && value !== null) attributes[key] = value;
        }
        if (typeof (row.cells as Record<string, unknown>).attributes === 'object') {
          Object.assign(attributes, (row.cells as { attributes: Record<string, unknown> }).attributes);
          delete attributes.attributes;
        }
      }
      await session.addUser({ id: userId, attributes });
    }
  }
  session.endFile();
}

/** An id from a cell: trimmed text or a number; null when empty. */
function idCell(cell: unknown): string | null {
  if (typeof cell === 'number' && Number.isFinite(cell)) return String(cell);
  if (typeof cell !== 'string') return null;
  const trimmed = cell.trim();
  return trimmed === '' ? null : trimmed;
}

function numberCell(cell: unknown): number | string {
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : `${cell} is not a finite number`;
  if (cell === undefined || cell === null) return 'is missing, expected a number';
  if (typeof cell !== 'string') return `${JSON.stringify(cell)} is not a number`;
  return parseNumber(cell);
}

function timeCell(cell: unknown, unit: TimeUnit): number | string {
  if (typeof cell === 'number') return parseTime(String(cell), unit);
  if (cell === undefined || cell === null) return 'is missing, expected a time';
  if (typeof cell !== 'string') return `${JSON.stringify(cell)} is not a time`;
  return parseTime(cell, unit);
}

/** A list from a cell: a JSON array (nested arrays flattened) or text split on the separator (or ` > ` for paths). */
function listCell(cell: unknown, separator: string, path: boolean): string[] {
  if (Array.isArray(cell))
    return cell
      .flat(3)
      .map(String)
      .map((part) => part.trim())
      .filter(Boolean);
  if (typeof cell !== 'string') return [];
  if (path && !cell.includes(separator) && cell.includes('>')) return splitList(cell, '>');
  return splitList(cell, separator);
}
