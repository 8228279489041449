import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { z } from 'zod';
import { parseModelChain, parseModelSpec } from '../../src/llm/model-spec.ts';
import { grammarSchema, importNodeLlamaCpp, toChatHistory } from '../../src/llm/providers/local.ts';
import { type FakeOllamaServer, startFakeOllamaServer } from '../../src/testing/fake-ollama-server.ts';
import { type FakeOpenAiServer, startFakeOpenAiServer } from '../../src/testing/fake-openai-server.ts';
import { fakeSpec, gatewayFor } from './helpers.ts';

describe('model specs', () => {
  test('every provider parses; chains split on commas; none is empty', () => {
    for (const provider of ['openai', 'deepseek', 'qwen', 'glm', 'ernie', 'moonshot', 'ollama'])
      assert.deepEqual(parseModelSpec(`${provider}:some-model`), {
        provider,
        model: 'some-model',
        id: `${provider}:some-model`,
      });
    assert.deepEqual(parseModelSpec('openai-compatible:http://127.0.0.1:8000/v1/#qwen2.5-7b'), {
      provider: 'openai-compatible',
      model: 'qwen2.5-7b',
      baseURL: 'http://127.0.0.1:8000/v1',
      id: 'openai-compatible:http://127.0.0.1:8000/v1#qwen2.5-7b',
    });
    assert.equal(parseModelSpec('local:./models/qwen.gguf')?.path, './models/qwen.gguf');
    assert.equal(parseModelSpec('none'), null);
    assert.deepEqual(parseModelChain('none'), []);
    assert.equal(parseModelChain('openai:a, deepseek:b').length, 2);
    assert.throws(
      () => parseModelSpec('local:model.bin', 'LMREC_LLM'),
      /LMREC_LLM: "local:model.bin": local: takes the path of a .gguf file/,
    );
    assert.throws(() => parseModelSpec('openai:'), /no model after "openai:"/);
  });

  test('hosted providers need their usual API key variable, named in the error', async () => {
    const gateway = gatewayFor(null, { config: { chat: 'qwen:qwen-plus' }, env: { OPENAI_API_KEY: '' } });
    await assert.rejects(gateway.chat({ prompt: 'hi' }), /qwen:qwen-plus: no API key: set DASHSCOPE_API_KEY/);
  });
});

describe('Chinese OpenAI-compatible providers go to their compatible-mode endpoints', () => {
  let server: FakeOpenAiServer;
  before(async () => {
    server = await startFakeOpenAiServer();
  });
  after(() => server.close());

  for (const [provider, keyVariable, baseVariable] of [
    ['qwen', 'DASHSCOPE_API_KEY', 'DASHSCOPE_BASE_URL'],
    ['glm', 'ZHIPUAI_API_KEY', 'ZHIPUAI_BASE_URL'],
    ['ernie', 'QIANFAN_API_KEY', 'QIANFAN_BASE_URL'],
    ['moonshot', 'MOONSHOT_API_KEY', 'MOONSHOT_BASE_URL'],
    ['openai', 'OPENAI_API_KEY', 'OPENAI_BASE_URL'],
  ]) {
    test(`${provider}: chat and embeddings through HTTP with its key`, async () => {
      server.reset();
      const gateway = gatewayFor(null, {
        config: { chat: `${provider}:chat-model`, embedding: `${provider}:embed-model`, cache: 'off' },
        env: { [keyVariable]: `sk-${provider}-key-123456`, [baseVariable]: server.url },
      });
      const reply = await gateway.chat({ prompt: '你好' });
      assert.ok(reply.kind === 'reply' && reply.text === 'fake reply to: 你好');
      const vectors = await gateway.embed(['帐篷', 'tent']);
      assert.equal(vectors[0].length, 8);
      assert.equal(server.counts.embeddings, 2, 'one dimension probe, one batch');
      assert.equal(server.requests[0].body.model, 'chat-model');
    });
  }

  test('provider embeddings are batched, dimension-checked and cached per text', async () => {
    server.reset();
    const gateway = gatewayFor(server, { config: { embedding: fakeSpec(server, 'text-embedding-3-small') } });
    await assert.rejects(gateway.embed(['a']), /got a 8-d vector, expected 1536/);
    const probed = gatewayFor(server, { config: { embedding: fakeSpec(server, 'my-embedder') } });
    const embedder = await probed.embedder();
    assert.equal(embedder.dimension, 8);
    await embedder.embed(Array.from({ length: 200 }, (_, k) => `text ${k}`));
    const calls = server.counts.embeddings;
    await embedder.embed(['text 5', 'text 7']);
    assert.equal(server.counts.embeddings, calls, 'cached texts need no call');
  });
});

