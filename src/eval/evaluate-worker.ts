// Worker thread of parallel evaluation: rebuilds the model from its snapshot and the datasets from their
// columns, evaluates its share of users with the same loop as the main thread, and posts the raw records back.

import { parentPort, workerData } from 'node:worker_threads';
import { Dataset } from '../core/dataset.ts';
import { IdMap } from '../core/id-map.ts';
import type { ModelSnapshot } from '../models/recommender.ts';
import { type EvaluationSettings, emptyRecords, evaluateUsers, evaluationContext } from './evaluate-users.ts';
import type { DatasetColumns, RegistryModule } from './parallel-evaluate.ts';
import type { RecommenderRegistry } from './recommender-registry.ts';

interface Job {
  registry: RegistryModule;
  snapshot: ModelSnapshot;
  train: DatasetColumns;
  test: DatasetColumns;
  settings: Omit<EvaluationSettings, 'train' | 'test'>;
  users: Int32Array;
}

const job = workerData as Job;
const registry = (await import(job.registry.url))[job.registry.exportName] as RecommenderRegistry;
const recommender = registry.get(job.snapshot.name);
if (!recommender) throw new Error(`evaluation worker: no recommender "${job.snapshot.name}" in ${job.registry.url}`);
const model = recommender.load(job.snapshot);
const users = IdMap.from(Array.from({ length: job.train.userCount }, (_, u) => String(u)));
const items = IdMap.from(Array.from({ length: job.train.itemCount }, (_, i) => String(i)));
const rebuild = (columns: DatasetColumns) =>
  new Dataset({
    users,
    items,
    byUser: { indptr: columns.indptr, indices: columns.indices, values: columns.values, times: columns.times },
  });
const settings: EvaluationSettings = { ...job.settings, train: rebuild(job.train), test: rebuild(job.test) };
const records = evaluateUsers(model, evaluationContext(settings), job.users, emptyRecords(job.train.itemCount));
parentPort!.postMessage(records);
