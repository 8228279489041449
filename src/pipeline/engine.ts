// The recommendation engine as a service: the pipeline over the catalog and the served model bundle, per-user
// history and response caches, hot-swapped models (trained here or by another process), background retraining
// and precomputed lists. The HTTP server is a thin layer over it; a library user can call it directly.

import { randomUUID } from 'node:crypto';
import type { PipelineConfig, ServingConfig } from '../core/config/serving.ts';
import type { Progress } from '../core/progress.ts';
import type { Ranker } from '../models/ranking/ranker.ts';
import type { SharedState } from '../store/shared-state.ts';
import type { Store } from '../store/store.ts';
import { BackgroundTrainer } from './background-trainer.ts';
import { Catalog } from './catalog.ts';
import { HistoryCache, hiddenNamespace } from './history-cache.ts';
import {
  complementItems,
  type ListedItem,
  type ListInputs,
  type ListQuery,
  latestItems,
  listInputs,
  popularItems,
  similarItems,
  trendingItems,
} from './item-lists.ts';
import type { ModelBundle, ModelRegistry } from './model-bundle.ts';
import { RecommendationPipeline } from './pipeline.ts';
import { type PipelineVariant, PipelineVariants } from './pipeline-variants.ts';
import { loadRankerBlob, trainRankerBlob } from './ranker-training.ts';
import type { ReasonWriter } from './reasons-cache.ts';
import { type RecommendQuery, type RecommendResponse, serialiseResponse, variantKey } from './response-body.ts';
import { type CachedList, ResponseCache } from './response-cache.ts';
import type { ListReranker } from './stages/llm-rerank.ts';
import { trainInWorker } from './train-worker.ts';
import { loadBundle, saveBundle, trainBundle } from './trainer.ts';
import type { PipelineRequest, PipelineResult } from './types.ts';
import { UserHistory } from './user-history.ts';

export interface EngineOptions {
  store: Store;
  shared: SharedState;
  config: ServingConfig;
  registry: ModelRegistry;
  /** The store location as configured, for the training worker (which opens its own connection). */
  location?: string;
  /** A module exporting `recommenders` (the registry), for training in a worker thread; in-process when absent. */
  registryModule?: string;
  log?: (message: string) => void;
  /** The LLM behind the optional `llmRerank` stage (src/llmrec wires one when a model is configured). */
  listReranker?: ListReranker;
  /** Writes missing reasons online when `pipeline.reasons.online` allows it. */
  reasonWriter?: ReasonWriter;
}

const topics = { model: 'model', invalidate: 'invalidate', catalog: 'catalog', settings: 'settings' } as const;
const settingsNamespace = 'settings';

export class RecommendationEngine {
  readonly store: Store;
  readonly shared: SharedState;
  readonly config: ServingConfig;
  readonly registry: ModelRegistry;
  readonly pipeline: RecommendationPipeline;
  readonly catalog: Catalog;
  readonly cache: ResponseCache;
  readonly histories: HistoryCache;
  readonly trainer: BackgroundTrainer;
  /** Items served per source (for /metrics). */
  readonly servedBySource = new Map<string, number>();
  /** Pipelines of the running experiments' variants (their config overrides over `config.pipeline`). */
  readonly variants: PipelineVariants;
  #bundle: ModelBundle | null = null;
  /** The learned ranker (rank stage), when one was trained (pipeline.rank.learned). */
  #ranker: Ranker | null = null;
  #pinned: Set<string> = new Set();
  #options: EngineOptions;
  #unsubscribe: Array<() => void> = [];
  #pollTimer: NodeJS.Timeout | null = null;
  #precomputing: AbortController | null = null;
  #precomputeRun: Promise<number> = Promise.resolve(0);
  #adopting: Promise<void> = Promise.resolve();

  private constructor(options: EngineOptions, catalog: Catalog) {
    this.#options = options;
    this.store = options.store;
    this.shared = options.shared;
    this.config = options.config;
    this.registry = options.registry;
    this.catalog = catalog;
    const build = (config: PipelineConfig) =>
      new RecommendationPipeline({
        config,
        registry: options.registry,
        store: options.store,
        listReranker: options.listReranker,
        reasonWriter: options.reasonWriter,
      });
    this.pipeline = build(options.config.pipeline);
    this.variants = new PipelineVariants({ served: this.pipeline, build });
    const cache = options.config.cache;
    this.cache = new ResponseCache({
      shared: options.shared.kind === 'memory' ? null : options.shared.cache,
      ttlMs: cache.ttlSeconds * 1000,
      maxEntries: cache.maxEntries,
    });
    this.histories = new HistoryCache({
      store: options.store,
      limit: options.config.pipeline.historyLimit,
      // Histories are data, not answers: kept (and dropped on the user's feedback) also with the response cache off.
      ttlMs: 60_000,
      maxUsers: 100_000,
      classes: ['positive', 'negative', ...options.config.pipeline.rerank.filters.seenClasses],
    });
    const trainer = options.config.trainer;
    this.trainer = new BackgroundTrainer({
      counters: options.shared.counters,
      afterEvents: trainer.afterEvents,
      intervalMs: trainer.intervalMinutes * 60_000,
      minGapMs: trainer.minGapSeconds * 1000,
      version: () => this.#bundle?.version ?? 0,
      train: async () => {
        await this.train();
      },
      onError: (error) => this.#log(`background training failed: ${(error as Error)?.message ?? error}`),
    });
  }

