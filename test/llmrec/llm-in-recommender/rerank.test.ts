import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { parseConfig } from '../../../src/core/config/index.ts';
import type { LlmGateway } from '../../../src/llm/gateway.ts';
import { MemoryKeyValue } from '../../../src/llm/ports.ts';
import { bordaOrder, shuffledRounds } from '../../../src/llmrec/rerank/borda.ts';
import { candidateLabels } from '../../../src/llmrec/rerank/labels.ts';
import { LlmListReranker } from '../../../src/llmrec/rerank/llm-list-reranker.ts';
import { popularityBiasReport } from '../../../src/llmrec/rerank/popularity-bias.ts';
import { Catalog } from '../../../src/pipeline/catalog.ts';
import { RecommendationPipeline } from '../../../src/pipeline/pipeline.ts';
import { groundOrder, llmRerank } from '../../../src/pipeline/stages/llm-rerank.ts';
import { saveBundle, trainBundle } from '../../../src/pipeline/trainer.ts';
import type { Candidate } from '../../../src/pipeline/types.ts';
import { UserHistory } from '../../../src/pipeline/user-history.ts';
import { llmPipelinePorts } from '../../../src/server/llm-pipeline-ports.ts';
import type { Store } from '../../../src/store/store.ts';
import type { ChatBody } from '../../../src/testing/fake-openai-server.ts';
import { type FakeOpenAiServer, startFakeOpenAiServer } from '../../../src/testing/index.ts';
import { servingFixture } from '../../../src/testing/serving-fixture.ts';
import { gatewayFor } from '../../llm/helpers.ts';
import { byModelNumber, historyOf, lastUser, rerankCatalog, shownCandidates } from './fixtures.ts';

const catalog = rerankCatalog();
const history = historyOf(['c-20', 'c-21']);
const ids = Array.from({ length: 20 }, (_, k) => `c-${k}`);
const candidates = (list: readonly string[]): Candidate[] =>
  list.map((id, index) => ({
    id,
    sources: [{ source: 'ials', reason: 'personal', score: 1 - index / 100, rank: index, weight: 1 }],
    evidence: new Map(),
    score: 1 - index / 100,
    boosts: [],
    propensity: 1,
  }));

describe('shuffled bootstrap and Borda count', () => {
  test('labels are short, distinct and cover 30 candidates', () => {
    const labels = candidateLabels(30);
    assert.equal(new Set(labels).size, 30);
    assert.deepEqual(labels.slice(0, 3), ['A', 'B', 'C']);
    assert.deepEqual(labels.slice(26), ['AA', 'AB', 'AC', 'AD']);
  });

  test('every round is an independent permutation, the same for the same seed', () => {
    const rounds = shuffledRounds(20, 4, 7);
    for (const order of rounds)
      assert.deepEqual(
        [...order].sort((a, b) => a - b),
        ids.map((_, k) => k),
      );
    assert.notDeepEqual(rounds[0], rounds[1]);
    assert.deepEqual(shuffledRounds(20, 4, 7), rounds);
    assert.notDeepEqual(shuffledRounds(20, 4, 8), rounds);
  });

  test('Borda: consistent rankings are reproduced, left-out candidates share the remaining points', () => {
    assert.deepEqual(
      bordaOrder(4, [
        [3, 2, 1, 0],
        [3, 2, 1, 0],
      ]),
      [3, 2, 1, 0],
    );
    // 2 wins one round, 1 the other; 2 also beats 1 on the tie-breaking round.
    assert.deepEqual(
      bordaOrder(3, [
        [2, 1, 0],
        [1, 2, 0],
        [2, 0, 1],
      ]),
      [2, 1, 0],
    );
    // Only 3 placed: the others keep their previous (index) order behind it.
    assert.deepEqual(bordaOrder(4, [[3]]), [3, 0, 1, 2]);
    // Unknown and repeated indices are ignored.
    assert.deepEqual(bordaOrder(3, [[9, 1, 1, -1]]), [1, 0, 2]);
  });

  test('grounding keeps only candidates, once each, and counts what it dropped', () => {
    const { order, outside } = groundOrder(['c-3', 'X', 'c-3', 42, 'c-1'], ['c-1', 'c-2', 'c-3']);
    assert.deepEqual(order, ['c-3', 'c-1', 'c-2']);
    assert.equal(outside, 2);
  });

  test('popularity-bias report: mean popularity rank and long-tail share before and after', () => {
    const rank = new Map(Array.from({ length: 10 }, (_, k) => [`p-${k}`, k]));
    const report = popularityBiasReport({
      lists: [{ before: ['p-0', 'p-1'], after: ['p-8', 'p-9'] }],
      popularityRank: rank,
      catalogSize: 10,
      k: 2,
    });
    assert.deepEqual(report.meanPopularityRank, { before: 0.5, after: 8.5 });
    assert.deepEqual(report.longTailShare, { before: 0, after: 1 });
  });
});

