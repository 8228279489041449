import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { z } from 'zod';
import { LlmOutputError } from '../../src/llm/errors.ts';
import { type FakeOpenAiServer, startFakeOpenAiServer } from '../../src/testing/fake-openai-server.ts';
import { gatewayFor } from './helpers.ts';

let server: FakeOpenAiServer;
before(async () => {
  server = await startFakeOpenAiServer();
});
after(() => server.close());
beforeEach(() => server.reset());

const intent = z.strictObject({ category: z.string(), maxPrice: z.number() });

describe('JSON with a schema', () => {
  test('native structured output: the schema goes in response_format and the value is validated', async () => {
    const gateway = gatewayFor(server);
    server.replyWith('{"category":"tent","maxPrice":800}');
    const result = await gateway.json({ prompt: 'tent under 800', schema: intent, name: 'intent' });
    assert.deepEqual(result.value, { category: 'tent', maxPrice: 800 });
    assert.equal(result.attempts, 1);
    const format = server.requests[0].body.response_format as {
      type: string;
      json_schema: { strict: boolean; schema: unknown };
    };
    assert.equal(format.type, 'json_schema');
    assert.equal(format.json_schema.strict, true);
  });

  test('invalid once, then valid: succeeds after exactly one repair that names the problem', async () => {
    const gateway = gatewayFor(server);
    server.replyWith('{"category":"tent","maxPrice":"cheap"}', '{"category":"tent","maxPrice":500}');
    const result = await gateway.json({ prompt: 'tent', schema: intent });
    assert.equal(result.attempts, 2);
    assert.equal(server.counts.chat, 2);
    assert.deepEqual(result.value, { category: 'tent', maxPrice: 500 });
    const repair = server.requests[1].body.messages as Array<{ role: string; content: string }>;
    assert.equal(repair.at(-2)?.content, '{"category":"tent","maxPrice":"cheap"}');
    assert.match(repair.at(-1)!.content, /field "maxPrice"/);
  });

  test('always invalid: the typed error after the configured attempts, carrying the last raw output', async () => {
    const gateway = gatewayFor(server, { config: { jsonAttempts: 3 } });
    server.replyWith('not json', 'still {not json', 'sorry, no JSON today');
    const error = await gateway.json({ prompt: 'tent', schema: intent }).catch((caught: unknown) => caught);
    assert.ok(LlmOutputError.isInstance(error), String(error));
    assert.equal(error.attempts, 3);
    assert.equal(error.rawOutput, 'sorry, no JSON today');
    assert.equal(server.counts.chat, 3);
    const usage = await gateway.usage();
    assert.equal(usage.errors, 1);
    assert.ok(usage.promptTokens > 0, 'the failed attempts still count their tokens');
  });

  test('JSON-mode providers get the schema in the instructions and a fenced answer is accepted', async () => {
    const gateway = gatewayFor(null, {
      config: { chat: 'deepseek:deepseek-chat' },
      env: { DEEPSEEK_BASE_URL: server.url, DEEPSEEK_API_KEY: 'sk-deepseek-test-key' },
    });
    server.replyWith('Here you go:\n```json\n{"category":"stove","maxPrice":120}\n```');
    const result = await gateway.json({ prompt: 'a stove', schema: intent });
    assert.deepEqual(result.value, { category: 'stove', maxPrice: 120 });
    const body = server.requests[0].body as { response_format: { type: string }; messages: Array<{ content: string }> };
    assert.equal(body.response_format.type, 'json_object');
    assert.match(body.messages[0].content, /JSON Schema/);
    assert.match(body.messages[0].content, /"maxPrice"/);
  });

  test('a plain JSON Schema object validates like a zod schema', async () => {
    const gateway = gatewayFor(server, { config: { jsonAttempts: 1 } });
    const schema = { type: 'object', properties: { n: { type: 'integer', minimum: 1 } }, required: ['n'] };
    server.replyWith('{"n":0}');
    await assert.rejects(gateway.json({ prompt: 'n', schema }), /field "n"/);
    server.replyWith('{"n":3}');
    assert.deepEqual((await gateway.json({ prompt: 'n please', schema })).value, { n: 3 });
  });

  test('a cached JSON answer is byte-identical and needs no call', async () => {
    const gateway = gatewayFor(server);
    server.replyWith('{"category":"tent","maxPrice":800}');
    const first = await gateway.json({ prompt: 'tent?', schema: intent });
    const second = await gateway.json({ prompt: 'tent?', schema: intent });
    assert.equal(second.raw, first.raw);
    assert.equal(second.cached, true);
    assert.equal(server.counts.chat, 1);
  });
});

describe('function calling', () => {
  test('parallel tool calls in one step, then an answer; results go back to the model', async () => {
    const gateway = gatewayFor(server);
    const calls: string[] = [];
    server.replyWith(
      {
        toolCalls: [
          { name: 'price', arguments: { id: 'tent-1' } },
          { name: 'price', arguments: { id: 'stove-2' } },
        ],
      },
      'The tent costs 500 and the stove 80.',
    );
    const result = await gateway.runTools({
      prompt: 'How much are tent-1 and stove-2?',
      tools: {
        price: {
          description: 'Price of an item',
          parameters: z.object({ id: z.string() }),
          execute: async ({ id }: { id: string }) => {
            calls.push(id);
            await new Promise((resolve) => setTimeout(resolve, 20));
            return { id, price: id === 'tent-1' ? 500 : 80 };
          },
        },
      },
    });
    assert.equal(result.text, 'The tent costs 500 and the stove 80.');
    assert.equal(result.finish, 'answer');
    assert.deepEqual(calls.sort(), ['stove-2', 'tent-1']);
    assert.equal(result.steps[0].length, 2);
    assert.deepEqual(result.steps[0][0].output, { id: 'tent-1', price: 500 });
    const second = server.requests[1].body.messages as Array<{ role: string; content: string }>;
    const toolMessages = second.filter((message) => message.role === 'tool');
    assert.equal(toolMessages.length, 2);
    assert.match(toolMessages[0].content, /500/);
    assert.ok(result.usage.promptTokens > 0);
  });

  test('a tool error is fed back to the model, which can recover', async () => {
    const gateway = gatewayFor(server);
    server.replyWith({ toolCalls: [{ name: 'stock', arguments: { id: 'x' } }] }, 'Sorry, stock is unknown.');
    const result = await gateway.runTools({
      prompt: 'Is x in stock?',
      tools: {
        stock: {
          description: 'Stock level',
          parameters: z.object({ id: z.string() }),
          execute: () => {
            throw new Error('warehouse offline');
          },
        },
      },
    });
    assert.equal(result.steps[0][0].error, 'warehouse offline');
    const toolMessage = (server.requests[1].body.messages as Array<{ role: string; content: string }>).find(
      (m) => m.role === 'tool',
    );
    assert.match(toolMessage!.content, /warehouse offline/);
    assert.equal(result.text, 'Sorry, stock is unknown.');
  });

  test('invalid tool arguments are reported back too, and the step limit ends a loop', async () => {
    const gateway = gatewayFor(server);
    const loop = { toolCalls: [{ name: 'search', arguments: { query: 42 } }] };
    server.replyWith(loop, loop, loop);
    const result = await gateway.runTools({
      prompt: 'search forever',
      maxSteps: 2,
      tools: {
        search: { description: 'Search', parameters: z.object({ query: z.string() }), execute: () => [] },
      },
    });
    assert.equal(result.finish, 'step-limit');
    assert.equal(server.counts.chat, 2);
    assert.match(result.steps[0][0].error ?? '', /query/);
  });
});
