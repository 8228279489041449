// A file of rows with named columns: CSV/TSV with a header (or numbered columns), or JSON lines (dotted paths).
// Importers resolve a column once and then read cells without caring which kind of file it is.

import fs from 'node:fs';
import { InvalidInputError } from '../../core/errors.ts';
import { readDelimitedBatches } from './delimited-records.ts';
import { readJsonLines } from './json-entries.ts';
import type { TextSourceOptions } from './text-source.ts';

/** One row: its line and its raw cells (a string array for CSV, a parsed object for JSON lines). */
export interface TableRow {
  line: number;
  cells: unknown;
  /** Set when the row cannot be read at all (a JSON line that is not JSON). */
  error?: string;
}

/** Reads one column from a row's cells; undefined when the row lacks it. */
export type ColumnGetter = (cells: unknown) => unknown;

export interface TableSource {
  readonly file: string;
  /** Column names from the header (CSV); empty for JSON lines, whose fields vary by row. */
  readonly columns: readonly string[];
  /** A getter for `name`; throws an InvalidInputError naming the file and column when a CSV header lacks it. */
  column(name: string): ColumnGetter;
  /** Whether `name` resolves (CSV: in the header; JSON lines: always). */
  has(name: string): boolean;
  rows(): AsyncGenerator<TableRow[]>;
}

export interface TableOptions extends TextSourceOptions {
  /** csv (delimited text) or jsonl. */
  kind: 'csv' | 'jsonl';
  /** CSV field separator (default: sniffed from the first line, see `sniffDelimiter`). */
  delimiter?: string;
  /** CSV: the first row names the columns (default true). Without it, columns are numbered from 1. */
  header?: boolean;
  /** CSV without a header: names for the columns, in order (numbers from 1 still work). */
  names?: readonly string[];
  /** CSV: honour double quotes (default true). */
  quotes?: boolean;
}

export async function openTable(file: string, options: TableOptions): Promise<TableSource> {
  if (options.kind === 'jsonl') return jsonlTable(file, options);
  return csvTable(file, options);
}

async function csvTable(file: string, options: TableOptions): Promise<TableSource> {
  const delimiter = options.delimiter ?? sniffDelimiter(file);
  const batches = readDelimitedBatches(file, { ...options, delimiter });
  const header = options.header ?? true;
  let first = await batches.next();
  let columns: string[] = header ? [] : [...(options.names ?? [])];
  if (header) {
    if (first.done) throw new InvalidInputError(`${file} is empty: expected a header row`, { context: { file } });
    const batch = first.value;
    columns = batch.records[0].map((name) => name.trim());
    batch.records.shift();
    batch.lines.shift();
  }
  const index = (name: string): number => {
    let at = columns.indexOf(name);
    if (at < 0) at = columns.findIndex((column) => column.toLowerCase() === name.toLowerCase());
    if (at < 0 && /^\d+$/.test(name) && Number(name) >= 1 && (!header || Number(name) <= columns.length)) {
      at = Number(name) - 1;
    }
    return at;
  };
  return {
    file,
    columns,
    has: (name) => index(name) >= 0,
    column(name) {
      const at = index(name);
      if (at < 0) {
        const known = columns.length
          ? `columns are ${columns.join(', ')}`
          : 'columns are numbered from 1 (--no-header)';
        throw new InvalidInputError(`${file}: no column "${name}" (${known})`, { context: { file, field: name } });
      }
      return (cells) => (cells as string[])[at];
    },
    async *rows() {
      for (;;) {
        if (first.done) return;
        const { records, lines } = first.value;
        if (records.length > 0) yield records.map((cells, k) => ({ line: lines[k], cells }));
        first = await batches.next();
      }
    },
  };
}

function jsonlTable(file: string, options: TableOptions): TableSource {
  return {
    file,
    columns: [],
    has: () => true,
    column(name) {
      const keys = name.split('.');
      return (cells) => {
        let node: unknown = cells;
        // A key with a dot in it wins over the dotted path.
        if (typeof node === 'object' && node !== null && name in node) return (node as Record<string, unknown>)[name];
        for (const key of keys) {
          if (typeof node !== 'object' || node === null) return undefined;
          node = (node as Record<string, unknown>)[key];
        }
        return node;
      };
    },
    async *rows() {
      for await (const batch of readJsonLines(file, options)) {
        yield batch.map((row) => {
          if (row.error) return { line: row.line, cells: undefined, error: row.error };
          if (typeof row.value !== 'object' || row.value === null || Array.isArray(row.value)) {
            return { line: row.line, cells: undefined, error: 'expected a JSON object' };
          }
          return { line: row.line, cells: row.value };
        });
      }
    },
  };
}

const candidates = [',', '\t', ';', '|'];

/**
 * The separator of a delimited file when none is given: a tab for .tsv, else whichever of `,` tab `;` `|` occurs
 * most in the first line outside quotes (`,` on a tie or for gzip files, which are not sniffed).
 */
export function sniffDelimiter(file: string): string {
  if (/\.tsv(\.gz)?$/i.test(file)) return '\t';
  if (file.endsWith('.gz')) return ',';
  let head = '';
  try {
    const fd = fs.openSync(file, 'r');
    const buffer = Buffer.alloc(64 * 1024);
    const read = fs.readSync(fd, buffer, 0, buffer.length, 0);
    fs.closeSync(fd);
    head = buffer
      .subarray(0, read)
      .toString('utf8')
      .split('\n')[0]
      .replace(/"[^"]*"/g, '');
  } catch {
    return ',';
  }
  let best = ',';
  let bestCount = 0;
  for (const candidate of candidates) {
    const count = head.split(candidate).length - 1;
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}

/** The table kind a file name suggests, or `fallback`. */
export function tableKindOf(file: string, fallback: 'csv' | 'jsonl'): 'csv' | 'jsonl' {
  if (/\.(jsonl|ndjson|json)(\.gz)?$/i.test(file)) return 'jsonl';
  if (/\.(csv|tsv|txt|dat)(\.gz)?$/i.test(file)) return 'csv';
  return fallback;
}
