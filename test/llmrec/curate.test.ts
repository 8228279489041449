import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { pipelineSchema } from '../../src/core/config/serving.ts';
import { NgramEmbedder } from '../../src/llm/embedders/ngram-embedder.ts';
import { curate, estimateCurate } from '../../src/llmrec/curate.ts';
import { scoreCuratedList } from '../../src/llmrec/curate-eval.ts';
import { curateJob, curateUnit } from '../../src/llmrec/curate-job.ts';
import { runLlmJob } from '../../src/llmrec/jobs/run-llm-job.ts';
import { Catalog } from '../../src/pipeline/catalog.ts';
import { isActive, listName, readCuratedList } from '../../src/pipeline/curated-lists.ts';
import { createSources } from '../../src/pipeline/sources/create-sources.ts';
import { CuratedSource } from '../../src/pipeline/sources/curated-source.ts';
import type { RecallContext } from '../../src/pipeline/types.ts';
import { SqliteStore } from '../../src/store/sqlite/store.ts';
import { demoCurationThemes, scriptedCurateReply } from '../../src/testing/curation-themes.ts';
import { type ChatBody, type FakeOpenAiServer, startFakeOpenAiServer } from '../../src/testing/fake-openai-server.ts';
import { gatewayFor } from '../llm/helpers.ts';
import { demoStoreCopy } from './chat-fixture.ts';

const lastUserText = (body: ChatBody) =>
  String(body.messages.filter((message) => message.role === 'user').at(-1)?.content ?? '');

let server: FakeOpenAiServer;
let store: SqliteStore;
let file: string;
let catalog: Catalog;
const embedder = new NgramEmbedder({ dimension: 256 });

before(async () => {
  server = await startFakeOpenAiServer({ defaultReply: (body) => scriptedCurateReply(lastUserText(body)) });
  ({ store, file } = await demoStoreCopy());
  catalog = await Catalog.load(store);
});
after(async () => {
  await store.close();
  await server.close();
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
});

const common = () => ({ store, catalog, embedder, vectorNamespace: 'items', size: 20, perIntent: 6 });

