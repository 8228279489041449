// The training worker's entry point (see train-worker.ts).

import os from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import type { PipelineConfig } from '../core/config/serving.ts';
import type { Progress } from '../core/progress.ts';
import { openStore } from '../store/open.ts';
import { Catalog } from './catalog.ts';
import type { ModelRegistry } from './model-bundle.ts';
import { RecommendationPipeline } from './pipeline.ts';
import { trainRankerBlob } from './ranker-training.ts';
import type { WorkerMessage } from './train-worker.ts';
import { saveBundle, trainBundle } from './trainer.ts';

// Background work yields the CPU to request handling: on Linux the nice value is per thread, so this lowers only
// this worker (the API's event loop keeps its priority).
try {
  os.setPriority(19);
} catch {
  // Not permitted here: the worker runs at normal priority.
}

const input = workerData as { location: string; pipeline: PipelineConfig; registryModule: string; seed: number };
const post = (message: WorkerMessage) => parentPort!.postMessage(message);
const progress: Progress = {
  start: (...args) => post({ type: 'progress', method: 'start', args }),
  tick: (...args) => post({ type: 'progress', method: 'tick', args }),
  note: (...args) => post({ type: 'progress', method: 'note', args }),
  done: (...args) => post({ type: 'progress', method: 'done', args }),
};

const store = await openStore(input.location);
try {
  const { recommenders } = (await import(input.registryModule)) as { recommenders: ModelRegistry };
  const catalog = await Catalog.load(store);
  const pipeline = new RecommendationPipeline({ config: input.pipeline, registry: recommenders, store });
  const bundle = await trainBundle({ store, pipeline, registry: recommenders, catalog, progress, seed: input.seed });
  const saved = await saveBundle(store, bundle);
  if (input.pipeline.rank.learned.enabled) {
    await trainRankerBlob({
      store,
      catalog,
      config: input.pipeline.rank.learned,
      bundleVersion: saved.version,
      seed: input.seed,
      progress,
    });
  }
  post({ type: 'done', version: saved.version });
} catch (error) {
  post({ type: 'error', message: (error as Error).message, name: (error as Error).name });
} finally {
  await store.close();
}
