// `lmrec eval`: fit and evaluate models under an offline protocol; a table on stdout, JSON and an HTML report.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import type { Dataset } from '../../core/dataset.ts';
import { InvalidInputError } from '../../core/errors.ts';
import { datasetFromStore } from '../../data/dataset-from-store.ts';
import { loadCatalog } from '../../data/features/item-catalog.ts';
import { compareAllPairs, compareWithBest } from '../../eval/compare-models.ts';
import { runExperiment } from '../../eval/experiment.ts';
import { experimentDocument, protocolDocument } from '../../eval/experiment-output.ts';
import { categoryFeatures } from '../../eval/item-features.ts';
import { defaultMetrics, metricKey, parseMetricNames } from '../../eval/metric-names.ts';
import { modelRegistry, modelRegistryModule } from '../../eval/model-registry.ts';
import { parseModelSpecs } from '../../eval/model-specs.ts';
import type { Protocol } from '../../eval/protocol.ts';
import { htmlReport } from '../../eval/report/html-report.ts';
import { formatPValue } from '../../eval/significance.ts';
import { tuneModels } from '../../eval/tuning/tune-models.ts';
import { SqliteStore } from '../../store/sqlite/store.ts';
import type { Store } from '../../store/store.ts';
import { commandConfig, commandProgress, printTable, withStore } from '../context.ts';
import { type EvalFlags, parseProtocol, parseSampling, parseTuning, positiveInteger } from '../eval-flags.ts';
import { evalSideInformation } from '../eval-side-information.ts';
import { loadDataInto } from '../eval-source.ts';

