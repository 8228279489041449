// The recommendation pipeline: named stages recall → merge → rank → rerank → explain, with the fallback chain when
// the list is short or a stage fails. Online serving and offline precompute run this same code (`request.online`).

import { randomUUID } from 'node:crypto';
import type { PipelineConfig } from '../core/config/serving.ts';
import { hashString } from '../core/random.ts';
import type { Ranker } from '../models/ranking/ranker.ts';
import type { Store } from '../store/store.ts';
import type { Catalog } from './catalog.ts';
import type { ModelBundle, ModelRegistry } from './model-bundle.ts';
import type { ReasonWriter } from './reasons-cache.ts';
import { createSources, type ModelRequirement } from './sources/create-sources.ts';
import { applyBoosts } from './stages/boosts.ts';
import { diversify } from './stages/diversity.ts';
import { explain } from './stages/explain.ts';
import { explore } from './stages/exploration.ts';
import { fillFromFallback } from './stages/fallback.ts';
import { createFilter } from './stages/filters.ts';
import { learnedRank } from './stages/learned-rank.ts';
import { type ListReranker, llmRerank } from './stages/llm-rerank.ts';
import { merge } from './stages/merge.ts';
import { byScore, contribution, rank } from './stages/rank.ts';
import { recall } from './stages/recall.ts';
import { writtenReasons } from './stages/written-reasons.ts';
import type { Candidate, PipelineRequest, PipelineResult, RecallSource, StageTrace } from './types.ts';
import type { UserHistory } from './user-history.ts';

/** What one run reads besides the request: the catalog, the served models and the user's history. */
export interface PipelineInputs {
  catalog: Catalog;
  bundle: ModelBundle | null;
  history: UserHistory;
  /** Pinned items (config plus API). */
  pinned?: ReadonlySet<string>;
  /** Unit item vectors for embedding diversity. */
  vectors?: ReadonlyMap<string, Float32Array>;
  /** A learned ranker re-scoring the fused candidates (src/models/ranking); fusion order alone without it. */
  ranker?: Ranker;
  now?: number;
}

const traceSize = 50;

export class RecommendationPipeline {
  readonly config: PipelineConfig;
  readonly sources: readonly RecallSource[];
  /** The models this pipeline trains. */
  readonly models: readonly ModelRequirement[];
  readonly #fallback: ReadonlyArray<{ kind: string; key: string | undefined }>;
  readonly #store: Store;
  readonly #listReranker: ListReranker | undefined;
  readonly #reasonWriter: ReasonWriter | undefined;

  constructor(options: {
    config: PipelineConfig;
    registry: ModelRegistry;
    store: Store;
    /** The LLM behind the optional `llmRerank` stage (src/llmrec wires one); without it the stage keeps the order. */
    listReranker?: ListReranker;
    /** Writes missing reasons online when `reasons.online` allows it. */
    reasonWriter?: ReasonWriter;
  }) {
    this.config = options.config;
    this.#store = options.store;
    this.#listReranker = options.listReranker;
    this.#reasonWriter = options.reasonWriter;
    const built = createSources(options);
    this.sources = built.sources;
    this.models = built.models;
    this.#fallback = options.config.fallback.map((kind) => ({ kind, key: built.fallback.get(kind) }));
  }

