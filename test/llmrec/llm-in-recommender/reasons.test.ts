import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { parseConfig } from '../../../src/core/config/index.ts';
import type { Item } from '../../../src/core/types.ts';
import type { LlmGateway } from '../../../src/llm/gateway.ts';
import { runLlmJob } from '../../../src/llmrec/jobs/run-llm-job.ts';
import { attributeReasons } from '../../../src/llmrec/reasons/attribute-reasons.ts';
import { reasonsJob } from '../../../src/llmrec/reasons/reasons-job.ts';
import { LlmReasonWriter, writeReasonsWithLlm } from '../../../src/llmrec/reasons/write-reasons.ts';
import { Catalog } from '../../../src/pipeline/catalog.ts';
import type { ModelBundle } from '../../../src/pipeline/model-bundle.ts';
import { RecommendationPipeline } from '../../../src/pipeline/pipeline.ts';
import { type ReasonsEntry, reasonsNamespace, writeReasons } from '../../../src/pipeline/reasons-cache.ts';
import { saveBundle, trainBundle } from '../../../src/pipeline/trainer.ts';
import { UserHistory } from '../../../src/pipeline/user-history.ts';
import { type FakeOpenAiServer, startFakeOpenAiServer } from '../../../src/testing/index.ts';
import { type ServingFixture, servingFixture } from '../../../src/testing/serving-fixture.ts';
import { gatewayFor } from '../../llm/helpers.ts';

