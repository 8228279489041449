// Fused: collaborative (iALS) ID embeddings fused with item text embeddings, for cold start. Two fusions:
//  - a text → CF map (ridge) fitted on warm items gives every item a text-mapped CF vector; an item's recall vector
//    is g(n)·own + (1 − g(n))·mapped, so a brand-new item (n = 0) enters CF recall at once through its text;
//  - a hybrid score adds the standardised text (content) score, weighted by 1 − g(n).
// g(n) = n / (n + κ) gates by the item's training interactions; κ, the text weight, the ridge strength and the cold
// offset are chosen on pseudo-cold warm items held out during fit (fusion/fusion-weights.ts). See docs/llmrec.md.

import type { Dataset } from '../core/dataset.ts';
import { InvalidInputError } from '../core/errors.ts';
import { type ContentModel, content } from './content.ts';
import { FactorModel } from './factor-model.ts';
import {
  chooseFusionSettings,
  type FusionSettings,
  fuseScores,
  gateOf,
  itemCounts,
  type ProbeReport,
  standardise,
} from './fusion/fusion-weights.ts';
import { fitMlpMap, type MlpMap } from './fusion/mlp-map.ts';
import { isMlp, mapText, ridgeProblem, solveRidge, type TextMap, unitRows } from './fusion/text-to-factors.ts';
import { ials } from './ials.ts';
import { selectTopK } from './kernels/top-k.ts';
import { paddedStride, WasmArena } from './kernels/wasm-arena.ts';
import { requireRange, resolveParams } from './params.ts';
import type { FitOptions, ModelSnapshot, Recommender, ScoredItems, UserRef } from './recommender.ts';
import { checkCount, checkItem, ScoringModel } from './scoring-model.ts';

export const fusedDefaults = {
  /** iALS hyperparameters of the collaborative part (defaults as `ials`). */
  factors: 64,
  iterations: 15,
  regularization: 8,
  alpha: 3,
  /** Text → CF map: ridge regression, or a small MLP (one ReLU layer of 64, Adam). */
  mapping: 'ridge',
  /** Ridge strength (relative to the text Gram's mean diagonal); chosen on pseudo-cold items unless given. */
  ridge: 0.1,
  /** Weight of the standardised text score on untrusted items; chosen on pseudo-cold items unless given. */
  contentWeight: 1,
  /** κ of the gate n / (n + κ); chosen on held-out warm interactions unless given. */
  gate: 0,
  /** Score offset of untrusted items against trusted ones; chosen on all held-out interactions unless given. */
  coldOffset: 0,
  /** Choose the settings not given on data held out during fit (false: use the defaults above). */
  tune: true,
  /** Share of items held out as pseudo-cold while tuning. */
  pseudoCold: 0.2,
  /** Users the tuning scores settings on, at most. */
  probeUsers: 1000,
};

export type FusedParams = typeof fusedDefaults;
const choices = { mapping: ['ridge', 'mlp'] };
const settingKeys = ['ridge', 'contentWeight', 'gate', 'coldOffset'] as const;

export class FusedModel extends ScoringModel {
  readonly name = 'fused';
  /** The collaborative part (its item factors are the warm items' own vectors). */
  readonly cf: FactorModel;
  /** The text part (cosine between the user's mean text vector and each item's). */
  readonly text: ContentModel;
  readonly mapping: TextMap;
  readonly settings: Readonly<FusionSettings>;
  /** Training interactions per item, the gate's input. */
  readonly counts: Int32Array;
  readonly gates: Float32Array;
  /** What tuning measured, when the model was tuned in this process. */
  readonly probe?: ProbeReport;
  readonly #arena: WasmArena;
  readonly #stride: number;
  /** Text-mapped CF vectors, itemCount × stride. */
  readonly #mapped: Float32Array;
  readonly #vector: Float32Array;
  readonly #own: Float32Array;
  readonly #mappedScores: Float32Array;
  readonly #all: Int32Array;
  /** Recall vectors, built on the first similarItems call. */
  #recall: Float32Array | null = null;

