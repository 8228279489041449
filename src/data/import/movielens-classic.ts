// MovieLens 100K (`u.item`, `u.user`, `u.data`) and 1M/10M (`movies.dat`, `users.dat`, `tags.dat`, `ratings.dat`).
// Item and user files are Latin-1; field names in messages follow the releases' READMEs.

import fs from 'node:fs';
import path from 'node:path';
import { readDelimitedBatches } from './delimited-records.ts';
import { splitList } from './field-values.ts';
import type { ImportSession } from './import-session.ts';
import { movieItem, ratingColumns, TagCounter } from './movielens-movie.ts';
import { importTable } from './table-import.ts';
import type { TextEncoding } from './text-source.ts';

/** u.genre of the 100K release, used when that file is missing. */
const genres100k = [
  'unknown',
  'Action',
  'Adventure',
  'Animation',
  "Children's",
  'Comedy',
  'Crime',
  'Documentary',
  'Drama',
  'Fantasy',
  'Film-Noir',
  'Horror',
  'Musical',
  'Mystery',
  'Romance',
  'Sci-Fi',
  'Thriller',
  'War',
  'Western',
];

/** Occupation codes of users.dat (the 1M README). */
const occupations1m = [
  'other',
  'academic/educator',
  'artist',
  'clerical/admin',
  'college/grad student',
  'customer service',
  'doctor/health care',
  'executive/managerial',
  'farmer',
  'homemaker',
  'K-12 student',
  'lawyer',
  'programmer',
  'retired',
  'sales/marketing',
  'scientist',
  'self-employed',
  'technician/engineer',
  'tradesman/craftsman',
  'unemployed',
  'writer',
];

/** Age-group codes of users.dat (the 1M README). */
const ageGroups1m: Record<string, string> = {
  '1': 'Under 18',
  '18': '18-24',
  '25': '25-34',
  '35': '35-44',
  '45': '45-49',
  '50': '50-55',
  '56': '56+',
};

const months = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** Visits each record of a delimited file with its fields and line, as one progress phase. */
async function eachRecord(
  session: ImportSession,
  file: string,
  options: { delimiter: string; encoding: TextEncoding; what: string },
  visit: (fields: string[], line: number) => Promise<void>,
): Promise<void> {
  const onBytes = session.beginFile(file, options.what);
  for await (const batch of readDelimitedBatches(file, { ...options, quotes: false, onBytes })) {
    for (let k = 0; k < batch.records.length; k++) await visit(batch.records[k], batch.lines[k]);
  }
  session.endFile();
}

export async function importClassicMovielens(session: ImportSession, folder: string, release: '100k' | 'dat') {
  if (release === '100k') await import100k(session, folder);
  else await importDat(session, folder);
}

async function import100k(session: ImportSession, folder: string): Promise<void> {
  const genreFile = path.join(folder, 'u.genre');
  const genres = fs.existsSync(genreFile) ? await readGenres(genreFile) : genres100k;
  const itemFile = path.join(folder, 'u.item');
  if (fs.existsSync(itemFile)) {
    await eachRecord(
      session,
      itemFile,
      { delimiter: '|', encoding: 'latin1', what: 'movies' },
      async (fields, line) => {
        const place = (field: string) => ({ file: itemFile, line, field });
        if (fields.length < 5 + genres.length) {
          return session.problem(place('genres'), `has ${fields.length} fields, expected ${5 + genres.length}`);
        }
        const [id, title, releaseDate, , imdbUrl] = fields;
        if (!id.trim()) return session.problem(place('movie id'), 'is empty');
        const flags = fields.slice(5, 5 + genres.length);
        const bad = flags.findIndex((flag) => flag !== '0' && flag !== '1');
        if (bad >= 0)
          return session.problem(place(genres[bad]), `genre flag ${JSON.stringify(flags[bad])} is not 0 or 1`);
        const released = parseReleaseDate(releaseDate);
        const attributes: Record<string, unknown> = {};
        if (released !== null) attributes.releaseDate = new Date(released).toISOString().slice(0, 10);
        if (imdbUrl) attributes.imdbUrl = imdbUrl;
        await session.addItem(
          movieItem({
            id: id.trim(),
            title,
            genres: genres.filter((_, g) => flags[g] === '1'),
            attributes,
            createdAt: released,
          }),
        );
      },
    );
  }
  const userFile = path.join(folder, 'u.user');
  if (fs.existsSync(userFile)) {
    await eachRecord(session, userFile, { delimiter: '|', encoding: 'latin1', what: 'users' }, async (fields, line) => {
      const place = (field: string) => ({ file: userFile, line, field });
      if (fields.length < 5) return session.problem(place('zip code'), `has ${fields.length} fields, expected 5`);
      const [id, age, gender, occupation, zip] = fields;
      if (!id.trim()) return session.problem(place('user id'), 'is empty');
      if (!/^\d+$/.test(age.trim()))
        return session.problem(place('age'), `${JSON.stringify(age)} is not a whole number`);
      await session.addUser({ id: id.trim(), attributes: { age: Number(age), gender, occupation, zip } });
    });
  }
  await importTable(session, path.join(folder, 'u.data'), {
    kind: 'csv',
    header: false,
    quotes: false,
    delimiter: '\t',
    names: ['userId', 'movieId', 'rating', 'timestamp'],
    ...ratingColumns,
    timeUnit: 's',
    feedbackType: 'rating',
  });
}

