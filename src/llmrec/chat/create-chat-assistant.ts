// Wires a chat assistant to a store: the Store-backed shop engine (with the gateway's embedder for semantic search),
// sessions and profiles in the store's kv, reactions into its feedback, and the gateway for language and voice.

import type { LlmGateway } from '../../llm/gateway.ts';
import type { Store } from '../../store/store.ts';
import { ChatAssistant } from './chat-assistant.ts';
import type { ShopRecommendations } from './shop-port.ts';
import { StoreShopEngine, type StoreShopEngineOptions } from './store-engine/store-shop-engine.ts';

export interface CreateChatAssistantOptions {
  store: Store;
  /** The LLM gateway: chat, JSON, tools, embeddings, speech. Basic mode when it has no chat model. */
  gateway?: LlmGateway | null;
  /** Never call the LLM, even when one is configured. */
  basic?: boolean;
  /** How item vectors for semantic search are obtained (see StoreShopEngineOptions). */
  vectors?: StoreShopEngineOptions['vectors'];
  /** A trained recommender for `recommend_for_user` and `similar_to` (the server's pipeline). */
  recommender?: Partial<Pick<ShopRecommendations, 'forUser' | 'similar'>>;
  /** Item cards per chat answer (default 5). */
  limit?: number;
  progress?: StoreShopEngineOptions['progress'];
}

export async function createChatAssistant(
  options: CreateChatAssistantOptions,
): Promise<{ assistant: ChatAssistant; engine: StoreShopEngine }> {
  const gateway = options.gateway ?? null;
  const engine = new StoreShopEngine({
    store: options.store,
    embedder: gateway ? await gateway.embedder() : null,
    vectors: options.vectors,
    recommender: options.recommender,
    progress: options.progress,
  });
  const index = await engine.index();
  const assistant = new ChatAssistant({
    engine,
    index,
    kv: options.store.kv,
    feedback: options.store.feedback,
    llm: gateway,
    voice: gateway,
    mode: options.basic ? 'basic' : 'auto',
    limit: options.limit,
  });
  return { assistant, engine };
}
