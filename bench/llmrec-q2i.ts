// Query-to-item as an extra recall source (issue 6, §7): Recall@100 of the merged candidate list with and without
// the `q2i` source, on the demo store split in time (held-out future purchases and carts). The Q2I entries come from
// `enrich queries` (the job runner): the LLM when LMREC_LLM is configured, else the term fallback, which the output
// says. Writes bench/results/llmrec-q2i.json and .md.
// With --data amazon: amazon2018-scientific-lcrec (LMREC_DATASETS), leave last out → llmrec-q2i-amazon.{json,md}.
// Usage: node bench/llmrec-q2i.ts [--data demo|amazon] [--scale 0.5] [--seed 42] [--users 400] [--quota 50]
//   [--weights 0.3,0.5,1]

import fs from 'node:fs';
import path from 'node:path';
import { parseConfig } from '../src/core/config/index.ts';
import { createLlmGateway } from '../src/llm/gateway.ts';
import { runLlmJob } from '../src/llmrec/jobs/run-llm-job.ts';
import { q2iJob, selectQ2iUnits } from '../src/llmrec/q2i/q2i-job.ts';
import { Catalog } from '../src/pipeline/catalog.ts';
import { loadRegistry } from '../src/pipeline/default-registry.ts';
import { RecommendationPipeline } from '../src/pipeline/pipeline.ts';
import { saveBundle, trainBundle } from '../src/pipeline/trainer.ts';
import { UserHistory } from '../src/pipeline/user-history.ts';
import { amazonSplit, demoSplit, median } from './llmrec-split.ts';

const argument = (name: string, fallback: string) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1] : fallback;
};
const scale = Number(argument('scale', '0.5'));
const seed = Number(argument('seed', '42'));
const maxUsers = Number(argument('users', '400'));
const quota = Number(argument('quota', '50'));
const weights = argument('weights', '0.3,0.5,1').split(',').map(Number);
const k = 100;

const data = argument('data', 'demo');
const datasets = process.env.LMREC_DATASETS ?? path.resolve(import.meta.dirname, '../../shared/datasets');
const amazonFolder = path.join(datasets, 'amazon2018-scientific-lcrec');
if (data === 'amazon' && !fs.existsSync(amazonFolder)) {
  process.stderr.write(`skipped: ${amazonFolder} not found (set LMREC_DATASETS)\n`);
  process.exit(0);
}
const split = data === 'amazon' ? await amazonSplit(amazonFolder) : await demoSplit({ scale, seed });
const resultName = data === 'amazon' ? 'llmrec-q2i-amazon' : 'llmrec-q2i';
const store = split.train;
const catalog = await Catalog.load(store);
const registry = await loadRegistry();
const defaults = parseConfig({}).serving.pipeline.recall;
const plain = { rerank: { exploration: { method: 'none' }, diversity: { method: 'none' }, categoryCap: null } };
const without = parseConfig({ serving: { pipeline: { ...plain, recall: defaults } } }).serving.pipeline;
const withQ2i = (weight: number) =>
  parseConfig({
    serving: {
      pipeline: { ...plain, recall: [...defaults, { source: 'q2i', quota, weight, queries: 5, perQuery: 30 }] },
    },
  }).serving.pipeline;
const q2iOnly = parseConfig({
  serving: { pipeline: { ...plain, recall: [{ source: 'q2i', quota: k, queries: 5, perQuery: 30 }], fallback: [] } },
}).serving.pipeline;
const pipelines: Record<string, RecommendationPipeline> = {
  'without q2i': new RecommendationPipeline({ config: without, registry, store }),
};
for (const weight of weights)
  pipelines[`with q2i (weight ${weight})`] = new RecommendationPipeline({ config: withQ2i(weight), registry, store });
pipelines['q2i only'] = new RecommendationPipeline({ config: q2iOnly, registry, store });
let started = performance.now();
const bundle = await saveBundle(
  store,
  await trainBundle({ store, pipeline: pipelines[`with q2i (weight ${weights[0]})`], registry, catalog }),
);
const trainSeconds = (performance.now() - started) / 1000;

