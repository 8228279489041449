// Data-chosen fusion settings: a share of the warm items is held out entirely during fit ("pseudo-cold") together
// with a share of the other items' interactions, a probe model is fitted on the rest, and each setting is chosen
// by NDCG on what was held out: the ridge strength and the text weight on pseudo-cold items only, the gate on warm
// items only (so warm rankings move only when that helps them), and the cold offset on all items together.

import type { Dataset } from '../../core/dataset.ts';
import { createRandom, shuffle } from '../../core/random.ts';
import type { ContentModel } from '../content.ts';
import type { FactorModel } from '../factor-model.ts';
import { selectTopK } from '../kernels/top-k.ts';
import { fitMlpMap } from './mlp-map.ts';
import { mapAll, type RidgeProblem, ridgeProblem, solveRidge } from './text-to-factors.ts';

/** How the fused model mixes its parts (docs/llmrec.md, "Fusion and cold start"). */
export interface FusionSettings {
  /** Ridge strength of the text → CF map, relative to the text Gram matrix's mean diagonal. */
  ridge: number;
  /** Weight of the standardised text score on items the gate does not trust. */
  contentWeight: number;
  /** κ of the gate g(n) = n / (n + κ) on an item's training interactions n (0: every warm item is trusted). */
  gate: number;
  /** Added (times 1 − g) to untrusted items' standardised scores: how cold items rank against warm ones. */
  coldOffset: number;
}

export const settingGrids: { readonly [K in keyof FusionSettings]: readonly number[] } = {
  ridge: [0.01, 0.03, 0.1, 0.3, 1],
  contentWeight: [0, 0.25, 0.5, 1, 2, 4, 8, 16, 64],
  gate: [0, 0.5, 1, 2, 4, 8, 16, 32, 64],
  coldOffset: [-3, -2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2, 2.5, 3],
};

/** Trust in an item's own CF vector: 0 with no interactions, n / (n + κ) otherwise (κ = 0: full trust). */
export function gateOf(count: number, kappa: number): number {
  if (count <= 0) return 0;
  return kappa <= 0 ? 1 : count / (count + kappa);
}

/** Standardises `values` in place (mean 0, deviation 1; a constant array becomes zeros). */
export function standardise(values: Float32Array): void {
  let mean = 0;
  for (const value of values) mean += value;
  mean /= values.length || 1;
  let variance = 0;
  for (const value of values) variance += (value - mean) ** 2;
  const scale = 1 / (Math.sqrt(variance / (values.length || 1)) || 1);
  for (let i = 0; i < values.length; i++) values[i] = (values[i] - mean) * scale;
}

/** The fused score of every item from its parts (the one formula the model and the probe share). */
export function fuseScores(options: {
  /** The user's scores against the items' own CF vectors. */
  own: Float32Array;
  /** The user's scores against the text-mapped CF vectors. */
  mapped: Float32Array;
  /** Standardised text scores (null when the text weight is 0). */
  content: Float32Array | null;
  gates: Float32Array;
  settings: FusionSettings;
  out: Float32Array;
}): void {
  const { own, mapped, content, gates, settings, out } = options;
  for (let i = 0; i < out.length; i++) out[i] = gates[i] * own[i] + (1 - gates[i]) * mapped[i];
  standardise(out);
  const { contentWeight, coldOffset } = settings;
  for (let i = 0; i < out.length; i++) {
    const untrusted = 1 - gates[i];
    if (untrusted === 0) continue;
    out[i] += untrusted * (coldOffset + (content ? contentWeight * content[i] : 0));
  }
}

export interface ProbeReport {
  settings: FusionSettings;
  /** NDCG@k of the chosen settings on the probe's pseudo-cold items, warm items and all items. */
  ndcg: { cold: number; warm: number; all: number };
  /** NDCG@k on pseudo-cold items of the text-mapped CF vectors alone and of the text scores alone. */
  coldBaselines: { mapped: number; content: number };
  probeUsers: number;
  pseudoColdItems: number;
}

/** Held-out data of a probe: which items are pseudo-cold and which interactions were taken out. */
interface ProbeSplit {
  inner: Dataset;
  held: Dataset;
  pseudoCold: Uint8Array;
}

