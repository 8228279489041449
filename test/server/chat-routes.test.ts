// The chat and assistant routes through fastify.inject: server-sent events, JSON turns, plans within a budget, stored
// sessions, the LLM path through the fake OpenAI server (tools, grounding, speech), and the usual 400/403/404.

import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { FastifyInstance, InjectOptions } from 'fastify';
import type { ChatEvent } from '../../src/llmrec/chat/types.ts';
import { type FakeOpenAiServer, startFakeOpenAiServer } from '../../src/testing/fake-openai-server.ts';
import { type TestServer, testServer } from '../../src/testing/test-server.ts';

let t: TestServer;
let app: FastifyInstance;
let fake: FakeOpenAiServer;
let token: string;
let visitor: string;
const saved = { ...process.env };

const call = (options: InjectOptions & { key?: string }) =>
  app.inject({ ...options, headers: { ...options.headers, ...(options.key ? t.auth(options.key) : {}) } });

/** The events of a text/event-stream body, in order. */
function events(body: string): ChatEvent[] {
  return body
    .split('\n\n')
    .filter((block) => block.trim())
    .map((block) => {
      const type = /^event: (.+)$/m.exec(block)?.[1];
      const data = JSON.parse(/^data: (.+)$/m.exec(block)?.[1] ?? '{}');
      assert.equal(data.type, type);
      return data as ChatEvent;
    });
}

function done(list: ChatEvent[]) {
  const last = list.at(-1);
  assert.equal(last?.type, 'done', JSON.stringify(list.at(-1)));
  return (last as Extract<ChatEvent, { type: 'done' }>).result;
}

before(async () => {
  t = await testServer();
  app = t.server.app;
  const session = (await call({ method: 'POST', url: '/api/session' })).json();
  token = session.token;
  visitor = session.userId;
});
after(async () => {
  process.env = saved;
  await t.server.close();
  await fake?.close();
});

describe('chat routes, basic mode', () => {
  it('POST /api/chat streams events: start, tools, tokens, item cards of real items, done', async () => {
    const response = await call({
      method: 'POST',
      url: '/api/chat',
      key: token,
      payload: { message: 'tents under 400' },
    });
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['content-type']), /^text\/event-stream/);
    const list = events(response.body);
    assert.equal(list[0].type, 'start');
    assert.ok(list.some((event) => event.type === 'tool') && list.some((event) => event.type === 'token'));
    const result = done(list);
    assert.equal(result.mode, 'basic');
    const cards = list
      .filter((event) => event.type === 'item')
      .map((event) => (event as { card: { id: string; price: number; category: string } }).card);
    assert.ok(cards.length > 0 && cards.every((card) => card.category === 'Tents' && card.price <= 400));
    for (const card of cards) assert.ok(t.fixture.itemsIn('Tents').includes(card.id));
  });

  it('JSON on request; the session is stored and continues; another visitor cannot read it', async () => {
    const headers = { accept: 'application/json' };
    const first = await call({ method: 'POST', url: '/api/chat', key: token, headers, payload: { message: 'stoves' } });
    assert.equal(first.statusCode, 200);
    const turn = first.json();
    assert.ok(turn.items.every((item: { category: string }) => item.category === 'Stoves'));
    const second = await call({
      method: 'POST',
      url: '/api/chat',
      key: token,
      headers,
      payload: { message: 'under 200', sessionId: turn.sessionId },
    });
    assert.equal(second.json().sessionId, turn.sessionId);
    assert.ok(
      second
        .json()
        .items.every((item: { category: string; price: number }) => item.category === 'Stoves' && item.price <= 200),
    );
    const stored = await call({ method: 'GET', url: `/api/chat/sessions/${turn.sessionId}`, key: token });
    assert.equal(stored.statusCode, 200);
    assert.equal(stored.json().turns.length, 4);
    assert.equal(stored.json().userId, visitor);
    const other = (await call({ method: 'POST', url: '/api/session' })).json().token;
    assert.equal(
      (await call({ method: 'GET', url: `/api/chat/sessions/${turn.sessionId}`, key: other })).statusCode,
      404,
    );
  });

  it('POST /api/assistant/plan: a plan of the named categories within the budget, with a checklist', async () => {
    const response = await call({
      method: 'POST',
      url: '/api/assistant/plan',
      key: t.clientKey,
      payload: { message: 'plan my kit: a tent, a stove and a sleeping bag, budget 600', userId: 'user-3' },
    });
    assert.equal(response.statusCode, 200);
    const result = response.json();
    assert.equal(result.kind, 'plan');
    assert.ok(result.plan.withinBudget && result.plan.total <= 600, JSON.stringify(result.plan));
    assert.deepEqual(
      new Set(result.items.map((item: { category: string }) => item.category)),
      new Set(['Tents', 'Stoves', 'Sleeping bags']),
    );
    assert.equal(result.plan.checklist.length, 3);
  });

  it("a dislike said in chat leaves the user's next /api/recommend at once", async () => {
    const json = { accept: 'application/json' };
    const list = (await call({ method: 'GET', url: '/api/recommend/user-5?n=20', key: t.clientKey })).json();
    const target = list.items[0].id as string;
    const first = await call({
      method: 'POST',
      url: '/api/chat',
      key: t.clientKey,
      headers: json,
      payload: { message: `tell me about ${target}`, userId: 'user-5' },
    });
    assert.deepEqual(
      first.json().items.map((item: { id: string }) => item.id),
      [target],
    );
    const disliked = await call({
      method: 'POST',
      url: '/api/chat',
      key: t.clientKey,
      headers: json,
      payload: { message: `I don't like ${target}`, userId: 'user-5', sessionId: first.json().sessionId },
    });
    assert.equal(disliked.statusCode, 200);
    const after = (await call({ method: 'GET', url: '/api/recommend/user-5?n=20', key: t.clientKey })).json();
    assert.ok(!after.items.some((item: { id: string }) => item.id === target));
  });

  it('400 names the field; 403 when a storefront session chats as someone else', async () => {
    const empty = await call({ method: 'POST', url: '/api/chat', key: token, payload: {} });
    assert.equal(empty.statusCode, 400);
    assert.equal(empty.json().field, 'message');
    const limit = await call({ method: 'POST', url: '/api/chat', key: token, payload: { message: 'tent', limit: 0 } });
    assert.equal(limit.json().field, 'limit');
    const other = await call({
      method: 'POST',
      url: '/api/chat',
      key: token,
      payload: { message: 'tent', userId: 'user-1' },
    });
    assert.equal(other.statusCode, 403);
    assert.equal(other.json().field, 'userId');
  });
});

