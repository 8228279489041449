// `npm run bench:llmrec`: the LLM-in-the-recommender figures (docs/llmrec.md). Each section is its own function
// and writes its own key of bench/results/llmrec.{json,md}, so sections can be added without touching others.
//  - coldStart: the cold-items protocol on amazon2018-scientific-lcrec (20% of items held out entirely), iALS vs
//    content vs fused, recall@20 and NDCG@20 on all, cold and warm items, fit times; embedded embedder, no LLM.
//  - curation: `curate` on the demo shop, LLM intents (scripted on the fake OpenAI server) vs the theme-text
//    fallback, precision of the curated items' categories against each theme's expected categories.
// Usage: node bench/llmrec.ts [--sections coldStart,curation] [--seeds N] [--datasets DIR]

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { evalSideInformation } from '../src/cli/eval-side-information.ts';
import { loadDataInto } from '../src/cli/eval-source.ts';
import { loadConfig } from '../src/core/config/index.ts';
import { silentProgress } from '../src/core/progress.ts';
import { datasetFromStore } from '../src/data/dataset-from-store.ts';
import { buildDemoStore } from '../src/data/demo/demo-store.ts';
import { loadCatalog } from '../src/data/features/item-catalog.ts';
import { runExperiment } from '../src/eval/experiment.ts';
import { modelRegistry, modelRegistryModule } from '../src/eval/model-registry.ts';
import { parseModelSpecs } from '../src/eval/model-specs.ts';
import { createLlmGateway } from '../src/llm/gateway.ts';
import { curate } from '../src/llmrec/curate.ts';
import { scoreCuratedList } from '../src/llmrec/curate-eval.ts';
import { Catalog } from '../src/pipeline/catalog.ts';
import { SqliteStore } from '../src/store/sqlite/store.ts';
import { demoCurationThemes, scriptedCurateReply } from '../src/testing/curation-themes.ts';
import { startFakeOpenAiServer } from '../src/testing/fake-openai-server.ts';

const root = path.resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: { sections: { type: 'string' }, seeds: { type: 'string' }, datasets: { type: 'string' } },
});
const datasets = path.resolve(root, values.datasets ?? process.env.LMREC_DATASETS ?? '../shared/datasets');
const resultsFolder = path.join(root, 'bench', 'results');
const jsonFile = path.join(resultsFolder, 'llmrec.json');

interface Section {
  json: unknown;
  markdown: string[];
}

const f = (value: number | undefined) => (value === undefined || Number.isNaN(value) ? '' : value.toFixed(4));

