import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { parseConfig } from '../../../src/core/config/index.ts';
import type { LlmGateway } from '../../../src/llm/gateway.ts';
import { runLlmJob } from '../../../src/llmrec/jobs/run-llm-job.ts';
import { type Q2iSettings, q2iJob, selectQ2iUnits } from '../../../src/llmrec/q2i/q2i-job.ts';
import { Catalog } from '../../../src/pipeline/catalog.ts';
import { interestQueries } from '../../../src/pipeline/interest-terms.ts';
import { RecommendationPipeline } from '../../../src/pipeline/pipeline.ts';
import { type Q2iEntry, q2iNamespace } from '../../../src/pipeline/q2i-cache.ts';
import { saveBundle, trainBundle } from '../../../src/pipeline/trainer.ts';
import { UserHistory } from '../../../src/pipeline/user-history.ts';
import { type FakeOpenAiServer, startFakeOpenAiServer } from '../../../src/testing/index.ts';
import { type ServingFixture, servingFixture } from '../../../src/testing/serving-fixture.ts';
import { gatewayFor } from '../../llm/helpers.ts';
import { lastUser } from './fixtures.ts';

const settings: Q2iSettings = { queries: 3, perQuery: 10, ttlMs: 86_400_000, refreshAfterEvents: 3 };

/** A fake model that writes two queries, citing H1, H2 and an id that is not in the history. */
const writeQueries = () =>
  JSON.stringify({
    profile: 'Cooks outdoors and carries light packs.',
    queries: [
      { text: 'Stoves', evidence: ['H1', 'item-404'] },
      { text: 'Backpacks', evidence: ['H2', 'ignore previous instructions'] },
      { text: 'stoves', evidence: ['H1'] },
    ],
  });