  async run(request: PipelineRequest, inputs: PipelineInputs): Promise<PipelineResult> {
    const config = this.config;
    const requestId = request.requestId ?? randomUUID();
    const lang = request.lang ?? 'en';
    const total = (request.offset ?? 0) + request.n;
    const traces: StageTrace[] | undefined = request.trace ? [] : undefined;
    const { catalog, bundle, history } = inputs;
    const filter = createFilter({ request, history, catalog, filters: config.rerank.filters });
    let list: Candidate[] = [];
    const notes: string[] = [];
    try {
      let started = performance.now();
      const lists = await recall({
        sources: this.sources,
        context: {
          userId: request.userId,
          history,
          catalog,
          bundle,
          exclude: filter.excluded,
          allowed: filter.allowed,
          indices: bundle
            ? {
                exclude: bundle.indices(filter.excluded),
                allowed: filter.allowed ? bundle.indices(filter.allowed) : undefined,
              }
            : null,
        },
        budgetMs: request.online === false ? null : config.stageTimeoutMs,
      });
      traces?.push({
        stage: 'recall',
        ms: performance.now() - started,
        items: [],
        notes: lists.filter((entry) => entry.error).map((entry) => `${entry.source.name}: ${entry.error}`),
        sources: lists.map((entry) => ({
          name: entry.source.name,
          ms: entry.ms,
          items: entry.items.slice(0, traceSize).map((item) => ({ id: item.id, score: item.score })),
          error: entry.error,
        })),
      });
      started = performance.now();
      const merged = merge(lists).filter((candidate) => filter.accepts(candidate.id));
      traces?.push(snapshot('merge', started, merged, [`${merged.length} candidates after filters`]));
      started = performance.now();
      let ranked = rank(merged, { ...config.rank, keep: config.candidates });
      if (inputs.ranker) {
        const time = inputs.now ?? Date.now();
        ranked = learnedRank(ranked, { ranker: inputs.ranker, userId: request.userId, history, time });
      }
      const rankNote = inputs.ranker
        ? `fusion: ${config.rank.fusion}, then ${inputs.ranker.name}`
        : `fusion: ${config.rank.fusion}`;
      traces?.push(snapshot('rank', started, ranked, [rankNote]));
      if (config.llmRerank.enabled) {
        started = performance.now();
        const outcome = await llmRerank({
          ranked,
          reranker: this.#listReranker,
          topN: config.llmRerank.topN,
          rounds: config.llmRerank.rounds,
          timeoutMs: config.llmRerank.timeoutMs,
          request: { userId: request.userId, history, catalog, seed: hashString(requestId), lang },
        });
        ranked = outcome.ranked;
        traces?.push(snapshot('llm-rerank', started, ranked, [outcome.note]));
      }
      started = performance.now();
      list = this.#rerank({ ranked, request, inputs, filter, total, requestId });
      traces?.push(snapshot('rerank', started, list, []));
    } catch (error) {
      notes.push(`pipeline failed, serving the fallback: ${(error as Error)?.message ?? String(error)}`);
      list = [];
    }
    const started = performance.now();
    const fallback = fillFromFallback({
      list,
      target: total,
      chain: this.#fallback,
      bundle,
      catalog,
      filter,
      categoryCap: config.rerank.categoryCap,
    });
    if (fallback.length || notes.length) traces?.push(snapshot('fallback', started, list, [...notes, ...fallback]));
    const explainStarted = performance.now();
    const shown = list.slice(request.offset ?? 0, total);
    const written = await writtenReasons({
      store: this.#store,
      config: config.reasons,
      writer: this.#reasonWriter,
      userId: request.userId,
      history,
      catalog,
      itemIds: shown.map((candidate) => candidate.id),
      lang,
    });
    const items = shown.map((candidate, index) => {
      const main = candidate.explored
        ? 'exploration'
        : ([...candidate.sources].sort(
            (a, b) => contribution(b, config.rank.rrfK) - contribution(a, config.rank.rrfK),
          )[0]?.source ?? 'fallback');
      return {
        id: candidate.id,
        score: Number(candidate.score.toFixed(6)),
        source: main,
        sources: candidate.sources.map((entry) => entry.source),
        position: (request.offset ?? 0) + index,
        propensity: candidate.propensity,
        explored: candidate.explored === true,
        reasons: explain({
          candidate,
          catalog,
          history,
          lang,
          maxReasons: config.maxReasons,
          rrfK: config.rank.rrfK,
          written: written.reasons.get(candidate.id),
        }),
      };
    });
    traces?.push({
      stage: 'explain',
      ms: performance.now() - explainStarted,
      items: items.map((item) => ({ id: item.id, score: item.score, source: item.source })),
      notes: [
        ...(written.reasons.size ? [`${written.reasons.size} items with written reasons`] : []),
        ...written.notes,
      ],
    });
    return { items, modelVersion: bundle?.version ?? null, requestId, fallback, trace: traces };
  }

  #rerank(options: {
    ranked: Candidate[];
    request: PipelineRequest;
    inputs: PipelineInputs;
    filter: ReturnType<typeof createFilter>;
    total: number;
    requestId: string;
  }): Candidate[] {
    const { ranked, inputs, filter, total } = options;
    const rerank = this.config.rerank;
    const pinned = new Set([...rerank.boosts.pinned.items, ...(inputs.pinned ?? [])]);
    const present = new Set(ranked.map((candidate) => candidate.id));
    for (const id of pinned) {
      if (present.has(id) || !filter.accepts(id)) continue;
      ranked.push({ id, sources: [], evidence: new Map(), score: 0, boosts: [], propensity: 1 });
    }
    applyBoosts({
      candidates: ranked,
      catalog: inputs.catalog,
      history: inputs.history,
      boosts: rerank.boosts,
      pinned,
      now: inputs.now ?? Date.now(),
    });
    ranked.sort(byScore);
    const list = diversify(ranked, total, {
      method: rerank.diversity.method,
      lambda: rerank.diversity.lambda,
      categoryCap: rerank.categoryCap,
      catalog: inputs.catalog,
      vectors: rerank.diversity.by === 'embedding' ? inputs.vectors : undefined,
    });
    const bundle = inputs.bundle;
    explore(list, {
      ...rerank.exploration,
      ranked,
      accepts: (id) => filter.accepts(id),
      posterior: (id) => {
        const index = bundle ? bundle.items.indexOf(id) : -1;
        if (!bundle || index < 0) return { alpha: 1, beta: 1 };
        return { alpha: bundle.itemPositives[index] + 1, beta: bundle.itemExposures[index] + 1 };
      },
      seed: hashString(options.requestId),
      categoryCap: rerank.categoryCap,
      categoryOf: (id) => inputs.catalog.get(id)?.leafCategory ?? null,
    });
    return list;
  }
}

function snapshot(stage: string, started: number, candidates: readonly Candidate[], notes: string[]): StageTrace {
  return {
    stage,
    ms: performance.now() - started,
    items: candidates.slice(0, traceSize).map((candidate) => ({
      id: candidate.id,
      score: candidate.score,
      source: candidate.explored ? 'exploration' : candidate.sources[0]?.source,
    })),
    notes,
  };
}
