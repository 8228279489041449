import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { LlmProviderError, LlmTimeoutError } from '../../src/llm/errors.ts';
import { runBatch } from '../../src/llm/usage/batch.ts';
import { type FakeOpenAiServer, startFakeOpenAiServer } from '../../src/testing/fake-openai-server.ts';
import { fakeSpec, gatewayFor, memoryLogger, testApiKey } from './helpers.ts';

let server: FakeOpenAiServer;
let backup: FakeOpenAiServer;
before(async () => {
  server = await startFakeOpenAiServer();
  backup = await startFakeOpenAiServer({ defaultReply: () => 'backup answer' });
});
after(async () => {
  await server.close();
  await backup.close();
});
beforeEach(() => {
  server.reset();
  backup.reset();
});

describe('retries, timeouts and fallback', () => {
  test('a 429 with Retry-After: 1 is retried after at least one second and succeeds', async () => {
    const gateway = gatewayFor(server);
    server.fail({ status: 429, retryAfter: 1 });
    server.replyWith('after the wait');
    const started = performance.now();
    const reply = await gateway.chat({ prompt: 'busy?' });
    const elapsed = performance.now() - started;
    assert.ok(reply.kind === 'reply' && reply.text === 'after the wait');
    assert.ok(elapsed >= 1000, `retried after ${elapsed.toFixed(0)} ms`);
    assert.equal(server.counts.chat, 2);
    assert.equal((await gateway.usage()).networkCalls, 2);
  });

  test('a 500 is retried with backoff; once retries are spent the typed error names the status', async () => {
    const gateway = gatewayFor(server, { config: { retries: 1 } });
    server.fail({ status: 500 });
    assert.equal(((await gateway.chat({ prompt: 'a' })) as { text: string }).text, 'fake reply to: a');
    server.fail({ status: 503 }, { times: 2 });
    const error = await gateway.chat({ prompt: 'b' }).catch((caught: unknown) => caught);
    assert.ok(LlmProviderError.isInstance(error), String(error));
    assert.equal(error.status, 503);
    assert.match(error.message, /HTTP 503/);
  });

  test('a 400 is not retried', async () => {
    const gateway = gatewayFor(server);
    server.fail({ status: 400, message: 'bad request field' });
    await assert.rejects(gateway.chat({ prompt: 'c' }), /HTTP 400: bad request field/);
    assert.equal(server.counts.chat, 1);
  });

  test('a hanging provider fails with a timeout error within the configured time', async () => {
    const gateway = gatewayFor(server, { config: { timeoutMs: 300, retries: 2 } });
    server.fail({ hang: true });
    const started = performance.now();
    const error = await gateway.chat({ prompt: 'hello?' }).catch((caught: unknown) => caught);
    const elapsed = performance.now() - started;
    assert.ok(LlmTimeoutError.isInstance(error), String(error));
    assert.match(error.message, /within 300 ms/);
    assert.ok(elapsed < 1000, `gave up after ${elapsed.toFixed(0)} ms`);
  });

  test('the fallback chain moves to the second provider', async () => {
    const logger = memoryLogger();
    const gateway = gatewayFor(server, {
      config: { chat: `${fakeSpec(server)},${fakeSpec(backup, 'backup-model')}`, retries: 0 },
      logger,
    });
    server.fail({ status: 500 });
    const reply = await gateway.chat({ prompt: 'anyone?' });
    assert.ok(reply.kind === 'reply');
    assert.equal(reply.text, 'backup answer');
    assert.match(reply.model, /#backup-model$/);
    assert.equal(server.counts.chat, 1);
    assert.equal(backup.counts.chat, 1);
    assert.ok(logger.lines.some((line) => line.includes('llm.fallback')));
    const usage = await gateway.usage();
    assert.equal(usage.errors, 1);
    assert.equal(usage.calls, 2);
  });

  test('malformed JSON and truncated streams are provider errors, not silent half answers', async () => {
    const gateway = gatewayFor(server, { config: { retries: 0 } });
    server.fail({ malformed: true });
    await assert.rejects(gateway.chat({ prompt: 'm' }), (error: unknown) => LlmProviderError.isInstance(error));
    server.fail({ truncate: true });
    server.replyWith('This answer will be cut in the middle of its stream.');
    await assert.rejects(async () => {
      let text = '';
      for await (const chunk of gateway.streamChat({ prompt: 't' })) text += chunk;
      assert.fail(`stream completed with ${text}`);
    }, /truncated|ended/);
    server.fail({ truncate: true });
    await assert.rejects(gateway.chat({ prompt: 'cut json' }), (error: unknown) => LlmProviderError.isInstance(error));
  });

  test('per-provider concurrency limit holds requests beyond it', async () => {
    const gateway = gatewayFor(server, { config: { concurrency: 2, cache: 'off' } });
    server.replyWith(...Array.from({ length: 6 }, () => ({ content: 'slow', delayMs: 40 })));
    await Promise.all(Array.from({ length: 6 }, (_, k) => gateway.chat({ prompt: `q${k}` })));
    assert.equal(server.counts.chat, 6);
    assert.equal(server.inFlight.max, 2);
  });
});

describe('accounting and budgets', () => {
  test('token and cost sums are correct across a batch', async () => {
    const gateway = gatewayFor(server, { config: { prices: { 'fake-model': { input: 2, output: 10 } } } });
    const replies = [
      { content: 'a', usage: { promptTokens: 100, completionTokens: 10 } },
      { content: 'b', usage: { promptTokens: 200, completionTokens: 20 } },
      { content: 'c', usage: { promptTokens: 300, completionTokens: 30 } },
    ];
    server.replyWith(...replies);
    const batch = await runBatch({
      items: ['x', 'y', 'z'],
      concurrency: 1,
      run: (prompt) => gateway.chat({ prompt, job: 'sum-test' }),
    });
    assert.equal(batch.completed, 3);
    await gateway.chat({ prompt: 'x', job: 'sum-test' }); // a cache hit: counted as a call, free
    const totals = await gateway.usage({ job: 'sum-test' });
    assert.equal(totals.calls, 4);
    assert.equal(totals.cacheHits, 1);
    assert.equal(totals.networkCalls, 3);
    assert.equal(totals.promptTokens, 600);
    assert.equal(totals.completionTokens, 60);
    assert.ok(Math.abs(totals.costUsd - (600 * 2 + 60 * 10) / 1e6) < 1e-12, String(totals.costUsd));
    const perCall = batch.results.map((reply) => (reply?.kind === 'reply' ? reply.usage.costUsd : 0));
    assert.ok(Math.abs(perCall.reduce((a, b) => a + b, 0) - totals.costUsd) < 1e-12);
  });

  test('a job budget stops a batch cleanly, and usage survives a flush to the store', async () => {
    const gateway = gatewayFor(server, { config: { cache: 'off' } });
    const budget = gateway.startJob('capped', { maxCalls: 3 });
    const batch = await runBatch({
      items: Array.from({ length: 10 }, (_, k) => `item ${k}`),
      concurrency: 1,
      run: (prompt) => gateway.chat({ prompt, job: 'capped' }),
    });
    assert.equal(batch.completed, 3);
    assert.match(batch.stopped ?? '', /job capped: 3 calls reached the budget of 3/);
    assert.equal(server.counts.chat, 3);
    assert.equal(budget.spent.calls, 3);
    await gateway.close();
    const after = await gateway.usage({ job: 'capped' });
    assert.equal(after.networkCalls, 3);
  });

  test('a daily budget counts spending already in the ledger', async () => {
    const gateway = gatewayFor(server, {
      config: { dailyBudgetUsd: 0.001, prices: { 'fake-model': { input: 10, output: 0 } }, cache: 'off' },
    });
    server.replyWith({ content: 'pricey', usage: { promptTokens: 200, completionTokens: 0 } });
    await gateway.chat({ prompt: 'one' });
    await assert.rejects(gateway.chat({ prompt: 'two' }), { name: 'BudgetExceededError' });
    assert.equal(server.counts.chat, 1);
  });

  test('logs carry trace ids and never the API key', async () => {
    const lines: string[] = [];
    const { createLogger } = await import('../../src/llm/runtime/logger.ts');
    const gateway = gatewayFor(server, { logger: createLogger('debug', (line) => lines.push(line)) });
    server.fail({ status: 429, retryAfter: 0 });
    await gateway.chat({ prompt: `my key is ${testApiKey}` });
    assert.ok(lines.length >= 3);
    for (const line of lines) {
      assert.ok(!line.includes(testApiKey), line);
      assert.match(JSON.parse(line).traceId, /^[0-9a-f]{16}$/);
    }
    const { redact } = await import('../../src/llm/runtime/logger.ts');
    assert.deepEqual(redact({ apiKey: 'x', note: `Bearer ${testApiKey}` }), { note: '[redacted]' });
  });
});