export function registerEval(program: Command): void {
  program
    .command('eval')
    .description('fit models and evaluate them offline (full ranking, training items excluded)')
    .option('--data <path>', 'dataset folder or file to evaluate on (instead of the store)')
    .option('--format <format>', 'format of --data: movielens, csv, jsonl, amazon')
    .option('--user <col>', 'csv/jsonl --data: column of the user id')
    .option('--item <col>', 'csv/jsonl --data: column of the item id')
    .option('--value <col>', 'csv/jsonl --data: column of the value (rating, count)')
    .option('--time <col>', 'csv/jsonl --data: column of the time')
    .option('--feedback-type <name>', 'csv/jsonl --data: feedback type of every row')
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
    .option('--report <file>', 'write a self-contained HTML report')
    .option('--tune', 'tune hyperparameters on a validation split first (the given ones stay fixed)')
    .option('--tune-method <method>', 'random | bayes (TPE)', 'bayes')
    .option('--tune-trials <n>', 'trials per model at most (stops earlier when it stalls)', '30')
    .option('--tune-space <file>', 'JSON search spaces: {"model": {"param": {"type": "float", "low": …}}}')
    .option('--tune-output <file>', 'where tuning results are saved (default: <cacheDir>/tuning/eval-<time>.json)')
    .option('--workers <n>', 'worker threads for model fits and for evaluation over users (default: cores)')
    .action(async (flags: EvalFlags, command: Command) => {
      const config = await commandConfig(command);
      const progress = commandProgress(command);
      const protocol = parseProtocol(flags);
      const k = positiveInteger(flags.k, 'k');
      const metrics = flags.metrics ? parseMetricNames(flags.metrics) : defaultMetrics;
      const specs = parseModelSpecs(flags.models);
      const sampling = parseSampling(flags);
      const tuning = flags.tune ? parseTuning(flags) : undefined;
      const workers = flags.workers ? positiveInteger(flags.workers, 'workers') : undefined;
      const registry = modelRegistry;

      const run = async (store: Store, source: Record<string, unknown>) => {
        const { dataset } = await datasetFromStore(store);
        if (dataset.interactionCount === 0) {
          throw new InvalidInputError(`${store.location} has no positive feedback to evaluate on`);
        }
        const catalog = await loadCatalog(store, dataset.items);
        const itemFeatures = metrics.includes('diversity') ? categoryFeatures(catalog) : undefined;
        const side = await evalSideInformation({
          store,
          catalog,
          specs,
          config,
          progress,
          inMemory: Boolean(flags.data),
        });
        const tuned = tuning
          ? await tuneModels({ dataset, protocol, models: specs, registry, k, ...tuning, side, workers, progress })
          : undefined;
        if (tuned) {
          const file =
            flags.tuneOutput ??
            path.join(config.cacheDir, 'tuning', `eval-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
          fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
          fs.writeFileSync(
            file,
            `${JSON.stringify({ protocol: protocol.name, k, results: [...tuned.values()] }, null, 2)}\n`,
          );
          progress.note(`tuning results saved to ${file}`);
        }
        const results = await runExperiment({
          dataset,
          protocol,
          models: specs,
          registry,
          k,
          metrics,
          sampling,
          itemFeatures,
          side,
          coldUserThreshold: config.coldThreshold,
          paramsFor: (spec) => ({ ...spec.params, ...tuned?.get(spec.label)?.best.params }),
          workers,
          parallel: {
            registry: modelRegistryModule,
            workers: workers ?? os.availableParallelism(),
          },
          progress,
        });
        const prefix = sampling ? 'sampled.' : '';
        const main = prefix + metricKey('ndcg', k);
        const comparisons = compareWithBest(results, main);
        const protocolJson = protocolDocument({
          protocol,
          k,
          sampling,
          dataset: {
            ...source,
            users: dataset.userCount,
            items: dataset.itemCount,
            interactions: dataset.interactionCount,
          },
        });
        if (flags.json) {
          const document = experimentDocument({
            protocol: protocolJson,
            results,
            comparisons: compareAllPairs(results, main),
            tuning: tuned,
          });
          fs.writeFileSync(flags.json, `${JSON.stringify(document, null, 2)}\n`);
        }
        const columns = tableColumns(protocol, k, prefix);
        if (flags.report) {
          fs.writeFileSync(
            flags.report,
            htmlReport({
              title: `lmrec eval: ${protocol.name} protocol`,
              protocol: protocolJson,
              results,
              metrics: columns,
              comparisons: columns.flatMap((key) => compareWithBest(results, key)),
              itemPopularity: interactionsPerItem(dataset),
            }),
          );
        }
        const first = results[0];
        process.stdout.write(
          `${protocol.name} protocol, ${String(protocolJson.ranking)} ranking, K=${k}, ${protocol.seeds.length} seed(s); ` +
            `${first.usersEvaluated} users evaluated, ${first.usersSkipped} skipped (no held-out item)\n`,
        );
        const pValues = new Map(comparisons.map((c) => [c.model, c.pValue]));
        printTable(
          results.map((result) => ({
            model: result.model,
            ...Object.fromEntries(columns.map((key) => [key, result.metrics[key]])),
            'fit s': result.fitSeconds.toFixed(2),
            [`p vs best (${main})`]: pValues.has(result.model)
              ? formatPValue(pValues.get(result.model)!)
              : results.length > 1
                ? 'best'
                : '',
          })),
          ['model', ...columns, 'fit s', ...(results.length > 1 ? [`p vs best (${main})`] : [])],
        );
      };

      if (flags.data) {
        if (!flags.format) {
          throw new InvalidInputError('--data needs --format (movielens, csv, jsonl or amazon)', {
            context: { field: 'format' },
          });
        }
        const store = SqliteStore.open(':memory:');
        try {
          const columns = {
            user: flags.user,
            item: flags.item,
            value: flags.value,
            time: flags.time,
            feedbackType: flags.feedbackType,
          };
          await loadDataInto(store, { data: flags.data, format: flags.format, columns, config, progress });
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
  const keys = (['precision', 'recall', 'ndcg', 'map'] as const).map((name) => prefix + metricKey(name, k));
  if (protocol.name === 'cold-items') {
    for (const part of ['cold.', 'warm.']) keys.push(`${part}${prefix}recall@${k}`, `${part}${prefix}ndcg@${k}`);
  } else keys.push(`${prefix}coverage@${k}`);
  return keys;
}

function interactionsPerItem(dataset: Dataset): Float64Array {
  const { indptr } = dataset.byItem;
  return Float64Array.from({ length: dataset.itemCount }, (_, i) => indptr[i + 1] - indptr[i]);
}
