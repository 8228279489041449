// The `serving` section: the recommendation pipeline (recall → merge → rank → rerank → explain), the HTTP server,
// auth, caching, and the background trainer. Model names are checked against the registry when the pipeline is built.

import { z } from 'zod';

const sourceBase = {
  /** Name in traces and attribution (defaults to the kind, or the model name). */
  name: z.string().min(1).optional(),
  /** How many candidates this source contributes at most. */
  quota: z.number().int().min(1).max(10_000).default(50),
  /** Weight of this source in score fusion. */
  weight: z.number().min(0).default(1),
};

/** One recall source; `source` picks the kind (one shape, chosen by name). */
export const recallSourceSchema = z.discriminatedUnion('source', [
  z.strictObject({
    source: z.literal('model'),
    ...sourceBase,
    /** A registry name of a fitted model (e.g. `ials`). */
    model: z.string().min(1),
    /** Hyperparameters for training; unknown ones are rejected by the model. */
    params: z.record(z.string(), z.union([z.number(), z.boolean(), z.string()])).default({}),
  }),
  z.strictObject({ source: z.literal('popular'), ...sourceBase, model: z.string().min(1).default('popularity') }),
  z.strictObject({ source: z.literal('trending'), ...sourceBase, model: z.string().min(1).default('trending') }),
  z.strictObject({ source: z.literal('latest'), ...sourceBase, model: z.string().min(1).default('latest') }),
  z.strictObject({
    source: z.literal('item-to-item'),
    ...sourceBase,
    /** A model with `similarItems` (e.g. `itemknn`). */
    model: z.string().min(1).default('itemknn'),
    /** How many of the user's most recent positive items seed the search. */
    recentItems: z.number().int().min(1).max(100).default(5),
  }),
  z.strictObject({
    source: z.literal('co-purchase'),
    ...sourceBase,
    model: z.string().min(1).default('cooccurrence'),
    recentItems: z.number().int().min(1).max(100).default(5),
    /** Feedback types whose items seed the search. */
    types: z.array(z.string().min(1)).min(1).default(['purchase', 'cart']),
  }),
  z.strictObject({
    source: z.literal('content'),
    ...sourceBase,
    /** A model with `similarItems`; when null, the store's item vectors (`vectorNamespace`) are searched. */
    model: z.string().min(1).nullable().default(null),
    vectorNamespace: z.string().min(1).default('items'),
    recentItems: z.number().int().min(1).max(100).default(5),
  }),
  z.strictObject({
    source: z.literal('user-to-user'),
    ...sourceBase,
    /** How many followed users (social edges) to read. */
    neighbours: z.number().int().min(1).max(200).default(20),
    /** How many recent positive items of each neighbour. */
    itemsPerNeighbour: z.number().int().min(1).max(200).default(10),
  }),
  z.strictObject({
    source: z.literal('curated'),
    ...sourceBase,
    /** The name of a list stored by `lmrec curate` (active only between its dates). */
    list: z.string().min(1),
  }),
  z.strictObject({
    source: z.literal('external'),
    ...sourceBase,
    /** POSTed `{userId, n, history}`; answers `{items: [{id, score}]}`. */
    url: z.url(),
    headers: z.record(z.string(), z.string()).default({}),
    timeoutMs: z.number().int().min(1).max(60_000).default(200),
  }),
  z.strictObject({
    source: z.literal('q2i'),
    ...sourceBase,
    /** KV namespace of the per-user cache that `lmrec enrich queries` writes. */
    namespace: z.string().min(1).default('q2i'),
    /** Search queries written per user. */
    queries: z.number().int().min(1).max(20).default(5),
    /** Items hybrid search keeps per query. */
    perQuery: z.number().int().min(1).max(500).default(30),
    /** Hours a cached entry is served before it expires. */
    ttlHours: z
      .number()
      .min(0.01)
      .default(7 * 24),
    /** New positive events since the entry was written that make `enrich queries` rewrite it. */
    refreshAfterEvents: z.number().int().min(1).default(5),
    /** A user without a cached entry: `terms` searches the history's top attribute, tag and category words (no
     * LLM); `none` gives nothing. */
    fallback: z.enum(['terms', 'none']).default('terms'),
  }),
]);

