// Evaluates `enrich attributes` and `enrich copy` on the demo catalog, whose generator knows every item's true
// attributes. Items are stripped to their text (title, description, Chinese copies) and the category key; gold is
// the true attributes the English text states. Measures extraction precision/recall of the rule fallback and of the
// LLM path against a scripted fake model (bench/enrich/scripted-model.ts: the pipeline around a model), plus a real
// provider on a sample when LMREC_LLM is set; the dry-run estimate for gpt-4o-mini; and the copy checker's
// detection of invented facts and false rejections. Writes bench/results/enrich.json and .md.
// Usage: node bench/llmrec-enrich.ts [--scale 1] [--seed 42] [--llm-items 60] [--copy-items 300]

import fs from 'node:fs';
import path from 'node:path';
import { createRandom, hashString } from '../src/core/random.ts';
import type { Item } from '../src/core/types.ts';
import { demoBrands } from '../src/data/demo/brands.ts';
import { generateCatalog } from '../src/data/demo/catalog.ts';
import { createLlmGateway } from '../src/llm/gateway.ts';
import type { EnrichedAttributes } from '../src/llmrec/enrich/apply-attributes.ts';
import { checkCopy } from '../src/llmrec/enrich/copy-checker.ts';
import { templateCopy } from '../src/llmrec/enrich/copy-template.ts';
import { enrichAttributes } from '../src/llmrec/enrich/enrich-attributes.ts';
import { enrichCopy } from '../src/llmrec/enrich/enrich-copy.ts';
import type { JobReport } from '../src/llmrec/jobs/llm-job.ts';
import { SqliteStore } from '../src/store/sqlite/store.ts';
import { startFakeOpenAiServer } from '../src/testing/fake-openai-server.ts';
import { align, type Gold, goldFields, goldOf, matches, textOf } from './enrich/gold.ts';
import { markdown, type Score, type Scores } from './enrich/report.ts';
import { scriptedModel } from './enrich/scripted-model.ts';

const argument = (name: string, fallback: string) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1] : fallback;
};
const scale = Number(argument('scale', '1'));
const seed = Number(argument('seed', '42'));
const llmItems = Number(argument('llm-items', '60'));
const copyItems = Number(argument('copy-items', '300'));

const catalog = generateCatalog({ seed, scale, endTime: Date.UTC(2026, 0, 1), days: 90 });
const originals = catalog.items;
const textOnly: Item[] = originals.map((item) => ({
  ...item,
  attributes: { category_id: item.attributes.category_id },
  tags: [],
}));
const gold = new Map<string, Gold>(originals.map((item) => [item.id, goldOf(item.attributes, textOf(item))]));

function score(items: readonly Item[]): Scores {
  const counts = new Map<string, { tp: number; fp: number; fn: number }>(
    goldFields.map((f) => [f, { tp: 0, fp: 0, fn: 0 }]),
  );
  for (const item of items) {
    const truth = gold.get(item.id) ?? {};
    const values = (item.attributes.enriched as EnrichedAttributes | undefined)?.values ?? {};
    const found = new Map<string, number | string>();
    for (const [name, value] of Object.entries(values)) {
      const aligned = align(name, value);
      if (aligned && !found.has(aligned.field)) found.set(aligned.field, aligned.value);
    }
    for (const field of goldFields) {
      const count = counts.get(field)!;
      const extracted = found.get(field);
      const expected = truth[field];
      if (extracted !== undefined && expected !== undefined) {
        if (matches(extracted, expected)) count.tp++;
        else {
          count.fp++;
          count.fn++;
        }
      } else if (extracted !== undefined) count.fp++;
      else if (expected !== undefined) count.fn++;
    }
  }
  const toScore = (c: { tp: number; fp: number; fn: number }): Score => ({
    precision: c.tp / Math.max(1, c.tp + c.fp),
    recall: c.tp / Math.max(1, c.tp + c.fn),
    ...c,
  });
  const total = { tp: 0, fp: 0, fn: 0 };
  const byField: Record<string, Score> = {};
  for (const [field, c] of counts) {
    total.tp += c.tp;
    total.fp += c.fp;
    total.fn += c.fn;
    if (c.tp + c.fp + c.fn > 0) byField[field] = toScore(c);
  }
  return { overall: toScore(total), byField };
}

