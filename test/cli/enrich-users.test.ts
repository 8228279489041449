import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { SqliteStore } from '../../src/store/sqlite/store.ts';
import { servingFixture } from '../../src/testing/serving-fixture.ts';
import { runCli } from '../helpers/run-cli.ts';

describe('lmrec enrich queries / reasons', () => {
  let folder: string;
  let db: string;
  const env = { LMREC_LLM: 'none', LMREC_LLM_FAST: '' };
  before(async () => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'lmrec-enrich-'));
    db = path.join(folder, 'shop.db');
    const store = SqliteStore.open(db);
    await servingFixture({ store });
    await store.close();
  });
  after(() => fs.rmSync(folder, { recursive: true, force: true }));

  test('--dry-run estimates and writes nothing; a run with no LLM uses the term fallback and says so', async () => {
    const dry = runCli(['--db', db, 'enrich', 'queries', '--dry-run', '--json'], { env });
    assert.equal(dry.code, 0, dry.stderr);
    const estimate = JSON.parse(dry.stdout);
    assert.equal(estimate.mode, 'dry-run');
    assert.equal(estimate.estimate.units, 30);
    const run = runCli(['--db', db, 'enrich', 'queries', '--limit', '5'], { env });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /5 units done; fallback ran for all of them, no LLM configured/);
    const store = SqliteStore.open(db);
    try {
      assert.equal((await store.kv.entries('q2i')).length, 5);
    } finally {
      await store.close();
    }
  });

  test('enrich reasons names the missing model and a bad --lang', () => {
    const noModel = runCli(['--db', db, 'enrich', 'reasons', '--users', 'user-1'], { env });
    assert.notEqual(noModel.code, 0);
    assert.match(noModel.stderr, /no trained model in the store/);
    const badLang = runCli(['--db', db, 'enrich', 'reasons', '--lang', 'fr'], { env });
    assert.notEqual(badLang.code, 0);
    assert.match(badLang.stderr, /--lang: "fr" is not a supported language/);
  });
});
