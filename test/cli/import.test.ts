import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { it } from 'node:test';
import {
  movielens100kFiles,
  movielens100kRatingCount,
  temporaryFolder,
  writeFiles,
} from '../helpers/dataset-fixtures.ts';
import { runCli } from '../helpers/run-cli.ts';

function stats(db: string): { users: number; items: number; interactions: number } {
  const result = runCli(['stats', '--db', db, '--json']);
  assert.equal(result.code, 0, result.stderr);
  return JSON.parse(result.stdout);
}

it('imports MovieLens, then reports nothing new on a second run', () => {
  const folder = writeFiles(temporaryFolder(), movielens100kFiles());
  const db = path.join(temporaryFolder(), 'a.db');
  const first = runCli(['import', 'movielens', folder, '--db', db]);
  assert.equal(first.code, 0, first.stderr);
  const count = movielens100kRatingCount();
  assert.match(first.stdout, new RegExp(`8 items, 5 users, ${count} events \\(${count} new, 0 already stored\\)`));
  assert.match(first.stderr, /u\.data \(rows\)/);
  const second = runCli(['import', 'movielens', folder, '--db', db, '--json', '--quiet']);
  assert.equal(second.code, 0, second.stderr);
  const report = JSON.parse(second.stdout);
  assert.deepEqual([report.stored, report.duplicates], [0, count]);
  assert.equal(second.stderr, '');
  const got = stats(db);
  assert.deepEqual([got.users, got.items, got.interactions], [5, 8, count]);
});

it('fails on a damaged row with one line naming file, line and field, and keeps the store as it was', () => {
  const dir = temporaryFolder();
  const db = path.join(dir, 'a.db');
  const rows = ['userId,movieId,rating,timestamp'];
  for (let k = 1; k < 80; k++) rows.push(`${k % 7},${k},${1 + (k % 5)},${964982703 + k}`);
  rows[56] = '1,307,four,964982703';
  fs.writeFileSync(path.join(dir, 'ratings.csv'), `${rows.join('\n')}\n`);
  const mapping = ['--user', 'userId', '--item', 'movieId', '--value', 'rating', '--time', 'timestamp'];
  const seed = runCli(['import', 'csv', path.join(dir, 'ratings.csv'), '--db', db, ...mapping, '--on-error', 'skip']);
  assert.equal(seed.code, 0, seed.stderr);
  assert.match(
    seed.stdout,
    /skipped 1 malformed rows:\n {2}.*ratings\.csv line 57, field "rating": "four" is not a number/,
  );
  const before = stats(db);
  const failed = runCli(['import', 'csv', path.join(dir, 'ratings.csv'), '--db', db, ...mapping, '--quiet']);
  assert.equal(failed.code, 1);
  assert.equal(
    failed.stderr,
    `lmrec: ${path.join(dir, 'ratings.csv')} line 57, field "rating": "four" is not a number\n`,
  );
  assert.deepEqual(stats(db), before);
});

it('rejects options that the format cannot honour, and unknown formats', () => {
  const db = path.join(temporaryFolder(), 'a.db');
  const wrong = runCli(['import', 'movielens', '.', '--db', db, '--user', 'x']);
  assert.equal(wrong.code, 1);
  assert.match(wrong.stderr, /--user does not apply to movielens imports/);
  const meta = runCli(['import', 'csv', 'x.csv', '--db', db, '--user', 'u', '--item', 'i', '--meta', 'm.json']);
  assert.match(meta.stderr, /--meta does not apply to csv imports \(only amazon\)/);
  const format = runCli(['import', 'parquet', 'x', '--db', db]);
  assert.notEqual(format.code, 0);
  assert.match(format.stderr, /value 'parquet' is invalid for argument 'format'/);
  const missing = runCli(['import', 'csv', 'nope.csv', '--db', db, '--user', 'u', '--item', 'i']);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /^lmrec: nope\.csv does not exist\n$/);
});
