import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { importData } from '../../../src/data/import/import-data.ts';
import { SqliteStore } from '../../../src/store/sqlite/store.ts';
import { temporaryFolder } from '../../helpers/dataset-fixtures.ts';

function write(files: Record<string, string>): string {
  const folder = temporaryFolder();
  for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(folder, name), content);
  return folder;
}

const ratings =
  'userId,movieId,rating,timestamp\n1,10,4.0,964982703\n1,11,3.5,964981247\n2,10,five,964982224\n2,12,2,964982300\n';
const mapping = { user: 'userId', item: 'movieId', value: 'rating', time: 'timestamp' };

describe('csv import', () => {
  it('fails on a malformed row naming file, line and field, and leaves the store as it was', async () => {
    const folder = write({ 'ratings.csv': ratings });
    const store = SqliteStore.open(':memory:');
    await store.feedback.add([{ userId: 'old', itemId: 'x', type: 'click', timestamp: 1 }]);
    const before = await store.counts();
    await assert.rejects(
      importData(store, { format: 'csv', path: path.join(folder, 'ratings.csv'), table: mapping }),
      (error: Error & { context: Record<string, unknown> }) => {
        assert.match(error.message, /ratings\.csv line 4, field "rating": "five" is not a number/);
        assert.equal(error.context.line, 4);
        assert.equal(error.context.field, 'rating');
        return true;
      },
    );
    assert.deepEqual(await store.counts(), before);
    await store.close();
  });

  it('skips malformed rows when asked, counting and listing them', async () => {
    const folder = write({ 'ratings.csv': `${ratings}3,,4,1\n` });
    const store = SqliteStore.open(':memory:');
    const report = await importData(
      store,
      { format: 'csv', path: path.join(folder, 'ratings.csv'), table: mapping },
      { onError: 'skip' },
    );
    assert.equal(report.events, 3);
    assert.equal(report.skipped, 2);
    assert.deepEqual(
      report.skippedRows.map((row) => [row.line, row.field]),
      [
        [4, 'rating'],
        [6, 'movieId'],
      ],
    );
    const events = await store.feedback.forUser('1');
    assert.deepEqual(
      events.map((event) => [event.itemId, event.type, event.value, event.timestamp]),
      [
        ['10', 'rating', 4, 964982703000],
        ['11', 'rating', 3.5, 964981247000],
      ],
    );
    await store.close();
  });

  it('maps a type column, renames types, and rejects unknown ones', async () => {
    const folder = write({
      'log.tsv':
        'user\titem\tbehavior\tts\nu1\ti1\tpv\t2024-01-01T10:00:00Z\nu1\ti1\tbuy\t2024-01-01T10:05:00Z\nu2\ti2\tfav\t1704103200000\n',
    });
    const store = SqliteStore.open(':memory:');
    const file = path.join(folder, 'log.tsv');
    const table = {
      user: 'user',
      item: 'item',
      type: 'behavior',
      time: 'ts',
      typeMap: { pv: 'view', buy: 'purchase' },
    };
    await assert.rejects(
      importData(store, { format: 'csv', path: file, table }),
      /log\.tsv line 4, field "behavior": "fav" is not a feedback type/,
    );
    const report = await importData(store, {
      format: 'csv',
      path: file,
      table: { ...table, typeMap: { ...table.typeMap, fav: 'like' } },
    });
    assert.equal(report.stored, 3);
    const types = (await store.feedback.forUser('u1')).map((event) => event.type);
    assert.deepEqual(types, ['purchase', 'view']);
    assert.deepEqual((await store.feedback.forUser('u2'))[0].timestamp, 1704103200000);
    await assert.rejects(
      importData(store, { format: 'csv', path: file, table: { ...table, feedbackType: 'click' } }),
      /either --type .* or --feedback-type/,
    );
    await assert.rejects(
      importData(store, { format: 'csv', path: file, table: { user: 'user', item: 'item', feedbackType: 'wish' } }),
      /feedback type "wish" is not defined/,
    );
    await store.close();
  });

  it('names a missing column and lists the header', async () => {
    const folder = write({ 'ratings.csv': ratings });
    const store = SqliteStore.open(':memory:');
    await assert.rejects(
      importData(store, {
        format: 'csv',
        path: path.join(folder, 'ratings.csv'),
        table: { ...mapping, value: 'score' },
      }),
      /ratings\.csv: no column "score" \(columns are userId, movieId, rating, timestamp\)/,
    );
    await store.close();
  });

  it('uses the row order as time without a time column, so a re-import is still idempotent', async () => {
    const folder = write({ 'clicks.csv': 'u,i\na,x\na,y\na,x\n' });
    const store = SqliteStore.open(':memory:');
    const file = path.join(folder, 'clicks.csv');
    const first = await importData(store, { format: 'csv', path: file, table: { user: 'u', item: 'i' } });
    assert.equal(first.stored, 3);
    assert.match(first.notes.join('\n'), /row order stands in for time/);
    const events = await store.feedback.forUser('a');
    assert.deepEqual(
      events.map((event) => [event.itemId, event.type, event.timestamp]),
      [
        ['x', 'click', 4000],
        ['y', 'click', 3000],
        ['x', 'click', 2000],
      ],
    );
    const again = await importData(store, { format: 'csv', path: file, table: { user: 'u', item: 'i' } });
    assert.deepEqual([again.stored, again.duplicates], [0, 3]);
    await store.close();
  });

  it('reads numbered columns without a header, and items and users files', async () => {
    const folder = write({
      'events.csv': '7;100;2\n8;101;1\n',
      'items.csv':
        'id,title,description,categories,tags,price,brand,color\n100,Tent,"Light, 2 person",Camping > Tents,2p|light,199.5,Acme,green\n101,Stove,,Camping|Stoves,,,,\n',
      'users.csv': 'id,age,zip\n7,31,02139\n',
    });
    const store = SqliteStore.open(':memory:');
    const report = await importData(store, {
      format: 'csv',
      path: path.join(folder, 'events.csv'),
      table: {
        user: '1',
        item: '2',
        value: '3',
        header: false,
        delimiter: ';',
        feedbackType: 'purchase',
        items: path.join(folder, 'items.csv'),
        users: path.join(folder, 'users.csv'),
      },
    });
    assert.deepEqual([report.items, report.users, report.events], [2, 1, 2]);
    const [tent, stove] = await store.items.get(['100', '101']);
    assert.deepEqual(tent, {
      id: '100',
      title: 'Tent',
      description: 'Light, 2 person',
      categories: ['Camping', 'Tents'],
      tags: ['2p', 'light'],
      attributes: { brand: 'Acme', color: 'green' },
      price: 199.5,
      createdAt: null,
      available: true,
      language: null,
    });
    assert.deepEqual(stove.categories, ['Camping', 'Stoves']);
    assert.deepEqual((await store.users.get(['7']))[0].attributes, { age: 31, zip: '02139' });
    assert.equal((await store.feedback.forUser('7'))[0].value, 2);
    await store.close();
  });
});

