// The learned ranker: calibrated pCTR and pCVR from click models over the feature space, combined by the objective
// formula, then diversified. Candidates are scored at one fixed position (`servingPosition`): position was a feature
// in training, so its bias was learned there and is held constant here (He et al. 2014; Guo et al. 2019, PAL).

import { InvalidInputError } from '../../core/errors.ts';
import type { Item, User } from '../../core/types.ts';
import type { ModelSnapshot } from '../recommender.ts';
import { BehaviourState, type UserBehaviour } from './behaviour-state.ts';
import { type Calibrator, identityCalibrator, isotonicFromArrays, plattFromArrays } from './calibration.ts';
import { type ClickModel, type EncodedExamples, sigmoid } from './click-model.ts';
import { restoreClickModel } from './click-models.ts';
import { FeatureSpace } from './feature-space.ts';
import { compileObjective, diversify, type Objective, objectiveName } from './objective.ts';
import type { Ranker, RankRequest } from './ranker.ts';
import { RankingCatalog, type RankingCatalogOptions } from './ranking-catalog.ts';

export const learnedRankerDefaults = {
  /** ftrl (logistic regression), fm (factorization machine) or deepfm. */
  model: 'ftrl',
  epochs: 2,
  factors: 8,
  buckets: 1 << 18,
  /** isotonic, platt or none. */
  calibration: 'isotonic',
  /** The latest share of training impressions held out to fit the calibrators. */
  calibrationShare: 0.1,
  /** The ranking score; names: ctr, cvr, price and recall-source scores. */
  objective: 'ctr * cvr * price ^ 0.3',
  /** The position every candidate is scored at. */
  servingPosition: 1,
  /** Discount per earlier item of the same category (0: off). */
  diversity: 0,
  /** Minutes east of UTC of the shop's clock. */
  utcOffsetMinutes: 0,
};

export type LearnedRankerParams = typeof learnedRankerDefaults;

export interface RankerParts {
  params: LearnedRankerParams;
  space: FeatureSpace;
  ctr: ClickModel;
  cvr: ClickModel;
  ctrCalibrator: Calibrator;
  cvrCalibrator: Calibrator;
}

/** Per-candidate predictions of one request. */
export interface RankPrediction {
  ctr: Float32Array;
  cvr: Float32Array;
}

export class LearnedRanker implements Ranker {
  readonly name = 'learned-ranker';
  readonly params: LearnedRankerParams;
  readonly space: FeatureSpace;
  readonly ctr: ClickModel;
  readonly cvr: ClickModel;
  readonly ctrCalibrator: Calibrator;
  readonly cvrCalibrator: Calibrator;
  readonly #objective: Objective;
  #rows = { indices: new Int32Array(0), values: new Float32Array(0) };

  constructor(parts: RankerParts) {
    this.params = parts.params;
    this.space = parts.space;
    this.ctr = parts.ctr;
    this.cvr = parts.cvr;
    this.ctrCalibrator = parts.ctrCalibrator;
    this.cvrCalibrator = parts.cvrCalibrator;
    const names = ['ctr', 'cvr', 'price', ...parts.space.sources.map(objectiveName)];
    this.#objective = compileObjective(parts.params.objective, names);
  }

  /** Calibrated click and purchase-after-click probabilities at the serving position. */
  predict(request: RankRequest): RankPrediction {
    const space = this.space;
    const catalog = space.state.catalog;
    const user = this.#user(request);
    const count = request.candidates.length;
    const fields = space.fieldCount;
    if (this.#rows.indices.length < count * fields) {
      this.#rows = { indices: new Int32Array(count * fields), values: new Float32Array(count * fields) };
    }
    const rows = { fieldCount: fields, ...this.#rows };
    const context = { time: request.time, device: request.device, position: this.params.servingPosition };
    request.candidates.forEach((candidate, row) => {
      const item = catalog.indexOf(candidate.itemId);
      space.encode({ userId: request.userId, user, item, context, sources: candidate.sources }, { ...rows, row });
    });
    const ctr = new Float32Array(count);
    const cvr = new Float32Array(count);
    for (let row = 0; row < count; row++) {
      ctr[row] = this.ctrCalibrator.apply(sigmoid(this.ctr.logit(rows, row)));
      cvr[row] = this.cvrCalibrator.apply(sigmoid(this.cvr.logit(rows, row)));
    }
    return { ctr, cvr };
  }

  /** Calibrated predictions for encoded example rows (e.g. logged impressions, at their logged positions). */
  predictRows(examples: EncodedExamples, rows: Int32Array): RankPrediction {
    const ctr = Float32Array.from(rows, (row) => this.ctrCalibrator.apply(sigmoid(this.ctr.logit(examples, row))));
    const cvr = Float32Array.from(rows, (row) => this.cvrCalibrator.apply(sigmoid(this.cvr.logit(examples, row))));
    return { ctr, cvr };
  }

  score(request: RankRequest): Float32Array {
    const { ctr, cvr } = this.predict(request);
    const catalog = this.space.state.catalog;
    const scores = new Float32Array(request.candidates.length);
    const variables: Record<string, number> = {};
    request.candidates.forEach((candidate, row) => {
      for (const name of this.space.sources) variables[objectiveName(name)] = candidate.sources?.[name] ?? 0;
      variables.ctr = ctr[row];
      variables.cvr = cvr[row];
      variables.price = catalog.price[catalog.indexOf(candidate.itemId)];
      scores[row] = this.#objective(variables);
    });
    const groups = request.candidates.map((candidate) => catalog.category[catalog.indexOf(candidate.itemId)]);
    return diversify(scores, groups, this.params.diversity);
  }

  knows(itemId: string): boolean {
    return this.space.state.catalog.index.has(itemId);
  }

  /** Feeds a new event into the item and user state (popularity, the user's recent behaviour). */
  observe(event: Parameters<BehaviourState['observe']>[0]): void {
    this.space.state.observe(event);
  }

  #user(request: RankRequest): UserBehaviour {
    const state = this.space.state;
    if (request.history) return state.sessionUser(request.history);
    return request.userId !== null && state.users.has(request.userId)
      ? state.users.get(request.userId)!
      : state.sessionUser([]);
  }