type GatewayFactory = ((store: SqliteStore) => ReturnType<typeof createLlmGateway>) | null;

async function run(
  items: readonly Item[],
  makeGateway: GatewayFactory,
  makeStore: () => SqliteStore,
): Promise<{ scores: Scores; reports: JobReport[]; seconds: number; store: SqliteStore }> {
  const store = makeStore();
  await store.items.upsert(items);
  const gateway = makeGateway ? makeGateway(store) : null;
  const started = performance.now();
  const reports = await enrichAttributes({ store, llm: gateway, concurrency: 8 });
  const seconds = (performance.now() - started) / 1000;
  const enriched = await store.items.get(items.map((item) => item.id));
  return { scores: score(enriched), reports, seconds, store };
}

const memory = () => SqliteStore.open(':memory:');
const result: Record<string, unknown> = {
  seed,
  scale,
  items: originals.length,
  goldValues: [...gold.values()].reduce((n, g) => n + Object.keys(g).length, 0),
};

// 1. The rule fallback.
const fallback = await run(textOnly, null, memory);
result.fallback = { ...fallback.scores, seconds: fallback.seconds, message: fallback.reports.at(-1)?.message };
console.log(
  `fallback: P ${fallback.scores.overall.precision.toFixed(3)} R ${fallback.scores.overall.recall.toFixed(3)}`,
);

// 2. The LLM path against the scripted fake model, then a rerun that the cache answers.
const server = await startFakeOpenAiServer({ defaultReply: scriptedModel(gold, seed) });
const fake = (store: SqliteStore) =>
  createLlmGateway({
    config: { chat: `openai-compatible:${server.url}#scripted`, retries: 0, timeoutMs: 10_000, concurrency: 8 },
    env: { OPENAI_API_KEY: 'sk-bench' },
    store: store.kv,
  });
const scripted = await run(textOnly, fake, memory);
const callsFirst = server.counts.chat;
const rerun = await enrichAttributes({
  store: scripted.store,
  llm: fake(scripted.store),
  force: true,
  concurrency: 8,
});
result.scriptedLlm = {
  ...scripted.scores,
  seconds: scripted.seconds,
  calls: callsFirst,
  units: scripted.reports.reduce((n, r) => n + r.done.llm + r.done.fallback, 0),
  fellBack: scripted.reports.reduce((n, r) => n + r.fellBack.length, 0),
  rerunCalls: server.counts.chat - callsFirst,
  rerunCacheHits: rerun.reduce((n, r) => n + r.usage.cacheHits, 0),
};
console.log(
  `scripted LLM: P ${scripted.scores.overall.precision.toFixed(3)} R ${scripted.scores.overall.recall.toFixed(3)}, ${callsFirst} calls; rerun ${server.counts.chat - callsFirst} calls`,
);

// 3. The dry-run estimate, priced for gpt-4o-mini (no call is made).
const estimateStore = memory();
await estimateStore.items.upsert(textOnly);
const estimate = await enrichAttributes({
  store: estimateStore,
  llm: createLlmGateway({
    config: { chat: 'openai:gpt-4o-mini' },
    env: { OPENAI_API_KEY: 'sk-none' },
    store: estimateStore.kv,
  }),
  dryRun: true,
});
result.dryRun = estimate.map((report) => report.estimate);

// 4. A real provider on a sample, when one is configured.
const configured = process.env.LMREC_LLM && process.env.LMREC_LLM !== 'none';
if (configured) {
  const sample = textOnly
    .filter((_, k) => k % Math.max(1, Math.floor(textOnly.length / llmItems)) === 0)
    .slice(0, llmItems);
  const real = (store: SqliteStore) => createLlmGateway({ store: store.kv });
  const measured = await run(sample, real, memory);
  result.realLlm = {
    model: process.env.LMREC_LLM,
    items: sample.length,
    ...measured.scores,
    seconds: measured.seconds,
  };
} else result.realLlm = null;

// 5. The copy checker: invented facts of six kinds added to faithful copy, and faithful copy alone.
const random = createRandom(hashString('copy', seed));
const copySample = originals
  .filter((_, k) => k % Math.max(1, Math.floor(originals.length / copyItems)) === 0)
  .slice(0, copyItems);
