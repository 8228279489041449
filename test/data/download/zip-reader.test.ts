import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { it } from 'node:test';
import { extractZip, listZip } from '../../../src/data/download/zip-reader.ts';
import { temporaryFolder } from '../../helpers/dataset-fixtures.ts';
import { buildZip } from '../../helpers/zip-builder.ts';

const big = 'userId,movieId\n'.concat('1,2\n'.repeat(50_000));

it('lists and extracts stored and deflated entries with their folders', async () => {
  const dir = temporaryFolder();
  const file = path.join(dir, 'a.zip');
  fs.writeFileSync(
    file,
    buildZip([
      { name: 'ml-x/' },
      { name: 'ml-x/ratings.csv', data: big },
      { name: 'ml-x/README.txt', data: 'hello é', method: 0 },
      { name: 'ml-x/empty.txt', data: '' },
    ]),
  );
  const entries = listZip(file);
  assert.deepEqual(
    entries.map((entry) => [entry.name, entry.method, entry.size]),
    [
      ['ml-x/', 0, 0],
      ['ml-x/ratings.csv', 8, big.length],
      ['ml-x/README.txt', 0, Buffer.byteLength('hello é')],
      ['ml-x/empty.txt', 8, 0],
    ],
  );
  assert.ok(entries[1].compressedSize < big.length / 10);
  const out = path.join(dir, 'out');
  const written = await extractZip(file, out);
  assert.equal(written.length, 3);
  assert.equal(fs.readFileSync(path.join(out, 'ml-x/ratings.csv'), 'utf8'), big);
  assert.equal(fs.readFileSync(path.join(out, 'ml-x/README.txt'), 'utf8'), 'hello é');
  assert.equal(fs.readFileSync(path.join(out, 'ml-x/empty.txt'), 'utf8'), '');
});

it('refuses a damaged entry, a non-zip file and an entry escaping the folder', async () => {
  const dir = temporaryFolder();
  const good = buildZip([{ name: 'a.txt', data: 'some text that deflates some text that deflates', method: 0 }]);
  const damaged = Buffer.from(good);
  damaged[35] ^= 0xff; // inside the stored data: the CRC no longer matches
  fs.writeFileSync(path.join(dir, 'damaged.zip'), damaged);
  await assert.rejects(extractZip(path.join(dir, 'damaged.zip'), path.join(dir, 'o1')), /"a.txt" is damaged/);
  assert.equal(fs.existsSync(path.join(dir, 'o1', 'a.txt')), false);
  fs.writeFileSync(path.join(dir, 'text.zip'), 'not a zip at all');
  assert.throws(() => listZip(path.join(dir, 'text.zip')), /text\.zip is not a readable zip file/);
  fs.writeFileSync(path.join(dir, 'slip.zip'), buildZip([{ name: '../evil.txt', data: 'x' }]));
  await assert.rejects(extractZip(path.join(dir, 'slip.zip'), path.join(dir, 'o2')), /outside/);
  assert.equal(fs.existsSync(path.join(dir, 'evil.txt')), false);
});
