// The web UI's routes through fastify.inject: the storefront's settings, the dashboard's overview (long tail),
// last evaluation, monitoring (store series and the live serving series), LLM usage, experiments, the inspector's
// titles, and the serving recorder counting shopper traffic but not health probes.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { saveLastEvaluation } from '../../src/eval/report/last-evaluation.ts';
import { KeyValueUsageLedger } from '../../src/llm/usage/ledger.ts';
import { type TestServer, testServer } from '../../src/testing/test-server.ts';

describe('dashboard routes', () => {
  let t: TestServer;
  const get = (url: string, key?: string) =>
    t.server.app.inject({ method: 'GET', url, headers: key ? t.auth(key) : {} });

  before(async () => {
    t = await testServer();
  });
  after(() => t.server.close());

  it('tells the storefront whether it may choose its user, and offers no users when it may not', async () => {
    const response = await get('/api/storefront');
    assert.equal(response.statusCode, 200);
    assert.deepEqual(response.json(), { actAsAnyUser: false, users: [], assistant: true });
  });

  it('overviews the store: counts, sparsity, a rising long-tail curve, the catalog and the model', async () => {
    const body = (await get('/api/admin/overview', t.adminKey)).json();
    assert.equal(body.stats.items, 40);
    assert.equal(body.stats.users, 30);
    assert.ok(body.stats.sparsity > 0 && body.stats.sparsity < 1);
    const curve: Array<{ itemShare: number; interactionShare: number }> = body.stats.longTail;
    assert.ok(curve.length > 5 && curve.length <= 100);
    for (let k = 1; k < curve.length; k++) assert.ok(curve[k].interactionShare >= curve[k - 1].interactionShare);
    assert.ok(Math.abs(curve.at(-1)!.interactionShare - 1) < 1e-9);
    assert.equal(body.catalog.available, 39);
    assert.deepEqual(
      body.catalog.categories.map((entry: { items: number }) => entry.items),
      [10, 10, 10, 10],
    );
    assert.ok(body.model.version >= 1);
  });

  it('gives the last evaluation, or null before there is one', async () => {
    assert.deepEqual((await get('/api/admin/evaluation', t.adminKey)).json(), { evaluation: null });
    const document = {
      protocol: { name: 'stratified' },
      results: [{ model: 'ease', metrics: { 'ndcg@10': 0.3 } }],
      significance: [],
    };
    await saveLastEvaluation(t.server.services.store, { columns: ['ndcg@10'], document });
    const { evaluation } = (await get('/api/admin/evaluation', t.adminKey)).json();
    assert.deepEqual(evaluation.document, document);
    assert.deepEqual(evaluation.columns, ['ndcg@10']);
  });

  it('monitors: store series over the window, live serving series of shopper traffic only, 400 naming the field', async () => {
    // Totals of the recorder's minute series over the last ten minutes (requests_per_minute counts requests there).
    const total = (name: string) =>
      t.server.services.recorder
        .series({ from: Date.now() - 600_000, to: Date.now() + 60_000, bucketMs: 60_000 })
        .find((entry) => entry.name === name)!
        .points.reduce((sum, point) => sum + (Number.isFinite(point.value) ? point.value : 0), 0);
    const [listsBefore, requestsBefore] = [total('lists_served'), total('requests_per_minute')];
    await get('/api/health/ready');
    await get('/api/recommend/user-1?n=5', t.clientKey);
    const body = (await get('/api/admin/monitoring?window=30d&bucket=1d&to=now&liveMinutes=5', t.adminKey)).json();
    const names = body.snapshot.series.map((series: { name: string }) => series.name);
    for (const name of ['ctr', 'cvr', 'catalog_coverage', 'intra_list_diversity', 'latency_p99_ms', 'lists_served'])
      assert.ok(names.includes(name), name);
    const days = body.snapshot.series.find((series: { name: string }) => series.name === 'ctr').points.length;
    assert.ok(days === 30 || days === 31, `${days} daily buckets`);
    const live = body.live as Array<{ name: string; points: Array<{ value: number | null }> }>;
    assert.equal(live.find((series) => series.name === 'lists_served')!.points.length, 5);
    assert.equal(total('lists_served') - listsBefore, 1);
    // One recommendation request: the health probe and the admin call are not serving traffic.
    assert.equal(total('requests_per_minute') - requestsBefore, 1);
    for (const [query, field] of [
      ['window=5x', 'window'],
      ['window=1h&bucket=1d', 'bucket'],
      ['to=someday', 'to'],
    ]) {
      const bad = await get(`/api/admin/monitoring?${query}`, t.adminKey);
      assert.equal(bad.statusCode, 400, query);
      assert.equal(bad.json().field, field, query);
    }
  });

  it('reports LLM usage from the ledger with its cache hit rate', async () => {
    assert.equal((await get('/api/admin/llm-usage', t.adminKey)).json().cacheHitRate, null);
    const ledger = new KeyValueUsageLedger(t.server.services.store.kv);
    ledger.record({
      model: 'openai:gpt-x',
      calls: 4,
      cacheHits: 1,
      promptTokens: 100,
      completionTokens: 20,
      costUsd: 0.01,
    });
    await ledger.flush();
    const usage = (await get('/api/admin/llm-usage', t.adminKey)).json();
    assert.equal(usage.calls, 4);
    assert.equal(usage.cacheHitRate, 0.25);
    assert.equal(usage.byModel['openai:gpt-x'].promptTokens, 100);
  });

  it('lists experiments and answers 404 for the report of an unknown one', async () => {
    assert.deepEqual((await get('/api/experiments', t.adminKey)).json(), { experiments: [] });
    const missing = await get('/api/experiments/nope/report', t.adminKey);
    assert.equal(missing.statusCode, 404);
    assert.match(missing.json().message, /nope/);
  });

  it('names every traced item in the inspector when asked for details', async () => {
    const body = (await get('/api/pipeline/inspect/user-1?n=5&details=true', t.adminKey)).json();
    const recall = body.trace.find((stage: { stage: string }) => stage.stage === 'recall');
    const ids = recall.sources.flatMap((source: { items: Array<{ id: string }> }) =>
      source.items.map((item) => item.id),
    );
    assert.ok(ids.length > 0);
    for (const id of ids) assert.match(body.catalog[id].title, /model/);
    assert.equal((await get('/api/pipeline/inspect/user-1?n=5', t.adminKey)).json().catalog, undefined);
  });
});

describe('storefront settings on the demo shop', () => {
  it('offers the most active users with their public attributes only', async () => {
    const t = await testServer({ serving: { storefront: { actAsAnyUser: true } } });
    try {
      await t.server.services.store.users.upsert([
        { id: 'user-1', attributes: { nickname: 'Ann', city: 'Beijing', email: 'ann@example.com' } },
      ]);
      const body = (await t.server.app.inject({ method: 'GET', url: '/api/storefront' })).json();
      assert.equal(body.actAsAnyUser, true);
      assert.ok(body.users.length > 0 && body.users.length <= 24);
      const ann = body.users.find((user: { id: string }) => user.id === 'user-1');
      assert.deepEqual(ann?.attributes, { nickname: 'Ann', city: 'Beijing' });
    } finally {
      await t.server.close();
    }
  });
});
