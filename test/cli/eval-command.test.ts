import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, it } from 'node:test';
import { SqliteStore } from '../../src/store/sqlite/store.ts';
import { interactionsFixture } from '../../src/testing/interactions-fixture.ts';

let folder = '';

before(() => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'lmrec-eval-'));
  // A MovieLens-100K-shaped folder from a generated dataset.
  const data = interactionsFixture({ users: 60, items: 40, perUser: 10, seed: 3 });
  const lines: string[] = [];
  for (let u = 0; u < data.userCount; u++) {
    const items = data.itemsOf(u);
    const times = data.timesOf(u);
    for (let k = 0; k < items.length; k++) lines.push(`${u + 1}\t${items[k] + 1}\t${1 + (k % 5)}\t${times[k]}`);
  }
  fs.writeFileSync(path.join(folder, 'u.data'), `${lines.join('\n')}\n`);
});

after(() => fs.rmSync(folder, { recursive: true, force: true }));

const root = path.resolve(import.meta.dirname, '../..');

/** Runs the CLI in a child process (the test runner reports through this process's stdout). */
async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const child = spawnSync(process.execPath, [path.join(root, 'bin/lmrec.js'), '--quiet', ...args], {
    encoding: 'utf8',
  });
  return { code: child.status ?? -1, stdout: child.stdout, stderr: child.stderr };
}

it('evaluates under k-fold from a MovieLens folder and writes lower-case name@k keys', async () => {
  const json = path.join(folder, 'r.json');
  const result = await run([
    'eval',
    '--data',
    folder,
    '--format',
    'movielens',
    '--protocol',
    'kfold',
    '--folds',
    '3',
    '--k',
    '5',
    '--models',
    'popularity',
    '--json',
    json,
  ]);
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /popularity/);
  const output = JSON.parse(fs.readFileSync(json, 'utf8'));
  assert.equal(output.protocol.name, 'kfold');
  assert.equal(output.protocol.folds, 3);
  assert.equal(output.protocol.ranking, 'full');
  const [popularity] = output.results;
  assert.equal(popularity.model, 'popularity');
  assert.equal(popularity.runs.length, 3);
  for (const key of ['ndcg@5', 'precision@5', 'recall@5', 'map@5']) {
    assert.ok(popularity.metrics[key] > 0 && popularity.metrics[key] <= 1, key);
  }
  assert.equal(typeof popularity.fitSeconds, 'number');
});

it('averages over --seeds and rejects bad flags with one line', async () => {
  const json = path.join(folder, 's.json');
  const ok = await run([
    'eval',
    '--data',
    folder,
    '--format',
    'movielens',
    '--seeds',
    '2',
    '--models',
    'popularity',
    '--json',
    json,
  ]);
  assert.equal(ok.code, 0, ok.stderr);
  assert.deepEqual(JSON.parse(fs.readFileSync(json, 'utf8')).protocol.seeds, [42, 43]);
  const bad = await run(['eval', '--data', folder, '--format', 'movielens', '--protocol', 'nope']);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /unknown protocol "nope"/);
  const unknown = await run(['eval', '--data', folder, '--format', 'movielens', '--models', 'nosuchmodel']);
  assert.match(unknown.stderr, /unknown model "nosuchmodel"/);
});

it('writes a self-contained HTML report and tunes with --tune, saving the trials', async () => {
  const report = path.join(folder, 'r.html');
  const tuning = path.join(folder, 'tuning.json');
  const json = path.join(folder, 't.json');
  const result = await run([
    'eval',
    '--data',
    folder,
    '--format',
    'movielens',
    '--protocol',
    'leave-last-out',
    '--models',
    'popularity',
    '--report',
    report,
    '--tune',
    '--tune-trials',
    '2',
    '--tune-output',
    tuning,
    '--json',
    json,
    '--metrics',
    'ndcg,recall,precision,map,coverage,auc',
  ]);
  assert.equal(result.code, 0, result.stderr);
  const html = fs.readFileSync(report, 'utf8');
  assert.match(html, /^<!doctype html>/);
  assert.match(html, /<svg/);
  assert.doesNotMatch(html, /<script|https?:\/\//);
  assert.equal(JSON.parse(fs.readFileSync(tuning, 'utf8')).results[0].model, 'popularity');
  const output = JSON.parse(fs.readFileSync(json, 'utf8'));
  assert.ok(output.results[0].tuning);
  assert.ok(output.results[0].metrics.auc > 0.5);
});

it('runs the cold-items protocol with cold. and warm. keys, and labels sampled runs', async () => {
  const json = path.join(folder, 'c.json');
  const cold = await run([
    'eval',
    '--data',
    folder,
    '--format',
    'movielens',
    '--protocol',
    'cold-items',
    '--k',
    '5',
    '--json',
    json,
  ]);
  assert.equal(cold.code, 0, cold.stderr);
  const metrics = JSON.parse(fs.readFileSync(json, 'utf8')).results[0].metrics;
  for (const key of ['ndcg@5', 'recall@5', 'cold.ndcg@5', 'warm.ndcg@5', 'cold.recall@5', 'warm.recall@5']) {
    assert.equal(typeof metrics[key], 'number', key);
  }
  const sampled = await run(['eval', '--data', folder, '--format', 'movielens', '--sampled', '10', '--json', json]);
  assert.equal(sampled.code, 0, sampled.stderr);
  const output = JSON.parse(fs.readFileSync(json, 'utf8'));
  assert.match(output.protocol.ranking, /^sampled: 10 uniform/);
  assert.ok('sampled.ndcg@10' in output.results[0].metrics);
  assert.ok(!('ndcg@10' in output.results[0].metrics));
  assert.match(sampled.stdout, /sampled/);
});

it('evaluates the feedback of a store with --db', async () => {
  const db = path.join(folder, 'store.db');
  const store = SqliteStore.open(db);
  const data = interactionsFixture({ users: 40, items: 30, perUser: 8, seed: 6 });
  const events = [];
  for (let u = 0; u < data.userCount; u++) {
    for (const i of data.itemsOf(u))
      events.push({ userId: `u${u}`, itemId: `i${i}`, type: 'click', timestamp: 1_000 + i });
  }
  await store.feedback.add(events);
  await store.close();
  const json = path.join(folder, 'db.json');
  const result = await run(['eval', '--db', db, '--protocol', 'leave-last-out', '--k', '3', '--json', json]);
  assert.equal(result.code, 0, result.stderr);
  const output = JSON.parse(fs.readFileSync(json, 'utf8'));
  assert.equal(output.protocol.dataset.interactions, events.length);
  assert.ok(output.results[0].metrics['hitrate@3'] >= 0);
  const missing = await run(['eval', '--data', folder]);
  assert.match(missing.stderr, /--data needs --format/);
});
