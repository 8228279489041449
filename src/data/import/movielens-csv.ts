// MovieLens CSV releases (latest, latest-small, 20M, 25M, 32M): movies.csv with genres, tags.csv as item tags,
// links.csv as IMDb/TMDB attributes, then ratings.csv.

import fs from 'node:fs';
import path from 'node:path';
import { splitList } from './field-values.ts';
import type { ImportSession } from './import-session.ts';
import { movieItem, ratingColumns, TagCounter } from './movielens-movie.ts';
import { importTable } from './table-import.ts';
import { openTable } from './table-source.ts';

export async function importCsvMovielens(session: ImportSession, folder: string): Promise<void> {
  const tagFile = path.join(folder, 'tags.csv');
  const tags = fs.existsSync(tagFile) ? await readTags(session, tagFile) : new Map<string, string[]>();
  const linkFile = path.join(folder, 'links.csv');
  const links = fs.existsSync(linkFile)
    ? await readLinks(session, linkFile)
    : new Map<string, Record<string, string>>();
  const movieFile = path.join(folder, 'movies.csv');
  if (fs.existsSync(movieFile)) {
    const onBytes = session.beginFile(movieFile, 'movies');
    const table = await openTable(movieFile, { kind: 'csv', onBytes });
    const id = table.column('movieId');
    const title = table.column('title');
    const genres = table.column('genres');
    for await (const rows of table.rows()) {
      for (const row of rows) {
        const movieId = String(id(row.cells) ?? '').trim();
        if (!movieId) {
          session.problem({ file: movieFile, line: row.line, field: 'movieId' }, 'is empty');
          continue;
        }
        const name = title(row.cells);
        if (typeof name !== 'string') {
          session.problem({ file: movieFile, line: row.line, field: 'title' }, 'is missing');
          continue;
        }
        await session.addItem(
          movieItem({
            id: movieId,
            title: name,
            genres: splitList(String(genres(row.cells) ?? ''), '|'),
            tags: tags.get(movieId) ?? [],
            attributes: links.get(movieId) ?? {},
          }),
        );
      }
    }
    session.endFile();
  }
  await importTable(session, path.join(folder, 'ratings.csv'), {
    kind: 'csv',
    ...ratingColumns,
    timeUnit: 's',
    feedbackType: 'rating',
  });
}

async function readTags(session: ImportSession, file: string): Promise<Map<string, string[]>> {
  const onBytes = session.beginFile(file, 'tags');
  const table = await openTable(file, { kind: 'csv', onBytes });
  const movie = table.column('movieId');
  const tag = table.column('tag');
  const counter = new TagCounter();
  for await (const rows of table.rows()) {
    for (const row of rows) {
      const movieId = movie(row.cells);
      const text = tag(row.cells);
      if (typeof movieId !== 'string' || typeof text !== 'string') {
        session.problem({ file, line: row.line, field: typeof movieId !== 'string' ? 'movieId' : 'tag' }, 'is missing');
        continue;
      }
      counter.add(movieId.trim(), text);
    }
  }
  session.endFile();
  return counter.lists();
}

async function readLinks(session: ImportSession, file: string): Promise<Map<string, Record<string, string>>> {
  const onBytes = session.beginFile(file, 'links');
  const table = await openTable(file, { kind: 'csv', onBytes });
  const movie = table.column('movieId');
  const imdb = table.has('imdbId') ? table.column('imdbId') : () => undefined;
  const tmdb = table.has('tmdbId') ? table.column('tmdbId') : () => undefined;
  const links = new Map<string, Record<string, string>>();
  for await (const rows of table.rows()) {
    for (const row of rows) {
      const movieId = movie(row.cells);
      if (typeof movieId !== 'string' || !movieId.trim()) continue;
      const record: Record<string, string> = {};
      const imdbId = imdb(row.cells);
      const tmdbId = tmdb(row.cells);
      // IMDb ids keep their leading zeros and gain the `tt` prefix IMDb URLs use.
      if (typeof imdbId === 'string' && imdbId.trim()) record.imdbId = `tt${imdbId.trim()}`;
      if (typeof tmdbId === 'string' && tmdbId.trim()) record.tmdbId = tmdbId.trim();
      links.set(movieId.trim(), record);
    }
  }
  session.endFile();
  return links;
}
