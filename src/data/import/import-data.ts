// The entry point of every import: picks the reader for a format and runs it in one store transaction.

import { InvalidInputError } from '../../core/errors.ts';
import type { Store } from '../../store/store.ts';
import { type AmazonImportOptions, importAmazon } from './amazon.ts';
import { type ImportFormat, importFormats } from './import-formats.ts';
import { type ImportOptions, type ImportReport, runImport } from './import-session.ts';
import { importMovielens } from './movielens.ts';
import { importTable, type TableImportOptions } from './table-import.ts';

export { type ImportFormat, importFormats } from './import-formats.ts';

export interface ImportRequest {
  format: ImportFormat;
  /** A file or folder, as the format expects. */
  path: string;
  /** csv and jsonl: the column mapping and the optional items and users files. */
  table?: Omit<TableImportOptions, 'kind'>;
  /** amazon: extra metadata files and whether to keep items nobody reviewed. */
  amazon?: AmazonImportOptions;
}

/**
 * Imports `request.path` into `store`: everything in one transaction, so a failed or killed import leaves the store
 * as it was, and a repeated import stores nothing new.
 */
export async function importData(
  store: Store,
  request: ImportRequest,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const { format } = request;
  if (!importFormats.includes(format)) {
    throw new InvalidInputError(`unknown import format "${format}" (formats: ${importFormats.join(', ')})`, {
      context: { field: 'format' },
    });
  }
  if (request.table && format !== 'csv' && format !== 'jsonl') {
    throw new InvalidInputError(`column mapping options apply to csv and jsonl, not ${format}`, {
      context: { field: 'format' },
    });
  }
  if (request.amazon && format !== 'amazon') {
    throw new InvalidInputError(`amazon options do not apply to ${format}`, { context: { field: 'format' } });
  }
  return runImport({
    store,
    format,
    options,
    work: async (session) => {
      if (format === 'movielens') await importMovielens(session, request.path);
      else if (format === 'amazon') await importAmazon(session, request.path, request.amazon);
      else {
        const table = request.table;
        if (!table?.user || !table.item) {
          throw new InvalidInputError(`${format} imports need --user COL and --item COL`, {
            context: { field: table?.user ? 'item' : 'user' },
          });
        }
        await importTable(session, request.path, { ...table, kind: format });
      }
    },
  });
}
