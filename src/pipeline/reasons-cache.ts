// Personalised reasons written by an LLM, per user and item, kept in the store's KV: `lmrec enrich reasons` writes
// them offline, the explain stage reads them. Every reason names evidence ids from the user's own history; grounding
// drops any other id, and a reason left with no evidence is dropped whole.

import type { KeyValueRepository } from '../store/store.ts';
import type { Catalog } from './catalog.ts';
import type { Language } from './types.ts';
import type { UserHistory } from './user-history.ts';

export const reasonsNamespace = 'reasons';

export interface WrittenReason {
  /** The sentence per language it was written in. */
  text: Partial<Record<Language, string>>;
  /** Ids of the user's history items the reason rests on. */
  evidence: string[];
}

export interface ReasonsEntry {
  userId: string;
  /** The model spec that wrote them. */
  model: string | null;
  createdAt: number;
  /** Item id → its reasons. */
  items: Record<string, WrittenReason[]>;
}

/** Writes missing reasons online (the llmrec implementation calls the LLM); the pipeline bounds its time. */
export interface ReasonWriter {
  write(request: {
    userId: string;
    history: UserHistory;
    catalog: Catalog;
    itemIds: readonly string[];
    languages: readonly Language[];
    signal: AbortSignal;
  }): Promise<Record<string, WrittenReason[]>>;
}

/** Keeps only evidence ids that are in the user's history, and only reasons that still have evidence and text. */
export function groundReasons(reasons: readonly WrittenReason[], historyIds: ReadonlySet<string>): WrittenReason[] {
  const out: WrittenReason[] = [];
  for (const reason of reasons) {
    const evidence = [...new Set(reason.evidence.filter((id) => historyIds.has(id)))];
    const text = Object.fromEntries(
      Object.entries(reason.text).filter(([, value]) => typeof value === 'string' && value.trim().length > 0),
    );
    if (evidence.length > 0 && Object.keys(text).length > 0) out.push({ text, evidence });
  }
  return out;
}

/** Ids of every item in a history (any class): what a reason may cite. */
export function historyIds(history: UserHistory): Set<string> {
  return new Set(history.events.map((event) => event.itemId));
}

export function readReasons(kv: KeyValueRepository, userId: string, namespace = reasonsNamespace) {
  return kv.get<ReasonsEntry>(namespace, userId);
}

/** Merges new items' reasons into the user's entry (newer wins per item). */
export async function writeReasons(
  kv: KeyValueRepository,
  entry: ReasonsEntry,
  options: { namespace?: string; ttlMs?: number } = {},
): Promise<void> {
  const namespace = options.namespace ?? reasonsNamespace;
  const existing = await kv.get<ReasonsEntry>(namespace, entry.userId);
  const merged: ReasonsEntry = { ...entry, items: { ...(existing?.items ?? {}), ...entry.items } };
  await kv.set(namespace, entry.userId, merged, options.ttlMs ? { ttlMs: options.ttlMs } : undefined);
}
