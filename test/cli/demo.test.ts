import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { it } from 'node:test';
import { SqliteStore } from '../../src/store/sqlite/store.ts';
import { capture } from './capture.ts';

it('lmrec demo init fills a store, refuses to overwrite it, and replaces it with --force', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lmrec-demo-'));
  const db = path.join(dir, 'demo.db');
  const first = await capture(['demo', 'init', '--db', db, '--scale', '0.05', '--seed', '3', '--json', '--quiet']);
  assert.equal(first.code, 0, first.stderr);
  const summary = JSON.parse(first.stdout);
  assert.ok(summary.items >= 42 && summary.users >= 100 && summary.interactions > 1000, first.stdout);
  const again = await capture(['demo', 'init', '--db', db, '--scale', '0.05']);
  assert.equal(again.code, 1);
  assert.match(again.stderr, /is not empty .*--force/);
  const forced = await capture(['demo', 'init', '--db', db, '--scale', '0.05', '--seed', '3', '--force', '--quiet']);
  assert.equal(forced.code, 0, forced.stderr);
  assert.match(forced.stdout, /demo shop written to .* \(seed 3, scale 0.05\)/);
  const store = SqliteStore.open(db);
  assert.equal((await store.counts()).items, summary.items);
  await store.close();
  // The context that IPS and rankers need is stored with each event (read here below the Store port).
  const raw = new DatabaseSync(db, { readOnly: true });
  const contexts = (
    raw.prepare('SELECT context_json FROM feedback LIMIT 2000').all() as Array<{ context_json: string }>
  ).map((row) => JSON.parse(row.context_json));
  raw.close();
  const home = contexts.find((context) => context.source === 'home');
  const search = contexts.find((context) => context.source === 'search');
  assert.ok(
    home &&
      home.propensity > 0 &&
      home.propensity <= 1 &&
      home.position >= 1 &&
      typeof home.requestId === 'string' &&
      typeof home.explore === 'boolean',
  );
  assert.ok(
    search && search.propensity === 1 && typeof search.query === 'string' && typeof search.queryCategory === 'string',
  );
  const bad = await capture(['demo', 'init', '--db', path.join(dir, 'b.db'), '--scale', 'lots']);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /--scale must be a number/);
  fs.rmSync(dir, { recursive: true, force: true });
});
