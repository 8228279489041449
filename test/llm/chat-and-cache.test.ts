import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { MemoryKeyValue } from '../../src/llm/ports.ts';
import { type FakeOpenAiServer, startFakeOpenAiServer } from '../../src/testing/fake-openai-server.ts';
import { gatewayFor } from './helpers.ts';

let server: FakeOpenAiServer;
before(async () => {
  server = await startFakeOpenAiServer();
});
after(() => server.close());
beforeEach(() => server.reset());

describe('chat through HTTP', () => {
  test('sends history, system text, seed and temperature; returns text and usage', async () => {
    const gateway = gatewayFor(server);
    server.replyWith({ content: 'Try a 2-person tent.', usage: { promptTokens: 12, completionTokens: 5 } });
    const reply = await gateway.chat({
      system: 'You are a shop assistant.',
      messages: [
        { role: 'user', content: 'I go camping.' },
        { role: 'assistant', content: 'Where to?' },
      ],
      prompt: 'The Alps, with a friend.',
      seed: 7,
      temperature: 0,
    });
    assert.equal(reply.kind, 'reply');
    if (reply.kind !== 'reply') return;
    assert.equal(reply.text, 'Try a 2-person tent.');
    assert.equal(reply.cached, false);
    assert.deepEqual(reply.usage, { promptTokens: 12, completionTokens: 5, costUsd: 0 });
    assert.match(reply.model, /^openai-compatible:http:\/\/127\.0\.0\.1:\d+\/v1#fake-model$/);
    const body = server.requests[0].body as {
      messages: Array<{ role: string; content: string }>;
      seed: number;
      temperature: number;
    };
    assert.deepEqual(
      body.messages.map((m) => m.role),
      ['system', 'user', 'assistant', 'user'],
    );
    assert.equal(body.messages[0].content, 'You are a shop assistant.');
    assert.equal(body.seed, 7);
    assert.equal(body.temperature, 0);
  });

  test('streams tokens over SSE and caches the whole answer', async () => {
    const gateway = gatewayFor(server);
    server.replyWith('A long streamed answer about tents and stoves.');
    const chunks: string[] = [];
    for await (const chunk of gateway.streamChat({ prompt: 'stream please' })) chunks.push(chunk);
    assert.ok(chunks.length > 3, `${chunks.length} chunks`);
    assert.equal(chunks.join(''), 'A long streamed answer about tents and stoves.');
    assert.equal(server.counts.chat, 1);
    const again: string[] = [];
    for await (const chunk of gateway.streamChat({ prompt: 'stream please' })) again.push(chunk);
    assert.equal(again.join(''), chunks.join(''));
    assert.equal(server.counts.chat, 1, 'the second stream came from the cache');
    const usage = await gateway.usage();
    assert.equal(usage.cacheHits, 1);
    assert.equal(usage.networkCalls, 1);
  });
});

describe('response cache', () => {
  test('a second identical read-write call makes no network call and returns identical output', async () => {
    const store = new MemoryKeyValue();
    server.replyWith('first answer', 'second answer');
    const first = await gatewayFor(server, { store }).chat({ prompt: 'Recommend a stove', seed: 1 });
    // A new gateway on the same store stands for a new run of the process.
    const second = await gatewayFor(server, { store }).chat({ prompt: '  Recommend a stove\n', seed: 1 });
    assert.equal(server.counts.chat, 1);
    assert.ok(first.kind === 'reply' && second.kind === 'reply');
    assert.equal(second.text, first.text);
    assert.equal(second.cached, true);
  });

  test('refresh calls again and stores the new answer; off neither reads nor writes', async () => {
    const gateway = gatewayFor(server);
    server.replyWith('one', 'two', 'three');
    await gateway.chat({ prompt: 'q' });
    const refreshed = await gateway.chat({ prompt: 'q', cache: 'refresh' });
    const cached = await gateway.chat({ prompt: 'q' });
    const off = await gateway.chat({ prompt: 'q', cache: 'off' });
    assert.ok(refreshed.kind === 'reply' && cached.kind === 'reply' && off.kind === 'reply');
    assert.equal(refreshed.text, 'two');
    assert.equal(cached.text, 'two');
    assert.equal(off.text, 'three');
    assert.equal(server.counts.chat, 3);
  });

  test('different seeds, models or systems are different entries', async () => {
    const gateway = gatewayFor(server);
    await gateway.chat({ prompt: 'q', seed: 1 });
    await gateway.chat({ prompt: 'q', seed: 2 });
    await gateway.chat({ prompt: 'q', seed: 1, system: 'be brief' });
    assert.equal(server.counts.chat, 3);
  });
});

describe('no LLM configured', () => {
  test('chat returns a no-llm result with a hint; json and streams throw the typed error', async () => {
    const gateway = gatewayFor(null, { env: { LMREC_LLM: '' } });
    assert.equal(gateway.configured(), false);
    const reply = await gateway.chat({ prompt: 'hello' });
    assert.equal(reply.kind, 'no-llm');
    if (reply.kind === 'no-llm') assert.match(reply.hint, /LMREC_LLM=/);
    await assert.rejects(gateway.json({ prompt: 'x', schema: { type: 'object' } }), { name: 'LlmNotConfiguredError' });
    await assert.rejects(async () => {
      for await (const _ of gateway.streamChat({ prompt: 'x' })) break;
    }, /LMREC_LLM/);
  });

  test('LMREC_LLM wins over the config file, and bad specs name the variable', () => {
    const gateway = gatewayFor(null, { env: { LMREC_LLM: 'ollama:qwen2.5,none' } });
    assert.deepEqual(
      gateway.settings.models.chat.map((spec) => spec.id),
      ['ollama:qwen2.5'],
    );
    assert.deepEqual(
      gateway.settings.models.fast.map((spec) => spec.id),
      ['ollama:qwen2.5'],
    );
    assert.throws(() => gatewayFor(null, { env: { LMREC_LLM: 'gpt4' } }), /LMREC_LLM: "gpt4": unknown provider "gpt4"/);
    assert.throws(
      () => gatewayFor(null, { env: { LMREC_LLM: 'openai-compatible:localhost#m' } }),
      /not an http\(s\) URL/,
    );
  });
});
