// `lmrec import <format> <path>`: MovieLens, Amazon 2018, and csv/jsonl with column mapping, in one transaction.

import { type Command, Option } from 'commander';
import { InvalidInputError } from '../../core/errors.ts';
import { type ImportFormat, importFormats } from '../../data/import/import-formats.ts';
import { type ImportReport, rowMessage } from '../../data/import/import-session.ts';
import { commandProgress, printJson, withStore } from '../context.ts';

interface ImportFlags {
  user?: string;
  item?: string;
  value?: string;
  time?: string;
  type?: string;
  feedbackType?: string;
  typeMap?: string;
  timeUnit?: 'auto' | 's' | 'ms';
  delimiter?: string;
  header: boolean;
  encoding?: 'utf-8' | 'latin1';
  items?: string;
  itemsId?: string;
  users?: string;
  usersId?: string;
  listSeparator?: string;
  meta?: string[];
  allItems?: boolean;
  onError: 'fail' | 'skip';
  mode: 'accumulate' | 'overwrite';
  batchSize?: string;
  json?: boolean;
}

/** Flags that only some formats honour; any other format rejects them rather than ignoring them. */
const formatFlags: Record<string, readonly ImportFormat[]> = {
  user: ['csv', 'jsonl'],
  item: ['csv', 'jsonl'],
  value: ['csv', 'jsonl'],
  time: ['csv', 'jsonl'],
  type: ['csv', 'jsonl'],
  feedbackType: ['csv', 'jsonl'],
  typeMap: ['csv', 'jsonl'],
  timeUnit: ['csv', 'jsonl'],
  delimiter: ['csv'],
  header: ['csv'],
  encoding: ['csv', 'jsonl'],
  items: ['csv', 'jsonl'],
  itemsId: ['csv', 'jsonl'],
  users: ['csv', 'jsonl'],
  usersId: ['csv', 'jsonl'],
  listSeparator: ['csv', 'jsonl'],
  meta: ['amazon'],
  allItems: ['amazon'],
};

