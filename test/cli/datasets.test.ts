import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { after, before, it } from 'node:test';
import { movielens100kFiles, temporaryFolder } from '../helpers/dataset-fixtures.ts';
import { type FileServer, startFileServer } from '../helpers/file-server.ts';
import { runCli } from '../helpers/run-cli.ts';
import { buildZip } from '../helpers/zip-builder.ts';

const archive = buildZip(
  Object.entries(movielens100kFiles()).map(([name, data]) => ({ name: `ml-100k/${name}`, data: Buffer.from(data) })),
);
const sha256 = createHash('sha256').update(archive).digest('hex');
let mirror: FileServer;
before(async () => {
  mirror = await startFileServer({ '/ml-100k.zip': archive });
});
after(() => mirror.close());

/** spawnSync blocks this process, so the loopback server runs in a child of its own. */
function runAsync(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    import('node:child_process').then(({ execFile }) => {
      execFile(
        process.execPath,
        [path.resolve(import.meta.dirname, '../../bin/lmrec.js'), ...args],
        { encoding: 'utf8' },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      );
    });
  });
}

const downloadThroughMirror = (to: string) =>
  runAsync(['datasets', 'download', 'movielens-100k', '--to', to, '--mirror', mirror.url, '--sha256', sha256]);

it('downloads through a mirror, checks, unpacks, and the folder imports', async () => {
  const to = temporaryFolder();
  const download = await downloadThroughMirror(to);
  assert.equal(download.code, 0, download.stderr);
  assert.match(
    download.stdout,
    /movielens-100k: downloaded, checksum ok, unpacked to .*ml-100k\nimport it with: lmrec import movielens/,
  );
  const db = path.join(to, 'a.db');
  const imported = runCli(['import', 'movielens', path.join(to, 'ml-100k'), '--db', db, '--quiet']);
  assert.equal(imported.code, 0, imported.stderr);
  const again = await downloadThroughMirror(to);
  assert.match(again.stdout, /already downloaded/);
});

it('fails with one line on a checksum mismatch (the official sum against a different archive)', async () => {
  const result = await runAsync([
    'datasets',
    'download',
    'movielens-100k',
    '--to',
    temporaryFolder(),
    '--mirror',
    mirror.url,
  ]);
  assert.equal(result.code, 1);
  const lines = result.stderr.trim().split('\n');
  assert.match(lines[lines.length - 1], /^lmrec: .*ml-100k\.zip: SHA-256 mismatch \(expected 50d2a982/);
  assert.equal(lines.filter((line) => line.startsWith('lmrec:')).length, 1);
});

it('lists the catalog', () => {
  const result = runCli(['datasets', 'list', '--json']);
  assert.deepEqual(
    JSON.parse(result.stdout).map((entry: { name: string }) => entry.name),
    ['movielens-100k', 'movielens-1m', 'movielens-latest-small', 'movielens-25m'],
  );
});