  constructor(options: {
    params: Readonly<Record<string, unknown>>;
    cf: FactorModel;
    text: ContentModel;
    mapping: TextMap;
    settings: FusionSettings;
    counts: Int32Array;
    probe?: ProbeReport;
  }) {
    const { cf, text } = options;
    super({ params: options.params, userCount: cf.userCount, itemCount: cf.itemCount });
    this.cf = cf;
    this.text = text;
    this.mapping = options.mapping;
    this.settings = options.settings;
    this.counts = options.counts;
    this.probe = options.probe;
    this.gates = Float32Array.from(options.counts, (count) => gateOf(count, options.settings.gate));
    this.#stride = paddedStride(cf.factors);
    this.#arena = WasmArena.create(((cf.itemCount + 1) * this.#stride + 2 * cf.itemCount) * 4 + 4096);
    this.#mapped = this.#arena.float32(cf.itemCount * this.#stride);
    this.#vector = this.#arena.float32(this.#stride);
    this.#own = this.#arena.float32(cf.itemCount);
    this.#mappedScores = this.#arena.float32(cf.itemCount);
    const mapped = new Float32Array(cf.factors);
    for (let item = 0; item < cf.itemCount; item++) {
      const row = text.vectors.subarray(item * text.stride, item * text.stride + text.dimension);
      mapText(this.mapping, row, mapped);
      this.#mapped.set(mapped, item * this.#stride);
    }
    this.#all = Int32Array.from({ length: cf.itemCount }, (_, item) => item);
  }

  /** The CF vector for a new item's text embedding (any length-d vector; it is normalised first). */
  vectorForText(embedding: ArrayLike<number>): Float32Array {
    const d = this.mapping.textDimension;
    if (embedding.length !== d) {
      throw new InvalidInputError(`fused: a text embedding of ${embedding.length} floats, expected ${d}`, {
        context: { field: 'embedding' },
      });
    }
    const unit = unitRows(Float32Array.from(embedding), d);
    return mapText(this.mapping, unit);
  }

  /** Recall vectors g·own + (1 − g)·mapped of every item, items × factors: cold items enter CF recall through them. */
  recallVectors(): Float32Array {
    const { factors, itemFactors, stride } = this.cf;
    const out = new Float32Array(this.itemCount * factors);
    for (let item = 0; item < this.itemCount; item++) {
      const g = this.gates[item];
      for (let d = 0; d < factors; d++) {
        out[item * factors + d] = g * itemFactors[item * stride + d] + (1 - g) * this.#mapped[item * this.#stride + d];
      }
    }
    return out;
  }