const users = [...split.future.keys()].sort().slice(0, maxUsers);
const gateway = createLlmGateway({ store: store.kv });
const settings = { queries: 5, perQuery: 30, ttlMs: 7 * 86_400_000, refreshAfterEvents: 5 };
started = performance.now();
const units = await selectQ2iUnits({ store, catalog, settings, withLlm: gateway.configured('chat'), userIds: users });
const report = await runLlmJob(q2iJob({ units, store, catalog, settings }), { store, llm: gateway });
const jobSeconds = (performance.now() - started) / 1000;
process.stderr.write(`${report.message}\n`);

const types = await store.feedback.types();
// How much of the future a same-category search can reach at all: held-out items in a leaf category of the user's
// positive history (the term fallback searches those categories; complements need the LLM's queries).
let sameCategory = 0;
let heldOut = 0;
for (const userId of users) {
  const history = UserHistory.fromFeedback(await store.feedback.forUser(userId, { limit: 200 }), types);
  const categories = new Set(history.positives().map((event) => catalog.get(event.itemId)?.leafCategory));
  for (const id of split.future.get(userId)!) {
    heldOut++;
    if (categories.has(catalog.get(id)?.leafCategory)) sameCategory++;
  }
}
const rows: Record<string, { recall: number[]; ms: number[] }> = {};
for (const name of Object.keys(pipelines)) rows[name] = { recall: [], ms: [] };
for (const userId of users) {
  const history = UserHistory.fromFeedback(await store.feedback.forUser(userId, { limit: 200 }), types);
  const future = split.future.get(userId)!;
  for (const [name, pipeline] of Object.entries(pipelines)) {
    const begin = performance.now();
    const result = await pipeline.run(
      { userId, n: k, online: false, requestId: `bench:${userId}` },
      { catalog, bundle, history },
    );
    rows[name].ms.push(performance.now() - begin);
    const hits = result.items.filter((item) => future.has(item.id)).length;
    rows[name].recall.push(hits / future.size);
  }
}
const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);
const results = Object.entries(rows).map(([name, row]) => ({
  candidates: name,
  [`recall@${k}`]: Number(mean(row.recall).toFixed(4)),
  medianMs: Number(median(row.ms).toFixed(2)),
}));
const base = results[0][`recall@${k}`] as number;
const ratios = results.slice(1, 1 + weights.length).map((row) => ({
  candidates: row.candidates,
  ratio: Number(((row[`recall@${k}`] as number) / base).toFixed(3)),
}));
const output = {
  bench: 'llmrec-q2i',
  dataset:
    data === 'amazon'
      ? 'amazon2018-scientific-lcrec, leave last out (the last item of each sequence held out)'
      : `demo store, scale ${scale}, seed ${seed}, split at the 80th percentile of event time`,
  q2iMode: report.mode,
  q2iMessage: report.message,
  users: users.length,
  events: split.events,
  recallSource: { quota, weights, queries: settings.queries, perQuery: settings.perQuery },
  results,
  sameRunRatios: ratios,
  heldOutInHistoryCategories: Number((sameCategory / heldOut).toFixed(4)),
  seconds: { train: Number(trainSeconds.toFixed(1)), enrichQueries: Number(jobSeconds.toFixed(1)) },
  node: process.version,
};
const folder = path.join(import.meta.dirname, 'results');
fs.mkdirSync(folder, { recursive: true });
fs.writeFileSync(path.join(folder, `${resultName}.json`), `${JSON.stringify(output, null, 2)}\n`);
const table = [
  `# Q2I as a recall source: Recall@${k} of the merged candidates`,
  '',
  `${output.dataset}; q2i source quota ${quota}; ${users.length} users with held-out items; Q2I entries by the ${report.mode === 'llm' ? 'LLM' : 'term fallback (no LLM configured)'}.`,
  '',
  `| candidates | Recall@${k} | median ms per request |`,
  '| --- | --- | --- |',
  ...results.map((row) => `| ${row.candidates} | ${row[`recall@${k}`]} | ${row.medianMs} |`),
  '',
  `Same-run ratios of Recall@${k}, with / without Q2I: ${ratios.map((row) => `${row.candidates} ${row.ratio}`).join('; ')}.`,
  '',
  `Held-out items in a leaf category of the user's positive history: ${(100 * output.heldOutInHistoryCategories).toFixed(1)}% (about the most a same-category term search can reach; the rest lie in categories the user has not bought from, such as complements, which the LLM's "people who like A also look for …" queries target).`,
].join('\n');
fs.writeFileSync(path.join(folder, `${resultName}.md`), `${table}\n`);
process.stdout.write(`${table}\n`);
await gateway.close();
await store.close();
