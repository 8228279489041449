// The chat assistant of a running server: built on first use over the server's store, with the serving pipeline
// behind `recommend_for_user` and `similar_to` (chat recommends what the rest of the shop does), reactions written
// through the feedback writer (so caches see them), and rebuilt when the catalog's size changes.

import { createLlmGateway, type LlmGateway } from '../llm/gateway.ts';
import type { CatalogIndex } from '../llmrec/chat/catalog-index.ts';
import { ChatAssistant } from '../llmrec/chat/chat-assistant.ts';
import type { ShopRecommendations } from '../llmrec/chat/shop-port.ts';
import { StoreShopEngine } from '../llmrec/chat/store-engine/store-shop-engine.ts';
import type { RecommendationEngine } from '../pipeline/engine.ts';
import type { ServerServices } from './services.ts';

interface Built {
  assistant: ChatAssistant;
  gateway: LlmGateway;
  catalogSize: number;
}

const built = new WeakMap<ServerServices, Promise<Built>>();

export async function chatAssistantFor(services: ServerServices): Promise<ChatAssistant> {
  let entry = built.get(services);
  if (entry && (await entry).catalogSize !== services.engine.catalog.size) entry = undefined;
  if (!entry) {
    entry = build(services);
    built.set(services, entry);
    entry.catch(() => built.delete(services));
  }
  return (await entry).assistant;
}

async function build(services: ServerServices): Promise<Built> {
  const gateway = createLlmGateway({ config: services.config.llm, store: services.store.kv });
  let index: CatalogIndex | null = null;
  const engine = new StoreShopEngine({
    store: services.store,
    embedder: await gateway.embedder(),
    recommender: pipelineRecommendations(services.engine, () => index),
  });
  index = await engine.index();
  const assistant = new ChatAssistant({
    engine,
    index,
    kv: services.store.kv,
    feedback: { add: (events) => services.writer.write(events, {}) },
    llm: gateway,
    voice: gateway,
  });
  return { assistant, gateway, catalogSize: services.engine.catalog.size };
}

/** The pipeline as chat's recommendations: categories go by name, the pipeline's order is the score. */
export function pipelineRecommendations(
  engine: RecommendationEngine,
  index: () => CatalogIndex | null,
): Pick<ShopRecommendations, 'forUser' | 'similar'> {
  const names = (keys: readonly string[] | undefined) =>
    keys?.map((key) => index()?.category(key)?.name ?? key).filter((name): name is string => Boolean(name));
  const ranked = (ids: readonly string[]) => ids.map((id, rank) => ({ id, score: 1 / (rank + 1) }));
  return {
    async forUser(userId, query) {
      const response = await engine.recommend({
        userId,
        n: query.limit,
        categories: names(query.categories),
        exclude: query.exclude ? [...query.exclude] : undefined,
        explain: false,
      });
      return ranked(response.items.map((item) => item.id));
    },
    async similar(itemId, options) {
      const items = await engine.similar(itemId, { n: options.limit, lang: 'en' });
      return ranked(items.map((item) => item.id));
    },
  };
}
