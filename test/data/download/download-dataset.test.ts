import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, it } from 'node:test';
import type { CatalogEntry } from '../../../src/data/download/dataset-catalog.ts';
import { downloadDataset } from '../../../src/data/download/download-dataset.ts';
import { movielens100kFiles, temporaryFolder } from '../../helpers/dataset-fixtures.ts';
import { type FileServer, startFileServer } from '../../helpers/file-server.ts';
import { buildZip } from '../../helpers/zip-builder.ts';

const files = movielens100kFiles({ users: 40, items: 60 });
const archive = buildZip([
  { name: 'ml-test/' },
  ...Object.entries(files).map(([name, data]) => ({ name: `ml-test/${name}`, data: Buffer.from(data) })),
]);
const sha256 = createHash('sha256').update(archive).digest('hex');
let server: FileServer;
let entry: CatalogEntry;

before(async () => {
  server = await startFileServer({ '/ml-test.zip': archive });
  entry = {
    name: 'test-set',
    url: `${server.url}/ml-test.zip`,
    sha256,
    size: archive.length,
    folder: 'ml-test',
    format: 'movielens',
    description: 'generated',
  };
});
after(() => server.close());

it('downloads, checks and unpacks, then finds the archive already there', async () => {
  const to = temporaryFolder();
  const result = await downloadDataset({ dataset: entry, to });
  assert.equal(result.folder, path.join(to, 'ml-test'));
  assert.equal(result.cached, false);
  assert.equal(result.bytes, archive.length);
  assert.equal(fs.readFileSync(path.join(to, 'ml-test', 'u.data'), 'utf8'), files['u.data']);
  const again = await downloadDataset({ dataset: entry, to });
  assert.equal(again.cached, true);
});

it('resumes a partial download with a Range request', async () => {
  const to = temporaryFolder();
  server.cutNextAfter(1000);
  await assert.rejects(downloadDataset({ dataset: entry, to }), /run it again to resume/);
  const partial = path.join(to, 'ml-test.zip.part');
  assert.equal(fs.statSync(partial).size, 1000);
  server.ranges.length = 0;
  const result = await downloadDataset({ dataset: entry, to });
  assert.deepEqual(server.ranges, ['bytes=1000-']);
  assert.equal(result.resumedFrom, 1000);
  assert.equal(fs.existsSync(partial), false);
  assert.equal(fs.readFileSync(path.join(to, 'ml-test', 'u.item')).equals(Buffer.from(files['u.item'])), true);
});

it('starts over when a server ignores ranges', async () => {
  const plain = await startFileServer({ '/ml-test.zip': archive }, { ignoreRanges: true });
  try {
    const to = temporaryFolder();
    fs.writeFileSync(path.join(to, 'ml-test.zip.part'), archive.subarray(0, 500));
    const result = await downloadDataset({ dataset: { ...entry, url: `${plain.url}/ml-test.zip` }, to });
    assert.equal(result.resumedFrom, 0);
    assert.equal(fs.statSync(result.archive).size, archive.length);
  } finally {
    await plain.close();
  }
});

it('rejects a checksum mismatch and removes the partial file', async () => {
  const to = temporaryFolder();
  const wrong = 'a'.repeat(64);
  await assert.rejects(
    downloadDataset({ dataset: entry, to, sha256: wrong }),
    /SHA-256 mismatch \(expected a+, got [0-9a-f]{64}\)/,
  );
  assert.equal(fs.existsSync(path.join(to, 'ml-test.zip.part')), false);
  assert.equal(fs.existsSync(path.join(to, 'ml-test.zip')), false);
  assert.equal(fs.existsSync(path.join(to, 'ml-test')), false);
});

it('uses a mirror with the official archive names and rejects unknown names', async () => {
  const mirror = await startFileServer({ '/ml-100k.zip': archive });
  try {
    const to = temporaryFolder();
    const result = await downloadDataset({ dataset: 'movielens-100k', to, mirror: `${mirror.url}/`, sha256 });
    assert.equal(result.url, `${mirror.url}/ml-100k.zip`);
    assert.ok(fs.existsSync(path.join(to, 'ml-test', 'u.data')));
  } finally {
    await mirror.close();
  }
  await assert.rejects(
    downloadDataset({ dataset: 'movielens-5k', to: temporaryFolder() }),
    /unknown dataset "movielens-5k"/,
  );
});

it('reports an HTTP error with the URL and status', async () => {
  await assert.rejects(
    downloadDataset({ dataset: { ...entry, url: `${server.url}/missing.zip` }, to: temporaryFolder() }),
    /missing\.zip answered HTTP 404/,
  );
});