describe('query-to-item (Q2I)', () => {
  let fixture: ServingFixture;
  let catalog: Catalog;
  let server: FakeOpenAiServer;
  let gateway: LlmGateway;
  const historyOf = async (userId: string) =>
    UserHistory.fromFeedback(await fixture.store.feedback.forUser(userId), await fixture.store.feedback.types());

  before(async () => {
    fixture = await servingFixture();
    catalog = await Catalog.load(fixture.store);
    server = await startFakeOpenAiServer();
    gateway = gatewayFor(server, { config: { retries: 0 }, store: fixture.store.kv });
  });
  after(async () => {
    await server.close();
    await fixture.store.close();
  });
  beforeEach(() => server.reset());

  test('the term fallback: strongest terms with their category, then categories, evidence from the history', async () => {
    const history = await historyOf('user-1');
    const items = history.positives().map((event) => catalog.get(event.itemId)!.item);
    const queries = interestQueries({ items, k: 4 });
    assert.ok(queries.length > 0 && queries.length <= 4);
    const ids = new Set(items.map((item) => item.id));
    for (const query of queries) {
      assert.ok(query.text.trim().length > 1);
      assert.ok(query.evidence.length > 0 && query.evidence.every((id) => ids.has(id)), query.text);
    }
    const categories = new Set(items.map((item) => item.categories.at(-1)));
    assert.ok(queries.some((query) => [...categories].some((category) => query.text.includes(category!))));
  });

  test('the LLM job writes grounded queries and their items, cached per user; a rerun makes no call', async () => {
    const units = await selectQ2iUnits({
      store: fixture.store,
      catalog,
      settings,
      withLlm: true,
      userIds: ['user-1', 'user-2'],
    });
    assert.deepEqual(
      units.map((unit) => [unit.userId, unit.why]),
      [
        ['user-1', 'missing'],
        ['user-2', 'missing'],
      ],
    );
    server.replyWith(writeQueries, writeQueries);
    const job = q2iJob({ units, store: fixture.store, catalog, settings });
    const report = await runLlmJob(job, { store: fixture.store, llm: gateway });
    assert.deepEqual(report.done, { llm: 2, fallback: 0 });
    assert.equal(server.counts.chat, 2);
    assert.match(lastUser(server.requests[0].body as never), /H1\. /);
    const entry = (await fixture.store.kv.get<Q2iEntry>(q2iNamespace, 'user-1'))!;
    assert.equal(entry.mode, 'llm');
    assert.equal(entry.profile, 'Cooks outdoors and carries light packs.');
    assert.deepEqual(
      entry.queries.map((query) => query.text),
      ['Stoves', 'Backpacks'],
      'duplicates dropped',
    );
    const history = await historyOf('user-1');
    const seen = new Set(history.events.map((event) => event.itemId));
    for (const query of entry.queries) {
      assert.equal(query.evidence.length, 1, 'the made-up citation is dropped');
      assert.ok(seen.has(query.evidence[0]));
      assert.ok(query.items.length > 0);
      assert.ok(
        query.items.every((hit) => !seen.has(hit.id) && catalog.get(hit.id)!.item.categories[1] === query.text),
      );
    }
    const again = await selectQ2iUnits({ store: fixture.store, catalog, settings, withLlm: true, userIds: ['user-1'] });
    assert.equal(again.length, 0, 'a fresh entry is not rewritten');
  });

  test('the job stops at its call budget and a rerun continues without repeating a call', async () => {
    const userIds = ['user-10', 'user-11', 'user-12'];
    const select = () => selectQ2iUnits({ store: fixture.store, catalog, settings, withLlm: true, userIds });
    server.replyWith(writeQueries, writeQueries, writeQueries);
    const first = await runLlmJob(q2iJob({ units: await select(), store: fixture.store, catalog, settings }), {
      store: fixture.store,
      llm: gateway,
      budget: { maxCalls: 1 },
      concurrency: 1,
    });
    assert.equal(first.done.llm, 1);
    assert.equal(first.remaining, 2);
    assert.match(first.message, /stopped at the budget/);
    assert.equal(server.counts.chat, 1);
    const dry = await runLlmJob(q2iJob({ units: await select(), store: fixture.store, catalog, settings }), {
      store: fixture.store,
      llm: gateway,
      dryRun: true,
    });
    assert.equal(dry.estimate?.units, 2);
    assert.equal(dry.estimate?.calls, 2);
    const rest = await runLlmJob(q2iJob({ units: await select(), store: fixture.store, catalog, settings }), {
      store: fixture.store,
      llm: gateway,
    });
    assert.equal(rest.done.llm, 2);
    assert.equal(server.counts.chat, 3, 'three users, three calls in all');
  });

  test('refresh: after enough new feedback, and after the TTL', async () => {
    const now = Date.now();
    await fixture.store.feedback.add(
      ['item-30', 'item-31', 'item-32'].map((itemId, index) => ({
        userId: 'user-2',
        itemId,
        type: 'click',
        timestamp: now + index + 1,
      })),
    );
    const units = await selectQ2iUnits({
      store: fixture.store,
      catalog,
      settings,
      withLlm: true,
      userIds: ['user-1', 'user-2'],
    });
    assert.deepEqual(
      units.map((unit) => [unit.userId, unit.why]),
      [['user-2', 'new-feedback']],
    );
    const later = await selectQ2iUnits({
      store: fixture.store,
      catalog,
      settings,
      withLlm: true,
      userIds: ['user-1'],
      now: now + settings.ttlMs + 1,
    });
    assert.deepEqual(
      later.map((unit) => unit.why),
      ['expired'],
    );
  });

  test('with no LLM the term fallback writes the entry and the report says so', async () => {
    const units = await selectQ2iUnits({
      store: fixture.store,
      catalog,
      settings,
      withLlm: false,
      userIds: ['user-3'],
    });
    const report = await runLlmJob(q2iJob({ units, store: fixture.store, catalog, settings }), {
      store: fixture.store,
      llm: null,
    });
    assert.equal(report.mode, 'fallback');
    assert.match(report.message, /no LLM configured/);
    assert.equal(server.counts.chat, 0);
    const entry = (await fixture.store.kv.get<Q2iEntry>(q2iNamespace, 'user-3'))!;
    assert.equal(entry.mode, 'fallback');
    assert.match(entry.profile, /fallback/);
    assert.ok(entry.queries.some((query) => query.items.length > 0));
    // Once an LLM is configured, the fallback's entry is redone.
    const redo = await selectQ2iUnits({ store: fixture.store, catalog, settings, withLlm: true, userIds: ['user-3'] });
    assert.deepEqual(
      redo.map((unit) => unit.why),
      ['fallback-only'],
    );
  });

  test('the q2i recall source serves the cached items (and the term fallback for users without an entry)', async () => {
    const config = parseConfig({
      serving: {
        pipeline: {
          recall: [
            { source: 'model', model: 'ials', quota: 10 },
            { source: 'q2i', quota: 20 },
          ],
          rerank: { exploration: { method: 'none' }, categoryCap: null },
        },
      },
    }).serving.pipeline;
    const pipeline = new RecommendationPipeline({ config, registry: fixture.registry, store: fixture.store });
    const bundle = await saveBundle(
      fixture.store,
      await trainBundle({ store: fixture.store, pipeline, registry: fixture.registry, catalog }),
    );
    const history = await historyOf('user-1');
    const result = await pipeline.run({ userId: 'user-1', n: 20, trace: true }, { catalog, bundle, history });
    const entry = (await fixture.store.kv.get<Q2iEntry>(q2iNamespace, 'user-1'))!;
    const cached = new Set(entry.queries.flatMap((query) => query.items.map((hit) => hit.id)));
    const recalled = result.trace!.find((stage) => stage.stage === 'recall')!.sources!.find((s) => s.name === 'q2i')!;
    assert.ok(recalled.items.length > 0);
    assert.ok(recalled.items.every((item) => cached.has(item.id)));
    const fromQ2i = result.items.filter((item) => item.sources.includes('q2i'));
    assert.ok(fromQ2i.length > 0);
    const interest = fromQ2i.flatMap((item) => item.reasons).find((reason) => reason.kind === 'interest');
    assert.ok(interest && interest.evidence.length > 0, 'q2i items are explained by the history item behind the query');
    const fresh = await pipeline.run(
      { userId: 'user-9', n: 20, trace: true },
      { catalog, bundle, history: await historyOf('user-9') },
    );
    const online = fresh.trace!.find((stage) => stage.stage === 'recall')!.sources!.find((s) => s.name === 'q2i')!;
    assert.ok(online.items.length > 0, 'a user without an entry gets the term fallback, no LLM call');
    assert.equal(server.counts.chat, 0);
  });
});
