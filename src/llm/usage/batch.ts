// Runs a batch job's items with bounded concurrency. A spent budget stops the batch cleanly: no new item starts,
// the items in flight finish, and the result says why it stopped; other failures are collected per item.

import { type Progress, silentProgress } from '../../core/progress.ts';
import { BudgetExceededError } from '../errors.ts';

export interface BatchOptions<Item, Output> {
  items: readonly Item[];
  run(item: Item, index: number): Promise<Output>;
  /** Items in flight at once (default 4). */
  concurrency?: number;
  progress?: Progress;
  /** Progress label. */
  label?: string;
}

export interface BatchResult<Output> {
  /** Per item, in input order; undefined where the item failed or never started. */
  results: Array<Output | undefined>;
  completed: number;
  failed: Array<{ index: number; message: string }>;
  /** Why the batch stopped early (a budget), or null when every item ran. */
  stopped: string | null;
}

export async function runBatch<Item, Output>(options: BatchOptions<Item, Output>): Promise<BatchResult<Output>> {
  const progress = options.progress ?? silentProgress;
  const results: Array<Output | undefined> = new Array(options.items.length).fill(undefined);
  const failed: BatchResult<Output>['failed'] = [];
  let next = 0;
  let completed = 0;
  let stopped: string | null = null;
  progress.start(options.label ?? 'batch', options.items.length);
  const worker = async () => {
    while (stopped === null && next < options.items.length) {
      const index = next++;
      try {
        results[index] = await options.run(options.items[index], index);
        completed++;
      } catch (error) {
        if (BudgetExceededError.isInstance(error)) {
          stopped = error.message;
          progress.note(`stopping: ${error.message}`);
        } else failed.push({ index, message: error instanceof Error ? error.message : String(error) });
      }
      progress.tick();
    }
  };
  const workers = Math.max(1, Math.min(options.concurrency ?? 4, options.items.length));
  await Promise.all(Array.from({ length: workers }, worker));
  progress.done(stopped ? `${completed} done, stopped (${stopped})` : `${completed} done, ${failed.length} failed`);
  return { results, completed, failed, stopped };
}
