// `npm run bench:accuracy`: lmrec's accuracy on MovieLens 100K beside published figures, under each publication's
// own protocol (never mixing protocols): Microsoft Recommenders' table (stratified 75/25, 3 seeds, top 10) and
// Gorse's 2019 table (5-fold cross-validation, top 10). Writes bench/results/accuracy.{json,md}
// (accuracy-item-stratified.* with --stratify-by item).
// Usage: node bench/accuracy.ts [--models a,b,c] [--datasets DIR] [--stratify-by user|item]

import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadDataInto } from '../src/cli/eval-source.ts';
import { datasetFromStore } from '../src/data/dataset-from-store.ts';
import { runExperiment } from '../src/eval/experiment.ts';
import { modelRegistry, modelRegistryModule } from '../src/eval/model-registry.ts';
import { parseModelSpecs } from '../src/eval/model-specs.ts';
import type { Protocol } from '../src/eval/protocol.ts';
import { SqliteStore } from '../src/store/sqlite/store.ts';

const root = path.resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: { models: { type: 'string' }, datasets: { type: 'string' }, 'stratify-by': { type: 'string' } },
});
const datasets = path.resolve(root, values.datasets ?? process.env.LMREC_DATASETS ?? '../shared/datasets');
const folder = path.join(datasets, 'ml-100k');
if (!fs.existsSync(path.join(folder, 'u.data'))) {
  console.log(`skipped: ${folder}/u.data not found (set LMREC_DATASETS)`);
  process.exit(0);
}

interface Published {
  model: string;
  ndcg: number;
  precision?: number;
  recall?: number;
}

const studies: Array<{ title: string; protocol: Protocol; published: Published[]; source: string }> = [
  {
    title: `Microsoft Recommenders protocol: per-${values['stratify-by'] === 'item' ? 'item' : 'user'} stratified 75/25, 3 seeds, top 10`,
    source: 'Microsoft Recommenders benchmark table (ML-100K)',
    protocol: {
      name: 'stratified',
      testRatio: 0.25,
      folds: 5,
      // The protocol stratifies per user; Microsoft's MovieLens notebook calls the splitter per item.
      stratifyBy: values['stratify-by'] === 'item' ? 'item' : 'user',
      seeds: [42, 43, 44],
      validation: false,
    },
    published: [
      { model: 'BiVAE', ndcg: 0.4751, precision: 0.4118, recall: 0.2191 },
      { model: 'BPR (Cornac)', ndcg: 0.442, precision: 0.3882, recall: 0.2125 },
      { model: 'LightGCN', ndcg: 0.4198 },
    ],
  },
  {
    title: 'Gorse 2019 protocol: 5-fold cross-validation, full ranking, top 10',
    source: "Gorse's 2019 benchmark table (ML-100K)",
    protocol: { name: 'kfold', testRatio: 0.2, folds: 5, stratifyBy: 'user', seeds: [42], validation: false },
    published: [
      { model: 'WRMF / iALS', ndcg: 0.4161, precision: 0.3473, recall: 0.2367 },
      { model: 'BPR', ndcg: 0.3764 },
      { model: 'ItemPop', ndcg: 0.2179 },
    ],
  },
];

const registry = modelRegistry;
const wanted = values.models ?? ['ease', 'ials', 'bpr', 'itemknn', 'rp3beta', 'popularity'].join(',');
const specs = parseModelSpecs(wanted).filter((spec) => registry.get(spec.name));
const missing = parseModelSpecs(wanted)
  .filter((spec) => !registry.get(spec.name))
  .map((spec) => spec.label);

const store = SqliteStore.open(':memory:');
await loadDataInto(store, { data: folder, format: 'movielens' });
const { dataset } = await datasetFromStore(store);
await store.close();

const report: Array<Record<string, unknown>> = [];
const markdown: string[] = ['# Accuracy on MovieLens 100K against published figures', ''];
if (missing.length) markdown.push(`Not in this build's registry (skipped): ${missing.join(', ')}.`, '');
for (const study of studies) {
  const results = await runExperiment({
    dataset,
    protocol: study.protocol,
    models: specs,
    registry,
    k: 10,
    metrics: ['precision', 'recall', 'ndcg', 'map'],
    parallel: { registry: modelRegistryModule },
  });
  markdown.push(
    `## ${study.title}`,
    '',
    '| model | NDCG@10 | P@10 | R@10 | MAP@10 | fit s (median run) |',
    '|---|---|---|---|---|---|',
  );
  for (const result of results) {
    const fits = result.runs.map((run) => run.fitSeconds).sort((a, b) => a - b);
    const median = fits[Math.floor(fits.length / 2)];
    const m = result.metrics;
    markdown.push(
      `| lmrec ${result.model} | ${f(m['ndcg@10'])} | ${f(m['precision@10'])} | ${f(m['recall@10'])} | ${f(m['map@10'])} | ${median.toFixed(2)} |`,
    );
    report.push({
      protocol: study.protocol.name,
      model: result.model,
      params: result.params,
      metrics: m,
      fitSecondsMedian: median,
    });
  }
  for (const published of study.published) {
    markdown.push(
      `| published ${published.model} | ${f(published.ndcg)} | ${f(published.precision)} | ${f(published.recall)} | | |`,
    );
  }
  markdown.push('', `Published: ${study.source}.`, '');
}

const out = path.join(root, 'bench', 'results');
fs.mkdirSync(out, { recursive: true });
const json = {
  dataset: 'ml-100k',
  users: dataset.userCount,
  items: dataset.itemCount,
  interactions: dataset.interactionCount,
  studies,
  results: report,
};
const suffix = values['stratify-by'] === 'item' ? '-item-stratified' : '';
fs.writeFileSync(path.join(out, `accuracy${suffix}.json`), `${JSON.stringify(json, null, 2)}\n`);
fs.writeFileSync(path.join(out, `accuracy${suffix}.md`), `${markdown.join('\n')}\n`);
console.log(markdown.join('\n'));

function f(value: number | undefined): string {
  return value === undefined || Number.isNaN(value) ? '' : value.toFixed(4);
}