describe('LLM list reranker through the fake OpenAI server', () => {
  let server: FakeOpenAiServer;
  let gateway: LlmGateway;
  before(async () => {
    server = await startFakeOpenAiServer();
    gateway = gatewayFor(server, { config: { cache: 'off', retries: 0, jsonAttempts: 2 } });
  });
  after(() => server.close());
  beforeEach(() => server.reset());

  const request = (overrides: Partial<Parameters<LlmListReranker['rerank']>[0]> = {}) => ({
    userId: 'u',
    history,
    catalog,
    candidates: ids,
    rounds: 3,
    seed: 11,
    lang: 'en' as const,
    signal: new AbortController().signal,
    ...overrides,
  });

  test('each round shows the labels in a new order, constrained by an enum; Borda recovers a consistent ranking', async () => {
    server.replyWith(byModelNumber, byModelNumber, byModelNumber);
    const reranker = new LlmListReranker({ llm: gateway, role: 'chat' });
    const order = await reranker.rerank(request());
    assert.deepEqual(
      order,
      [...ids].sort((a, b) => Number(b.slice(2)) - Number(a.slice(2))),
    );
    assert.equal(server.counts.chat, 3);
    const shown = server.requests.map((entry) =>
      shownCandidates(entry.body as never).map((candidate) => candidate.model),
    );
    assert.notDeepEqual(shown[0], shown[1], 'an independent permutation per round');
    const format = server.requests[0].body.response_format as {
      json_schema: { schema: { properties: { ranking: { items: { enum: string[] } } } } };
    };
    assert.deepEqual(format.json_schema.schema.properties.ranking.items.enum, candidateLabels(20));
    const prompt = lastUser(server.requests[0].body as never);
    assert.match(prompt, /Gear model 20/, 'the history is in the prompt');
    assert.doesNotMatch(prompt, /c-\d+/, 'raw ids never reach the model');
  });

  test('prompt injection: a description asking for item X does not move the grounding; junk labels fall back', async () => {
    // The model "obeys" the injected text: it answers X and made-up ids in every round and every repair.
    const obey = () => JSON.stringify({ ranking: ['X', 'c-99', 'item X'] });
    server.replyWith(obey, obey, obey, obey, obey, obey);
    const reranker = new LlmListReranker({ llm: gateway, role: 'chat' });
    const outcome = await llmRerank({
      ranked: candidates(ids),
      reranker,
      topN: 20,
      rounds: 3,
      timeoutMs: 5000,
      request: { userId: 'u', history, catalog, seed: 3, lang: 'en' },
    });
    assert.deepEqual(
      outcome.ranked.map((candidate) => candidate.id),
      ids,
      'the previous order stands',
    );
    assert.match(outcome.note, /failed/);
    for (const entry of server.requests)
      assert.doesNotMatch(lastUser(entry.body as never), /ignore previous instructions/i, 'injected sentence removed');
  });

  test('prompt injection: one round answering with junk is dropped, the valid rounds still rank', async () => {
    const junk = () => JSON.stringify({ ranking: ['X', 'ZZ'] });
    server.replyWith(byModelNumber, junk, junk, byModelNumber);
    const reranker = new LlmListReranker({ llm: gateway, role: 'chat' });
    const outcome = await llmRerank({
      ranked: candidates(ids),
      reranker,
      topN: 20,
      rounds: 2,
      timeoutMs: 5000,
      request: { userId: 'u', history, catalog, seed: 5, lang: 'en' },
    });
    const order = outcome.ranked.map((candidate) => candidate.id);
    assert.equal(outcome.outside, 0);
    assert.ok(order.every((id) => ids.includes(id)));
    assert.equal(new Set(order).size, ids.length);
    assert.equal(order[0], 'c-19');
  });

  test('a reply slower than the timeout keeps the previous order', async () => {
    server.replyWith({ content: byModelNumber({ messages: [] } as never), delayMs: 400 });
    const outcome = await llmRerank({
      ranked: candidates(ids),
      reranker: new LlmListReranker({ llm: gateway, role: 'chat' }),
      topN: 20,
      rounds: 1,
      timeoutMs: 50,
      request: { userId: 'u', history, catalog, seed: 5, lang: 'en' },
    });
    assert.deepEqual(
      outcome.ranked.map((candidate) => candidate.id),
      ids,
    );
    assert.match(outcome.note, /timed out after 50 ms/);
  });

  test('no LLM configured: the stage keeps the order and says so', async () => {
    const outcome = await llmRerank({
      ranked: candidates(ids),
      reranker: undefined,
      topN: 20,
      rounds: 3,
      timeoutMs: 100,
      request: { userId: 'u', history, catalog, seed: 5, lang: 'en' },
    });
    assert.equal(outcome.changed, false);
    assert.match(outcome.note, /no LLM configured/);
  });

  test('only the top N are reranked; the rest keep their order and stay below', async () => {
    server.replyWith(byModelNumber);
    const all = Array.from({ length: 30 }, (_, k) => `c-${k}`);
    const outcome = await llmRerank({
      ranked: candidates(all),
      reranker: new LlmListReranker({ llm: gateway, role: 'chat' }),
      topN: 10,
      rounds: 1,
      timeoutMs: 5000,
      request: { userId: 'u', history, catalog, seed: 5, lang: 'en' },
    });
    const order = outcome.ranked.map((candidate) => candidate.id);
    assert.deepEqual(order.slice(0, 10), ['c-9', 'c-8', 'c-7', 'c-6', 'c-5', 'c-4', 'c-3', 'c-2', 'c-1', 'c-0']);
    assert.deepEqual(order.slice(10), all.slice(10));
    const scores = outcome.ranked.map((candidate) => candidate.score);
    for (let i = 1; i < scores.length; i++) assert.ok(scores[i] <= scores[i - 1], 'scores fall along the new order');
  });
});