function probeSplit(dataset: Dataset, share: number, seed: number): ProbeSplit {
  const random = createRandom(seed ^ 0x5eed);
  const { indptr } = dataset.byItem;
  const active: number[] = [];
  for (let item = 0; item < dataset.itemCount; item++) if (indptr[item + 1] > indptr[item]) active.push(item);
  shuffle(active, random);
  const pseudoCold = new Uint8Array(dataset.itemCount);
  for (let k = 0; k < Math.round(active.length * share); k++) pseudoCold[active[k]] = 1;
  const { indices } = dataset.byUser;
  const heldOut = new Uint8Array(indices.length);
  for (let p = 0; p < indices.length; p++) heldOut[p] = pseudoCold[indices[p]] || random.next() < share ? 1 : 0;
  return {
    inner: dataset.filter((p) => heldOut[p] === 0),
    held: dataset.filter((p) => heldOut[p] === 1),
    pseudoCold,
  };
}

/** Interactions per item. */
export function itemCounts(dataset: Dataset): Int32Array {
  const { indptr } = dataset.byItem;
  return Int32Array.from({ length: dataset.itemCount }, (_, item) => indptr[item + 1] - indptr[item]);
}

/**
 * Fits the probe (`fitCf`, `fitContent` on the inner data) and chooses every setting not in `fixed`.
 * `text` holds unit text rows (items × textDimension).
 */