  /** Loads the catalog, settings and the latest stored model bundle (training is separate: `train`). */
  static async create(options: EngineOptions): Promise<RecommendationEngine> {
    const engine = new RecommendationEngine(options, await Catalog.load(options.store));
    engine.#pinned = new Set((await options.store.kv.get<string[]>(settingsNamespace, 'pinned')) ?? []);
    const bundle = await loadBundle(options.store, options.registry).catch((error) => {
      engine.#log(`the stored model bundle cannot be loaded (${(error as Error).message}); retrain`);
      return null;
    });
    if (bundle) {
      engine.#bundle = bundle;
      await engine.#loadRanker();
      engine.#schedulePrecompute();
    }
    engine.#subscribe();
    const poll = options.config.trainer.pollSeconds;
    if (poll > 0) {
      engine.#pollTimer = setInterval(() => void engine.#pollForModel(), poll * 1000);
      engine.#pollTimer.unref();
    }
    return engine;
  }

  get bundle(): ModelBundle | null {
    return this.#bundle;
  }

  get modelVersion(): number | null {
    return this.#bundle?.version ?? null;
  }

  /** The learned ranker the rank stage uses when `pipeline.rank.learned` is on (null until one is trained). */
  get ranker(): Ranker | null {
    return this.#ranker;
  }

  get pinned(): ReadonlySet<string> {
    return this.#pinned;
  }

  #subscribe(): void {
    const broadcast = this.shared.broadcast;
    this.#unsubscribe.push(
      broadcast.subscribe(topics.model, (message) => {
        const version = (message as { version?: number }).version;
        if (typeof version === 'number' && version > (this.modelVersion ?? 0)) void this.adopt(version);
      }),
      broadcast.subscribe(topics.invalidate, (message) => {
        const users = (message as { users?: string[] }).users ?? [];
        this.histories.invalidate(users);
        void this.cache.invalidate({ users, groups: this.#groups(users), shared: false });
      }),
      broadcast.subscribe(
        topics.catalog,
        (message) => void this.#reloadItems((message as { ids?: string[] }).ids ?? []),
      ),
      broadcast.subscribe(topics.settings, (message) => {
        const pinned = (message as { pinned?: string[] }).pinned;
        if (pinned) this.#pinned = new Set(pinned);
      }),
    );
  }