describe('Ollama native API', () => {
  let ollama: FakeOllamaServer;
  before(async () => {
    ollama = await startFakeOllamaServer({ embeddingDimension: 1024 });
  });
  after(() => ollama.close());

  const gateway = () =>
    gatewayFor(null, {
      config: { chat: 'ollama:qwen2.5', embedding: 'ollama:bge-m3', cache: 'off' },
      env: { OLLAMA_HOST: ollama.host },
    });

  test('chat, streaming, JSON through `format`, tools and embeddings', async () => {
    const llm = gateway();
    const reply = await llm.chat({ prompt: 'hello', seed: 3 });
    assert.ok(reply.kind === 'reply' && reply.text === 'ollama reply to: hello');
    assert.equal((ollama.requests[0].body.options as { seed: number }).seed, 3);
    assert.equal(ollama.requests[0].body.stream, false);
    let streamed = '';
    for await (const chunk of llm.streamChat({ prompt: 'stream it' })) streamed += chunk;
    assert.equal(streamed, 'ollama reply to: stream it');
    ollama.replyWith('{"n": 4}');
    const json = await llm.json({ prompt: 'a number', schema: z.object({ n: z.number() }) });
    assert.deepEqual(json.value, { n: 4 });
    assert.equal((ollama.requests.at(-1)!.body.format as { type: string }).type, 'object');
    ollama.replyWith({ toolCalls: [{ name: 'add', arguments: { a: 2, b: 3 } }] }, 'It is 5.');
    const tools = await llm.runTools({
      prompt: '2+3?',
      tools: {
        add: {
          description: 'Adds',
          parameters: z.object({ a: z.number(), b: z.number() }),
          execute: ({ a, b }: { a: number; b: number }) => a + b,
        },
      },
    });
    assert.equal(tools.text, 'It is 5.');
    assert.equal(tools.steps[0][0].output, 5);
    const toolMessage = (
      ollama.requests.at(-1)!.body.messages as Array<{ role: string; content: string; tool_name?: string }>
    ).find((m) => m.role === 'tool');
    assert.equal(toolMessage?.tool_name, 'add');
    const vectors = await llm.embed(['tent', 'stove']);
    assert.equal(vectors.length, 2);
    assert.equal(ollama.counts.embed, 1, 'bge-m3 has a known dimension: no probe');
  });

  test('a truncated NDJSON stream is an error', async () => {
    ollama.truncateNext();
    await assert.rejects(async () => {
      for await (const _ of gateway().streamChat({ prompt: 'cut' }));
    }, /ended before it was done/);
  });
});

describe('local GGUF models (node-llama-cpp)', () => {
  test('without node-llama-cpp installed, the error names the install command', async () => {
    let installed = true;
    try {
      await importNodeLlamaCpp();
    } catch (error) {
      installed = false;
      assert.match((error as Error).message, /npm install node-llama-cpp@3\.21\.1/);
    }
    if (installed) return;
    const gateway = gatewayFor(null, { config: { chat: 'local:./missing.gguf' } });
    await assert.rejects(gateway.chat({ prompt: 'hi' }), /missing\.gguf does not exist|node-llama-cpp/);
  });

  test('JSON and tool calls become a grammar schema; prompts become chat history', () => {
    const schema = { type: 'object', properties: { n: { type: 'number' } } };
    assert.deepEqual(grammarSchema({ prompt: [], responseFormat: { type: 'json', schema: schema as never } }), schema);
    const toolSchema = grammarSchema({
      prompt: [],
      tools: [{ type: 'function', name: 'add', inputSchema: { type: 'object' } }],
    }) as { oneOf: Array<{ properties: Record<string, unknown> }> };
    assert.equal(toolSchema.oneOf.length, 2);
    assert.deepEqual(toolSchema.oneOf[0].properties.tool, { const: 'add' });
    const { history, last } = toChatHistory([
      { role: 'system', content: 'be brief' },
      { role: 'user', content: [{ type: 'text', text: 'hi' }] },
      { role: 'assistant', content: [{ type: 'text', text: 'hello' }] },
      { role: 'user', content: [{ type: 'text', text: 'bye' }] },
    ]);
    assert.equal(last, 'bye');
    assert.deepEqual(history, [
      { type: 'system', text: 'be brief' },
      { type: 'user', text: 'hi' },
      { type: 'model', response: ['hello'] },
    ]);
  });
});
