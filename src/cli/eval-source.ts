// Where `lmrec eval` reads its data: a store (`--db`), or a dataset folder or file (`--data --format`) loaded into
// an in-memory store. Interim: until the importers (src/data/import*) land on main, only MovieLens 100K's
// u.data/u.item is read here; the importers replace this loader, so nothing is imported twice.

import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { InvalidInputError, NotFoundError } from '../core/errors.ts';
import { makeItem } from '../core/types.ts';
import type { FeedbackInput, Store } from '../store/store.ts';

/** csv/jsonl column mapping flags (honoured once the importers land). */
export interface ColumnFlags {
  user?: string;
  item?: string;
  value?: string;
  time?: string;
  feedbackType?: string;
}

/** Loads `data` in `format` into `store`. */
export async function loadDataInto(
  store: Store,
  options: { data: string; format: string; columns?: ColumnFlags; config?: unknown; progress?: unknown },
): Promise<void> {
  const format = options.format.toLowerCase();
  if (format !== 'movielens') {
    throw new InvalidInputError(
      `--format ${options.format} is not readable by lmrec eval yet; import the data with \`lmrec import\` and pass --db`,
      { context: { field: 'format' } },
    );
  }
  const given = Object.entries(options.columns ?? {}).find(([, value]) => value !== undefined);
  if (given) {
    throw new InvalidInputError(`--${given[0]} applies to --format csv or jsonl, not ${format}`, {
      context: { field: given[0] },
    });
  }
  const folder = options.data;
  const ratings = path.join(folder, 'u.data');
  if (!fs.existsSync(ratings)) {
    throw new NotFoundError(`${ratings} not found: only the MovieLens 100K layout (u.data, u.item) is read here`, {
      context: { file: ratings },
    });
  }
  const itemFile = path.join(folder, 'u.item');
  if (fs.existsSync(itemFile)) await loadMovieLensItems(store, itemFile);
  let batch: FeedbackInput[] = [];
  let line = 0;
  const lines = readline.createInterface({ input: fs.createReadStream(ratings), crlfDelay: Infinity });
  for await (const text of lines) {
    line++;
    if (!text.trim()) continue;
    const [userId, itemId, rating, seconds] = text.split('\t');
    const value = Number(rating);
    const timestamp = Number(seconds) * 1000;
    if (!userId || !itemId || !Number.isFinite(value) || !Number.isFinite(timestamp)) {
      throw new InvalidInputError(`${ratings} line ${line}: expected user<TAB>item<TAB>rating<TAB>timestamp`, {
        context: { file: ratings, line },
      });
    }
    batch.push({ userId, itemId, type: 'rating', value, timestamp });
    if (batch.length === 10_000) {
      await store.feedback.add(batch);
      batch = [];
    }
  }
  if (batch.length) await store.feedback.add(batch);
}

/** u.item: `id|title|release|video release|url|19 genre flags`, Latin-1; genres become categories. */
async function loadMovieLensItems(store: Store, file: string): Promise<void> {
  const genreFile = path.join(path.dirname(file), 'u.genre');
  const genres = fs.existsSync(genreFile)
    ? fs
        .readFileSync(genreFile, 'latin1')
        .split('\n')
        .filter((row) => row.includes('|'))
        .map((row) => row.split('|')[0])
    : [];
  const items = fs
    .readFileSync(file, 'latin1')
    .split('\n')
    .filter((row) => row.trim())
    .map((row) => {
      const fields = row.split('|');
      const flags = fields.slice(5);
      return makeItem({
        id: fields[0],
        title: fields[1] ?? '',
        categories: [],
        tags: flags.flatMap((flag, g) => (flag === '1' && genres[g] ? [genres[g]] : [])),
        language: 'en',
      });
    });
  await store.items.upsert(items);
}