describe('curate', () => {
  it('LLM path: intents from the model, items grounded in the catalog, stored, and cached on a re-run', async () => {
    const gateway = gatewayFor(server, { store: store.kv });
    server.reset();
    const list = await curate({
      ...common(),
      theme: 'winter camping',
      llm: gateway,
      from: '2026-12-01',
      to: '2027-02-28',
    });
    assert.equal(list.mode, 'llm');
    assert.match(list.model ?? '', /fake-model/);
    assert.deepEqual(
      list.intents.map((intent) => intent.query),
      demoCurationThemes[0].intents.map((intent) => intent.query),
    );
    assert.equal(list.items.length, 20);
    for (const item of list.items) {
      assert.ok(catalog.has(item.id), `${item.id} is a catalog id`);
      assert.ok(list.intents.some((intent) => intent.query === item.intent && intent.reason === item.reason));
    }
    // Round robin: the first seven items come from seven different intents.
    assert.equal(new Set(list.items.slice(0, 7).map((item) => item.intent)).size, 7);
    assert.deepEqual(await readCuratedList(store.kv, 'winter-camping'), list);
    assert.equal(server.counts.chat, 1);
    const again = await curate({ ...common(), theme: 'winter camping', llm: gateway });
    assert.equal(server.counts.chat, 1, 'the second run is answered from the cache');
    assert.deepEqual(again.items, list.items);
    await gateway.close();
  });

  it('fallback: no LLM configured, the theme text is the query, and the list says so', async () => {
    const list = await curate({ ...common(), theme: 'winter camping', name: 'winter-fallback', llm: null });
    assert.equal(list.mode, 'fallback');
    assert.equal(list.fallbackReason, 'no LLM configured');
    assert.deepEqual(
      list.intents.map((intent) => intent.query),
      ['winter camping'],
    );
    assert.ok(list.items.length > 5);
    for (const item of list.items) assert.ok(catalog.has(item.id));
  });

  it('a spent budget stops the LLM call: the fallback runs and names the budget', async () => {
    const gateway = gatewayFor(server, { store: store.kv });
    gateway.startJob('curate-budget', { maxCalls: 0 });
    server.reset();
    const list = await curate({
      ...common(),
      theme: 'summer beach trip',
      llm: gateway,
      job: 'curate-budget',
      save: false,
    });
    assert.equal(server.counts.chat, 0);
    assert.equal(list.mode, 'fallback');
    assert.match(list.fallbackReason ?? '', /budget/);
    await gateway.close();
  });

  it('evaluation: LLM intents beat the theme-text fallback on category precision for every theme', async () => {
    const gateway = gatewayFor(server, { store: store.kv });
    const rows: Array<{ theme: string; llm: number; fallback: number }> = [];
    for (const theme of demoCurationThemes) {
      const withLlm = await curate({ ...common(), theme: theme.theme, llm: gateway, save: false });
      const fallback = await curate({ ...common(), theme: theme.theme, llm: null, save: false });
      const llm = scoreCuratedList(withLlm, catalog, theme.expected);
      const basic = scoreCuratedList(fallback, catalog, theme.expected);
      rows.push({ theme: theme.theme, llm: llm.precision, fallback: basic.precision });
      assert.ok(llm.precision >= 0.7, `${theme.theme}: LLM precision ${llm.precision}`);
      assert.ok(llm.coverage >= basic.coverage, `${theme.theme}: coverage ${llm.coverage} vs ${basic.coverage}`);
    }
    const mean = (key: 'llm' | 'fallback') => rows.reduce((sum, row) => sum + row[key], 0) / rows.length;
    assert.ok(mean('llm') > mean('fallback'), `mean precision LLM ${mean('llm')}, fallback ${mean('fallback')}`);
    await gateway.close();
  });

  it('rejects an empty store and an empty theme with a clear message', async () => {
    const empty = SqliteStore.open(':memory:');
    try {
      await assert.rejects(
        () => curate({ store: empty, theme: 'winter', llm: null, embedder: null, vectorNamespace: 'items' }),
        /curate: :memory: has no items to curate from/,
      );
    } finally {
      await empty.close();
    }
    await assert.rejects(() => curate({ ...common(), theme: '  ', llm: null }), /the theme is empty/);
  });

  it('dry-run estimate: one call with the exact prompt size, priced by the model; nothing in fallback mode', () => {
    const priced = estimateCurate({
      theme: 'winter camping',
      intents: 8,
      catalog,
      chat: { id: 'openai:gpt-4o-mini', model: 'gpt-4o-mini', provider: 'openai' },
      embedding: { id: 'openai:text-embedding-3-small', model: 'text-embedding-3-small', provider: 'openai' },
      missingVectors: 64,
    });
    assert.equal(priced.calls, 1);
    assert.ok(priced.promptTokens > 100 && priced.completionTokens === 330);
    assert.equal(priced.embeddingCalls, 8 + 2);
    assert.ok(priced.costUsd > 0 && priced.costUsd < 0.01);
    const offline = estimateCurate({ theme: 'winter camping', intents: 8, catalog, chat: null, embedding: null });
    assert.deepEqual([offline.mode, offline.calls, offline.costUsd], ['fallback', 0, 0]);
  });
});

describe('curated recall source', () => {
  const context = (exclude: string[]): RecallContext =>
    ({ catalog, exclude: new Set(exclude), allowed: null }) as unknown as RecallContext;

  it('serves the stored list only between its dates, without excluded items', async () => {
    await curate({ ...common(), theme: 'rainy season hiking', llm: null, from: '2027-06-01', to: '2027-06-30' });
    const list = await readCuratedList(store.kv, listName('rainy season hiking'));
    assert.ok(list);
    const at = (day: string) =>
      new CuratedSource({ name: 'rain', store, list: list.name, weight: 1, quota: 10, now: () => Date.parse(day) });
    assert.deepEqual(await at('2027-05-31T23:59:59Z').recall(context([]), 10), []);
    const inside = await at('2027-06-30T23:00:00Z').recall(context([list.items[0].id]), 5);
    assert.deepEqual(
      inside.map((item) => item.id),
      list.items.slice(1, 6).map((item) => item.id),
    );
    assert.deepEqual(await at('2027-07-01T00:00:00Z').recall(context([]), 10), []);
    assert.equal(isActive({ from: null, to: null }, 0), true);
  });

  it('is configured as {"source": "curated", "list": name} and named after its list', () => {
    const config = pipelineSchema.parse({
      recall: [{ source: 'curated', list: 'winter-camping', quota: 15 }],
      fallback: [],
    });
    const { sources, models } = createSources({ config, registry: new Map(), store });
    assert.ok(sources[0] instanceof CuratedSource);
    assert.equal(sources[0].name, 'curated:winter-camping');
    assert.equal(sources[0].quota, 15);
    assert.deepEqual(models, []);
    assert.throws(() => pipelineSchema.parse({ recall: [{ source: 'curated' }] }), /list/);
  });
});

