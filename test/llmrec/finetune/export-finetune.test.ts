import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, test } from 'node:test';
import { makeItem } from '../../../src/core/types.ts';
import { buildFinetuneData } from '../../../src/llmrec/finetune/export-finetune.ts';
import { finetuneExamples } from '../../../src/llmrec/finetune/finetune-examples.ts';
import { userTimelines } from '../../../src/llmrec/finetune/user-timelines.ts';
import { SqliteStore } from '../../../src/store/sqlite/store.ts';
import type { FeedbackInput, Store } from '../../../src/store/store.ts';
import { capture } from '../../cli/capture.ts';

let store: Store;
const day = 86_400_000;

/** Six users: clicks and purchases on a chain of items, impressions of others, one impression clicked later. */
async function fill(target: Store): Promise<void> {
  await target.items.upsert(
    Array.from({ length: 30 }, (_, k) => makeItem({ id: `i${k}`, title: `Item ${k}`, categories: ['Gear'] })),
  );
  const events: FeedbackInput[] = [];
  for (let u = 0; u < 6; u++) {
    for (let k = 0; k < 6; k++)
      events.push({
        userId: `u${u}`,
        itemId: `i${(u + k) % 30}`,
        type: k % 2 ? 'purchase' : 'click',
        timestamp: (k + 1) * day,
      });
    for (let k = 0; k < 5; k++)
      events.push({
        userId: `u${u}`,
        itemId: `i${10 + ((u + k) % 20)}`,
        type: 'impression',
        timestamp: (k + 1) * day - 1000,
      });
    // Shown first, clicked later: not a negative.
    events.push({ userId: `u${u}`, itemId: `i${20 + u}`, type: 'impression', timestamp: day });
    events.push({ userId: `u${u}`, itemId: `i${20 + u}`, type: 'click', timestamp: 2 * day + 5 });
  }
  await target.feedback.add(events);
}

beforeEach(async () => {
  store = await SqliteStore.open(':memory:');
  await fill(store);
});

function lastPositive(user: number): string {
  // The user's last positive by time is the item at k = 5.
  return `i${(user + 5) % 30}`;
}

describe('export finetune', () => {
  test('yes/no: TALLRec prompts with Yes and No, deterministic for a seed, no test item leaks', async () => {
    const first = await buildFinetuneData({ store, task: 'yesno', format: 'chat', seed: 7 });
    const second = await buildFinetuneData({ store, task: 'yesno', format: 'chat', seed: 7 });
    assert.equal(first.text, second.text);
    assert.ok(first.summary.labels!.yes > 0 && first.summary.labels!.no > 0);
    const lines = first.text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    assert.match(lines[0].messages[1].content, /Will the user like the target item/);
    assert.equal(first.summary.heldOut, 6);
    // An impression clicked later is never a No.
    const noTargets = lines
      .filter((line) => line.messages[2].content === 'No')
      .map((line) => line.messages[1].content.split('target item')[1]);
    for (const text of noTargets) assert.ok(!/"Item 2[0-5] /.test(text), text);
    const reseeded = await buildFinetuneData({ store, task: 'yesno', format: 'chat', seed: 8 });
    assert.notEqual(reseeded.text, first.text);
  });

  test('listwise: shuffled candidates with the target first in the answer; alpaca format', async () => {
    const { text } = await buildFinetuneData({ store, task: 'listwise', format: 'alpaca', seed: 1, candidates: 5 });
    const lines = text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    assert.ok(lines.length > 0);
    for (const line of lines) {
      assert.deepEqual(Object.keys(line), ['instruction', 'input', 'output']);
      const ranked: string[] = JSON.parse(line.output);
      assert.equal(ranked.length, 5);
      const listed = [...line.instruction.matchAll(/^- (i\d+):/gm)].map((match: RegExpMatchArray) => match[1]);
      assert.deepEqual([...listed].sort(), [...ranked].sort(), 'the answer ranks exactly the candidates');
    }
  });

  test("no user's test item appears in that user's examples, for either task", async () => {
    const timelines = await userTimelines(store, { holdoutLast: 1 });
    const items = new Map((await store.items.list({ limit: 100 })).rows.map((item) => [item.id, item]));
    for (const timeline of timelines) {
      assert.deepEqual([...timeline.test], [lastPositive(Number(timeline.userId.slice(1)))]);
      for (const task of ['yesno', 'listwise'] as const) {
        const examples = finetuneExamples([timeline], items, { task, seed: 5, candidates: 8 });
        assert.ok(examples.length > 0);
        const test = [...timeline.test][0];
        for (const example of examples) {
          const text = example.messages.map((message) => message.content).join('\n');
          assert.doesNotMatch(text, new RegExp(`\\b${test}\\b|Item ${test.slice(1)}\\b`), `${timeline.userId} ${task}`);
        }
      }
    }
  });

  test('the CLI writes the file and says what it wrote', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'lmrec-finetune-'));
    const db = path.join(folder, 'store.db');
    const fileStore = SqliteStore.open(db);
    await fill(fileStore);
    await fileStore.close();
    const out = path.join(folder, 'yesno.jsonl');
    const result = await capture(['--db', db, 'export', 'finetune', '--task', 'yesno', '--out', out, '--seed', '3']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(
      result.stdout,
      /wrote \d+ yesno examples \(\d+ Yes, \d+ No\) from 6 users .* 6 held-out test items left out/,
    );
    assert.ok(fs.readFileSync(out, 'utf8').split('\n').length > 10);
    const bad = await capture(['--db', db, 'export', 'finetune', '--task', 'pairwise', '--out', out]);
    assert.notEqual(bad.code, 0);
    assert.match(bad.stderr, /--task must be yesno or listwise/);
    fs.rmSync(folder, { recursive: true, force: true });
  });
});
