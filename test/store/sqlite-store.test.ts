import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { it } from 'node:test';
import { SqliteStore } from '../../src/store/sqlite/store.ts';
import { runStoreContract } from '../../src/testing/store-contract.ts';

runStoreContract({ name: 'sqlite (memory)', create: async () => SqliteStore.open(':memory:') });

it('reopens a file store with its data and refuses a non-database file', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lmrec-sqlite-'));
  const file = path.join(dir, 'a.db');
  const store = SqliteStore.open(file);
  await store.feedback.add([{ userId: 'u', itemId: 'i', type: 'click', timestamp: 1 }]);
  await store.close();
  const again = SqliteStore.open(file);
  assert.equal((await again.counts()).interactions, 1);
  await again.close();
  const junk = path.join(dir, 'junk.db');
  fs.writeFileSync(junk, 'this is not sqlite at all, just text that is long enough to look like a header');
  assert.throws(() => SqliteStore.open(junk), /junk\.db is not an lmrec SQLite database/);
  fs.rmSync(dir, { recursive: true, force: true });
});
