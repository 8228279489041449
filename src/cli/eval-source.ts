// Where `lmrec eval` reads its data: a store (`--db`), or a dataset folder or file (`--data --format`) imported
// by the importers (src/data/import) into a throwaway in-memory store, so evaluation never writes the user's store.

import type { Config } from '../core/config/index.ts';
import { InvalidInputError } from '../core/errors.ts';
import type { Progress } from '../core/progress.ts';
import { type ImportFormat, importData, importFormats } from '../data/import/import-data.ts';
import type { Store } from '../store/store.ts';

/** csv/jsonl column mapping flags, passed through to the table importer. */
export interface ColumnFlags {
  user?: string;
  item?: string;
  value?: string;
  time?: string;
  feedbackType?: string;
}

export async function loadDataInto(
  store: Store,
  options: { data: string; format: string; columns?: ColumnFlags; config?: Config; progress?: Progress },
): Promise<void> {
  const format = options.format.toLowerCase() as ImportFormat;
  if (!importFormats.includes(format)) {
    throw new InvalidInputError(`--format must be one of ${importFormats.join(', ')}, got ${options.format}`, {
      context: { field: 'format' },
    });
  }
  const columns = options.columns ?? {};
  const given = Object.entries(columns).filter(([, value]) => value !== undefined);
  const tabular = format === 'csv' || format === 'jsonl';
  if (!tabular && given.length > 0) {
    throw new InvalidInputError(`--${given[0][0]} applies to --format csv or jsonl, not ${format}`, {
      context: { field: given[0][0] },
    });
  }
  await importData(
    store,
    {
      format,
      path: options.data,
      table: tabular
        ? {
            user: columns.user ?? '',
            item: columns.item ?? '',
            value: columns.value,
            time: columns.time,
            feedbackType: columns.feedbackType,
          }
        : undefined,
    },
    { progress: options.progress, feedbackTypes: options.config?.feedbackTypes },
  );
}
