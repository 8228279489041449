import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { type FakeOpenAiServer, startFakeOpenAiServer } from '../../src/testing/fake-openai-server.ts';
import { demoStoreCopy } from '../llmrec/chat-fixture.ts';

const run = promisify(execFile);
const bin = path.resolve(import.meta.dirname, '../../bin/lmrec.js');
let db: string;
let server: FakeOpenAiServer;

before(async () => {
  const copy = await demoStoreCopy();
  await copy.store.close();
  db = copy.file;
  server = await startFakeOpenAiServer();
});
after(() => server.close());

function lmrec(args: string[], env: Record<string, string> = {}) {
  return run(process.execPath, [bin, ...args], {
    cwd: path.dirname(db),
    env: { PATH: process.env.PATH, ...env },
  }).catch((error: { code: number; stdout: string; stderr: string }) => error);
}

describe('lmrec chat', () => {
  test('--json answers one turn in basic mode with categories and prices', async () => {
    const { stdout } = await lmrec(['chat', '--db', db, '--json', 'tent for 2 people under 800 yuan']);
    const answer = JSON.parse(stdout);
    assert.equal(answer.mode, 'basic');
    assert.match(answer.reply, /Basic mode/);
    assert.ok(answer.items.length > 0);
    for (const item of answer.items) {
      assert.equal(item.category, 'Tents');
      assert.ok(item.price <= 800);
      for (const field of ['id', 'title', 'reason']) assert.equal(typeof item[field], 'string');
    }
    const plan = JSON.parse((await lmrec(['chat', '--db', db, '--json', '帮我准备三天雨天徒步'])).stdout);
    assert.equal(plan.kind, 'plan');
    assert.ok(new Set(plan.items.map((item: { category: string }) => item.category)).size >= 5);
  });

  test('--json in LLM mode when a chat model is configured; the session continues with --session', async () => {
    server.replyWith({ toolCalls: [{ name: 'search', arguments: { query: 'stove' } }] }, (body) => {
      const tool = [...body.messages].reverse().find((message) => message.role === 'tool');
      const first = JSON.parse(String(tool?.content)).items[0].id;
      return `A good one: [[${first}]]`;
    });
    const env = {
      LMREC_LLM: `openai-compatible:${server.url}#m`,
      OPENAI_API_KEY: 'sk-cli-test-000000',
      LMREC_LLM_CACHE: 'off',
    };
    const answer = JSON.parse(
      (await lmrec(['chat', '--db', db, '--json', 'a stove please', '--user', 'user-00001'], env)).stdout,
    );
    assert.equal(answer.mode, 'llm');
    assert.equal(answer.items.length, 1);
    const basic = JSON.parse(
      (
        await lmrec(
          ['chat', '--db', db, '--basic', '--session', answer.sessionId, '--user', 'user-00001', '--json', 'under 200'],
          env,
        )
      ).stdout,
    );
    assert.equal(basic.mode, 'basic');
    assert.equal(basic.sessionId, answer.sessionId);
    assert.ok(
      basic.items.every(
        (item: { categoryKey: string; price: number }) => item.categoryKey === 'stoves' && item.price <= 200,
      ),
    );
  });

  test('interactive: lines from stdin, streamed answers and an item table; the conversation carries over', async () => {
    const child = execFile(process.execPath, [bin, 'chat', '--db', db], { env: { PATH: process.env.PATH } });
    let stdout = '';
    child.stdout?.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stdin?.end('stove\nunder 150\n/quit\n');
    const code = await new Promise((resolve) => child.on('close', resolve));
    assert.equal(code, 0);
    assert.match(stdout, /basic mode: no LLM configured/);
    const tables = stdout.split('\n').filter((line) => /^\d+\s+stoves-\d+/.test(line));
    assert.ok(tables.length >= 2, stdout);
    const second = stdout.slice(stdout.lastIndexOf('> (Basic mode'));
    for (const price of second.matchAll(/¥(\d+)\s/g)) assert.ok(Number(price[1]) <= 150, second);
  });

  test('intents: the demo map is listed', async () => {
    const intents = JSON.parse((await lmrec(['chat', 'intents', '--db', db, '--json'])).stdout);
    assert.ok(intents.some((intent: { id: string }) => intent.id === 'rainy-hike'));
  });

  test('clear errors: a bad flag, an empty store', async () => {
    const flag = await lmrec(['chat', '--db', db, '--limit', '0', '--json', 'tent']);
    assert.equal((flag as { code: number }).code, 1);
    assert.match(flag.stderr, /--limit must be an integer from 1 to 50/);
    const empty = await lmrec(['chat', '--db', path.join(path.dirname(db), 'empty.db'), '--json', 'tent']);
    assert.match(empty.stderr, /has no items; import a catalog or run `lmrec demo init`/);
  });
});