async function readGenres(file: string): Promise<string[]> {
  const genres: string[] = [];
  for await (const batch of readDelimitedBatches(file, { delimiter: '|', quotes: false, encoding: 'latin1' })) {
    for (const [name, index] of batch.records) if (name && index !== undefined) genres[Number(index)] = name;
  }
  return genres;
}

/** `01-Jan-1995` → ms since the epoch (UTC), or null. */
function parseReleaseDate(text: string): number | null {
  const match = /^(\d{1,2})-([A-Za-z]{3})-(\d{4})$/.exec(text.trim());
  if (!match) return null;
  const month = months.indexOf(match[2].toLowerCase());
  if (month < 0) return null;
  return Date.UTC(Number(match[3]), month, Number(match[1]));
}

async function importDat(session: ImportSession, folder: string): Promise<void> {
  const tagFile = path.join(folder, 'tags.dat');
  const tags = fs.existsSync(tagFile) ? await readDatTags(session, tagFile) : new Map<string, string[]>();
  const movieFile = path.join(folder, 'movies.dat');
  if (fs.existsSync(movieFile)) {
    await eachRecord(
      session,
      movieFile,
      { delimiter: '::', encoding: 'latin1', what: 'movies' },
      async (fields, line) => {
        const place = (field: string) => ({ file: movieFile, line, field });
        if (fields.length < 3) return session.problem(place('Genres'), `has ${fields.length} fields, expected 3`);
        const [id, title, genres] = fields;
        if (!id.trim()) return session.problem(place('MovieID'), 'is empty');
        await session.addItem(
          movieItem({ id: id.trim(), title, genres: splitList(genres, '|'), tags: tags.get(id.trim()) ?? [] }),
        );
      },
    );
  }
  const userFile = path.join(folder, 'users.dat');
  if (fs.existsSync(userFile)) {
    await eachRecord(
      session,
      userFile,
      { delimiter: '::', encoding: 'latin1', what: 'users' },
      async (fields, line) => {
        const place = (field: string) => ({ file: userFile, line, field });
        if (fields.length < 5) return session.problem(place('Zip-code'), `has ${fields.length} fields, expected 5`);
        const [id, gender, age, occupation, zip] = fields;
        if (!id.trim()) return session.problem(place('UserID'), 'is empty');
        const ageGroup = ageGroups1m[age.trim()];
        if (!ageGroup) return session.problem(place('Age'), `${JSON.stringify(age)} is not an age-group code`);
        const job = occupations1m[Number(occupation)];
        if (!/^\d+$/.test(occupation.trim()) || !job) {
          return session.problem(place('Occupation'), `${JSON.stringify(occupation)} is not an occupation code`);
        }
        await session.addUser({
          id: id.trim(),
          attributes: { gender, age: Number(age), ageGroup, occupation: job, zip },
        });
      },
    );
  }
  await importTable(session, path.join(folder, 'ratings.dat'), {
    kind: 'csv',
    header: false,
    quotes: false,
    delimiter: '::',
    names: ['userId', 'movieId', 'rating', 'timestamp'],
    ...ratingColumns,
    timeUnit: 's',
    feedbackType: 'rating',
  });
}

/** tags.dat (10M): UserID::MovieID::Tag::Timestamp → distinct tags per movie, most used first. */
async function readDatTags(session: ImportSession, file: string): Promise<Map<string, string[]>> {
  const counter = new TagCounter();
  await eachRecord(session, file, { delimiter: '::', encoding: 'utf-8', what: 'tags' }, async (fields, line) => {
    if (fields.length < 3) return session.problem({ file, line, field: 'Tag' }, `has ${fields.length} fields`);
    counter.add(fields[1].trim(), fields[2]);
  });
  return counter.lists();
}