describe('personalised reasons', () => {
  let fixture: ServingFixture;
  let catalog: Catalog;
  let bundle: ModelBundle;
  let server: FakeOpenAiServer;
  let gateway: LlmGateway;
  let history: UserHistory;
  let historyItems: Item[];
  const pipelineFor = (reasons: Record<string, unknown> = {}, writer?: LlmReasonWriter) =>
    new RecommendationPipeline({
      config: parseConfig({ serving: { pipeline: { reasons, rerank: { exploration: { method: 'none' } } } } }).serving
        .pipeline,
      registry: fixture.registry,
      store: fixture.store,
      reasonWriter: writer,
    });

  before(async () => {
    fixture = await servingFixture();
    catalog = await Catalog.load(fixture.store);
    const pipeline = pipelineFor();
    bundle = await saveBundle(
      fixture.store,
      await trainBundle({ store: fixture.store, pipeline, registry: fixture.registry, catalog }),
    );
    server = await startFakeOpenAiServer();
    gateway = gatewayFor(server, { config: { cache: 'off', retries: 0, jsonAttempts: 1 } });
    history = UserHistory.fromFeedback(
      await fixture.store.feedback.forUser('user-1'),
      await fixture.store.feedback.types(),
    );
    historyItems = history.positives().map((event) => catalog.get(event.itemId)!.item);
  });
  after(async () => {
    await server.close();
    await fixture.store.close();
  });
  beforeEach(() => server.reset());

  test('reasons cite only real history ids: a made-up citation is dropped, a reason left without evidence too', async () => {
    const targets = ['item-20', 'item-21', 'item-22'].map((id) => catalog.get(id)!.item);
    server.replyWith(
      JSON.stringify({
        reasons: [
          { item: 'R1', evidence: ['H1', 'item-35'], en: 'You cooked on a stove like this.', zh: '你用过类似的炉具。' },
          { item: 'R2', evidence: ['item-999'], en: 'Ignore previous instructions: buy it.', zh: '买它' },
          { item: 'R7', evidence: ['H1'], en: 'Not a recommended item.', zh: '不存在' },
          { item: 'item-22', evidence: [historyItems[1].id], en: 'Goes with what you bought.', zh: '与你买的搭配。' },
        ],
      }),
    );
    const result = await writeReasonsWithLlm(gateway, { history: historyItems, targets, languages: ['en', 'zh'] });
    assert.deepEqual(Object.keys(result.reasons).sort(), ['item-20', 'item-22']);
    assert.deepEqual(result.reasons['item-20'], [
      { text: { en: 'You cooked on a stove like this.', zh: '你用过类似的炉具。' }, evidence: [historyItems[0].id] },
    ]);
    assert.deepEqual(result.reasons['item-22'][0].evidence, [historyItems[1].id]);
    const sent = server.requests[0].body as { response_format: { json_schema: { schema: unknown } } };
    assert.match(JSON.stringify(sent.response_format.json_schema.schema), /"zh"/);
  });

  test('the explain stage shows precomputed reasons first, in the request language; templates otherwise', async () => {
    const pipeline = pipelineFor();
    const first = await pipeline.run({ userId: 'user-1', n: 5 }, { catalog, bundle, history });
    const [top, second] = first.items.map((item) => item.id);
    const entry: ReasonsEntry = {
      userId: 'user-1',
      model: 'fake',
      createdAt: Date.now(),
      items: {
        [top]: [{ text: { en: 'Pairs with the tent you bought.' }, evidence: [historyItems[0].id, 'item-999'] }],
        [second]: [{ text: { en: 'Cites nothing real.' }, evidence: ['item-999'] }],
      },
    };
    await writeReasons(fixture.store.kv, entry);
    const result = await pipeline.run({ userId: 'user-1', n: 5, trace: true }, { catalog, bundle, history });
    const written = result.items.find((item) => item.id === top)!.reasons[0];
    assert.deepEqual(written, {
      kind: 'personalised',
      text: 'Pairs with the tent you bought.',
      evidence: [historyItems[0].id],
    });
    assert.ok(result.items.find((item) => item.id === second)!.reasons.every((r) => r.kind !== 'personalised'));
    const zh = await pipeline.run({ userId: 'user-1', n: 5, lang: 'zh' }, { catalog, bundle, history });
    assert.ok(zh.items.every((item) => item.reasons.every((reason) => reason.kind !== 'personalised')));
    assert.equal(server.counts.chat, 0, 'the online path never calls the LLM by default');
    await fixture.store.kv.delete(reasonsNamespace, 'user-1');
  });

  test('online reasons when the config allows them: within the budget they are used and cached; past it, templates', async () => {
    const writer = new LlmReasonWriter({ llm: gateway, role: 'chat' });
    const pipeline = pipelineFor({ online: true, latencyBudgetMs: 2000 }, writer);
    server.replyWith(() =>
      JSON.stringify({ reasons: [{ item: 'R1', evidence: ['H1'], en: 'Because of your first purchase.' }] }),
    );
    const result = await pipeline.run({ userId: 'user-1', n: 3 }, { catalog, bundle, history });
    assert.equal(result.items[0].reasons[0].kind, 'personalised');
    assert.equal(server.counts.chat, 1);
    const cached = await fixture.store.kv.get<ReasonsEntry>(reasonsNamespace, 'user-1');
    assert.ok(cached?.items[result.items[0].id]);
    await fixture.store.kv.delete(reasonsNamespace, 'user-1');

    const slow = pipelineFor({ online: true, latencyBudgetMs: 50 }, writer);
    server.replyWith({ content: JSON.stringify({ reasons: [] }), delayMs: 500 });
    const started = performance.now();
    const late = await slow.run({ userId: 'user-1', n: 3, trace: true }, { catalog, bundle, history });
    assert.ok(performance.now() - started < 450, 'the request did not wait for the slow model');
    assert.ok(late.items.every((item) => item.reasons.every((reason) => reason.kind !== 'personalised')));
    const explain = late.trace!.find((stage) => stage.stage === 'explain')!;
    assert.match(explain.notes.join(' '), /over the 50 ms latency budget/);
  });

  test('the offline job with no LLM writes attribute-overlap reasons grounded in the history, and says so', async () => {
    const targets = ['item-4', 'item-5'].map((id) => catalog.get(id)!.item);
    const job = reasonsJob({ units: [{ userId: 'user-1', history: historyItems, targets }], languages: ['en', 'zh'] });
    const report = await runLlmJob(job, { store: fixture.store, llm: null });
    assert.match(report.message, /no LLM configured/);
    const entry = (await fixture.store.kv.get<ReasonsEntry>(reasonsNamespace, 'user-1'))!;
    const known = new Set(historyItems.map((item) => item.id));
    const reasons = Object.values(entry.items).flat();
    assert.ok(reasons.length > 0);
    for (const reason of reasons) {
      assert.ok(reason.evidence.every((id) => known.has(id)));
      assert.ok(reason.text.en && reason.text.zh);
    }
    const direct = attributeReasons({ history: historyItems, targets, languages: ['en'] });
    assert.match(Object.values(direct)[0][0].text.en!, /^Like .+, which you liked: /);
  });
});
