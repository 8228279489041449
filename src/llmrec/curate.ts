// Seasonal and holiday curation (`lmrec curate "<theme>"`): the LLM writes shopping intents for the theme, hybrid
// search finds catalog items for each, and the merged list (round robin over intents, reasons attached) is stored
// for the `curated` recall source, active between its dates. With no LLM (or when its call fails or the budget is
// spent) the fallback searches the theme text itself (its words in full-text search, its embedding in vector
// search) and the list says so.

import { InvalidInputError } from '../core/errors.ts';
import type { Progress } from '../core/progress.ts';
import { silentProgress } from '../core/progress.ts';
import type { LlmGateway } from '../llm/gateway.ts';
import type { ModelSpec } from '../llm/model-spec.ts';
import { runBatch } from '../llm/usage/batch.ts';
import type { Price } from '../llm/usage/prices.ts';
import { costOf, estimateTokens, priceOf } from '../llm/usage/prices.ts';
import { Catalog } from '../pipeline/catalog.ts';
import {
  type CuratedIntent,
  type CuratedItem,
  type CuratedList,
  listName,
  writeCuratedList,
} from '../pipeline/curated-lists.ts';
import { hybridSearch } from '../pipeline/hybrid-search.ts';
import { embedItems, type NamedEmbedder } from '../pipeline/item-vectors.ts';
import type { Store } from '../store/store.ts';
import { catalogCategories, curatePrompt, intentsSchema } from './curate-prompt.ts';

/** The LLM side curate uses: a configured check and JSON mode (the gateway, or a test double over the fake server). */
export type CurateLlm = Pick<LlmGateway, 'configured' | 'json'>;

export interface CurateOptions {
  store: Store;
  theme: string;
  /** The stored list's name (default: the theme as a slug). */
  name?: string;
  /** First and last active day, `YYYY-MM-DD` (UTC, inclusive); null: open-ended. */
  from?: string | null;
  to?: string | null;
  /** null: no LLM, the fallback runs. */
  llm: CurateLlm | null;
  /** Embeds queries and (missing) item vectors for hybrid search; null: full-text search only. */
  embedder: NamedEmbedder | null;
  /** The store's vector namespace of item embeddings (serving.pipeline.rerank.diversity.vectorNamespace). */
  vectorNamespace: string;
  /** Intents to ask for (default 8). */
  intents?: number;
  /** Items kept per intent (default 8). */
  perIntent?: number;
  /** Items in the list at most (default 40). */
  size?: number;
  /** The job the LLM call is accounted to (budgets, `lmrec llm usage --job`). */
  job?: string;
  /** Store the list (default true). */
  save?: boolean;
  progress?: Progress;
  catalog?: Catalog;
}

export async function curate(options: CurateOptions): Promise<CuratedList> {
  const progress = options.progress ?? silentProgress;
  const intentCount = options.intents ?? 8;
  const catalog = options.catalog ?? (await Catalog.load(options.store));
  if (catalog.size === 0) {
    throw new InvalidInputError(
      `curate: ${options.store.location} has no items to curate from (import a catalog first)`,
      {
        context: { field: 'items' },
      },
    );
  }
  if (options.theme.trim() === '') {
    throw new InvalidInputError('curate: the theme is empty', { context: { field: 'theme' } });
  }
  if (options.embedder) {
    await embedItems({
      store: options.store,
      embedder: options.embedder,
      namespace: options.vectorNamespace,
      progress,
    });
  }
  let intents: CuratedIntent[] | null = null;
  let model: string | undefined;
  let fallbackReason: string | undefined;
  if (options.llm?.configured('chat')) {
    try {
      progress.start('writing shopping intents (LLM)', 1);
      const answer = await writeIntents({
        llm: options.llm,
        theme: options.theme,
        intents: intentCount,
        catalog,
        job: options.job ?? 'curate',
      });
      progress.tick();
      progress.done(answer.cached ? 'intents from the cache' : `intents from ${answer.model}`);
      intents = answer.intents;
      model = answer.model;
    } catch (error) {
      progress.done('LLM call failed');
      fallbackReason = `the LLM call failed: ${(error as Error).message.split('\n')[0]}`;
    }
  } else fallbackReason = 'no LLM configured';
  if (!intents) progress.note(`curate: fallback (${fallbackReason}): searching the theme text and its embedding`);
  const list = await listFromIntents({
    ...options,
    catalog,
    progress,
    intents,
    model,
    fallbackReason,
  });
  if (options.save !== false) await writeCuratedList(options.store.kv, list);
  return list;
}

/** The LLM's intents for a theme (JSON mode, cached by the gateway); throws when it wrote no usable intent. */
export async function writeIntents(options: {
  llm: { json: CurateLlm['json'] };
  theme: string;
  intents: number;
  catalog: Catalog;
  job?: string;
}): Promise<{ intents: CuratedIntent[]; model: string; cached: boolean }> {
  const { system, prompt } = curatePrompt({
    theme: options.theme,
    intents: options.intents,
    categories: catalogCategories(options.catalog),
  });
  const answer = await options.llm.json({
    system,
    prompt,
    schema: intentsSchema,
    name: 'shopping_intents',
    temperature: 0,
    job: options.job,
  });
  const intents = distinctIntents(answer.value.intents).slice(0, options.intents);
  if (intents.length === 0) throw new Error('the LLM wrote no usable intent');
  return { intents, model: answer.model, cached: answer.cached };
}

/**
 * Searches the catalog for each intent and merges the hits into a list; with `intents` null (the fallback) the
 * theme text is the only query.
 */
