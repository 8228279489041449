// `movielens` import: finds which MovieLens release a folder holds (100K, 1M/10M `::` files, or the CSV releases:
// latest, latest-small, 20M, 25M, 32M) and imports its movies, users, tags and ratings.

import fs from 'node:fs';
import path from 'node:path';
import { NotFoundError } from '../../core/errors.ts';
import type { ImportSession } from './import-session.ts';
import { importClassicMovielens } from './movielens-classic.ts';
import { importCsvMovielens } from './movielens-csv.ts';

export type MovielensRelease = '100k' | 'dat' | 'csv';

/** The folder and release of a MovieLens path: the folder itself, a file in it, or a parent holding one release. */
export function detectMovielens(given: string): { folder: string; release: MovielensRelease } {
  if (!fs.existsSync(given)) throw new NotFoundError(`${given} does not exist`, { context: { file: given } });
  const start = fs.statSync(given).isDirectory() ? given : path.dirname(given);
  const release = releaseIn(start);
  if (release) return { folder: start, release };
  // An unzipped archive: the release sits one folder down (ml-100k.zip unpacks into ml-100k/).
  const children = fs
    .readdirSync(start, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => path.join(start, entry.name))
    .filter((folder) => releaseIn(folder));
  if (children.length === 1) return { folder: children[0], release: releaseIn(children[0])! };
  throw new NotFoundError(
    `${given} holds no MovieLens release: expected u.data (100K), ratings.dat (1M, 10M) or ratings.csv (latest, 20M, 25M)`,
    { context: { file: given } },
  );
}

function releaseIn(folder: string): MovielensRelease | null {
  if (fs.existsSync(path.join(folder, 'u.data'))) return '100k';
  if (fs.existsSync(path.join(folder, 'ratings.dat'))) return 'dat';
  if (fs.existsSync(path.join(folder, 'ratings.csv'))) return 'csv';
  return null;
}

export async function importMovielens(session: ImportSession, given: string): Promise<void> {
  const { folder, release } = detectMovielens(given);
  session.note(`MovieLens ${release === '100k' ? '100K' : release === 'dat' ? '1M/10M' : 'CSV'} release in ${folder}`);
  if (release === 'csv') await importCsvMovielens(session, folder);
  else await importClassicMovielens(session, folder, release);
}
