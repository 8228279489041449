// `lmrec eval`: fit and evaluate models under an offline protocol; a table on stdout, JSON and an HTML report.

import fs from 'node:fs';
import type { Command } from 'commander';
import { InvalidInputError } from '../../core/errors.ts';
import { datasetFromStore } from '../../data/dataset-from-store.ts';
import { runExperiment } from '../../eval/experiment.ts';
import { interimRegistry } from '../../eval/interim-registry.ts';
import { categoryFeatures } from '../../eval/item-features.ts';
import { defaultMetrics, metricKey, parseMetricNames } from '../../eval/metric-names.ts';
import { parseModelSpecs } from '../../eval/model-specs.ts';
import { describeProtocol, type Protocol, parseProtocolName } from '../../eval/protocol.ts';
import { SqliteStore } from '../../store/sqlite/store.ts';
import type { Store } from '../../store/store.ts';
import { commandConfig, commandProgress, printTable, withStore } from '../context.ts';
import { loadDataInto } from '../eval-source.ts';

interface EvalFlags {
  data?: string;
  format?: string;
  protocol: string;
  testRatio: string;
  folds: string;
  stratifyBy: string;
  models: string;
  k: string;
  seed: string;
  seeds: string;
  metrics?: string;
  sampled?: string;
  sampler: string;
  json?: string;
}

export function registerEval(program: Command): void {
  program
    .command('eval')
    .description('fit models and evaluate them offline (full ranking, training items excluded)')
    .option('--data <path>', 'dataset folder or file to evaluate on (instead of the store)')
    .option('--format <format>', 'format of --data: movielens, csv, jsonl, amazon')
    .option('--protocol <name>', 'stratified | kfold | leave-last-out | temporal | cold-items', 'stratified')
    .option('--test-ratio <ratio>', 'held-out share (cold-items: share of items held out)', '0.2')
    .option('--folds <n>', 'folds for --protocol kfold', '5')
    .option('--stratify-by <unit>', 'stratified protocol: keep the ratio per user or per item', 'user')
    .option('--models <list>', 'models, each as name or name:key=value,...', 'popularity')
    .option('--k <n>', 'cut-off K of the top-K metrics', '10')
    .option('--seed <n>', 'seed of the first run', '42')
    .option('--seeds <n>', 'runs with seeds seed, seed+1, ... (metrics are averaged)', '1')
    .option('--metrics <list>', `metrics (default: ${defaultMetrics.join(',')}; auc on request)`)
    .option('--sampled <n>', "rank each user's held-out items among N sampled negatives instead of all items")
    .option('--sampler <kind>', 'negative sampler for --sampled: uniform | popularity', 'uniform')
    .option('--json <file>', 'write the results as JSON')
    .action(async (flags: EvalFlags, command: Command) => {
      const config = await commandConfig(command);
      const progress = commandProgress(command);
      const protocol = parseProtocol(flags);
      const k = positiveInteger(flags.k, 'k');
      const metrics = flags.metrics ? parseMetricNames(flags.metrics) : defaultMetrics;
      const specs = parseModelSpecs(flags.models);
      const sampling = flags.sampled ? parseSampling(flags) : undefined;
      const run = async (store: Store, source: Record<string, unknown>) => {
        const { dataset } = await datasetFromStore(store);
        if (dataset.interactionCount === 0) {
          throw new InvalidInputError(`${store.location} has no positive feedback to evaluate on`);
        }
        const itemFeatures = metrics.includes('diversity') ? await categoryFeatures(store, dataset.items) : undefined;
        const results = await runExperiment({
          dataset,
          protocol,
          models: specs,
          registry: interimRegistry,
          k,
          metrics,
          sampling,
          itemFeatures,
          coldUserThreshold: config.coldThreshold,
          progress,
        });
        const output = {
          protocol: {
            ...describeProtocol(protocol),
            k,
            ranking: sampling ? `sampled: ${sampling.negatives} ${sampling.sampler} negatives per user` : 'full',
            excludeTrainingItems: true,
            relevance: 'every held-out interaction',
            dataset: {
              ...source,
              users: dataset.userCount,
              items: dataset.itemCount,
              interactions: dataset.interactionCount,
            },
          },
          results: results.map((result) => ({
            model: result.model,
            params: result.params,
            metrics: result.metrics,
            fitSeconds: result.fitSeconds,
            recommendSeconds: result.recommendSeconds,
            usersEvaluated: result.usersEvaluated,
            usersSkipped: result.usersSkipped,
            runs: result.runs.map((run) => ({
              seed: run.seed,
              split: run.split,
              fitSeconds: run.fitSeconds,
              metrics: run.evaluation.metrics,
            })),
          })),
        };
        if (flags.json) fs.writeFileSync(flags.json, `${JSON.stringify(output, null, 2)}\n`);
        const prefix = sampling ? 'sampled.' : '';
        const columns = tableColumns(protocol, k, prefix);
        process.stdout.write(
          `${protocol.name} protocol, ${sampling ? output.protocol.ranking : 'full ranking'}, K=${k}, ${protocol.seeds.length} seed(s); ${results[0]?.usersEvaluated ?? 0} users evaluated, ${results[0]?.usersSkipped ?? 0} skipped (no held-out item)\n`,
        );
        printTable(
          results.map((result) => ({
            model: result.model,
            ...Object.fromEntries(columns.map((key) => [key, result.metrics[key]])),
            'fit s': Number(result.fitSeconds.toFixed(2)),
          })),
          ['model', ...columns, 'fit s'],
        );
      };
      if (flags.data) {
        if (!flags.format)
          throw new InvalidInputError('--data needs --format (movielens, csv, jsonl or amazon)', {
            context: { field: 'format' },
          });
        const store = SqliteStore.open(':memory:');
        try {
          await loadDataInto(store, { data: flags.data, format: flags.format });
          await run(store, { path: flags.data, format: flags.format });
        } finally {
          await store.close();
        }
      } else {
        await withStore(command, (store) => run(store, { store: store.location }));
      }
    });
}

