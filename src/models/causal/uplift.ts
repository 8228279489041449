// Uplift of recommending an item: the change in the chance the user buys it when it is shown versus not shown.
// - T-learner (Künzel et al. 2019): one outcome model on treated rows, one on control rows; τ̂(x) = μ̂₁(x) − μ̂₀(x).
//   When P(treated) is known, rows are weighted by 1/e and 1/(1 − e), so each model learns the outcome over the whole
//   population rather than over the rows the logging policy favoured (inverse-propensity weighted regression).
// - Inverse-propensity estimate of the average effect from randomised traffic, where the logging policy's probability
//   of showing each candidate is known (Horvitz & Thompson 1952): τ̂ = mean(T·Y/e − (1 − T)·Y/(1 − e)).

import { type ClickModel, type EncodedExamples, sigmoid } from '../ranking/click-model.ts';
import { type ClickModelKind, createClickModel } from '../ranking/click-models.ts';

export interface UpliftData {
  examples: EncodedExamples;
  /** 1 where the item was shown (treated). */
  treated: Uint8Array;
  /** 1 where the user bought the item afterwards (in the session). */
  outcome: Uint8Array;
}

export class TLearner {
  readonly treatedModel: ClickModel;
  readonly controlModel: ClickModel;

  constructor(models: { treated: ClickModel; control: ClickModel }) {
    this.treatedModel = models.treated;
    this.controlModel = models.control;
  }

  /** Trains both outcome models on `rows` of `data`. */
  static fit(
    data: UpliftData,
    options: {
      rows: Int32Array;
      kind?: ClickModelKind;
      buckets: number;
      epochs?: number;
      seed?: number;
      /** P(treated) per row, when known: rows are weighted by its inverse (normalised to mean 1 per arm). */
      propensity?: Float64Array;
    },
  ): TLearner {
    const settings = {
      kind: options.kind ?? 'ftrl',
      buckets: options.buckets,
      fieldCount: data.examples.fieldCount,
      factors: 8,
      seed: options.seed ?? 0,
    };
    const learner = new TLearner({ treated: createClickModel(settings), control: createClickModel(settings) });
    const treatedRows = options.rows.filter((row) => data.treated[row] === 1);
    const controlRows = options.rows.filter((row) => data.treated[row] === 0);
    const weights = options.propensity ? inverseWeights(data.treated, options.propensity, options.rows) : undefined;
    for (let epoch = 0; epoch < (options.epochs ?? 1); epoch++) {
      const common = { examples: data.examples, labels: data.outcome, seed: settings.seed + epoch + 1, weights };
      learner.treatedModel.trainEpoch({ ...common, rows: treatedRows });
      learner.controlModel.trainEpoch({ ...common, rows: controlRows });
    }
    return learner;
  }

  /** μ̂₁, μ̂₀ and their difference for one row. */
  predict(examples: EncodedExamples, row: number): { treated: number; control: number; uplift: number } {
    const treated = sigmoid(this.treatedModel.logit(examples, row));
    const control = sigmoid(this.controlModel.logit(examples, row));
    return { treated, control, uplift: treated - control };
  }
}

/** 1/e for treated rows and 1/(1 − e) for control rows, each arm scaled to mean weight 1. */
function inverseWeights(treated: Uint8Array, propensity: Float64Array, rows: Int32Array): Float32Array {
  const weights = new Float32Array(treated.length);
  const sums = [0, 0];
  const counts = [0, 0];
  for (const row of rows) {
    const arm = treated[row];
    weights[row] = arm ? 1 / propensity[row] : 1 / (1 - propensity[row]);
    sums[arm] += weights[row];
    counts[arm]++;
  }
  for (const row of rows) weights[row] *= counts[treated[row]] / sums[treated[row]];
  return weights;
}

/** The inverse-propensity estimate of the average effect over `rows`; `propensity` is P(treated) per row. */
export function ipwAverageEffect(options: {
  treated: Uint8Array;
  outcome: Uint8Array;
  propensity: Float64Array;
  rows: Int32Array;
}): { effect: number; treatedMean: number; controlMean: number } {
  const { treated, outcome, propensity, rows } = options;
  let treatedSum = 0;
  let controlSum = 0;
  for (const row of rows) {
    const e = propensity[row];
    if (treated[row]) treatedSum += outcome[row] / e;
    else controlSum += outcome[row] / (1 - e);
  }
  const n = rows.length || 1;
  return { effect: (treatedSum - controlSum) / n, treatedMean: treatedSum / n, controlMean: controlSum / n };
}