export const pipelineSchema = z.strictObject({
  recall: z
    .array(recallSourceSchema)
    .min(1)
    .prefault(() => [
      { source: 'model' as const, model: 'ials', quota: 60 },
      { source: 'item-to-item' as const, model: 'itemknn', quota: 30 },
      { source: 'co-purchase' as const, model: 'cooccurrence', quota: 20, weight: 0.8 },
      { source: 'trending' as const, quota: 20, weight: 0.5 },
      { source: 'popular' as const, quota: 20, weight: 0.3 },
      { source: 'latest' as const, quota: 10, weight: 0.2 },
    ]),
  /** Fused candidates kept for reranking. */
  candidates: z.number().int().min(10).max(10_000).default(120),
  /** Time budget of one stage (online); a source that misses it is dropped and the fallback fills in. */
  stageTimeoutMs: z.number().int().min(1).max(60_000).default(100),
  rank: z
    .strictObject({
      /** rrf: reciprocal rank fusion (Cormack et al. 2009); weighted: min-max normalised scores times weights. */
      fusion: z.enum(['rrf', 'weighted']).default('rrf'),
      /** The k of RRF. */
      rrfK: z.number().min(1).default(60),
      /**
       * A learned CTR/CVR ranker (src/models/ranking) re-scores the fused candidates. The background trainer fits it
       * on the logged impressions (shown, not clicked = negative; position is a feature) after each model training.
       */
      learned: z
        .strictObject({
          enabled: z.boolean().default(false),
          /** Learned-ranker hyperparameters (model ftrl|fm|deepfm, epochs, objective, calibration, …). */
          params: z.record(z.string(), z.union([z.number(), z.string()])).default({}),
          /** Days of feedback before the newest event that the ranker learns from. */
          days: z.number().min(1).max(3650).default(90),
          /** Logged impressions (with a position) needed before a ranker is trained. */
          minImpressions: z.number().int().min(1).default(1000),
        })
        .prefault({}),
    })
    .prefault({}),
  rerank: z
    .strictObject({
      filters: z
        .strictObject({
          seen: z.boolean().default(true),
          negative: z.boolean().default(true),
          unavailable: z.boolean().default(true),
          /** Feedback classes whose items count as seen. */
          seenClasses: z.array(z.enum(['positive', 'exposure', 'negative'])).default(['positive']),
        })
        .prefault({}),
      diversity: z
        .strictObject({
          /** MMR (Carbonell & Goldstein 1998) trades relevance against similarity to items already chosen. */
          method: z.enum(['mmr', 'none']).default('mmr'),
          by: z.enum(['category', 'embedding']).default('category'),
          /** 1 = relevance only, 0 = diversity only. */
          lambda: z.number().min(0).max(1).default(0.8),
          vectorNamespace: z.string().min(1).default('items'),
        })
        .prefault({}),
      /** At most this many items of one (leaf) category per list; null for no cap. */
      categoryCap: z.number().int().min(1).nullable().default(4),
      /** Boosts multiply the fused score by (1 + weight), so they mean the same under either fusion. */
      boosts: z
        .strictObject({
          /** Items created within `days`: weight scaled by freshness (full on the first day, none after `days`). */
          newArrivals: z
            .strictObject({ days: z.number().min(0).default(30), weight: z.number().min(0).default(0.2) })
            .prefault({}),
          /** Items tagged with the current season (tags or attributes.season). */
          seasonal: z.strictObject({ weight: z.number().min(0).default(0.1) }).prefault({}),
          /** Pinned items (config plus those set through the API) go above the best candidate and get a reason. */
          pinned: z
            .strictObject({ items: z.array(z.string()).default([]), weight: z.number().min(0).default(1) })
            .prefault({}),
          /** New arrivals of brands in the user's history. */
          likedBrand: z.strictObject({ weight: z.number().min(0).default(0.1) }).prefault({}),
        })
        .prefault({}),
      exploration: z
        .strictObject({
          /** Thompson sampling over per-item Beta(clicks + 1, impressions − clicks + 1), or ε-greedy. */
          method: z.enum(['none', 'epsilon-greedy', 'thompson']).default('epsilon-greedy'),
          /** Positions (0-based) that may hold an explored item. */
          slots: z.array(z.number().int().min(0)).default([7]),
          epsilon: z.number().min(0).max(1).default(0.1),
          /** Explored items come from the ranked candidates below this rank. */
          poolStart: z.number().int().min(0).default(20),
          poolSize: z.number().int().min(1).default(50),
        })
        .prefault({}),
    })
    .prefault({}),
  /** Filled in order when the pipeline has too few items, for new users, or when a stage fails. */
  fallback: z.array(z.enum(['trending', 'popular', 'latest'])).default(['trending', 'popular', 'latest']),
  /** Optional LLM list reranker after rank (src/pipeline/stages/llm-rerank.ts); off by default. */
  llmRerank: z
    .strictObject({
      enabled: z.boolean().default(false),
      /** The top this many ranked candidates are reranked as one list (at most 30: one label each, A…Z, AA…AD). */
      topN: z.number().int().min(2).max(30).default(20),
      /** Shuffled rounds (an independent permutation each) aggregated by Borda count, against position bias. */
      rounds: z.number().int().min(1).max(10).default(3),
      /** Whole-stage time limit; when it passes, or on any failure, the ranked order stands. */
      timeoutMs: z.number().int().min(1).max(600_000).default(3000),
      /** The configured model that answers: the chat model or the cheaper `fast` one. */
      role: z.enum(['chat', 'fast']).default('fast'),
    })
    .prefault({}),
  /** Personalised reasons written by an LLM (`lmrec enrich reasons`), shown before the template reasons. */
  reasons: z
    .strictObject({
      /** Read the precomputed reasons from the store (KV namespace `namespace`). */
      precomputed: z.boolean().default(true),
      namespace: z.string().min(1).default('reasons'),
      /** Write missing reasons online with the LLM, waiting at most `latencyBudgetMs`; templates after that. */
      online: z.boolean().default(false),
      latencyBudgetMs: z.number().int().min(1).max(60_000).default(300),
    })
    .prefault({}),
  /** Reasons per item at most. */
  maxReasons: z.number().int().min(1).max(10).default(3),
  /** How many recent events of a user the pipeline reads per request. */
  historyLimit: z.number().int().min(1).max(10_000).default(200),
});

