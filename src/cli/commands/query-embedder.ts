// The query embedder for hybrid search in offline jobs: the gateway's configured embedder, but only when the
// catalog has item vectors to compare with (otherwise search is full text alone, and no model is loaded).

import type { LlmGateway } from '../../llm/gateway.ts';
import type { QueryEmbedder } from '../../pipeline/hybrid-search.ts';
import type { Store } from '../../store/store.ts';

export async function queryEmbedderFor(
  store: Store,
  gateway: LlmGateway,
  namespace = 'items',
): Promise<QueryEmbedder | null> {
  const first = (await store.items.list({ limit: 1 })).rows[0];
  if (!first) return null;
  const stored = await store.vectors.get(namespace, [first.id]);
  return stored.length ? gateway.embedder() : null;
}