export async function listFromIntents(options: {
  store: Store;
  catalog: Catalog;
  embedder: NamedEmbedder | null;
  vectorNamespace: string;
  theme: string;
  name?: string;
  from?: string | null;
  to?: string | null;
  intents: CuratedIntent[] | null;
  model?: string;
  fallbackReason?: string;
  perIntent?: number;
  size?: number;
  progress?: Progress;
}): Promise<CuratedList> {
  const size = options.size ?? 40;
  const mode = options.intents ? 'llm' : 'fallback';
  const intents = options.intents ?? [
    { query: options.theme, reason: `Picked for "${options.theme}" (closest to the theme's text)` },
  ];
  const perIntent = mode === 'fallback' ? size : (options.perIntent ?? 8);
  const searched = await runBatch({
    items: intents,
    label: 'searching the catalog per intent',
    concurrency: 2,
    progress: options.progress,
    run: async (intent) =>
      (
        await hybridSearch({
          store: options.store,
          catalog: options.catalog,
          embedder: options.embedder,
          vectorNamespace: options.vectorNamespace,
          request: { q: intent.query, n: perIntent, availableOnly: true },
        })
      ).items.map((hit) => hit.id),
  });
  return {
    name: options.name ?? listName(options.theme),
    theme: options.theme,
    from: options.from ?? null,
    to: options.to ?? null,
    mode,
    ...(mode === 'llm' && options.model ? { model: options.model } : {}),
    ...(mode === 'fallback' ? { fallbackReason: options.fallbackReason ?? 'no LLM configured' } : {}),
    intents,
    items: roundRobin(intents, searched.results, size),
    createdAt: new Date().toISOString(),
  };
}

/** Intents with distinct queries (case-insensitive), trimmed. */
function distinctIntents(intents: readonly CuratedIntent[]): CuratedIntent[] {
  const seen = new Set<string>();
  const out: CuratedIntent[] = [];
  for (const intent of intents) {
    const query = intent.query.trim();
    const key = query.toLowerCase();
    if (!query || seen.has(key)) continue;
    seen.add(key);
    out.push({ query, reason: intent.reason.trim() });
  }
  return out;
}

/** The first hit of every intent, then the second, ...: each intent is represented before any gets a second item. */
function roundRobin(
  intents: readonly CuratedIntent[],
  hits: ReadonlyArray<readonly string[] | undefined>,
  size: number,
): CuratedItem[] {
  const out: CuratedItem[] = [];
  const taken = new Set<string>();
  const longest = Math.max(0, ...hits.map((ids) => ids?.length ?? 0));
  for (let rank = 0; rank < longest && out.length < size; rank++) {
    for (let index = 0; index < intents.length && out.length < size; index++) {
      const id = hits[index]?.[rank];
      if (id === undefined || taken.has(id)) continue;
      taken.add(id);
      out.push({ id, score: 0, intent: intents[index].query, reason: intents[index].reason });
    }
  }
  out.forEach((item, position) => {
    item.score = Number((1 / (1 + position)).toFixed(6));
  });
  return out;
}

export interface CurateEstimate {
  mode: 'llm' | 'fallback';
  /** Chat calls (0 in fallback mode; cache hits would make it less). */
  calls: number;
  promptTokens: number;
  completionTokens: number;
  /** Embedding calls to a provider (0 with the embedded embedder). */
  embeddingCalls: number;
  embeddingTokens: number;
  costUsd: number;
  /** The chat model priced, or null. */
  model: string | null;
  /** True when the model has no known price (cost counts it as free). */
  unpriced: boolean;
}

/** The `--dry-run` estimate: the exact prompt's tokens, ~40 tokens per intent answered, query embeddings. */
export function estimateCurate(options: {
  theme: string;
  intents: number;
  catalog: Catalog;
  /** The chat model spec when an LLM is configured. */
  chat: Pick<ModelSpec, 'id' | 'model' | 'provider'> | null;
  /** The embedding model spec when a provider embeds (null: the embedded embedder). */
  embedding: Pick<ModelSpec, 'id' | 'model' | 'provider'> | null;
  prices?: Record<string, Price>;
  /** Items without a stored vector (embedded first). */
  missingVectors?: number;
}): CurateEstimate {
  const { chat, embedding } = options;
  const queries = chat ? options.intents : 1;
  let promptTokens = 0;
  let completionTokens = 0;
  let chatCost = 0;
  let unpriced = false;
  if (chat) {
    const { system, prompt } = curatePrompt({
      theme: options.theme,
      intents: options.intents,
      categories: catalogCategories(options.catalog),
    });
    promptTokens = estimateTokens(system) + estimateTokens(prompt) + 10;
    completionTokens = 10 + 40 * options.intents;
    const price = priceOf(chat, options.prices);
    unpriced = price === null;
    chatCost = costOf(price, { promptTokens, completionTokens });
  }
  let embeddingCalls = 0;
  let embeddingTokens = 0;
  let embeddingCost = 0;
  if (embedding) {
    const missing = options.missingVectors ?? 0;
    embeddingCalls = queries + Math.ceil(missing / 32);
    embeddingTokens = queries * 8 + missing * 24;
    embeddingCost = costOf(priceOf(embedding, options.prices), { promptTokens: embeddingTokens, completionTokens: 0 });
  }
  return {
    mode: chat ? 'llm' : 'fallback',
    calls: chat ? 1 : 0,
    promptTokens,
    completionTokens,
    embeddingCalls,
    embeddingTokens,
    costUsd: chatCost + embeddingCost,
    model: chat?.id ?? null,
    unpriced,
  };
}