const brands = demoBrands.map((brand) => brand.name.en);
const kinds: Record<string, (item: Item) => string | null> = {
  people: (item) =>
    typeof item.attributes.capacity === 'number'
      ? `Sleeps ${item.attributes.capacity + 2} people.`
      : `A roomy 9-person design.`,
  weight: (item) =>
    typeof item.attributes.weight_g === 'number'
      ? `Weighs only ${((item.attributes.weight_g * 1.5) / 1000).toFixed(1)} kg.`
      : null,
  volume: () => `Holds ${17 + random.int(5)} L of gear.`,
  colour: (item) => (/red/i.test(String(item.attributes.color)) ? 'Also in purple.' : 'Available in bright red.'),
  material: (item) =>
    /titanium/i.test(JSON.stringify(item.attributes)) ? 'Made of merino wool.' : 'Made of titanium.',
  brand: (item) =>
    `Better than anything from ${brands.find((brand) => brand !== item.attributes.brand && !JSON.stringify(item).includes(brand))}.`,
};
const copyResult: Record<string, { tried: number; rejected: number }> = { faithful: { tried: 0, rejected: 0 } };
for (const item of copySample) {
  const faithful = templateCopy(item, 'en');
  const text = [faithful.description, ...faithful.sellingPoints].join('\n');
  copyResult.faithful.tried++;
  if (!checkCopy(item, text, brands).ok) copyResult.faithful.rejected++;
  for (const [kind, invent] of Object.entries(kinds)) {
    const claim = invent(item);
    if (!claim) continue;
    copyResult[kind] ??= { tried: 0, rejected: 0 };
    copyResult[kind].tried++;
    if (!checkCopy(item, `${text}\n${claim}`, brands).ok) copyResult[kind].rejected++;
  }
}
result.copyChecker = copyResult;

// 6. The copy job end to end against scripted replies: half the first answers and 40% of retries invent a fact.
server.reset();
const copyStore = memory();
const jobItems = copySample.slice(0, 100);
await copyStore.items.upsert(jobItems);
const byId = new Map(jobItems.map((item) => [item.id, item]));
const copyServer = await startFakeOpenAiServer({
  defaultReply: (body) => {
    const text = body.messages.map((message) => String(message.content)).join('\n');
    const id = /<item id="([^"]+)"/.exec(text)?.[1] ?? '';
    const item = byId.get(id)!;
    const retry = /Your last answer stated facts/.test(text);
    const roll = createRandom(hashString(`${id}:${retry}`, seed)).next();
    const faithful = templateCopy(item, 'en');
    const invented = roll < (retry ? 0.4 : 0.5) ? ` ${kinds.people(item)}` : '';
    return JSON.stringify({
      description: `${faithful.description}${invented}`,
      selling_points: faithful.sellingPoints.length >= 2 ? faithful.sellingPoints : [item.title, 'Backed by its maker'],
    });
  },
});
const copyReport = await enrichCopy({
  store: copyStore,
  llm: createLlmGateway({
    config: { chat: `openai-compatible:${copyServer.url}#scripted`, retries: 0 },
    env: { OPENAI_API_KEY: 'sk-bench' },
    store: copyStore.kv,
  }),
  concurrency: 8,
});
const stored = await copyStore.items.get(jobItems.map((item) => item.id));
const rejections = stored.map(
  (item) => (item.attributes.enriched_copy as { en: { rejections: number } }).en.rejections,
);
result.copyJob = {
  items: jobItems.length,
  calls: copyServer.counts.chat,
  acceptedFirst: rejections.filter((r) => r === 0).length,
  acceptedAfterRetry: rejections.filter((r) => r === 1).length,
  template: copyReport.done.fallback,
  storedCopyPassingChecker: stored.filter(
    (item) => checkCopy(item, `${item.text?.description_generated}\n${item.text?.selling_points_generated}`, brands).ok,
  ).length,
};
await server.close();
await copyServer.close();

fs.mkdirSync(path.join(import.meta.dirname, 'results'), { recursive: true });
fs.writeFileSync(path.join(import.meta.dirname, 'results', 'enrich.json'), `${JSON.stringify(result, null, 2)}\n`);
fs.writeFileSync(path.join(import.meta.dirname, 'results', 'enrich.md'), markdown(result));
console.log(markdown(result));