describe('curate on the job runner', () => {
  it('runs once, skips a finished theme, replays from the cache with force, and stops at a budget', async () => {
    const gateway = gatewayFor(server, { store: store.kv });
    const job = (theme: string, name?: string) =>
      curateJob({
        units: [curateUnit(theme, { name })],
        store,
        catalog,
        embedder,
        vectorNamespace: 'items',
        size: 12,
        intents: 3,
      });
    server.reset();
    const first = await runLlmJob(job('long-haul flight'), { store, llm: gateway });
    assert.equal(first.done.llm, 1);
    assert.equal(server.counts.chat, 1);
    const list = await readCuratedList(store.kv, 'long-haul-flight');
    assert.equal(list?.mode, 'llm');
    assert.equal(list?.items.length, 12);
    assert.equal(list?.intents.length, 3);
    const again = await runLlmJob(job('long-haul flight'), { store, llm: gateway });
    assert.equal(again.skipped, 1);
    const forced = await runLlmJob(job('long-haul flight'), { store, llm: gateway, force: true });
    assert.equal(forced.usage.cacheHits, 1);
    assert.equal(server.counts.chat, 1, 'a rerun sends no new call');
    const dry = await runLlmJob(job('rainy season hiking'), { store, llm: gateway, dryRun: true });
    assert.equal(dry.estimate?.calls, 1);
    assert.equal(dry.estimate?.completionTokens, 130);
    const stopped = await runLlmJob(job('rainy season hiking', 'rain-budget'), {
      store,
      llm: gateway,
      budget: { maxCalls: 0 },
    });
    assert.match(stopped.message, /stopped at the budget/);
    assert.equal(server.counts.chat, 1);
    assert.equal(await readCuratedList(store.kv, 'rain-budget'), null);
    await gateway.close();
  });
});

describe('lmrec curate (CLI)', () => {
  const run = promisify(execFile);
  const bin = path.resolve(import.meta.dirname, '../../bin/lmrec.js');
  const lmrec = (args: string[], env: Record<string, string>) =>
    run(process.execPath, [bin, ...args], {
      cwd: path.dirname(file),
      env: {
        PATH: process.env.PATH,
        LMREC_DB: file,
        OPENAI_API_KEY: 'sk-curate-test-0000',
        LMREC_EMBEDDINGS: `openai-compatible:${server.url}#embed`,
        ...env,
      },
    });

  it('prints the fallback when no LLM is configured, the LLM list with one, and a dry-run estimate', async () => {
    const offline = await lmrec(['curate', 'summer beach trip', '--size', '10', '--quiet'], {});
    assert.match(offline.stdout, /curate: 1 units done; fallback ran for all of them, no LLM configured/);
    assert.match(offline.stdout, /fallback: no LLM configured.*; curated by the theme text and its embedding/);
    const llm = { LMREC_LLM: `openai-compatible:${server.url}#m` };
    const dry = await lmrec(['curate', 'long-haul flight', '--name', 'flights', '--dry-run'], llm);
    assert.match(dry.stdout, /dry run of curate: 1 units, 1 calls, ~\d+ prompt \+ 330 completion tokens/);
    assert.match(dry.stdout, /plus ~\d+ embedding call\(s\) to openai-compatible:/);
    const listed = await lmrec(
      ['curate', 'long-haul flight', '--name', 'flights', '--size', '8', '--from', '2027-01-01', '--json', '--quiet'],
      llm,
    );
    const { report, list } = JSON.parse(listed.stdout);
    assert.equal(report.done.llm, 1);
    assert.equal(list.mode, 'llm');
    assert.equal(list.name, 'flights');
    assert.equal(list.from, '2027-01-01');
    assert.equal(list.items.length, 8);
    await assert.rejects(() => lmrec(['curate', 'x', '--from', '2027-13-01'], {}), /from: expected a calendar date/);
  });
});