describe('jsonl import', () => {
  it('maps dotted paths, reads items with arrays, and names a broken line', async () => {
    const folder = write({
      'events.jsonl': [
        JSON.stringify({ who: { id: 'u1' }, what: 'i1', stars: 5, at: 1700000000 }),
        JSON.stringify({ who: { id: 'u2' }, what: 2, stars: '4', at: '2023-11-14T22:13:20Z' }),
        '{"who": ',
      ].join('\n'),
      'items.jsonl': `${JSON.stringify({ id: 'i1', title: 'Boots', categories: ['Footwear', 'Boots'], tags: ['gore-tex'], weight: 900, createdAt: 1600000000000 })}\n`,
    });
    const store = SqliteStore.open(':memory:');
    const table = { user: 'who.id', item: 'what', value: 'stars', time: 'at', items: path.join(folder, 'items.jsonl') };
    await assert.rejects(
      importData(store, { format: 'jsonl', path: path.join(folder, 'events.jsonl'), table }),
      /events\.jsonl line 3: not valid JSON/,
    );
    assert.equal((await store.counts()).items, 0);
    const report = await importData(
      store,
      { format: 'jsonl', path: path.join(folder, 'events.jsonl'), table },
      { onError: 'skip' },
    );
    assert.deepEqual([report.events, report.skipped], [2, 1]);
    const [boots] = await store.items.get(['i1']);
    assert.deepEqual(boots.categories, ['Footwear', 'Boots']);
    assert.deepEqual(boots.attributes, { weight: 900 });
    assert.equal(boots.createdAt, 1600000000000);
    const [event] = await store.feedback.forUser('u2');
    assert.deepEqual([event.itemId, event.value, event.timestamp], ['2', 4, 1700000000000]);
    await store.close();
  });

  it('requires the user and item columns', async () => {
    const store = SqliteStore.open(':memory:');
    await assert.rejects(
      importData(store, { format: 'jsonl', path: 'x.jsonl', table: { user: 'u', item: '' } }),
      /need --user COL and --item COL/,
    );
    await store.close();
  });
});