/** Cold-start items: iALS, content and fused under the cold-items protocol (as `lmrec eval --protocol cold-items`). */
async function coldStartSection(seedCount: number): Promise<Section | null> {
  const folder = path.join(datasets, 'amazon2018-scientific-lcrec');
  if (!fs.existsSync(path.join(folder, 'Scientific.inter.json'))) {
    console.log(`coldStart skipped: ${folder} not found (set LMREC_DATASETS)`);
    return null;
  }
  delete process.env.LMREC_LLM;
  const config = await loadConfig({ file: undefined, overrides: {} });
  const store = SqliteStore.open(':memory:');
  await loadDataInto(store, { data: folder, format: 'amazon', config });
  const { dataset } = await datasetFromStore(store);
  const catalog = await loadCatalog(store, dataset.items);
  const specs = parseModelSpecs('ials,content,fused');
  const side = await evalSideInformation({ store, catalog, specs, config, progress: silentProgress, inMemory: true });
  await store.close();
  const seeds = Array.from({ length: seedCount }, (_, index) => 42 + index);
  const k = 20;
  const results = await runExperiment({
    dataset,
    protocol: { name: 'cold-items', testRatio: 0.2, folds: 5, stratifyBy: 'user', seeds, validation: false },
    models: specs,
    registry: modelRegistry,
    k,
    metrics: ['recall', 'ndcg'],
    side,
    parallel: { registry: modelRegistryModule, workers: os.availableParallelism() },
  });
  const rows = results.map((result) => ({
    model: result.model,
    fitSeconds: Number(result.fitSeconds.toFixed(2)),
    metrics: Object.fromEntries(
      ['recall', 'ndcg'].flatMap((metric) =>
        ['', 'cold.', 'warm.'].map((part) => [`${part}${metric}@${k}`, result.metrics[`${part}${metric}@${k}`]]),
      ),
    ),
  }));
  const byModel = Object.fromEntries(rows.map((row) => [row.model, row.metrics]));
  // Per seed: the three acceptance ratios, each from one run's models on the same split.
  const runOf = (model: string, index: number) => results.find((result) => result.model === model)!.runs[index];
  const perSeed = seeds.map((seed, index) => {
    const ndcg = (model: string, part: 'cold' | 'warm') => runOf(model, index)[part]!.metrics[`ndcg@${k}`];
    return {
      seed,
      fusedColdOverContent: ndcg('fused', 'cold') / ndcg('content', 'cold'),
      fusedColdOverIals: ndcg('fused', 'cold') / ndcg('ials', 'cold'),
      fusedWarmOverIals: ndcg('fused', 'warm') / ndcg('ials', 'warm'),
      fusedFitSeconds: Number(runOf('fused', index).fitSeconds.toFixed(2)),
      ialsFitSeconds: Number(runOf('ials', index).fitSeconds.toFixed(2)),
    };
  });
  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  };
  const ratios = {
    fusedColdOverContent: byModel.fused['cold.ndcg@20'] / byModel.content['cold.ndcg@20'],
    fusedColdOverIals: byModel.fused['cold.ndcg@20'] / byModel.ials['cold.ndcg@20'],
    fusedWarmOverIals: byModel.fused['warm.ndcg@20'] / byModel.ials['warm.ndcg@20'],
  };
  const markdown = [
    '## Cold-start items (amazon2018-scientific-lcrec, cold-items protocol)',
    '',
    `20% of the items held out entirely (and 20% of the other items' interactions per user), full ranking, K=${k}, ` +
      `seeds ${seeds.join(', ')} (means); embedded embedder, no LLM. ${dataset.userCount} users, ${dataset.itemCount} items, ` +
      `${dataset.interactionCount} interactions.`,
    '',
    '| model | recall@20 all | ndcg@20 all | recall@20 cold | ndcg@20 cold | recall@20 warm | ndcg@20 warm | fit s |',
    '|---|---|---|---|---|---|---|---|',
    ...rows.map(
      (row) =>
        `| ${row.model} | ${f(row.metrics['recall@20'])} | ${f(row.metrics['ndcg@20'])} | ${f(row.metrics['cold.recall@20'])} | ` +
        `${f(row.metrics['cold.ndcg@20'])} | ${f(row.metrics['warm.recall@20'])} | ${f(row.metrics['warm.ndcg@20'])} | ${row.fitSeconds} |`,
    ),
    '',
    `Ratios of the means: fused/content cold NDCG@20 ${ratios.fusedColdOverContent.toFixed(3)}, fused/iALS cold ` +
      `${ratios.fusedColdOverIals.toFixed(2)}×, fused/iALS warm ${ratios.fusedWarmOverIals.toFixed(3)}.`,
    '',
    'Per seed (same-run ratios of NDCG@20; targets: cold/content ≥ 0.9, cold/iALS > 1, warm/iALS ≥ 0.98):',
    '',
    '| seed | fused/content cold | fused/iALS cold | fused/iALS warm | fit s iALS | fit s fused |',
    '|---|---|---|---|---|---|',
    ...perSeed.map(
      (row) =>
        `| ${row.seed} | ${row.fusedColdOverContent.toFixed(3)} | ${row.fusedColdOverIals.toFixed(2)} | ` +
        `${row.fusedWarmOverIals.toFixed(3)} | ${row.ialsFitSeconds} | ${row.fusedFitSeconds} |`,
    ),
    `| median | ${median(perSeed.map((row) => row.fusedColdOverContent)).toFixed(3)} | ` +
      `${median(perSeed.map((row) => row.fusedColdOverIals)).toFixed(2)} | ` +
      `${median(perSeed.map((row) => row.fusedWarmOverIals)).toFixed(3)} | ` +
      `${median(perSeed.map((row) => row.ialsFitSeconds))} | ${median(perSeed.map((row) => row.fusedFitSeconds))} |`,
    '',
    'Fit times are wall-clock on a shared 2-core machine; fused fits iALS twice (probe and final) and scores the ' +
      "probe's settings on 1,000 users.",
    '',
  ];
  return {
    json: { dataset: 'amazon2018-scientific-lcrec', protocol: 'cold-items', k, seeds, results: rows, ratios, perSeed },
    markdown,
  };
}

