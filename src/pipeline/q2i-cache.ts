// The per-user query-to-item cache: the interest profile and search queries written for a user (by the LLM offline,
// or by the term fallback) and the items hybrid search found for each. `lmrec enrich queries` writes it; the `q2i`
// recall source only reads it, so serving never waits for an LLM.

import type { KeyValueRepository } from '../store/store.ts';
import type { RecalledItem } from './types.ts';
import type { UserHistory } from './user-history.ts';

export const q2iNamespace = 'q2i';

export interface Q2iQuery {
  text: string;
  /** The user's history items the query comes from (grounded: only real history ids). */
  evidence: string[];
  /** What hybrid search found for the query, best first. */
  items: Array<{ id: string; score: number }>;
}

export interface Q2iEntry {
  userId: string;
  /** llm: written by a model; fallback: top attribute, tag and category terms of the history (no LLM). */
  mode: 'llm' | 'fallback';
  /** The model spec that answered, or null for the fallback. */
  model: string | null;
  /** A short interest profile in prose (the fallback lists its terms). */
  profile: string;
  queries: Q2iQuery[];
  createdAt: number;
  /** Time of the newest history event the entry was written from; feedback after it counts towards a refresh. */
  basedOn: number;
}

/** When a cached entry is due for a rewrite. */
export interface Q2iRefreshPolicy {
  ttlMs: number;
  /** New positive events since the entry was written that make it stale. */
  refreshAfterEvents: number;
}

export type Q2iStaleness = 'missing' | 'expired' | 'new-feedback' | null;

/** Why a user's entry needs (re)writing, or null when it is fresh. */
export function q2iStaleness(options: {
  entry: Q2iEntry | null;
  history: UserHistory;
  policy: Q2iRefreshPolicy;
  now: number;
}): Q2iStaleness {
  const { entry, history, policy, now } = options;
  if (!entry) return 'missing';
  if (now - entry.createdAt >= policy.ttlMs) return 'expired';
  const fresh = history.positives().filter((event) => event.timestamp > entry.basedOn).length;
  return fresh >= policy.refreshAfterEvents ? 'new-feedback' : null;
}

export async function writeQ2iEntry(
  kv: KeyValueRepository,
  entry: Q2iEntry,
  options: { ttlMs: number; namespace?: string },
): Promise<void> {
  await kv.set(options.namespace ?? q2iNamespace, entry.userId, entry, { ttlMs: options.ttlMs });
}

export function readQ2iEntry(kv: KeyValueRepository, userId: string, namespace = q2iNamespace) {
  return kv.get<Q2iEntry>(namespace, userId);
}

/**
 * The entry's items as one recall list: reciprocal rank fusion over its queries (an item found by several queries
 * ranks higher), each item with the evidence of the query that found it first.
 */
export function fuseQueryHits(options: {
  queries: ReadonlyArray<Pick<Q2iQuery, 'evidence' | 'items'>>;
  exclude: ReadonlySet<string>;
  allowed: ReadonlySet<string> | null;
  quota: number;
  rrfK?: number;
}): RecalledItem[] {
  const k = options.rrfK ?? 60;
  const fused = new Map<string, { score: number; evidence: string[] }>();
  for (const query of options.queries) {
    query.items.forEach((hit, rank) => {
      if (options.exclude.has(hit.id) || (options.allowed && !options.allowed.has(hit.id))) return;
      const entry = fused.get(hit.id) ?? { score: 0, evidence: query.evidence };
      entry.score += 1 / (k + rank + 1);
      fused.set(hit.id, entry);
    });
  }
  return [...fused]
    .sort((a, b) => b[1].score - a[1].score || (a[0] < b[0] ? -1 : 1))
    .slice(0, options.quota)
    .map(([id, entry]) => ({ id, score: entry.score, evidence: entry.evidence }));
}
