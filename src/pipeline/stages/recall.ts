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
  const timer =
    options.budgetMs === null
      ? null
      : setTimeout(() => controller.abort(new Error('time budget spent')), options.budgetMs);
  const budgetSpent = new Promise<never>((_, reject) => {
    controller.signal.addEventListener('abort', () => reject(controller.signal.reason), { once: true });
  });
  budgetSpent.catch(() => {});
  try {
    const runs = options.sources.map(async (source): Promise<RecallList> => {
      const begin = performance.now();
      try {
        if (controller.signal.aborted) throw new Error('skipped: time budget spent');
        if (options.budgetMs !== null && begin - started > options.budgetMs) {
          throw new Error('skipped: time budget spent');
        }
        const items = await Promise.race([Promise.resolve(source.recall(context, source.quota)), budgetSpent]);
        return { source, items: items.slice(0, source.quota), ms: performance.now() - begin };
      } catch (error) {
        return { source, items: [], ms: performance.now() - begin, error: (error as Error)?.message ?? String(error) };
      }
    });
    return await Promise.all(runs);
  } finally {
    if (timer) clearTimeout(timer);
  }
}