export const servingSchema = z.strictObject({
  /** Port of `lmrec serve` / `npm start`. Env: PORT. */
  port: z.coerce.number().int().min(0).max(65_535).default(8080),
  host: z.string().default('127.0.0.1'),
  /** Largest JSON request body; bulk JSONL imports have their own limit. */
  bodyLimitBytes: z
    .number()
    .int()
    .min(1024)
    .default(10 * 1024 * 1024),
  importLimitBytes: z
    .number()
    .int()
    .min(1024)
    .default(512 * 1024 * 1024),
  /** Allowed browser origins (`*` for any). */
  corsOrigins: z.array(z.string()).default(['*']),
  rateLimit: z
    .strictObject({
      /** Requests per key per window, by role; 0 means unlimited. */
      admin: z.number().int().min(0).default(0),
      client: z.number().int().min(0).default(600_000),
      storefront: z.number().int().min(0).default(600),
      /** Requests per IP per window for unauthenticated routes that cost work (session issuing). */
      anonymous: z.number().int().min(0).default(60),
      windowSeconds: z.number().int().min(1).default(60),
    })
    .prefault({}),
  storefront: z
    .strictObject({
      /** Issue storefront sessions at POST /api/session (for browsers, with no key). */
      enabled: z.boolean().default(true),
      /** A session may read and post feedback for any user id (demo user switcher), not only its own visitor id. */
      actAsAnyUser: z.boolean().default(false),
      ttlMinutes: z
        .number()
        .int()
        .min(1)
        .default(24 * 60),
    })
    .prefault({}),
  cache: z
    .strictObject({
      /** Cache recommendation responses (per user, invalidated by that user's feedback and by a new model). */
      enabled: z.boolean().default(true),
      ttlSeconds: z.number().int().min(1).default(3600),
      /** In-process entries at most (the shared Redis tier is bounded by its TTL). */
      maxEntries: z.number().int().min(1).default(200_000),
      /** Precompute lists after each (re)load for this many most active users; 0 to skip. */
      precomputeUsers: z.number().int().min(0).default(10_000),
    })
    .prefault({}),
  trainer: z
    .strictObject({
      /** Retrain every this many minutes (0: never on a schedule). */
      intervalMinutes: z.number().min(0).default(0),
      /** Retrain after this many new feedback events (0: never on volume). */
      afterEvents: z.number().int().min(0).default(10_000),
      /** Fewest seconds between two trainings. */
      minGapSeconds: z.number().min(0).default(60),
      /** Train in a worker thread (the server keeps answering); off trains on the main thread. */
      worker: z.boolean().default(true),
      /** How often a process without Redis checks the store for a model trained elsewhere. */
      pollSeconds: z.number().min(0).default(30),
      seed: z.number().int().default(42),
    })
    .prefault({}),
  /** Embed search queries (and items written through the API) with the configured embedder (llm.embedding), in a
   * worker thread, once the catalog has item vectors: the vector half of hybrid search. */
  embeddings: z.boolean().default(true),
  /** Also embed every catalog item without a vector, in the background after start (`npm start` turns this on).
   * Off by default: the sentence encoder takes a core for minutes on a large catalog. */
  embedCatalog: z.boolean().default(false),
  /** Prefix of every Redis key and channel, so that several deployments (or test runs) can share one Redis. */
  redisPrefix: z.string().min(1).default('lmrec:'),
  /** Log an `impression` event per shown item (with source, position, request id, propensity) from the server. */
  logExposures: z.boolean().default(false),
  /** How often each API process re-reads the running experiments (a start or stop reaches it within this time). */
  experimentsRefreshSeconds: z.number().min(0.1).max(3600).default(5),
  pipeline: pipelineSchema.prefault({}),
});

export type ServingConfig = z.infer<typeof servingSchema>;
export type PipelineConfig = z.infer<typeof pipelineSchema>;
export type RecallSourceConfig = z.infer<typeof recallSourceSchema>;
