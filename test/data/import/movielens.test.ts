import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { importData } from '../../../src/data/import/import-data.ts';
import { detectMovielens } from '../../../src/data/import/movielens.ts';
import { SqliteStore } from '../../../src/store/sqlite/store.ts';
import {
  movielens1mFiles,
  movielens100kFiles,
  movielens100kRatingCount,
  movielensCsvFiles,
  temporaryFolder,
  writeFiles,
} from '../../helpers/dataset-fixtures.ts';
import { realDataset } from '../../helpers/datasets-folder.ts';

describe('movielens import', () => {
  it('reads the 100K layout: Latin-1 titles, genres, release dates, user attributes, ratings', async () => {
    const folder = writeFiles(temporaryFolder(), movielens100kFiles());
    const store = SqliteStore.open(':memory:');
    const report = await importData(store, { format: 'movielens', path: folder });
    assert.deepEqual([report.items, report.users, report.events], [8, 5, movielens100kRatingCount()]);
    const [amelie, two] = await store.items.get(['1', '2']);
    assert.equal(amelie.title, 'Amélie (1991)');
    assert.deepEqual(amelie.categories, ['Action', 'Comedy']);
    assert.deepEqual(amelie.attributes, { releaseDate: '1991-01-01', imdbUrl: 'http://example.org/1', year: 1991 });
    assert.equal(amelie.createdAt, Date.UTC(1991, 0, 1));
    assert.equal(amelie.language, 'en');
    assert.deepEqual(two.categories, ['Adventure', 'Comedy']);
    const [user] = await store.users.get(['2']);
    assert.deepEqual(user.attributes, { age: 21, gender: 'F', occupation: 'writer', zip: '01123' });
    const events = await store.feedback.forUser('1');
    assert.equal(events[0].type, 'rating');
    assert.equal(events[0].timestamp, (880000000 + 100 + 7) * 1000);
    await store.close();
  });

  it('finds the release one folder down, and from a file inside it', () => {
    const parent = temporaryFolder();
    writeFiles(path.join(parent, 'ml-100k'), movielens100kFiles());
    assert.deepEqual(detectMovielens(parent), { folder: path.join(parent, 'ml-100k'), release: '100k' });
    assert.equal(detectMovielens(path.join(parent, 'ml-100k', 'u.data')).release, '100k');
    assert.throws(() => detectMovielens(temporaryFolder()), /holds no MovieLens release/);
  });

  it('reads the 1M layout with age groups and occupations', async () => {
    const folder = writeFiles(temporaryFolder(), movielens1mFiles());
    const store = SqliteStore.open(':memory:');
    const report = await importData(store, { format: 'movielens', path: folder });
    assert.deepEqual([report.items, report.users, report.events], [2, 2, 3]);
    const [movie] = await store.items.get(['1']);
    assert.equal(movie.title, 'Amélie (2001)');
    assert.deepEqual(movie.categories, ['Comedy', 'Romance']);
    const [user] = await store.users.get(['2']);
    assert.deepEqual(user.attributes, {
      gender: 'M',
      age: 56,
      ageGroup: '56+',
      occupation: 'self-employed',
      zip: '70072',
    });
    await store.close();
  });

  it('reads the CSV layout: quoted titles, tags merged across case, links', async () => {
    const folder = writeFiles(temporaryFolder(), movielensCsvFiles());
    const store = SqliteStore.open(':memory:');
    const report = await importData(store, { format: 'movielens', path: folder });
    assert.deepEqual([report.items, report.events], [3, 3]);
    const [toy, president, quoted] = await store.items.get(['1', '2', '3']);
    assert.deepEqual(toy.tags, ['pixar', 'fun']);
    assert.deepEqual(toy.attributes, { imdbId: 'tt0114709', tmdbId: '862', year: 1995 });
    assert.equal(president.title, 'American President, The (1995)');
    assert.deepEqual(president.tags, ['politics, romance']);
    assert.equal(quoted.title, 'Film with "quotes" (2001)');
    assert.deepEqual(quoted.categories, []);
    assert.deepEqual(
      (await store.search.search({ text: 'pixar' })).map((hit) => hit.id),
      ['1'],
    );
    await store.close();
  });

  it('changes nothing when the same release is imported again', async () => {
    const folder = writeFiles(temporaryFolder(), movielens100kFiles());
    const store = SqliteStore.open(':memory:');
    await importData(store, { format: 'movielens', path: folder });
    const before = await store.counts();
    const again = await importData(store, { format: 'movielens', path: folder });
    assert.equal(again.stored, 0);
    assert.equal(again.duplicates, movielens100kRatingCount());
    assert.deepEqual(await store.counts(), before);
    await store.close();
  });

  it('fails on a damaged movie row naming file, line and field, and keeps nothing', async () => {
    const files = movielens100kFiles();
    const lines = String(files['u.item'].toString('latin1')).split('\n');
    lines[3] = lines[3].replace(/\|0\|/, '|x|');
    const folder = writeFiles(temporaryFolder(), { ...files, 'u.item': Buffer.from(lines.join('\n'), 'latin1') });
    const store = SqliteStore.open(':memory:');
    await assert.rejects(importData(store, { format: 'movielens', path: folder }), (error: Error) => {
      assert.match(error.message, /u\.item line 4, field "unknown": genre flag "x" is not 0 or 1/);
      return true;
    });
    assert.deepEqual(await store.counts(), { users: 0, items: 0, interactions: 0, socialEdges: 0 });
    await store.close();
  });
});

describe('movielens import on the real releases', () => {
  for (const [name, counts] of [
    ['ml-100k', { users: 943, items: 1682, interactions: 100000 }],
    ['ml-latest-small', { users: 610, items: 9742, interactions: 100836 }],
  ] as const) {
    const dataset = realDataset(name);
    it(`${name} gives the published counts and real item text`, { skip: dataset.skip }, async () => {
      const store = SqliteStore.open(':memory:');
      await importData(store, { format: 'movielens', path: dataset.folder });
      const { socialEdges: _, ...got } = await store.counts();
      assert.deepEqual(got, counts);
      const [toy] = await store.items.get(['1']);
      assert.match(toy.title, /^Toy Story \(1995\)$/);
      assert.ok(toy.categories.includes('Animation'));
      assert.equal(toy.attributes.year, 1995);
      await store.close();
    });
  }
});