  snapshot(): ModelSnapshot {
    const state = this.space.state;
    const ctr = this.ctr.state();
    const cvr = this.cvr.state();
    const prefixed = (prefix: string, arrays: ModelSnapshot['arrays']) =>
      Object.fromEntries(Object.entries(arrays).map(([name, array]) => [`${prefix}.${name}`, array]));
    const ctrCalibration = this.ctrCalibrator.toArrays();
    const cvrCalibration = this.cvrCalibrator.toArrays();
    const catalog = state.catalog;
    return {
      name: this.name,
      params: { ...this.params },
      meta: {
        ctr: { kind: this.ctr.kind, meta: ctr.meta },
        cvr: { kind: this.cvr.kind, meta: cvr.meta },
        calibrators: [this.ctrCalibrator.kind, this.cvrCalibrator.kind],
        sources: this.space.sources,
        buckets: this.space.buckets,
        categoricalAttributes: catalog.categoricalAttributes,
        numericAttributes: catalog.numericAttributes,
        itemIds: catalog.items.map((item) => item.id),
        userHalfLifeDays: state.userHalfLife / 86_400_000,
        itemHalfLifeDays: state.itemHalfLife / 86_400_000,
      },
      arrays: {
        ...prefixed('ctr', ctr.arrays),
        ...prefixed('cvr', cvr.arrays),
        'ctrCalibration.thresholds': ctrCalibration.thresholds,
        'ctrCalibration.values': ctrCalibration.values,
        'cvrCalibration.thresholds': cvrCalibration.thresholds,
        'cvrCalibration.values': cvrCalibration.values,
        itemClicks: Float64Array.from(state.itemClicks, (entry) => entry.value),
        itemClickTimes: Float64Array.from(state.itemClicks, (entry) => entry.time),
        itemImpressions: Float64Array.from(state.itemImpressions, (entry) => entry.value),
        itemImpressionTimes: Float64Array.from(state.itemImpressions, (entry) => entry.time),
      },
    };
  }
}

/** Restores a ranker saved by `snapshot`; the catalog (same items, in the same order) and users come from the store. */
export function loadLearnedRanker(
  snapshot: ModelSnapshot,
  catalog: { items: readonly Item[]; users?: readonly User[]; embeddings?: RankingCatalogOptions['embeddings'] },
): LearnedRanker {
  const meta = snapshot.meta as {
    ctr: { kind: string; meta: Record<string, unknown> };
    cvr: { kind: string; meta: Record<string, unknown> };
    calibrators: string[];
    sources: string[];
    buckets: number;
    categoricalAttributes: string[];
    numericAttributes: string[];
    itemIds: string[];
    userHalfLifeDays: number;
    itemHalfLifeDays: number;
  };
  const params = snapshot.params as LearnedRankerParams;
  const ranking = new RankingCatalog(catalog.items, {
    categoricalAttributes: meta.categoricalAttributes,
    numericAttributes: meta.numericAttributes,
    embeddings: catalog.embeddings,
  });
  if (meta.itemIds.length !== ranking.size || meta.itemIds.some((id, index) => ranking.items[index].id !== id)) {
    throw new InvalidInputError(
      'learned ranker: the catalog differs from the one it was trained on (retrain, or pass those items)',
      {
        context: { field: 'items' },
      },
    );
  }
  const state = new BehaviourState(ranking, {
    userHalfLifeDays: meta.userHalfLifeDays,
    itemHalfLifeDays: meta.itemHalfLifeDays,
  });
  const arrays = snapshot.arrays as Record<string, Float64Array>;
  state.itemClicks.forEach((entry, item) => {
    entry.value = arrays.itemClicks[item];
    entry.time = arrays.itemClickTimes[item];
  });
  state.itemImpressions.forEach((entry, item) => {
    entry.value = arrays.itemImpressions[item];
    entry.time = arrays.itemImpressionTimes[item];
  });
  const space = new FeatureSpace(state, {
    buckets: meta.buckets,
    sources: meta.sources,
    users: catalog.users,
    utcOffsetMinutes: params.utcOffsetMinutes,
  });
  const unprefixed = (prefix: string) =>
    Object.fromEntries(
      Object.entries(snapshot.arrays)
        .filter(([name]) => name.startsWith(`${prefix}.`))
        .map(([name, array]) => [name.slice(prefix.length + 1), array]),
    );
  const calibrator = (kind: string, prefix: string) => {
    const saved = { thresholds: arrays[`${prefix}.thresholds`], values: arrays[`${prefix}.values`] };
    return kind === 'isotonic'
      ? isotonicFromArrays(saved)
      : kind === 'platt'
        ? plattFromArrays(saved)
        : identityCalibrator;
  };
  return new LearnedRanker({
    params,
    space,
    ctr: restoreClickModel(meta.ctr.kind, { meta: meta.ctr.meta, arrays: unprefixed('ctr') }),
    cvr: restoreClickModel(meta.cvr.kind, { meta: meta.cvr.meta, arrays: unprefixed('cvr') }),
    ctrCalibrator: calibrator(meta.calibrators[0], 'ctrCalibration'),
    cvrCalibrator: calibrator(meta.calibrators[1], 'cvrCalibration'),
  });
}