export function registerImport(program: Command): void {
  program
    .command('import')
    .description('import interactions, items and users from a file or folder (all or nothing, re-runnable)')
    .addArgument(program.createArgument('<format>', 'movielens, csv, jsonl or amazon').choices([...importFormats]))
    .argument('<path>', 'file or folder (movielens, amazon: the dataset folder)')
    .option('--user <col>', 'csv/jsonl: column of the user id')
    .option('--item <col>', 'csv/jsonl: column of the item id')
    .option('--value <col>', 'csv/jsonl: column of the value (rating, count); default 1')
    .option('--time <col>', 'csv/jsonl: column of the time (epoch s/ms or ISO 8601); default: row order')
    .option('--type <col>', 'csv/jsonl: column of the feedback type')
    .option(
      '--feedback-type <name>',
      'csv/jsonl: one feedback type for all rows (default rating with --value, else click)',
    )
    .option('--type-map <pairs>', 'csv/jsonl: rename type values, e.g. pv=view,buy=purchase')
    .addOption(
      new Option('--time-unit <unit>', 'csv/jsonl: numeric times in s or ms (auto: < 1e11 is s)').choices([
        'auto',
        's',
        'ms',
      ]),
    )
    .option('--delimiter <sep>', 'csv: field separator (default: sniffed from the first line; "\\t" or "tab" for tab)')
    .option('--no-header', 'csv: the first row is data; name columns by number from 1')
    .addOption(new Option('--encoding <name>', 'csv/jsonl: text encoding').choices(['utf-8', 'latin1']))
    .option('--items <file>', 'csv/jsonl: items file (id, title, description, categories, tags, price, brand, …)')
    .option('--items-id <col>', 'csv/jsonl: id column of the items file (default: the --item name, else id)')
    .option('--users <file>', 'csv/jsonl: users file (an id column; other columns become attributes)')
    .option('--users-id <col>', 'csv/jsonl: id column of the users file (default: the --user name, else id)')
    .option('--list-separator <sep>', 'csv/jsonl: separator in list cells such as categories and tags (default |)')
    .option('--meta <file...>', 'amazon: metadata files (meta_<Category>.json[.gz]) besides those in the folder')
    .option('--all-items', 'amazon: keep metadata items nobody reviewed')
    .addOption(
      new Option('--on-error <policy>', 'a malformed row fails the import or is skipped and listed')
        .choices(['fail', 'skip'])
        .default('fail'),
    )
    .addOption(
      new Option('--mode <mode>', 'accumulate events, or keep one per (user, item, type)')
        .choices(['accumulate', 'overwrite'])
        .default('accumulate'),
    )
    .option('--batch-size <n>', 'events per store write (default 50000)')
    .option('--json', 'print the import report as JSON')
    .action(async (format: ImportFormat, file: string, flags: ImportFlags, command: Command) => {
      for (const [flag, formats] of Object.entries(formatFlags)) {
        if (command.getOptionValueSource(flag) === 'cli' && !formats.includes(format)) {
          const name = command.options.find((option) => option.attributeName() === flag)?.long ?? flag;
          throw new InvalidInputError(`${name} does not apply to ${format} imports (only ${formats.join(', ')})`, {
            context: { field: flag },
          });
        }
      }
      const batchSize = flags.batchSize === undefined ? undefined : Number(flags.batchSize);
      if (batchSize !== undefined && !(Number.isInteger(batchSize) && batchSize > 0)) {
        throw new InvalidInputError(`--batch-size must be a positive whole number (got ${flags.batchSize})`, {
          context: { field: 'batchSize' },
        });
      }
      const table =
        format === 'csv' || format === 'jsonl'
          ? {
              user: flags.user ?? '',
              item: flags.item ?? '',
              value: flags.value,
              time: flags.time,
              type: flags.type,
              feedbackType: flags.feedbackType,
              typeMap: flags.typeMap ? parseTypeMap(flags.typeMap) : undefined,
              timeUnit: flags.timeUnit,
              delimiter: flags.delimiter === undefined ? undefined : unescapeDelimiter(flags.delimiter),
              header: flags.header,
              encoding: flags.encoding,
              items: flags.items,
              itemsId: flags.itemsId,
              users: flags.users,
              usersId: flags.usersId,
              listSeparator: flags.listSeparator,
            }
          : undefined;
      const amazon = format === 'amazon' ? { meta: flags.meta, allItems: flags.allItems } : undefined;
      // The readers load only when an import runs, so other commands start faster.
      const { importData } = await import('../../data/import/import-data.ts');
      await withStore(command, async (store, config) => {
        const report = await importData(
          store,
          { format, path: file, table, amazon },
          {
            onError: flags.onError,
            mode: flags.mode,
            batchSize,
            progress: commandProgress(command),
            feedbackTypes: config.feedbackTypes,
          },
        );
        if (flags.json) printJson({ store: store.location, ...report });
        else process.stdout.write(describeReport(report, file));
      });
    });
}

/** `pv=view,buy=purchase` → `{ pv: 'view', buy: 'purchase' }`. */
function parseTypeMap(text: string): Record<string, string> {
  const map: Record<string, string> = {};
  for (const pair of text.split(',')) {
    const [from, to] = pair.split('=').map((part) => part?.trim());
    if (!from || !to) {
      throw new InvalidInputError(`--type-map: "${pair}" is not from=to`, { context: { field: 'typeMap' } });
    }
    map[from] = to;
  }
  return map;
}

function unescapeDelimiter(text: string): string {
  if (text === '\\t' || text.toLowerCase() === 'tab') return '\t';
  return text;
}

const number = (n: number) => n.toLocaleString('en-US');

export function describeReport(report: ImportReport, file: string): string {
  const lines = [
    `imported ${report.format} from ${file} in ${report.seconds.toFixed(1)}s: ${number(report.items)} items, ${number(report.users)} users, ${number(report.events)} events (${number(report.stored)} new, ${number(report.duplicates)} already stored)`,
  ];
  if (report.skipped > 0) {
    lines.push(
      `skipped ${number(report.skipped)} malformed rows${report.skipped > report.skippedRows.length ? ` (first ${report.skippedRows.length} listed)` : ''}:`,
    );
    for (const row of report.skippedRows) lines.push(`  ${rowMessage(row, row.problem)}`);
  }
  return `${lines.join('\n')}\n`;
}
