// `lmrec enrich attributes` as a user runs it: child processes against the fake OpenAI server, one SQLite file.

import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { SqliteStore } from '../../src/store/sqlite/store.ts';
import { type FakeOpenAiServer, startFakeOpenAiServer } from '../../src/testing/fake-openai-server.ts';
import { fakeEnrichModel, requestText, textOnlyItems } from '../llmrec/enrich/fixture.ts';

const run = promisify(execFile);
const bin = path.resolve(import.meta.dirname, '../../bin/lmrec.js');
const { items } = textOnlyItems(['tents', 'cookware', 'daypacks'], 3);
const units = 3 + items.length;
let server: FakeOpenAiServer;
let folder: string;
let db: string;
/** Called for each chat request before it is answered (the kill test sets it). */
let onChat: (() => void) | null = null;

before(async () => {
  server = await startFakeOpenAiServer({
    defaultReply: (body) => {
      onChat?.();
      return { ...fakeEnrichModel(body), delayMs: 40 };
    },
  });
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'lmrec-enrich-'));
});
after(async () => {
  await server.close();
  fs.rmSync(folder, { recursive: true, force: true });
});
beforeEach(async () => {
  server.reset();
  onChat = null;
  db = path.join(folder, `store-${Date.now()}-${Math.random().toString(36).slice(2)}.db`);
  const store = await SqliteStore.open(db);
  await store.items.upsert(items);
  await store.close();
});

function environment(withLlm: boolean): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    LMREC_DB: db,
    OPENAI_API_KEY: 'sk-enrich-test-0000',
    LMREC_LLM: withLlm ? `openai-compatible:${server.url}#fake` : 'none',
  };
}

function lmrec(args: string[], withLlm = true) {
  return run(process.execPath, [bin, ...args], { cwd: folder, env: environment(withLlm) }).catch(
    (error: { code: number; stdout: string; stderr: string }) => ({ ...error, failed: true }),
  );
}

async function enriched(): Promise<Map<string, Record<string, unknown>>> {
  const store = await SqliteStore.open(db);
  try {
    const rows = await store.items.get(items.map((item) => item.id));
    return new Map(rows.map((row) => [row.id, row.attributes]));
  } finally {
    await store.close();
  }
}

describe('lmrec enrich attributes', () => {
  test('--dry-run makes no call and prints the estimate', async () => {
    const result = await lmrec(['enrich', 'attributes', '--dry-run']);
    assert.equal(server.counts.chat, 0);
    assert.match(
      result.stdout,
      /dry run of enrich-attributes-schema: 3 units, 3 calls, ~[\d,]+ prompt \+ [\d,]+ completion tokens/,
    );
    assert.match(result.stdout, /dry run of enrich-attributes: 9 units, 9 calls/);
    assert.ok([...(await enriched()).values()].every((attributes) => attributes.enriched === undefined));
  });

  test('--max-calls stops after that many calls with a clear message; a rerun continues without repeating', async () => {
    const first = await lmrec(['enrich', 'attributes', '--max-calls', '5', '--concurrency', '2']);
    assert.equal(server.counts.chat, 5);
    assert.match(
      first.stdout,
      /stopped at the budget \(job enrich-attributes: 2 calls reached the budget of 2\); 7 units left: run it again to continue/,
    );
    const second = await lmrec(['enrich', 'attributes']);
    assert.match(second.stdout, /enrich-attributes-schema: nothing to do, 3 units already done/);
    assert.match(
      second.stdout,
      /enrich-attributes: 7 units done; 7 by the LLM \(7 calls, 0 from the cache\); 2 already done/,
    );
    assert.equal(server.counts.chat, units);
    const attributes = await enriched();
    for (const item of items)
      assert.equal((attributes.get(item.id)?.enriched as { source?: string } | undefined)?.source, 'llm');
  });

  test('SIGKILLed mid-job and restarted, no answered call is sent again', async () => {
    // Kill the child when the 6th call arrives: 5 calls were answered (3 schemas, 2 items), the 6th never will be.
    const child = spawn(process.execPath, [bin, 'enrich', 'attributes', '--concurrency', '1'], {
      cwd: folder,
      env: environment(true),
      stdio: 'ignore',
    });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    let unanswered = 0;
    onChat = () => {
      if (server.counts.chat === 6) {
        child.kill('SIGKILL');
        unanswered = 1;
      }
    };
    assert.equal(await exited, null);
    onChat = null;
    const beforeRestart = server.requests.filter((request) => request.endpoint === 'chat').length;
    assert.equal(beforeRestart, 6);
    await lmrec(['enrich', 'attributes', '--concurrency', '1']);
    const bodies = server.requests
      .filter((request) => request.endpoint === 'chat')
      .map((request) => requestText(request.body as never));
    // Every unit was asked exactly once, except the one call cut off by the kill, asked again after the restart.
    assert.equal(new Set(bodies).size, units);
    assert.equal(server.counts.chat, units + unanswered);
    const answeredBeforeKill = new Set(bodies.slice(0, 5));
    assert.ok(
      bodies.slice(6).every((body) => !answeredBeforeKill.has(body)),
      'an answered call was repeated',
    );
    const attributes = await enriched();
    assert.equal([...attributes.values()].filter((value) => value.enriched).length, items.length);
  });

  test('with no LLM the rules and keyword tags run, and the output says so', async () => {
    const result = await lmrec(['enrich', 'attributes'], false);
    assert.equal(server.counts.chat, 0);
    assert.match(result.stdout, /enrich-attributes: 9 units done; fallback ran for all of them, no LLM configured/);
    const attributes = await enriched();
    const tent = attributes.get(items[0].id)!;
    assert.equal((tent.enriched as { source: string }).source, 'rules');
    assert.equal(typeof tent.weight_g, 'number');
    assert.equal(typeof tent.capacity, 'number');
  });
});

describe('lmrec enrich copy', () => {
  test('--dry-run makes no call; with no LLM the template runs and says so', async () => {
    const dry = await lmrec(['enrich', 'copy', '--dry-run', '--lang', 'both']);
    assert.equal(server.counts.chat, 0);
    assert.match(dry.stdout, /dry run of enrich-copy: 18 units, 18 calls/);
    const result = await lmrec(['enrich', 'copy', '--category', 'tents', '--json'], false);
    const report = JSON.parse(result.stdout);
    assert.equal(report.mode, 'fallback');
    assert.equal(report.done.fallback, 3);
    assert.match(report.message, /fallback ran for all of them, no LLM configured/);
    const bad = await lmrec(['enrich', 'copy', '--lang', 'fr']);
    assert.match(bad.stderr, /--lang must be en, zh or both/);
  });

  test('a budget of N calls stops after N; a rerun continues', async () => {
    server.replyWith(
      ...Array.from({ length: 9 }, () =>
        JSON.stringify({
          description: 'A dependable piece of kit for the trail.',
          selling_points: ['Dependable', 'Trail ready'],
        }),
      ),
    );
    const first = await lmrec(['enrich', 'copy', '--max-calls', '4', '--concurrency', '3']);
    assert.equal(server.counts.chat, 4);
    assert.match(first.stdout, /4 calls reached the budget of 4\); 5 units left: run it again to continue/);
    const second = await lmrec(['enrich', 'copy']);
    assert.match(
      second.stdout,
      /enrich-copy: 5 units done; 5 by the LLM \(5 calls, 0 from the cache\); 4 already done/,
    );
    assert.equal(server.counts.chat, 9);
  });
});
