// Stage 1, recall: every source answers within the stage's time budget. Async sources run concurrently; a source
// that throws or misses the budget is left out (and noted), the others carry on.

import type { RecallContext, RecalledItem, RecallSource } from '../types.ts';

export interface RecallList {
  source: RecallSource;
  items: RecalledItem[];
  ms: number;
  error?: string;
}

export async function recall(options: {
  sources: readonly RecallSource[];
  /** The context without its signal; the stage adds one that fires when the budget is spent. */
  context: Omit<RecallContext, 'signal'>;
  /** Null: no budget (offline precompute). */
  budgetMs: number | null;
}): Promise<RecallList[]> {
  const controller = new AbortController();
  const context: RecallContext = { ...options.context, signal: controller.signal };
  const started = performance.now();
  const lists: RecallList[] = [];
  const pending: Array<{ index: number; begin: number; items: Promise<RecalledItem[]> }> = [];
  // Synchronous sources (the models) answer in turn; a source that starts after the budget is spent is skipped.
  for (const source of options.sources) {
    const begin = performance.now();
    const index = lists.length;
    lists.push({ source, items: [], ms: 0 });
    try {
      if (options.budgetMs !== null && begin - started > options.budgetMs)
        throw new Error('skipped: time budget spent');
      const items = source.recall(context, source.quota);
      if (items instanceof Promise) pending.push({ index, begin, items });
      else lists[index] = { source, items: items.slice(0, source.quota), ms: performance.now() - begin };
    } catch (error) {
      lists[index] = { source, items: [], ms: performance.now() - begin, error: message(error) };
    }
  }
  if (pending.length === 0) return lists;
  // Asynchronous sources (external services, store reads) race the rest of the budget; the timer exists only here.
  const remaining = options.budgetMs === null ? null : Math.max(0, options.budgetMs - (performance.now() - started));
  const timer =
    remaining === null ? null : setTimeout(() => controller.abort(new Error('time budget spent')), remaining);
  const budgetSpent = new Promise<never>((_, reject) => {
    controller.signal.addEventListener('abort', () => reject(controller.signal.reason), { once: true });
  });
  budgetSpent.catch(() => {});
  try {
    await Promise.all(
      pending.map(async ({ index, begin, items }) => {
        const source = lists[index].source;
        try {
          const answer = await Promise.race([items, budgetSpent]);
          lists[index] = { source, items: answer.slice(0, source.quota), ms: performance.now() - begin };
        } catch (error) {
          lists[index] = { source, items: [], ms: performance.now() - begin, error: message(error) };
        }
      }),
    );
    return lists;
  } finally {
    if (timer) clearTimeout(timer);
  }
}

function message(error: unknown): string {
  return (error as Error)?.message ?? String(error);
}
