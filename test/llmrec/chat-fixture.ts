// A small demo store for chat tests: built once per demo-generator source (a hash of src/data/demo), kept in the
// temp folder, and copied for each test file so that tests may write to their copy.

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildDemoStore } from '../../src/data/demo/demo-store.ts';
import { CatalogIndex } from '../../src/llmrec/chat/catalog-index.ts';
import { ChatAssistant, type ChatAssistantOptions } from '../../src/llmrec/chat/chat-assistant.ts';
import { StoreShopEngine } from '../../src/llmrec/chat/store-engine/store-shop-engine.ts';
import { SqliteStore } from '../../src/store/sqlite/store.ts';

const demoSource = path.resolve(import.meta.dirname, '../../src/data/demo');

function sourceHash(): string {
  const hash = createHash('sha256');
  for (const file of fs.readdirSync(demoSource).sort()) hash.update(fs.readFileSync(path.join(demoSource, file)));
  return hash.digest('hex').slice(0, 12);
}

/** A private copy of the demo store at this scale and seed (default 0.25, seed 7). */
export async function demoStoreCopy(
  options: { scale?: number; seed?: number } = {},
): Promise<{ store: SqliteStore; file: string }> {
  const scale = options.scale ?? 0.25;
  const seed = options.seed ?? 7;
  const cached = path.join(os.tmpdir(), `lmrec-chat-fixture-${sourceHash()}-${seed}-${scale}.db`);
  if (!fs.existsSync(cached)) {
    const building = `${cached}.${process.pid}.${Date.now()}`;
    const store = SqliteStore.open(building);
    await buildDemoStore(store, { scale, seed });
    await store.close();
    for (const suffix of ['-wal', '-shm']) fs.rmSync(`${building}${suffix}`, { force: true });
    fs.renameSync(building, cached);
  }
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'lmrec-chat-'));
  const file = path.join(folder, 'demo.db');
  fs.copyFileSync(cached, file);
  return { store: SqliteStore.open(file), file };
}

/** An assistant on the store in basic mode (or with `options`), with n-gram vectors for semantic search. */
export async function assistantOn(store: SqliteStore, options: Partial<ChatAssistantOptions> = {}) {
  const engine = new StoreShopEngine({ store });
  const index = await engine.index();
  const assistant = new ChatAssistant({ engine, index, kv: store.kv, feedback: store.feedback, ...options });
  return { assistant, engine, index };
}

/** The catalog index of the fixture store (read from a copy that is closed again). */
export async function demoIndex(): Promise<CatalogIndex> {
  const { store } = await demoStoreCopy();
  try {
    return new CatalogIndex((await store.items.list({ limit: 100_000 })).rows);
  } finally {
    await store.close();
  }
}