  protected scoreAll(user: UserRef, out: Float32Array): void {
    this.#vector.set(this.cf.userVector(user));
    const bytes = this.#stride * 4;
    const { kernels } = this.#arena;
    kernels.matrixVector(
      this.#mapped.byteOffset,
      this.itemCount,
      bytes,
      this.#vector.byteOffset,
      this.#mappedScores.byteOffset,
      bytes,
    );
    this.#own.set(this.cf.score(user, this.#all));
    let textScores: Float32Array | null = null;
    if (this.settings.contentWeight !== 0) {
      textScores = this.text.score(user, this.#all);
      standardise(textScores);
    }
    fuseScores({
      own: this.#own,
      mapped: this.#mappedScores,
      content: textScores,
      gates: this.gates,
      settings: this.settings,
      out,
    });
  }

  /** Items nearest in the recall space (own vectors for warm items, text-mapped ones for cold items), by cosine. */
  similarItems(item: number, k: number): ScoredItems {
    checkItem(item, this.itemCount);
    checkCount(k);
    this.#recall ??= this.recallVectors();
    const vectors = this.#recall;
    const f = this.cf.factors;
    const norm = (row: number) => {
      let sum = 0;
      for (let d = 0; d < f; d++) sum += vectors[row * f + d] ** 2;
      return Math.sqrt(sum) || 1;
    };
    const own = norm(item);
    const scores = new Float32Array(this.itemCount);
    for (let other = 0; other < this.itemCount; other++) {
      let dot = 0;
      for (let d = 0; d < f; d++) dot += vectors[item * f + d] * vectors[other * f + d];
      scores[other] = dot / (own * norm(other));
    }
    return selectTopK(scores, k, { exclude: Int32Array.of(item) });
  }

  snapshot(): ModelSnapshot {
    const cf = this.cf.snapshot();
    const text = this.text.snapshot();
    const map = this.mapping;
    const arrays: ModelSnapshot['arrays'] = isMlp(map)
      ? { 'mlp.inner': map.inner, 'mlp.outer': map.outer, 'mlp.linear': map.linear, counts: this.counts }
      : { mapping: map.weights, counts: this.counts };
    for (const [key, array] of Object.entries(cf.arrays)) arrays[`cf.${key}`] = array;
    for (const [key, array] of Object.entries(text.arrays)) arrays[`text.${key}`] = array;
    return {
      name: this.name,
      params: { ...this.params },
      meta: {
        settings: { ...this.settings },
        textDimension: this.mapping.textDimension,
        hidden: isMlp(map) ? map.hidden : 0,
        cf: { name: cf.name, params: cf.params, meta: cf.meta, arrays: Object.keys(cf.arrays) },
        text: { name: text.name, params: text.params, meta: text.meta, arrays: Object.keys(text.arrays) },
      },
      arrays,
    };
  }
}

async function fit(dataset: Dataset, given: Partial<FusedParams> = {}, options: FitOptions = {}): Promise<FusedModel> {
  const params = resolveParams({ model: 'fused', defaults: fusedDefaults, given, choices });
  requireRange('fused', params, {
    ridge: [0, 1e6],
    contentWeight: [0, 1e6],
    gate: [0, 1e9],
    coldOffset: [-1e3, 1e3],
    pseudoCold: [0.01, 0.9],
    probeUsers: [1, 1e7],
  });
  const embeddings = options.side?.itemEmbeddings;
  if (!embeddings) {
    throw new InvalidInputError('fused: needs side.itemEmbeddings (item text embeddings) at fit time', {
      context: { field: 'side.itemEmbeddings' },
    });
  }
  if (embeddings.vectors.length !== dataset.itemCount * embeddings.dimension) {
    throw new InvalidInputError(
      `fused: side.itemEmbeddings holds ${embeddings.vectors.length} floats, expected ${dataset.itemCount} items × ${embeddings.dimension}`,
      { context: { field: 'side.itemEmbeddings' } },
    );
  }
  const { dimension } = embeddings;
  const unit = unitRows(embeddings.vectors, dimension);
  const cfParams = {
    factors: params.factors,
    iterations: params.iterations,
    regularization: params.regularization,
    alpha: params.alpha,
  };
  const cfOptions: FitOptions = { ...options, validation: undefined, side: undefined };
  const fitCf = (data: Dataset) => ials.fit(data, cfParams, cfOptions) as Promise<FactorModel>;
  const fitText = (data: Dataset) => content.fit(data, {}, { side: options.side }) as Promise<ContentModel>;

  let settings: FusionSettings = {
    ridge: params.ridge,
    contentWeight: params.contentWeight,
    gate: params.gate,
    coldOffset: params.coldOffset,
  };
  let probe: ProbeReport | undefined;
  if (params.tune) {
    const fixed: Partial<FusionSettings> = {};
    for (const key of settingKeys) if (given[key] !== undefined) fixed[key] = params[key];
    probe = await chooseFusionSettings({
      dataset,
      text: unit,
      textDimension: dimension,
      fitCf,
      fitContent: fitText,
      fixed,
      mapping: params.mapping as 'ridge' | 'mlp',
      share: params.pseudoCold,
      users: params.probeUsers,
      seed: options.seed ?? 0,
      k: 20,
      note: (message) => options.progress?.note(message),
    });
    settings = probe.settings;
  }
  const cf = await fitCf(dataset);
  const counts = itemCounts(dataset);
  const rows = Int32Array.from(counts.keys()).filter((item) => counts[item] > 0);
  const itemFactors = cf.snapshot().arrays.itemFactors as Float32Array;
  const target = { text: unit, textDimension: dimension, factors: itemFactors, factorCount: cf.factors, rows };
  const linear = solveRidge(ridgeProblem(target), settings.ridge);
  const mapping: TextMap =
    params.mapping === 'mlp' ? fitMlpMap({ ...target, linear: linear.weights, seed: options.seed }) : linear;
  return new FusedModel({ params, cf, text: await fitText(dataset), mapping, settings, counts, probe });
}

export const fused: Recommender<FusedParams> = {
  name: 'fused',
  defaults: fusedDefaults,
  choices,
  fit,
  load: (snapshot) => {
    type Part = Omit<ModelSnapshot, 'arrays'> & { arrays: string[] };
    const meta = snapshot.meta as {
      settings: FusionSettings;
      textDimension: number;
      hidden: number;
      cf: Part;
      text: Part;
    };
    const part = (prefix: string, stored: Part): ModelSnapshot => ({
      ...stored,
      arrays: Object.fromEntries(stored.arrays.map((key) => [key, snapshot.arrays[`${prefix}.${key}`]])),
    });
    const cf = FactorModel.fromSnapshot(part('cf', meta.cf));
    return new FusedModel({
      params: snapshot.params,
      cf,
      text: content.load(part('text', meta.text)) as ContentModel,
      mapping: meta.hidden
        ? ({
            textDimension: meta.textDimension,
            factors: cf.factors,
            hidden: meta.hidden,
            inner: snapshot.arrays['mlp.inner'] as Float32Array,
            outer: snapshot.arrays['mlp.outer'] as Float32Array,
            linear: snapshot.arrays['mlp.linear'] as Float32Array,
          } satisfies MlpMap)
        : { textDimension: meta.textDimension, factors: cf.factors, weights: snapshot.arrays.mapping as Float32Array },
      settings: meta.settings,
      counts: snapshot.arrays.counts as Int32Array,
    });
  },
};
