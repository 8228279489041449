// bench:models — one comparison of the models of issue 9 (docs/more-models.md), as JSON and a markdown table:
// sequential next-item on ML-100K, CTR rankers, off-policy and causal estimates checked against the demo simulator,
// bundles and social recall on the demo shop.
// Usage: node bench/models.ts [--only sequential,epoch,ranking,causal,uplift,graph,social] [--scale 1] [--seed 1]
//        [--epochs 3] (SASRec epochs timed per thread count)

import fs from 'node:fs';
import path from 'node:path';
import { runDemoSimulation } from '../src/data/demo/run-simulation.ts';
import { debiasingRows, exposureRows, offPolicyRows, positionBiasRows } from './models/causal.ts';
import { log, machine, markdownTable, mergeRows, type ResultRow, timed } from './models/common.ts';
import { demoFeedback } from './models/demo-feedback.ts';
import { bundleRows, socialRows } from './models/graph-social.ts';
import { rankingBench } from './models/ranking.ts';
import { sasrecEpochBench, sequentialBench, sequentialModels } from './models/sequential.ts';
import { upliftRows } from './models/uplift.ts';

const flag = (name: string, fallback: string) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1] : fallback;
};
const sections = new Set(flag('only', 'sequential,epoch,ranking,causal,uplift,graph,social').split(','));
const seed = Number(flag('seed', '1'));
const scale = Number(flag('scale', '1'));
const rows: ResultRow[] = [];
const started = performance.now();

if (sections.has('sequential'))
  rows.push(...(await sequentialBench({ models: flag('models', sequentialModels.join(';')).split(';'), seed })));
if (sections.has('epoch'))
  rows.push(...(await sasrecEpochBench({ epochs: Number(flag('epochs', '3')), threads: [1, 2] })));

const demoSections = ['ranking', 'causal', 'uplift', 'graph', 'social'].filter((name) => sections.has(name));
if (demoSections.length) {
  log(`demo: simulating scale ${scale}`);
  const simulated = await timed(() => runDemoSimulation({ scale, seed: 42 }));
  const run = simulated.value;
  const events = demoFeedback(run);
  log(`demo: ${events.length} events in ${simulated.seconds.toFixed(1)} s`);
  if (sections.has('ranking') || sections.has('causal')) {
    const ranking = await rankingBench({ run, events, models: ['ftrl', 'fm', 'deepfm'], seed });
    if (sections.has('ranking')) rows.push(...ranking.rows);
    if (sections.has('causal')) {
      rows.push(...positionBiasRows(run, events));
      rows.push(...exposureRows(run, events));
      rows.push(...(await offPolicyRows({ run, events, trained: ranking.rankers.get('ftrl')! })));
      rows.push(...(await debiasingRows({ run, events, seed })));
    }
  }
  if (sections.has('uplift')) rows.push(...upliftRows({ run, events, seed, truthRequests: 2000 }));
  if (sections.has('graph')) rows.push(...(await bundleRows(run, events)));
  if (sections.has('social')) {
    const models = ['popularity', 'userknn', 'bpr', 'social-mf:socialWeight=0', 'social-mf', 'trust-knn'];
    rows.push(...(await socialRows({ run, events, models, seed })));
  }
}

// A partial run (--only) refreshes its sections in the combined results and keeps the others.
const folder = path.join(import.meta.dirname, 'results');
fs.mkdirSync(folder, { recursive: true });
const file = path.join(folder, 'models.json');
const previous = fs.existsSync(file)
  ? (JSON.parse(fs.readFileSync(file, 'utf8')) as { rows: ResultRow[]; runs?: unknown[] })
  : null;
const run = { machine: machine(), seconds: (performance.now() - started) / 1000, seed, scale, sections: [...sections] };
const result = { runs: [...(previous?.runs ?? []), run].slice(-10), rows: mergeRows(previous?.rows ?? [], rows) };
fs.writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
const runsText = result.runs.map((entry) => `- ${JSON.stringify(entry)}`).join('\n');
const markdown = `## bench:models\n\nRuns (machine, seconds, sections):\n${runsText}\n${markdownTable(result.rows)}\n`;
fs.writeFileSync(path.join(folder, 'models.md'), markdown);
process.stdout.write(`${markdownTable(rows)}\n`);
