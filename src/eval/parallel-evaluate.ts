// Evaluation over users on worker threads, where it pays: the first users are evaluated here to time the model's
// `recommend`; when the rest would take longer than a threshold, they are split across workers that rebuild the
// model from its snapshot (through the registry's `load`) and the datasets from their typed arrays.

import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Dataset } from '../core/dataset.ts';
import { silentProgress } from '../core/progress.ts';
import type { Model } from '../models/recommender.ts';
import { checkOptions, type EvaluateOptions, type Evaluation, finish, range } from './evaluate.ts';
import { emptyRecords, evaluateUsers, evaluationContext, mergeRecords, type UserRecords } from './evaluate-users.ts';

/** Where a worker finds the recommender that can `load` the model's snapshot. */
export interface RegistryModule {
  /** A module URL (e.g. `new URL('./registry.ts', import.meta.url).href`). */
  url: string;
  /** The export holding a RecommenderRegistry. */
  exportName: string;
}

export interface ParallelOptions {
  registry: RegistryModule;
  /** Worker threads (default: the number of cores). */
  workers?: number;
  /** Go parallel only when the remaining users are estimated to take longer than this (default 1.5 s). */
  minimumSeconds?: number;
  /** Users evaluated on this thread to time the model (default 64). */
  probeUsers?: number;
}

/** Columns of a dataset that cross to a worker (id maps do not: evaluation needs only indices). */
export interface DatasetColumns {
  userCount: number;
  itemCount: number;
  indptr: Int32Array;
  indices: Int32Array;
  values: Float32Array;
  times: Uint32Array;
}

export function datasetColumns(dataset: Dataset): DatasetColumns {
  const { indptr, indices, values, times } = dataset.byUser;
  return { userCount: dataset.userCount, itemCount: dataset.itemCount, indptr, indices, values, times };
}

export async function evaluateModelParallel(
  model: Model,
  options: EvaluateOptions & { parallel: ParallelOptions },
): Promise<Evaluation> {
  checkOptions(options);
  const { parallel, train } = options;
  const progress = options.progress ?? silentProgress;
  const workers = Math.max(1, parallel.workers ?? os.availableParallelism());
  const context = evaluationContext(options);
  const probe = Math.min(train.userCount, parallel.probeUsers ?? 64);
  progress.start(`evaluating ${model.name}`, train.userCount);
  const tick = () => {
    if (options.signal?.aborted) throw options.signal.reason;
    progress.tick();
  };
  const started = performance.now();
  const head = evaluateUsers(model, context, range(0, probe), emptyRecords(train.itemCount), tick);
  const perUser = (performance.now() - started) / 1000 / Math.max(1, probe);
  const remaining = train.userCount - probe;
  let rest: UserRecords[];
  if (workers < 2 || remaining * perUser < (parallel.minimumSeconds ?? 1.5)) {
    rest = [evaluateUsers(model, context, range(probe, train.userCount), emptyRecords(train.itemCount), tick)];
  } else {
    progress.note(
      `evaluating ${model.name} on ${workers} worker threads (~${(remaining * perUser).toFixed(1)} s on one)`,
    );
    rest = await Promise.all(
      Array.from({ length: workers }, (_, w) =>
        runWorker({
          model,
          options,
          users: Int32Array.from(range(probe, train.userCount)).filter((_, j) => j % workers === w),
        }),
      ),
    );
    progress.tick(remaining);
  }
  const records = mergeRecords([head, ...rest], train.itemCount);
  progress.done(`${records.users.length} users, ${records.skipped} skipped (no held-out item)`);
  return finish(records, options);
}

function runWorker(job: {
  model: Model;
  options: EvaluateOptions & { parallel: ParallelOptions };
  users: Int32Array;
}): Promise<UserRecords> {
  const { options } = job;
  const workerData = {
    registry: options.parallel.registry,
    snapshot: job.model.snapshot(),
    train: datasetColumns(options.train),
    test: datasetColumns(options.test),
    settings: {
      k: options.k,
      metrics: options.metrics,
      sampling: options.sampling,
      items: options.items,
      itemFeatures: options.itemFeatures,
      coldUserThreshold: options.coldUserThreshold,
      headShare: options.headShare,
    },
    users: job.users,
  };
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./evaluate-worker.ts', import.meta.url), { workerData });
    const abort = () => void worker.terminate();
    options.signal?.addEventListener('abort', abort, { once: true });
    worker.once('message', (records: UserRecords) => resolve(records));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      options.signal?.removeEventListener('abort', abort);
      if (code !== 0) reject(new Error(`evaluation worker stopped with exit code ${code}`));
    });
  });
}
