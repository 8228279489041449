// Before explain: the LLM-written reasons of the items about to be shown, from the store (precomputed by `lmrec
// enrich reasons`). Only when the config allows it does a missing one get written online, within a latency budget;
// past it (or on any failure) the items keep their template reasons.

import type { PipelineConfig } from '../../core/config/serving.ts';
import type { Store } from '../../store/store.ts';
import type { Catalog } from '../catalog.ts';
import {
  groundReasons,
  historyIds,
  type ReasonWriter,
  readReasons,
  type WrittenReason,
  writeReasons,
} from '../reasons-cache.ts';
import type { Language } from '../types.ts';
import type { UserHistory } from '../user-history.ts';

export async function writtenReasons(options: {
  store: Store;
  config: PipelineConfig['reasons'];
  writer?: ReasonWriter;
  userId: string | null;
  history: UserHistory;
  catalog: Catalog;
  itemIds: readonly string[];
  lang: Language;
}): Promise<{ reasons: Map<string, WrittenReason[]>; notes: string[] }> {
  const { config, userId, history, lang } = options;
  const reasons = new Map<string, WrittenReason[]>();
  const notes: string[] = [];
  if (userId === null || options.itemIds.length === 0 || (!config.precomputed && !config.online))
    return { reasons, notes };
  const allowedIds = historyIds(history);
  const keep = (items: Record<string, WrittenReason[]>) => {
    for (const id of options.itemIds) {
      const grounded = groundReasons(items[id] ?? [], allowedIds).filter((reason) => reason.text[lang]);
      if (grounded.length) reasons.set(id, grounded);
    }
  };
  if (config.precomputed) {
    try {
      const entry = await readReasons(options.store.kv, userId, config.namespace);
      if (entry) keep(entry.items);
    } catch (error) {
      notes.push(`written reasons unreadable: ${(error as Error).message}`);
    }
  }
  const missing = options.itemIds.filter((id) => !reasons.has(id));
  if (!config.online || missing.length === 0) return { reasons, notes };
  if (!options.writer) {
    notes.push('online reasons: no LLM configured, template reasons');
    return { reasons, notes };
  }
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new Error(`over the ${config.latencyBudgetMs} ms latency budget`)),
    config.latencyBudgetMs,
  );
  try {
    const aborted = new Promise<never>((_, reject) =>
      controller.signal.addEventListener('abort', () => reject(controller.signal.reason), { once: true }),
    );
    const written = await Promise.race([
      options.writer.write({
        userId,
        history,
        catalog: options.catalog,
        itemIds: missing,
        languages: [lang],
        signal: controller.signal,
      }),
      aborted,
    ]);
    keep(written);
    await writeReasons(
      options.store.kv,
      { userId, model: null, createdAt: Date.now(), items: written },
      { namespace: config.namespace },
    );
  } catch (error) {
    notes.push(`online reasons failed (${(error as Error)?.message ?? error}), template reasons`);
  } finally {
    clearTimeout(timer);
  }
  return { reasons, notes };
}
