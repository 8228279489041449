import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { type FakeOpenAiServer, startFakeOpenAiServer } from '../../src/testing/fake-openai-server.ts';

const run = promisify(execFile);
const bin = path.resolve(import.meta.dirname, '../../bin/lmrec.js');
let server: FakeOpenAiServer;
let folder: string;

before(async () => {
  server = await startFakeOpenAiServer();
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'lmrec-llm-cli-'));
  fs.writeFileSync(
    path.join(folder, 'schema.json'),
    JSON.stringify({
      type: 'object',
      properties: { n: { type: 'number' } },
      required: ['n'],
      additionalProperties: false,
    }),
  );
});
after(async () => {
  await server.close();
  fs.rmSync(folder, { recursive: true, force: true });
});

function lmrec(args: string[], env: Record<string, string> = {}) {
  return run(process.execPath, [bin, ...args], {
    cwd: folder,
    env: {
      PATH: process.env.PATH,
      LMREC_DB: path.join(folder, 'llm.db'),
      OPENAI_API_KEY: 'sk-cli-test-000000',
      LMREC_LLM: `openai-compatible:${server.url}#m`,
      ...env,
    },
  }).catch((error: { code: number; stdout: string; stderr: string }) => ({ ...error, failed: true }));
}

describe('lmrec llm', () => {
  test('json prints only the validated JSON; usage --json has the counters', async () => {
    server.replyWith('{"n": 5}');
    const first = await lmrec(['llm', 'json', '--schema', 'schema.json', 'five']);
    assert.equal(first.stdout, '{"n":5}\n');
    const second = await lmrec(['llm', 'json', '--schema', 'schema.json', 'five']);
    assert.equal(second.stdout, first.stdout);
    const usage = JSON.parse((await lmrec(['llm', 'usage', '--json'])).stdout);
    for (const field of ['calls', 'cacheHits', 'networkCalls', 'promptTokens', 'completionTokens', 'costUsd'])
      assert.equal(typeof usage[field], 'number', field);
    assert.equal(usage.calls, 2);
    assert.equal(usage.cacheHits, 1);
    assert.equal(usage.networkCalls, 1);
  });

  test('always-invalid JSON fails with one line and no stack trace', async () => {
    server.replyWith('nope', 'nope again', 'still nope');
    const result = (await lmrec(['llm', 'json', '--schema', 'schema.json', 'broken'])) as {
      stderr: string;
      code?: number;
      stdout: string;
    };
    assert.equal(result.code, 1);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /^lmrec: openai-compatible:.*#m: no valid JSON after 3 attempts/);
    assert.equal(result.stderr.trim().split('\n').length, 1);
    assert.doesNotMatch(result.stderr, /\n\s+at /);
  });

  test('a missing schema file and a bad spec are named', async () => {
    const missing = (await lmrec(['llm', 'json', '--schema', 'nope.json', 'x'])) as { stderr: string };
    assert.match(missing.stderr, /schema file nope\.json does not exist/);
    const bad = (await lmrec(['llm', 'chat', 'x'], { LMREC_LLM: 'gpt-4' })) as { stderr: string };
    assert.match(bad.stderr, /LMREC_LLM: "gpt-4": unknown provider/);
  });

  test('image and speak write files; chat without an LLM explains how to configure one', async () => {
    const env = {
      LMREC_LLM_IMAGE: `openai-compatible:${server.url}#img`,
      LMREC_LLM_SPEECH: `openai-compatible:${server.url}#tts`,
    };
    const image = await lmrec(['llm', 'image', 'a tent', '--out', 'images'], env);
    const file = image.stdout.trim();
    assert.ok(fs.existsSync(path.join(folder, file)), image.stdout);
    await lmrec(['llm', 'speak', 'hello there', '--format', 'wav', '--out', 'hello.wav'], env);
    assert.match(fs.readFileSync(path.join(folder, 'hello.wav'), 'utf8'), /^FAKE-WAV:hello there/);
    const offline = (await lmrec(['llm', 'chat', 'hello'], { LMREC_LLM: '' })) as { stderr: string };
    assert.match(offline.stderr, /no LLM configured for chat: set LMREC_LLM=/);
  });
});