function tableColumns(protocol: Protocol, k: number, prefix: string): string[] {
  const main = ['precision', 'recall', 'ndcg', 'map'] as const;
  const keys = main.map((name) => prefix + metricKey(name, k));
  if (protocol.name === 'cold-items') {
    for (const part of ['cold.', 'warm.']) keys.push(`${part}${prefix}recall@${k}`, `${part}${prefix}ndcg@${k}`);
  } else keys.push(`${prefix}coverage@${k}`);
  return keys;
}

function parseProtocol(flags: EvalFlags): Protocol {
  const seed = nonNegativeInteger(flags.seed, 'seed');
  const seeds = positiveInteger(flags.seeds, 'seeds');
  const testRatio = Number(flags.testRatio);
  if (!(testRatio > 0 && testRatio < 1)) {
    throw new InvalidInputError(`--test-ratio must be between 0 and 1, got ${flags.testRatio}`, {
      context: { field: 'test-ratio' },
    });
  }
  const stratifyBy = flags.stratifyBy;
  if (stratifyBy !== 'user' && stratifyBy !== 'item') {
    throw new InvalidInputError(`--stratify-by must be user or item, got ${stratifyBy}`, {
      context: { field: 'stratify-by' },
    });
  }
  return {
    name: parseProtocolName(flags.protocol),
    testRatio,
    folds: positiveInteger(flags.folds, 'folds'),
    stratifyBy,
    seeds: Array.from({ length: seeds }, (_, s) => seed + s),
    validation: false,
  };
}

function parseSampling(flags: EvalFlags) {
  const negatives = positiveInteger(flags.sampled!, 'sampled');
  if (flags.sampler !== 'uniform' && flags.sampler !== 'popularity') {
    throw new InvalidInputError(`--sampler must be uniform or popularity, got ${flags.sampler}`, {
      context: { field: 'sampler' },
    });
  }
  return { negatives, sampler: flags.sampler as 'uniform' | 'popularity' };
}

function positiveInteger(text: string, field: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1)
    throw new InvalidInputError(`--${field} must be a positive integer, got ${text}`, { context: { field } });
  return value;
}

function nonNegativeInteger(text: string, field: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0)
    throw new InvalidInputError(`--${field} must be a non-negative integer, got ${text}`, { context: { field } });
  return value;
}