export async function chooseFusionSettings(options: {
  dataset: Dataset;
  text: Float32Array;
  textDimension: number;
  fitCf: (dataset: Dataset) => Promise<FactorModel>;
  fitContent: (dataset: Dataset) => Promise<ContentModel>;
  fixed: Partial<FusionSettings>;
  /** The text → CF map: ridge (its strength is chosen here) or the MLP. */
  mapping: 'ridge' | 'mlp';
  /** Share of the items held out as pseudo-cold (and of the other interactions held out as warm test). */
  share: number;
  /** Users the settings are scored on, at most. */
  users: number;
  seed: number;
  k: number;
  note?: (message: string) => void;
}): Promise<ProbeReport> {
  const { dataset, text, textDimension, fixed, k } = options;
  const split = probeSplit(dataset, options.share, options.seed);
  const cf = await options.fitCf(split.inner);
  const content = await options.fitContent(split.inner);
  const counts = itemCounts(split.inner);
  const n = dataset.itemCount;
  const all = Int32Array.from({ length: n }, (_, item) => item);
  const warmRows = all.filter((item) => counts[item] > 0 && hasText(text, textDimension, item));
  const factors = cf.factors;
  const itemFactors = cf.snapshot().arrays.itemFactors as Float32Array;
  // The ridge normal equations, built once (only for the ridge map).
  let problem: RidgeProblem | null = null;
  const ridgeMap = (strength: number) => {
    problem ??= ridgeProblem({ text, textDimension, factors: itemFactors, factorCount: factors, rows: warmRows });
    return solveRidge(problem, strength);
  };

  // Probe users: those with held-out items, evenly spaced.
  const candidates: number[] = [];
  for (let user = 0; user < dataset.userCount; user++) if (split.held.itemsOf(user).length > 0) candidates.push(user);
  const step = Math.max(1, candidates.length / options.users);
  const users: number[] = [];
  for (let position = 0; position < candidates.length && users.length < options.users; position += step) {
    users.push(candidates[Math.floor(position)]);
  }
  const cached = users.map((user) => {
    const textScores = content.score(user, all);
    standardise(textScores);
    return {
      vector: cf.userVector(user).slice(0, factors),
      own: cf.score(user, all),
      content: textScores,
      train: split.inner.itemsOf(user),
      held: split.held.itemsOf(user),
    };
  });

  const scores = new Float32Array(n);
  const masked = new Float32Array(n);
  /** Mean NDCG@k over probe users with a held-out item in scope, items out of scope or trained on ranked last. */
  const ndcg = (score: (row: number, out: Float32Array) => void, scope: 'cold' | 'warm' | 'all') => {
    let total = 0;
    let counted = 0;
    for (let row = 0; row < cached.length; row++) {
      const { train, held } = cached[row];
      const inScope = (item: number) => scope === 'all' || (scope === 'cold') === (split.pseudoCold[item] === 1);
      const relevant = new Set<number>();
      for (const item of held) if (inScope(item)) relevant.add(item);
      if (relevant.size === 0) continue;
      score(row, scores);
      for (let item = 0; item < n; item++) masked[item] = inScope(item) ? scores[item] : Number.NEGATIVE_INFINITY;
      for (const item of train) masked[item] = Number.NEGATIVE_INFINITY;
      const { items } = selectTopK(masked, k);
      let dcg = 0;
      for (let rank = 0; rank < items.length; rank++) if (relevant.has(items[rank])) dcg += 1 / Math.log2(rank + 2);
      let ideal = 0;
      for (let rank = 0; rank < Math.min(k, relevant.size); rank++) ideal += 1 / Math.log2(rank + 2);
      total += dcg / ideal;
      counted++;
    }
    return counted ? total / counted : 0;
  };

  // 1. Ridge strength: the text-mapped CF vectors alone, ranked among pseudo-cold items.
  const scoresOf = (mapped: Float32Array) =>
    cached.map(({ vector }) => {
      const out = new Float32Array(n);
      for (let item = 0; item < n; item++) {
        let sum = 0;
        for (let d = 0; d < factors; d++) sum += mapped[item * factors + d] * vector[d];
        out[item] = sum;
      }
      return out;
    });
  const mappedScores = (ridge: number) => scoresOf(mapAll(ridgeMap(ridge), text));
  let mapped: Float32Array[] = [];
  let ridge = fixed.ridge ?? settingGrids.ridge[0];
  if (fixed.ridge === undefined) {
    let best = Number.NEGATIVE_INFINITY;
    for (const value of settingGrids.ridge) {
      const trial = mappedScores(value);
      const result = ndcg((row, out) => out.set(trial[row]), 'cold');
      if (result > best) [best, ridge, mapped] = [result, value, trial];
    }
  } else mapped = mappedScores(ridge);
  if (options.mapping === 'mlp') {
    // The MLP corrects the chosen ridge map (mlp-map.ts).
    const target = { text, textDimension, factors: itemFactors, factorCount: factors, rows: warmRows };
    mapped = scoresOf(mapAll(fitMlpMap({ ...target, linear: ridgeMap(ridge).weights, seed: options.seed }), text));
  }

  const settings: FusionSettings = {
    ridge,
    contentWeight: fixed.contentWeight ?? 1,
    gate: fixed.gate ?? 0,
    coldOffset: fixed.coldOffset ?? 0,
  };
  const gates = new Float32Array(n);
  const setGates = () => {
    for (let item = 0; item < n; item++) gates[item] = gateOf(counts[item], settings.gate);
  };
  setGates();
  const fused = (row: number, out: Float32Array) =>
    fuseScores({
      own: cached[row].own,
      mapped: mapped[row],
      content: cached[row].content,
      gates,
      settings,
      out,
    });
  const choose = (key: 'contentWeight' | 'gate' | 'coldOffset', scope: 'cold' | 'warm' | 'all') => {
    if (fixed[key] !== undefined) return;
    let best = Number.NEGATIVE_INFINITY;
    let chosen = settings[key];
    for (const value of settingGrids[key]) {
      settings[key] = value;
      if (key === 'gate') setGates();
      const result = ndcg(fused, scope);
      if (result > best + 1e-9) [best, chosen] = [result, value];
    }
    settings[key] = chosen;
    if (key === 'gate') setGates();
  };
  // 2. Text weight on pseudo-cold items; 3. the gate on warm items; 4. the cold offset on all items.
  choose('contentWeight', 'cold');
  choose('gate', 'warm');
  choose('coldOffset', 'all');
  const report: ProbeReport = {
    settings: { ...settings },
    ndcg: { cold: ndcg(fused, 'cold'), warm: ndcg(fused, 'warm'), all: ndcg(fused, 'all') },
    coldBaselines: {
      mapped: ndcg((row, out) => out.set(mapped[row]), 'cold'),
      content: ndcg((row, out) => out.set(cached[row].content), 'cold'),
    },
    probeUsers: cached.length,
    pseudoColdItems: split.pseudoCold.reduce((sum, flag) => sum + flag, 0),
  };
  options.note?.(
    `fused: ridge ${ridge}, text weight ${settings.contentWeight}, gate κ ${settings.gate}, cold offset ${settings.coldOffset}; ` +
      `probe NDCG@${k} cold ${report.ndcg.cold.toFixed(4)} (mapped ${report.coldBaselines.mapped.toFixed(4)}, text ${report.coldBaselines.content.toFixed(4)}), warm ${report.ndcg.warm.toFixed(4)}`,
  );
  return report;
}

function hasText(text: Float32Array, dimension: number, item: number): boolean {
  for (let d = 0; d < dimension; d++) if (text[item * dimension + d] !== 0) return true;
  return false;
}
