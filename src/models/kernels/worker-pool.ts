// A small pool of worker threads running one task module: tasks queue up and go to the next idle worker.
// Worker modules call `serveTasks(handlers)`; `workerData` carries what every task shares (e.g. a shared memory).

import { availableParallelism } from 'node:os';
import { parentPort, Worker, workerData } from 'node:worker_threads';

/** A task handler: the task's payload, the pool's shared data, and this worker's index (0..size−1). */
type Handler = (payload: never, shared: never, index: number) => unknown;

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

interface Queued {
  task: string;
  payload: unknown;
  pending: Pending;
}

export class WorkerPool {
  readonly size: number;
  readonly #idle: Worker[] = [];
  readonly #queue: Queued[] = [];
  readonly #pending = new Map<Worker, Pending>();
  readonly #workers: Worker[];
  #failure: Error | null = null;

  private constructor(workers: Worker[]) {
    this.#workers = workers;
    this.size = workers.length;
    for (const worker of workers) {
      worker.on('message', (message: { result?: unknown; error?: string }) => {
        const pending = this.#pending.get(worker);
        this.#pending.delete(worker);
        if (message.error !== undefined) pending?.reject(new Error(message.error));
        else pending?.resolve(message.result);
        this.#release(worker);
      });
      worker.on('error', (error) => {
        this.#failure = error;
        this.#pending.get(worker)?.reject(error);
        this.#pending.delete(worker);
        for (const queued of this.#queue.splice(0)) queued.pending.reject(error);
      });
      this.#idle.push(worker);
    }
  }

  /** Starts `size` workers on `module`; `shared` reaches every task handler. */
  static create(options: { module: URL; size: number; shared: unknown }): WorkerPool {
    const workers = Array.from(
      { length: options.size },
      (_, index) => new Worker(options.module, { workerData: { shared: options.shared, index } }),
    );
    return new WorkerPool(workers);
  }

  run<T>(task: string, payload: unknown): Promise<T> {
    if (this.#failure) return Promise.reject(this.#failure);
    return new Promise<T>((resolve, reject) => {
      const pending = { resolve: resolve as (value: unknown) => void, reject };
      const worker = this.#idle.pop();
      if (worker) this.#send(worker, { task, payload, pending });
      else this.#queue.push({ task, payload, pending });
    });
  }

  /** Runs one task per payload and returns the results in order. */
  map<T>(task: string, payloads: unknown[]): Promise<T[]> {
    return Promise.all(payloads.map((payload) => this.run<T>(task, payload)));
  }

  async close(): Promise<void> {
    await Promise.all(this.#workers.map((worker) => worker.terminate()));
  }

  #send(worker: Worker, queued: Queued): void {
    this.#pending.set(worker, queued.pending);
    worker.postMessage({ task: queued.task, payload: queued.payload });
  }

  #release(worker: Worker): void {
    const next = this.#queue.shift();
    if (next) this.#send(worker, next);
    else this.#idle.push(worker);
  }
}

/** In a worker module: answers each `{task, payload}` with the handler's result (or its error message). */
export function serveTasks(handlers: Record<string, Handler>): void {
  const port = parentPort;
  if (!port) throw new Error('serveTasks must run in a worker thread');
  port.on('message', (message: { task: string; payload: unknown }) => {
    try {
      const handler = handlers[message.task];
      if (!handler) throw new Error(`unknown worker task "${message.task}"`);
      const { shared, index } = workerData as { shared: never; index: number };
      port.postMessage({ result: handler(message.payload as never, shared, index) });
    } catch (error) {
      port.postMessage({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    }
  });
}

/** The worker count to use: the option, else the machine's cores; at least 1. */
export function workerCount(requested: number | undefined): number {
  return Math.max(1, Math.floor(requested ?? availableParallelism()));
}

/** Splits [0, rows) into about `parts` contiguous ranges of similar cost (`cost(row)`), for load balance. */
export function balancedRanges(rows: number, parts: number, cost: (row: number) => number): Array<[number, number]> {
  let total = 0;
  for (let row = 0; row < rows; row++) total += cost(row);
  const target = total / Math.max(1, parts);
  const ranges: Array<[number, number]> = [];
  let start = 0;
  let accumulated = 0;
  for (let row = 0; row < rows; row++) {
    accumulated += cost(row);
    if (accumulated >= target && row + 1 < rows) {
      ranges.push([start, row + 1]);
      start = row + 1;
      accumulated = 0;
    }
  }
  if (start < rows) ranges.push([start, rows]);
  return ranges;
}
