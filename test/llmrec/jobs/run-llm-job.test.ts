import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { z } from 'zod';
import { createLlmGateway, type LlmGateway } from '../../../src/llm/gateway.ts';
import { loadCheckpoints } from '../../../src/llmrec/jobs/checkpoints.ts';
import type { LlmJob } from '../../../src/llmrec/jobs/llm-job.ts';
import { runLlmJob } from '../../../src/llmrec/jobs/run-llm-job.ts';
import { SqliteStore } from '../../../src/store/sqlite/store.ts';
import type { Store } from '../../../src/store/store.ts';
import { type FakeOpenAiServer, startFakeOpenAiServer } from '../../../src/testing/fake-openai-server.ts';

let server: FakeOpenAiServer;
let store: Store;

before(async () => {
  server = await startFakeOpenAiServer({
    // Answers the unit's word in upper case: a reply computed from the prompt, as a real model's would be.
    defaultReply: (body) => {
      const last = String(body.messages.at(-1)?.content ?? '');
      const word = /word: (\w+)/.exec(last)?.[1] ?? '';
      return JSON.stringify({ upper: word.toUpperCase() });
    },
  });
});
after(() => server.close());
beforeEach(async () => {
  server.reset();
  store = await SqliteStore.open(':memory:');
});

function gateway(withLlm = true): LlmGateway {
  return createLlmGateway({
    config: { chat: withLlm ? `openai-compatible:${server.url}#fake` : null, retries: 0, timeoutMs: 5000 },
    env: { OPENAI_API_KEY: 'sk-test' },
    store: store.kv,
  });
}

const words = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta'];

function upperJob(): LlmJob<string, { upper: string }> {
  return {
    name: 'upper',
    units: words,
    key: (word) => word,
    prompts: (word) => [{ system: 'Upper-case the word.', prompt: `word: ${word}`, expectedOutputTokens: 10 }],
    run: async (word, llm) =>
      (
        await llm.json({
          system: 'Upper-case the word.',
          prompt: `word: ${word}`,
          schema: z.object({ upper: z.string() }),
        })
      ).value,
    fallback: (word) => ({ upper: `${word.toUpperCase()}?` }),
    apply: async (word, result, context) => {
      await context.store.kv.set('upper-results', word, { ...result, source: context.source });
    },
  };
}

async function results(): Promise<Record<string, unknown>> {
  const rows = await store.kv.entries('upper-results');
  return Object.fromEntries(rows.map((row) => [row.key, row.value]));
}

describe('runLlmJob', () => {
  test('a dry run sends nothing, writes nothing and estimates calls, tokens and cost', async () => {
    const report = await runLlmJob(upperJob(), { store, llm: gateway(), dryRun: true });
    assert.equal(server.counts.chat, 0);
    assert.equal(report.mode, 'dry-run');
    assert.equal(report.estimate?.calls, words.length);
    assert.equal(report.estimate?.completionTokens, 10 * words.length);
    assert.ok((report.estimate?.promptTokens ?? 0) > words.length * 5);
    assert.match(report.message, /6 units, 6 calls/);
    assert.deepEqual(await results(), {});
  });

  test('progress: one phase over the pending units, a tick per unit, a note when the budget stops it', async () => {
    const events: string[] = [];
    const progress = {
      start: (label: string, total?: number) => events.push(`start ${label} ${total}`),
      tick: () => events.push('tick'),
      note: (message: string) => events.push(`note ${message}`),
      done: (summary?: string) => events.push(`done ${summary}`),
    };
    await runLlmJob(upperJob(), { store, llm: gateway(), progress, budget: { maxCalls: 2 }, concurrency: 1 });
    assert.equal(events[0], 'start upper 6');
    assert.ok(events.filter((event) => event === 'tick').length >= 2);
    assert.ok(events.some((event) => event.startsWith('note stopping: job upper: 2 calls reached the budget of 2')));
    assert.match(events.at(-1)!, /^done 2 done, stopped/);
  });

  test('every unit goes through the LLM once; a second run skips them all', async () => {
    const first = await runLlmJob(upperJob(), { store, llm: gateway() });
    assert.equal(first.done.llm, words.length);
    assert.equal(server.counts.chat, words.length);
    assert.deepEqual((await results()).gamma, { upper: 'GAMMA', source: 'llm' });
    const second = await runLlmJob(upperJob(), { store, llm: gateway() });
    assert.equal(second.skipped, words.length);
    assert.equal(server.counts.chat, words.length);
  });

  test('a call budget stops the job after N calls, with concurrency, and a rerun finishes it', async () => {
    const first = await runLlmJob(upperJob(), { store, llm: gateway(), budget: { maxCalls: 4 }, concurrency: 3 });
    assert.equal(server.counts.chat, 4);
    assert.equal(first.done.llm, 4);
    assert.equal(first.remaining, 2);
    assert.match(first.message, /4 calls reached the budget of 4.*2 units left: run it again to continue/);
    const second = await runLlmJob(upperJob(), { store, llm: gateway() });
    assert.equal(second.skipped, 4);
    assert.equal(second.done.llm, 2);
    assert.equal(server.counts.chat, words.length);
    assert.equal(Object.keys(await results()).length, words.length);
  });

  test('a unit answered but not persisted (a crash between call and write) is replayed from the cache', async () => {
    const crashing = upperJob();
    const apply = crashing.apply;
    crashing.apply = async (word, result, context) => {
      if (word === 'gamma') throw new Error('disk full');
      return apply(word, result, context);
    };
    const first = await runLlmJob(crashing, { store, llm: gateway() });
    assert.deepEqual(first.failed, [{ key: 'gamma', message: 'disk full' }]);
    assert.equal(first.remaining, 1);
    assert.equal((await loadCheckpoints(store.kv, 'upper')).has('gamma'), false, 'no checkpoint without the write');
    const second = await runLlmJob(upperJob(), { store, llm: gateway() });
    assert.equal(second.done.llm, 1);
    assert.deepEqual(second.usage, { calls: 0, cacheHits: 1, promptTokens: 0, completionTokens: 0, costUsd: 0 });
    assert.equal(server.counts.chat, words.length, 'no call was sent twice');
  });

  test('with no LLM every unit runs the fallback and the message says so', async () => {
    const report = await runLlmJob(upperJob(), { store, llm: gateway(false) });
    assert.equal(report.mode, 'fallback');
    assert.equal(report.done.fallback, words.length);
    assert.match(report.message, /fallback ran for all of them, no LLM configured/);
    assert.deepEqual((await results()).beta, { upper: 'BETA?', source: 'fallback' });
    // Once an LLM is configured, the fallback's units are redone by it.
    const later = await runLlmJob(upperJob(), { store, llm: gateway() });
    assert.equal(later.done.llm, words.length);
  });

  test('a unit whose LLM output stays invalid falls back on its own; --limit leaves the rest', async () => {
    server.replyWith('not json', 'still not json', 'nope');
    const report = await runLlmJob(upperJob(), { store, llm: gateway(), limit: 3, concurrency: 1 });
    assert.equal(report.done.llm + report.done.fallback, 3);
    assert.equal(report.fellBack.length, 1);
    assert.equal(report.remaining, 3);
    const checkpoints = await loadCheckpoints(store.kv, 'upper');
    assert.equal(checkpoints.size, 3);
    assert.equal(checkpoints.get('alpha')?.source, 'fallback');
    assert.equal(checkpoints.get('alpha')?.llmTried, true);
  });
});