/** Curation: category precision of curated lists on the demo shop, LLM intents (fake server) vs the fallback. */
async function curationSection(): Promise<Section> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'lmrec-bench-curate-'));
  const store = SqliteStore.open(path.join(folder, 'demo.db'));
  const server = await startFakeOpenAiServer({
    defaultReply: (body) =>
      scriptedCurateReply(String(body.messages.filter((message) => message.role === 'user').at(-1)?.content ?? '')),
  });
  try {
    await buildDemoStore(store, { scale: 0.25, seed: 7 });
    const catalog = await Catalog.load(store);
    const offline = createLlmGateway({ config: { chat: null }, env: {}, store: store.kv });
    const online = createLlmGateway({
      config: { chat: `openai-compatible:${server.url}#scripted` },
      env: { OPENAI_API_KEY: 'sk-bench-0000' },
      store: store.kv,
    });
    const embedder = await offline.embedder();
    type Scored = ReturnType<typeof scoreCuratedList>;
    const rows: Array<{ theme: string; llm: Scored; fallback: Scored; llmSeconds: number }> = [];
    for (const theme of demoCurationThemes) {
      const common = {
        store,
        catalog,
        embedder,
        vectorNamespace: 'items',
        theme: theme.theme,
        size: 20,
        perIntent: 6,
        save: false,
      };
      const started = performance.now();
      const llm = scoreCuratedList(await curate({ ...common, llm: online }), catalog, theme.expected);
      const llmSeconds = (performance.now() - started) / 1000;
      const fallback = scoreCuratedList(await curate({ ...common, llm: null }), catalog, theme.expected);
      rows.push({ theme: theme.theme, llm, fallback, llmSeconds: Number(llmSeconds.toFixed(2)) });
    }
    await online.close();
    await offline.close();
    const mean = (pick: (row: (typeof rows)[number]) => number) =>
      rows.reduce((sum, row) => sum + pick(row), 0) / rows.length;
    const summary = {
      llmPrecision: mean((row) => row.llm.precision),
      fallbackPrecision: mean((row) => row.fallback.precision),
      llmCoverage: mean((row) => row.llm.coverage),
      fallbackCoverage: mean((row) => row.fallback.coverage),
    };
    const markdown = [
      '## Curation (demo shop, 300 items)',
      '',
      `Lists of 20 items; precision = share of items in a category the theme calls for, coverage = share of those ` +
        `categories present. LLM intents are scripted on the fake OpenAI server (what a capable model writes; ` +
        `src/testing/curation-themes.ts); the fallback searches the theme text (full-text + ${embedder.name} embedding).`,
      '',
      '| theme | precision LLM | precision fallback | coverage LLM | coverage fallback |',
      '|---|---|---|---|---|',
      ...rows.map(
        (row) =>
          `| ${row.theme} | ${f(row.llm.precision)} | ${f(row.fallback.precision)} | ${f(row.llm.coverage)} | ${f(row.fallback.coverage)} |`,
      ),
      `| **mean** | ${f(summary.llmPrecision)} | ${f(summary.fallbackPrecision)} | ${f(summary.llmCoverage)} | ${f(summary.fallbackCoverage)} |`,
      '',
    ];
    return { json: { store: 'demo scale 0.25 seed 7', embedder: embedder.name, results: rows, summary }, markdown };
  } finally {
    await server.close();
    await store.close();
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

const sections: Record<string, () => Promise<Section | null>> = {
  coldStart: () => coldStartSection(Number(values.seeds ?? 1)),
  curation: curationSection,
};
const wanted = (values.sections ?? Object.keys(sections).join(',')).split(',').map((name) => name.trim());
const previous = fs.existsSync(jsonFile) ? JSON.parse(fs.readFileSync(jsonFile, 'utf8')) : {};
const machine = () => ({
  cpus: os.availableParallelism(),
  node: process.version,
  loadAverage: os.loadavg().map((value) => Number(value.toFixed(2))),
});
const json: Record<string, unknown> = { ...previous, machine: machine() };
const markdownBySection: Record<string, string[]> = previous.markdown ?? {};
for (const name of wanted) {
  const run = sections[name];
  if (!run) throw new Error(`unknown section "${name}" (known: ${Object.keys(sections).join(', ')})`);
  const section = await run();
  if (!section) continue;
  const { loadAverage } = machine();
  json[name] = { ...(section.json as object), loadAverage };
  markdownBySection[name] = [...section.markdown, `Load average at the end: ${loadAverage.join(', ')}.`, ''];
}
json.markdown = markdownBySection;
fs.mkdirSync(resultsFolder, { recursive: true });
fs.writeFileSync(jsonFile, `${JSON.stringify(json, null, 2)}\n`);
const ordered = [...Object.keys(sections), ...Object.keys(markdownBySection).filter((name) => !(name in sections))];
const markdown = [
  '# LLM in the recommender: measured figures',
  '',
  ...ordered.flatMap((name) => markdownBySection[name] ?? []),
];
fs.writeFileSync(path.join(resultsFolder, 'llmrec.md'), `${markdown.join('\n')}\n`);
console.log(markdown.join('\n'));