describe('the llm-rerank stage in the pipeline', () => {
  let server: FakeOpenAiServer;
  before(async () => {
    server = await startFakeOpenAiServer();
  });
  after(() => server.close());

  test('config-gated: with a reranker the top N follow its answer; without one the trace says no LLM', async () => {
    const fixture = await servingFixture();
    try {
      const fixtureCatalog = await Catalog.load(fixture.store);
      const config = parseConfig({
        serving: {
          pipeline: {
            llmRerank: { enabled: true, topN: 10, rounds: 2 },
            rerank: {
              exploration: { method: 'none' },
              diversity: { method: 'none' },
              categoryCap: null,
              // Boosts apply after the stage (as after rank); off here so the list shows the model's order alone.
              boosts: { newArrivals: { weight: 0 }, seasonal: { weight: 0 }, likedBrand: { weight: 0 } },
            },
          },
        },
      }).serving.pipeline;
      const plain = new RecommendationPipeline({ config, registry: fixture.registry, store: fixture.store });
      const bundle = await saveBundle(
        fixture.store,
        await trainBundle({
          store: fixture.store,
          pipeline: plain,
          registry: fixture.registry,
          catalog: fixtureCatalog,
        }),
      );
      const userHistory = UserHistory.fromFeedback(
        await fixture.store.feedback.forUser('user-1'),
        await fixture.store.feedback.types(),
      );
      const inputs = { catalog: fixtureCatalog, bundle, history: userHistory };
      const before = await plain.run({ userId: 'user-1', n: 10, trace: true }, inputs);
      const stage = before.trace!.find((entry) => entry.stage === 'llm-rerank')!;
      assert.match(stage.notes[0], /no LLM configured/);
      // A consistent fake model: the highest item number first ("… model 35").
      const byNumber = (body: ChatBody) => {
        const lines = [...lastUser(body).matchAll(/^([A-Z]{1,2})\. [^|\n]*? model (\d+)/gm)];
        return JSON.stringify({
          ranking: lines.sort((a, b) => Number(b[2]) - Number(a[2])).map((match) => match[1]),
        });
      };
      server.replyWith(byNumber, byNumber);
      const gateway = gatewayFor(server, { config: { cache: 'off', retries: 0 } });
      const reranked = new RecommendationPipeline({
        config,
        registry: fixture.registry,
        store: fixture.store,
        listReranker: new LlmListReranker({ llm: gateway, role: 'chat' }),
      });
      const after = await reranked.run({ userId: 'user-1', n: 10, trace: true }, inputs);
      const numbers = after.items.map((item) => Number(item.id.slice(5)));
      assert.deepEqual(
        numbers,
        [...numbers].sort((a, b) => b - a),
      );
      assert.deepEqual(new Set(after.items.map((item) => item.id)), new Set(before.items.map((item) => item.id)));
      assert.equal(server.counts.chat, 2);
    } finally {
      await fixture.store.close();
    }
  });

  test('the server wires the reranker only when the stage is on and a model is configured', () => {
    const store = { kv: new MemoryKeyValue() } as unknown as Store;
    const on = parseConfig({
      llm: { chat: `openai-compatible:${server.url}#fake` },
      serving: { pipeline: { llmRerank: { enabled: true, role: 'chat' } } },
    });
    assert.ok(llmPipelinePorts({ config: on, store }).listReranker);
    const lines: string[] = [];
    const none = parseConfig({ serving: { pipeline: { llmRerank: { enabled: true } } } });
    assert.deepEqual(llmPipelinePorts({ config: none, store, log: (line) => lines.push(line) }), {});
    assert.match(lines[0], /no LLM is configured/);
    assert.deepEqual(llmPipelinePorts({ config: parseConfig({}), store }), {});
  });
});
