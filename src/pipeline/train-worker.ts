// Training in a worker thread, so the API keeps answering while models fit: the worker opens its own store
// connection, trains the pipeline's models, stores the bundle and reports the version. Progress travels as messages.

import { Worker } from 'node:worker_threads';
import type { PipelineConfig } from '../core/config/serving.ts';
import { AbortedError } from '../core/errors.ts';
import type { Progress } from '../core/progress.ts';

export interface WorkerTrainOptions {
  /** The store location as configured (file path or postgres:// URL with credentials). */
  location: string;
  pipeline: PipelineConfig;
  /** A module exporting `recommenders`, the registry (a file URL or path). */
  registryModule: string;
  seed: number;
  progress?: Progress;
  signal?: AbortSignal;
}

export type WorkerMessage =
  | { type: 'progress'; method: 'start' | 'tick' | 'note' | 'done'; args: unknown[] }
  | { type: 'done'; version: number }
  | { type: 'error'; message: string; name: string };

/** Resolves to the version of the stored bundle. */
export function trainInWorker(options: WorkerTrainOptions): Promise<number> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./train-worker-main.ts', import.meta.url), {
      workerData: {
        location: options.location,
        pipeline: options.pipeline,
        registryModule: options.registryModule,
        seed: options.seed,
      },
    });
    const abort = () => {
      worker.terminate();
      reject(new AbortedError('training stopped'));
    };
    options.signal?.addEventListener('abort', abort, { once: true });
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'progress') {
        const progress = options.progress as unknown as Record<string, (...args: unknown[]) => void> | undefined;
        progress?.[message.method]?.(...message.args);
      } else if (message.type === 'done') resolve(message.version);
      else {
        const error = new Error(message.message);
        error.name = message.name;
        reject(error);
      }
    });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      options.signal?.removeEventListener('abort', abort);
      if (code !== 0) reject(new Error(`the training worker exited with code ${code}`));
    });
  });
}