describe('chat routes, LLM mode through the fake OpenAI server', () => {
  beforeEach(() => fake.reset());
  before(async () => {
    fake = await startFakeOpenAiServer();
    const spec = (model: string) => `openai-compatible:${fake.url}#${model}`;
    Object.assign(process.env, {
      LMREC_LLM: spec('chat'),
      LMREC_LLM_TRANSCRIPTION: spec('whisper-1'),
      LMREC_LLM_SPEECH: spec('tts-1'),
      OPENAI_API_KEY: 'sk-route-test-0000',
    });
    // A new catalog size rebuilds the assistant, which then reads the LLM settings above.
    await call({
      method: 'POST',
      url: '/api/items',
      key: t.adminKey,
      payload: { id: 'extra-1', title: 'Stoves model extra', categories: ['Outdoor', 'Stoves'], price: 75 },
    });
  });

  it('tool calls and grounded tokens stream; a non-catalog id never appears', async () => {
    fake.replyWith(
      { toolCalls: [{ name: 'search', arguments: { query: 'stove', categories: ['Stoves'] } }] },
      (body) => {
        const tool = [...body.messages].reverse().find((message) => message.role === 'tool');
        const first = JSON.parse(String(tool?.content)).items[0].id;
        return `Try [[${first}]] or [[item-999999]], id 999999.`;
      },
    );
    const response = await call({
      method: 'POST',
      url: '/api/chat',
      key: token,
      payload: { message: 'a stove please' },
    });
    const list = events(response.body);
    const result = done(list);
    assert.equal(result.mode, 'llm');
    assert.ok(list.some((event) => event.type === 'tool' && event.name === 'search'));
    assert.equal(result.items.length, 1);
    assert.ok(t.fixture.itemsIn('Stoves').includes(result.items[0].id) || result.items[0].id === 'extra-1');
    assert.doesNotMatch(response.body, /999999/);
  });

  it('speech in and out through JSON', async () => {
    fake.replyWith({ toolCalls: [{ name: 'search', arguments: { query: 'tent' } }] }, 'Here you go.');
    const response = await call({
      method: 'POST',
      url: '/api/chat',
      key: token,
      headers: { accept: 'application/json' },
      payload: {
        audio: { data: Buffer.from('RIFF fake wav').toString('base64'), filename: 'ask.wav' },
        speak: { format: 'mp3' },
      },
    });
    assert.equal(response.statusCode, 200);
    const result = response.json();
    assert.match(result.transcript, /^fake transcript/);
    assert.match(Buffer.from(result.audio.data, 'base64').toString('utf8'), /^FAKE-MP3:Here you go/);
    assert.equal(result.audio.mediaType, 'audio/mpeg');
  });
});