  #groups(users: readonly string[]): string[] {
    const version = this.modelVersion ?? 0;
    return users.map((user) => `rec:${version}:${user}`);
  }

  /**
   * Runs the pipeline (no cache); `trace` gives the inspector's per-stage view. `variant`: an experiment variant's
   * pipeline overrides (a ConfigError when they are invalid).
   */
  async run(request: PipelineRequest, variant?: PipelineVariant): Promise<PipelineResult> {
    const pipeline = variant ? this.variants.get(variant) : this.pipeline;
    const history =
      request.userId === null
        ? UserHistory.fromSession(request.sessionItems ?? [], await this.histories.types())
        : await this.histories.get(request.userId);
    return pipeline.run(request, {
      catalog: this.catalog,
      bundle: this.#bundle,
      history,
      pinned: this.#pinned,
      ranker: pipeline.config.rank.learned.enabled ? (this.#ranker ?? undefined) : undefined,
    });
  }

  /**
   * The cached response of a request from this process's tier, synchronously, or undefined (then `recommendBody`):
   * the hot path of precomputed lists, without a promise per request.
   */
  cachedBody(
    query: RecommendQuery,
    variant?: PipelineVariant,
  ): { body: string; bytes?: Buffer; exposure: CachedList['exposure'] } | undefined {
    if (!this.config.cache.enabled || query.userId === null || query.trace) return undefined;
    const field = variant ? `${variantKey(query)}|${variant.key}` : variantKey(query);
    const hit = this.cache.getLocal(`rec:${this.modelVersion ?? 0}:${query.userId}`, field);
    if (!hit) return undefined;
    this.cache.hits++;
    this.#countServed(hit.sources);
    return hit;
  }

  /**
   * A user's recommendations as the serialised response body, from the cache when it has them. With a `variant`
   * (an experiment's), that variant's pipeline runs and its key is part of the cache field.
   */
  async recommendBody(
    query: RecommendQuery,
    variant?: PipelineVariant,
  ): Promise<{ body: string; bytes?: Buffer; cached: boolean; exposure: CachedList['exposure'] }> {
    const cacheable = this.config.cache.enabled && query.userId !== null && !query.trace;
    const group = cacheable ? this.#groups([query.userId!])[0] : '';
    const field = cacheable ? (variant ? `${variantKey(query)}|${variant.key}` : variantKey(query)) : '';
    if (cacheable) {
      const hit = await this.cache.get(group, field);
      if (hit) {
        this.#countServed(hit.sources);
        return { body: hit.body, bytes: hit.bytes, cached: true, exposure: hit.exposure };
      }
    }
    const generation = query.userId === null ? 0 : this.cache.generation(query.userId);
    const entry = serialiseResponse(
      await this.run({ ...query, requestId: query.requestId ?? randomUUID() }, variant),
      query,
      this.catalog,
    );
    this.#countServed(entry.sources);
    if (cacheable) await this.cache.set({ group, field, user: query.userId!, generation, entry });
    return { body: entry.body, bytes: entry.bytes, cached: false, exposure: entry.exposure };
  }

  async recommend(query: RecommendQuery): Promise<RecommendResponse> {
    return JSON.parse((await this.recommendBody(query)).body) as RecommendResponse;
  }

  #countServed(sources: CachedList['sources']): void {
    for (const [source, count] of sources)
      this.servedBySource.set(source, (this.servedBySource.get(source) ?? 0) + count);
  }

  #listInputs(): ListInputs {
    return listInputs({ config: this.config.pipeline, bundle: this.#bundle, catalog: this.catalog, store: this.store });
  }

  similar(itemId: string, query: ListQuery): Promise<ListedItem[]> {
    return similarItems(this.#listInputs(), itemId, query);
  }

  complements(itemId: string, query: ListQuery): Promise<ListedItem[]> {
    return complementItems(this.#listInputs(), itemId, query);
  }

  popular(query: ListQuery): Promise<ListedItem[]> {
    return popularItems(this.#listInputs(), query);
  }

  trending(query: ListQuery): Promise<ListedItem[]> {
    return trendingItems(this.#listInputs(), query);
  }

  latest(query: ListQuery): Promise<ListedItem[]> {
    return latestItems(this.#listInputs(), query);
  }

  /** After feedback is stored: the users' next requests see it, here and in every process; counts for retraining. */
  async feedbackStored(users: readonly string[], events: number): Promise<void> {
    const distinct = [...new Set(users)];
    this.histories.invalidate(distinct);
    await this.cache.invalidate({ users: distinct, groups: this.#groups(distinct), shared: true });
    await this.shared.broadcast.publish(topics.invalidate, { users: distinct });
    this.trainer.count(events);
  }

  /** After items are written or removed: this catalog and the other processes' catalogs reload them. */
  async itemsChanged(ids: readonly string[]): Promise<void> {
    await this.#reloadItems(ids);
    await this.shared.broadcast.publish(topics.catalog, { ids });
  }

  async #reloadItems(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    const found = await this.store.items.get(ids);
    const present = new Set(found.map((item) => item.id));
    this.catalog.upsert(found);
    this.catalog.remove(ids.filter((id) => !present.has(id)));
  }

  async setPinned(ids: readonly string[]): Promise<void> {
    await this.store.kv.set(settingsNamespace, 'pinned', [...ids]);
    this.#pinned = new Set(ids);
    this.cache.clearLocal();
    await this.shared.broadcast.publish(topics.settings, { pinned: [...ids] });
  }

  async hiddenItems(userId: string): Promise<string[]> {
    return (await this.store.kv.get<string[]>(hiddenNamespace, userId)) ?? [];
  }

  async setHiddenItems(userId: string, ids: readonly string[]): Promise<void> {
    await this.store.kv.set(hiddenNamespace, userId, [...new Set(ids)]);
    await this.feedbackStored([userId], 0);
  }

  /** Trains a new bundle (in a worker thread when configured), stores it, serves it, and tells the other processes. */
  async train(options: { progress?: Progress; signal?: AbortSignal } = {}): Promise<ModelBundle> {
    const trainer = this.config.trainer;
    let version: number;
    const { registryModule, location } = this.#options;
    const inWorker = Boolean(trainer.worker && registryModule && location);
    if (inWorker && registryModule && location) {
      version = await trainInWorker({
        location,
        pipeline: this.config.pipeline,
        registryModule,
        seed: trainer.seed,
        progress: options.progress,
        signal: options.signal,
      });
    } else {
      const bundle = await trainBundle({
        store: this.store,
        pipeline: this.pipeline,
        registry: this.registry,
        catalog: this.catalog,
        progress: options.progress,
        seed: trainer.seed,
        signal: options.signal,
      });
      version = (await saveBundle(this.store, bundle)).version;
    }
    // The learned ranker learns from the logged impressions after the models (the worker trains its own).
    if (this.config.pipeline.rank.learned.enabled && !inWorker) {
      await trainRankerBlob({
        store: this.store,
        catalog: this.catalog,
        config: this.config.pipeline.rank.learned,
        bundleVersion: version,
        seed: trainer.seed,
        progress: options.progress,
      });
    }
    await this.adopt(version);
    await this.shared.broadcast.publish(topics.model, { version });
    return this.#bundle!;
  }

  /** Loads a stored bundle version and serves it from the next request on (requests in flight finish on the old one). */
  adopt(version: number): Promise<void> {
    this.#adopting = this.#adopting.then(async () => {
      if ((this.modelVersion ?? 0) >= version) return;
      const bundle = await loadBundle(this.store, this.registry, version);
      if (!bundle) return;
      this.#bundle = bundle;
      await this.#loadRanker();
      this.cache.clearLocal();
      this.#log(`serving model version ${version}`);
      this.#schedulePrecompute();
    });
    return this.#adopting;
  }

  async #pollForModel(): Promise<void> {
    try {
      const versions = await this.store.blobs.list('pipeline-models');
      const latest = versions.at(-1)?.version ?? 0;
      if (latest > (this.modelVersion ?? 0)) await this.adopt(latest);
    } catch (error) {
      this.#log(`checking for a new model failed: ${(error as Error).message}`);
    }
  }

  /**
   * Fills the cache with the default list of the most active users: the same pipeline, offline (no time budget).
   * Yields to the event loop between users so that requests are not held up; a newer model stops it.
   */
  async precompute(options: { users?: readonly string[]; limit?: number; query?: Partial<RecommendQuery> } = {}) {
    this.#precomputing?.abort();
    const controller = new AbortController();
    this.#precomputing = controller;
    const users = options.users ?? this.#precomputeOrder();
    const limit = Math.min(users.length, options.limit ?? this.config.cache.precomputeUsers);
    let done = 0;
    let slice = performance.now();
    for (let k = 0; k < limit && !controller.signal.aborted; k++) {
      await this.recommendBody({ userId: users[k], n: 10, online: false, ...options.query });
      done++;
      // Requests wait at most ~5 ms behind precompute work.
      if (performance.now() - slice > 5) {
        await new Promise((resolve) => setImmediate(resolve));
        slice = performance.now();
      }
    }
    if (this.#precomputing === controller) this.#precomputing = null;
    return done;
  }

  /** The most active users first, then every other user the models know (their lists are the fallback's). */
  #precomputeOrder(): string[] {
    const bundle = this.#bundle;
    if (!bundle) return [];
    const active = new Set(bundle.activeUsers);
    return [...bundle.activeUsers, ...bundle.users.ids().filter((id) => !active.has(id))];
  }

  #schedulePrecompute(): void {
    if (!this.config.cache.enabled || this.config.cache.precomputeUsers === 0) return;
    this.#precomputeRun = this.precompute().catch((error) => {
      this.#log(`precomputing lists failed: ${(error as Error).message}`);
      return 0;
    });
  }

  /** Resolves when the precompute started by the last model swap has finished (to the number of lists). */
  precomputed(): Promise<number> {
    return this.#precomputeRun;
  }

  /** The latest stored learned ranker (kept when it cannot be read: the stage falls back to fusion order). */
  async #loadRanker(): Promise<void> {
    try {
      const ranker = await loadRankerBlob(this.store, this.catalog);
      if (ranker) this.#ranker = ranker;
    } catch (error) {
      this.#log(`the stored learned ranker cannot be loaded (${(error as Error).message}); retrain`);
    }
  }

  #log(message: string): void {
    this.#options.log?.(message);
  }

  async close(): Promise<void> {
    this.#precomputing?.abort();
    if (this.#pollTimer) clearInterval(this.#pollTimer);
    for (const off of this.#unsubscribe) off();
    await this.trainer.stop();
    await this.#adopting;
  }
}

export type { RecommendQuery, RecommendResponse } from './response-body.ts';
