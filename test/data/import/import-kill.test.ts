import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { it } from 'node:test';
import { SqliteStore } from '../../../src/store/sqlite/store.ts';
import { temporaryFolder } from '../../helpers/dataset-fixtures.ts';

const child = path.resolve(import.meta.dirname, '../../helpers/import-child.ts');

/** A CSV of `rows` ratings by 2,000 users on 5,000 items. */
function writeCsv(file: string, rows: number): void {
  const out = fs.openSync(file, 'w');
  fs.writeSync(out, 'user,item,value,time\n');
  const lines: string[] = [];
  for (let k = 0; k < rows; k++) {
    lines.push(`u${k % 2000},i${(k * 7919) % 5000},${1 + (k % 5)},${1_600_000_000 + k}`);
    if (lines.length === 10_000) {
      fs.writeSync(out, `${lines.join('\n')}\n`);
      lines.length = 0;
    }
  }
  if (lines.length) fs.writeSync(out, `${lines.join('\n')}\n`);
  fs.closeSync(out);
}

/** Runs the child; once it has read `killAt` bytes, SIGKILLs it. Resolves with how it ended. */
function runChild(
  db: string,
  csv: string,
  killAt: number | null,
): Promise<{ killed: boolean; output: string; walBytes: number }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [child, db, csv], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let walBytes = 0;
    let killed = false;
    proc.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /bytes (\d+)\n[^\n]*$/.exec(output.slice(-200));
      if (killAt !== null && !killed && match && Number(match[1]) >= killAt) {
        const wal = `${db}-wal`;
        walBytes = fs.existsSync(wal) ? fs.statSync(wal).size : 0;
        killed = proc.kill('SIGKILL');
      }
    });
    proc.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    proc.on('error', reject);
    proc.on('exit', (_code, signal) => resolve({ killed: signal === 'SIGKILL', output, walBytes }));
  });
}

it('a SIGKILLed import leaves none of itself; a finished one leaves all of it', { timeout: 120_000 }, async () => {
  const folder = temporaryFolder();
  const db = path.join(folder, 'store.db');
  const csv = path.join(folder, 'big.csv');
  writeCsv(csv, 300_000);
  const base = SqliteStore.open(db);
  await base.feedback.add([{ userId: 'before', itemId: 'x', type: 'click', timestamp: 1 }]);
  await base.close();

  const size = fs.statSync(csv).size;
  const killedRun = await runChild(db, csv, Math.floor(size / 2));
  assert.equal(killedRun.killed, true, `the child finished before it was killed: ${killedRun.output.slice(-200)}`);
  assert.doesNotMatch(killedRun.output, /done/);
  // Uncommitted pages had reached the WAL file: recovery must ignore them.
  assert.ok(killedRun.walBytes > 0, 'the open transaction had not reached the WAL yet');

  const afterKill = SqliteStore.open(db);
  assert.deepEqual(await afterKill.counts(), { users: 1, items: 1, interactions: 1, socialEdges: 0 });
  await afterKill.close();

  const finished = await runChild(db, csv, null);
  assert.match(finished.output, /done 300000/);
  const afterAll = SqliteStore.open(db);
  assert.deepEqual(await afterAll.counts(), { users: 2001, items: 5001, interactions: 300_001, socialEdges: 0 });
  await afterAll.close();
});
