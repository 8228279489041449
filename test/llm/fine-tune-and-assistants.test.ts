import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { z } from 'zod';
import { chunkText } from '../../src/llm/assistants/chunk-text.ts';
import { KeyValueThreadStore } from '../../src/llm/assistants/thread-store.ts';
import { chatToInstruction, toChatJsonl, toInstructionJsonl } from '../../src/llm/fine-tune/training-data.ts';
import { MemoryKeyValue } from '../../src/llm/ports.ts';
import { type FakeOpenAiServer, startFakeOpenAiServer } from '../../src/testing/fake-openai-server.ts';
import { gatewayFor } from './helpers.ts';

let server: FakeOpenAiServer;
before(async () => {
  server = await startFakeOpenAiServer();
});
after(() => server.close());
beforeEach(() => server.reset());

const example = {
  messages: [
    { role: 'system' as const, content: 'You recommend outdoor gear.' },
    { role: 'user' as const, content: 'I hike in the rain.' },
    { role: 'assistant' as const, content: 'Take a rain jacket (item 42).' },
  ],
};

describe('fine-tuning', () => {
  test('exports chat JSONL in OpenAI format and an instruction format, rejecting bad examples by number', () => {
    const jsonl = toChatJsonl([example, example]);
    const lines = jsonl.trim().split('\n');
    assert.equal(lines.length, 2);
    assert.deepEqual(JSON.parse(lines[0]), { messages: example.messages });
    assert.throws(
      () => toChatJsonl([example, { messages: [{ role: 'user', content: 'no answer' }] }]),
      /example 2: the last message must be the assistant's answer/,
    );
    const instruction = chatToInstruction(example);
    assert.deepEqual(instruction, {
      instruction: 'You recommend outdoor gear.\n\nI hike in the rain.',
      input: '',
      output: 'Take a rain jacket (item 42).',
    });
    assert.deepEqual(JSON.parse(toInstructionJsonl([instruction]).trim()), instruction);
    assert.throws(() => toInstructionJsonl([{ instruction: ' ', output: 'x' }]), /example 1: empty instruction/);
  });

  test('submits a job through the openai SDK and polls it to success', async () => {
    const client = gatewayFor(server).fineTuning();
    const job = await client.submit({ jsonl: toChatJsonl([example]), model: 'gpt-4o-mini-2024-07-18', suffix: 'gear' });
    assert.equal(job.status, 'validating_files');
    assert.match(job.trainingFile, /^file-/);
    const upload = server.requests.find((request) => request.path === '/v1/files')!;
    assert.equal(upload.body.purpose, 'fine-tune');
    const notes: string[] = [];
    const done = await client.wait(job.id, {
      intervalMs: 5,
      progress: { start() {}, tick() {}, note: (message) => notes.push(message), done() {} },
    });
    assert.equal(done.status, 'succeeded');
    assert.equal(done.fineTunedModel, 'ft:gpt-4o-mini-2024-07-18:lmrec:gear');
    assert.deepEqual(notes, [`${job.id}: running`, `${job.id}: succeeded`]);
    await assert.rejects(client.status('ftjob-missing'), /HTTP 404/);
  });
});

describe('assistants', () => {
  test('chunks text at sentence boundaries with overlap', () => {
    const text = Array.from({ length: 30 }, (_, k) => `Sentence number ${k} is here.`).join(' ');
    const chunks = chunkText(text, { size: 120, overlap: 20 });
    assert.ok(chunks.length > 5);
    assert.ok(chunks.every((chunk) => chunk.length <= 150));
    assert.ok(chunks[1].includes('here.'));
  });

  test('a persona with files and tools answers in a persisted thread', async () => {
    const store = new MemoryKeyValue();
    const gateway = gatewayFor(server, { store });
    const assistant = await gateway.assistant({
      name: 'gear-guide',
      instructions: 'You are the gear guide of an outdoor shop.',
      tools: {
        stock: {
          description: 'Units in stock for an item id',
          parameters: z.object({ id: z.string() }),
          execute: ({ id }: { id: string }) => ({ id, units: 3 }),
        },
      },
    });
    const chunks = await assistant.addFile(
      'returns.md',
      'Returns are free within 30 days.\n\nTents must be dry and clean when returned.\n\nGift cards cannot be refunded.',
    );
    assert.ok(chunks >= 1);
    await assistant.addFile('shipping.md', 'Orders ship within two days. Express shipping costs 10 yuan.');
    const thread = await assistant.createThread();
    server.replyWith(
      { toolCalls: [{ name: 'stock', arguments: { id: 'tent-1' } }] },
      'Yes, 3 in stock; returns are free for 30 days.',
    );
    const run = await assistant.run(thread.id, 'Can I return a tent, and is tent-1 in stock?');
    assert.equal(run.reply, 'Yes, 3 in stock; returns are free for 30 days.');
    assert.deepEqual(run.steps[0][0].output, { id: 'tent-1', units: 3 });
    assert.ok(run.sources.length >= 1);
    const system = (server.requests[0].body.messages as Array<{ role: string; content: string }>)[0];
    assert.equal(system.role, 'system');
    assert.match(system.content, /gear guide/);
    assert.match(system.content, /\[returns\.md#0\] Returns are free/);

    server.replyWith('You asked about returns and stock.');
    const reloaded = await new KeyValueThreadStore(store).get(thread.id);
    assert.equal(reloaded?.messages.length, 2);
    const second = await (
      await gatewayFor(server, { store }).assistant({ name: 'gear-guide', instructions: 'You are the gear guide.' })
    ).run(thread.id, 'What did I ask?');
    assert.equal(second.thread.messages.length, 4);
    const history = server.requests.at(-1)!.body.messages as Array<{ role: string; content: string }>;
    assert.deepEqual(
      history.map((message) => message.role),
      ['system', 'user', 'assistant', 'user'],
    );
    await assert.rejects(
      assistant.run('thread_missing', 'hi'),
      /thread thread_missing of assistant gear-guide does not exist/,
    );
  });
});
