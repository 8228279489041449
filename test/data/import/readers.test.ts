import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { readDelimitedBatches } from '../../../src/data/import/delimited-records.ts';
import { parseNumber, parseTime, plainText, titleYear } from '../../../src/data/import/field-values.ts';
import { readJsonLines, readJsonObjectEntries } from '../../../src/data/import/json-entries.ts';
import { readLineBatches } from '../../../src/data/import/text-source.ts';
import { temporaryFolder } from '../../helpers/dataset-fixtures.ts';

function write(name: string, content: string | Buffer): string {
  const file = path.join(temporaryFolder(), name);
  fs.writeFileSync(file, content);
  return file;
}

async function records(file: string, options: Parameters<typeof readDelimitedBatches>[1] = {}) {
  const out: Array<[number, string[]]> = [];
  for await (const batch of readDelimitedBatches(file, options)) {
    for (let k = 0; k < batch.records.length; k++) out.push([batch.lines[k], batch.records[k]]);
  }
  return out;
}

describe('delimited records', () => {
  const csv =
    '\ufeffid,title,genres\r\n1,"Heat, The (1995)",Action\r\n\r\n2,"He said ""hi""",Drama\r\n3,"two\nlines",\r\n4,a"b,c\r\n5,bare\rcr,x';

  for (const chunkSize of [3, 7, 1 << 20]) {
    it(`parses quotes, line breaks in quotes, CRLF and a BOM (chunks of ${chunkSize} bytes)`, async () => {
      const file = write('a.csv', csv);
      assert.deepEqual(await records(file, { chunkSize }), [
        [1, ['id', 'title', 'genres']],
        [2, ['1', 'Heat, The (1995)', 'Action']],
        [4, ['2', 'He said "hi"', 'Drama']],
        [5, ['3', 'two\nlines', '']],
        [7, ['4', 'a"b', 'c']],
        [8, ['5', 'bare\rcr', 'x']],
      ]);
    });
  }

  it('splits on multi-character delimiters without quoting', async () => {
    const file = write('ratings.dat', '1::"2"::5\n');
    assert.deepEqual(await records(file, { delimiter: '::', quotes: false }), [[1, ['1', '"2"', '5']]]);
  });

  it('names the line of a quote that never closes', async () => {
    const file = write('b.csv', 'a,b\n1,"open\n2,3\n');
    await assert.rejects(records(file), /b\.csv line 2: a quoted field is never closed/);
  });

  it('reads gzip and Latin-1 files', async () => {
    const file = write('c.csv.gz', gzipSync(Buffer.from('x\nAmélie\n', 'latin1')));
    const lines: string[] = [];
    for await (const batch of readLineBatches(file, { encoding: 'latin1' })) lines.push(...batch.lines);
    assert.deepEqual(lines, ['x', 'Amélie']);
  });
});

describe('JSON readers', () => {
  const object = `{
  "0": {"title": "A {brace} \\"quoted\\"", "n": [1, [2, 3]]},
  "1": "text, with comma",
  "k\\"ey": 3,
  "3": null
}`;
  for (const chunkSize of [1, 5, 1 << 20]) {
    it(`streams the entries of one large object (chunks of ${chunkSize} bytes)`, async () => {
      const file = write('items.json', object);
      const entries = [];
      for await (const batch of readJsonObjectEntries(file, { chunkSize })) entries.push(...batch);
      assert.deepEqual(entries, [
        { key: '0', value: { title: 'A {brace} "quoted"', n: [1, [2, 3]] }, line: 2 },
        { key: '1', value: 'text, with comma', line: 3 },
        { key: 'k"ey', value: 3, line: 4 },
        { key: '3', value: null, line: 5 },
      ]);
    });
  }

  it('accepts {} and names the line of bad JSON', async () => {
    const empty = [];
    for await (const batch of readJsonObjectEntries(write('e.json', ' {} '))) empty.push(...batch);
    assert.deepEqual(empty, []);
    await assert.rejects(async () => {
      for await (const _ of readJsonObjectEntries(write('bad.json', '{"a": 1,\n"b": tru}'))) {
      }
    }, /bad\.json line 2: the value of "b" is not valid JSON/);
    await assert.rejects(async () => {
      for await (const _ of readJsonObjectEntries(write('arr.json', '[1, 2]'))) {
      }
    }, /arr\.json line 1: expected a JSON object/);
    await assert.rejects(async () => {
      for await (const _ of readJsonObjectEntries(write('cut.json', '{"a": [1, 2'))) {
      }
    }, /ends too early/);
  });

  it('reads JSON lines and marks a broken line', async () => {
    const rows = [];
    for await (const batch of readJsonLines(write('r.jsonl', '{"a":1}\n\nnot json\n{"a":2}'))) rows.push(...batch);
    assert.deepEqual(
      rows.map((row) => [row.line, row.value, Boolean(row.error)]),
      [
        [1, { a: 1 }, false],
        [3, undefined, true],
        [4, { a: 2 }, false],
      ],
    );
  });
});

it('parses numbers, times, markup and title years', () => {
  assert.equal(parseNumber(' 3.5 '), 3.5);
  assert.match(String(parseNumber('four')), /"four" is not a number/);
  assert.match(String(parseNumber('')), /empty/);
  assert.equal(parseTime('964982703'), 964982703000);
  assert.equal(parseTime('964982703000'), 964982703000);
  assert.equal(parseTime('5', 'ms'), 5);
  assert.equal(parseTime('2018-01-02T00:00:00Z'), Date.UTC(2018, 0, 2));
  assert.match(String(parseTime('yesterday')), /not a time/);
  assert.match(String(parseTime('-5')), /before 1970/);
  assert.equal(plainText('<p>A&amp;B&#39;s <br/>tent</p>\n  2&nbsp;p'), "A&B's tent 2 p");
  assert.equal(titleYear('Toy Story (1995)'), 1995);
  assert.equal(titleYear('Babylon 5 (1993–1998) '), 1993);
  assert.equal(titleYear('No year'), null);
});
