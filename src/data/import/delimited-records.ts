// Delimited text records (CSV, TSV, `::` and `|` files) in batches, each record with the line it starts on.
// Quoted fields follow RFC 4180: doubled quotes inside quotes, and line breaks inside quoted fields.

import { InvalidInputError } from '../../core/errors.ts';
import { readLineBatches, type TextSourceOptions } from './text-source.ts';

export interface DelimitedOptions extends TextSourceOptions {
  /** Field separator: one or more characters (default `,`). */
  delimiter?: string;
  /** Honour double quotes (default true). MovieLens `::`, `|` and tab files have none. */
  quotes?: boolean;
}

/** Parsed records and, for each, the 1-based line number where it starts. */
export interface RecordBatch {
  records: string[][];
  lines: number[];
}

const quote = 34;

/** Records of `file`; empty lines are skipped (their numbers still count). */
export async function* readDelimitedBatches(file: string, options: DelimitedOptions = {}): AsyncGenerator<RecordBatch> {
  const delimiter = options.delimiter ?? ',';
  if (delimiter.length === 0 || delimiter.includes('"') || delimiter.includes('\n')) {
    throw new InvalidInputError(`delimiter ${JSON.stringify(delimiter)} cannot separate fields`, {
      context: { field: 'delimiter' },
    });
  }
  const quotes = options.quotes ?? true;
  // A record whose quotes are still open at the end of a line continues on the next one.
  let pending: string | null = null;
  let pendingLine = 0;
  for await (const batch of readLineBatches(file, options)) {
    const records: string[][] = [];
    const lines: number[] = [];
    for (let k = 0; k < batch.lines.length; k++) {
      const lineNumber = batch.first + k;
      let text = batch.lines[k];
      let start = lineNumber;
      if (pending !== null) {
        text = `${pending}\n${text}`;
        start = pendingLine;
        pending = null;
      } else if (text.length === 0) {
        continue;
      }
      if (!quotes || text.indexOf('"') < 0) {
        records.push(text.split(delimiter));
        lines.push(start);
        continue;
      }
      const fields = parseQuoted(text, delimiter, file, start);
      if (fields === null) {
        if (text.length > maxRecordLength) unclosed(file, start);
        pending = text;
        pendingLine = start;
        continue;
      }
      records.push(fields);
      lines.push(start);
    }
    if (records.length > 0) yield { records, lines };
  }
  if (pending !== null) unclosed(file, pendingLine);
}

/** A record longer than this while a quote is still open is taken as a quote that never closes. */
const maxRecordLength = 1 << 20;

function unclosed(file: string, line: number): never {
  throw new InvalidInputError(`${file} line ${line}: a quoted field is never closed`, { context: { file, line } });
}

/**
 * Splits one record that contains quotes; null when a quoted field is still open at the end (the record goes on
 * in the next line). A quote inside an unquoted field is kept as text.
 */
export function parseQuoted(text: string, delimiter: string, file = '', line = 0): string[] | null {
  const fields: string[] = [];
  let p = 0;
  const n = text.length;
  for (;;) {
    if (text.charCodeAt(p) === quote) {
      let value = '';
      let from = p + 1;
      for (;;) {
        const close = text.indexOf('"', from);
        if (close < 0) return null;
        value += text.slice(from, close);
        if (text.charCodeAt(close + 1) === quote) {
          value += '"';
          from = close + 2;
          continue;
        }
        p = close + 1;
        break;
      }
      fields.push(value);
      if (p >= n) return fields;
      if (!text.startsWith(delimiter, p)) {
        throw new InvalidInputError(
          `${file} line ${line}: unexpected text after the closing quote of field ${fields.length}`,
          { context: { file, line } },
        );
      }
      p += delimiter.length;
      if (p >= n) {
        fields.push('');
        return fields;
      }
    } else {
      const next = text.indexOf(delimiter, p);
      if (next < 0) {
        fields.push(text.slice(p));
        return fields;
      }
      fields.push(text.slice(p, next));
      p = next + delimiter.length;
    }
  }
}
