// Calibration of predicted probabilities: the reliability curve and expected calibration error (equal-width bins,
// Naeini et al. 2015), and two calibrators fitted on held-out predictions: isotonic regression by pool-adjacent-
// violators (Zadrozny & Elkan 2002) and Platt scaling, a logistic fit on the logit (Platt 1999).

export interface ReliabilityBin {
  /** Bin bounds on the predicted probability. */
  low: number;
  high: number;
  count: number;
  meanPredicted: number;
  observedRate: number;
}

/** Predictions grouped into `bins` equal-width bins on [0, 1] (empty bins are left out). */
export function reliabilityCurve(labels: ArrayLike<number>, probabilities: ArrayLike<number>, bins = 10) {
  const count = new Float64Array(bins);
  const predicted = new Float64Array(bins);
  const observed = new Float64Array(bins);
  for (let index = 0; index < labels.length; index++) {
    const p = probabilities[index];
    const bin = Math.min(bins - 1, Math.max(0, Math.floor(p * bins)));
    count[bin]++;
    predicted[bin] += p;
    observed[bin] += labels[index];
  }
  const curve: ReliabilityBin[] = [];
  for (let bin = 0; bin < bins; bin++) {
    if (count[bin] === 0) continue;
    curve.push({
      low: bin / bins,
      high: (bin + 1) / bins,
      count: count[bin],
      meanPredicted: predicted[bin] / count[bin],
      observedRate: observed[bin] / count[bin],
    });
  }
  return curve;
}

/** Expected calibration error: Σ_bins (n_b / N) · |observed_b − predicted_b|. */
export function expectedCalibrationError(labels: ArrayLike<number>, probabilities: ArrayLike<number>, bins = 10) {
  let error = 0;
  for (const bin of reliabilityCurve(labels, probabilities, bins)) {
    error += (bin.count / labels.length) * Math.abs(bin.observedRate - bin.meanPredicted);
  }
  return error;
}

/** A monotone map from raw scores to probabilities. */
export interface Calibrator {
  readonly kind: 'isotonic' | 'platt' | 'identity';
  apply(probability: number): number;
  /** Serialisable state. */
  toArrays(): { thresholds: Float64Array; values: Float64Array };
}

/** Isotonic regression of labels on probabilities: a non-decreasing step function (pool adjacent violators). */
export function fitIsotonic(labels: ArrayLike<number>, probabilities: ArrayLike<number>): Calibrator {
  const order = Array.from({ length: labels.length }, (_, index) => index).sort(
    (a, b) => probabilities[a] - probabilities[b],
  );
  // Blocks of (sum of labels, weight, largest input), merged while a block's mean falls below its predecessor's.
  const sums: number[] = [];
  const weights: number[] = [];
  const upper: number[] = [];
  for (const index of order) {
    sums.push(labels[index]);
    weights.push(1);
    upper.push(probabilities[index]);
    while (sums.length > 1 && sums.at(-2)! / weights.at(-2)! >= sums.at(-1)! / weights.at(-1)!) {
      const sum = sums.pop()!;
      const weight = weights.pop()!;
      const top = upper.pop()!;
      sums[sums.length - 1] += sum;
      weights[weights.length - 1] += weight;
      upper[upper.length - 1] = top;
    }
  }
  return isotonicFromArrays({
    thresholds: Float64Array.from(upper),
    values: Float64Array.from(sums, (sum, block) => sum / weights[block]),
  });
}

/** The calibrator saved by `toArrays` (interpolating linearly between block upper bounds). */
export function isotonicFromArrays(arrays: { thresholds: Float64Array; values: Float64Array }): Calibrator {
  const { thresholds, values } = arrays;
  return {
    kind: 'isotonic',
    apply(probability: number) {
      if (thresholds.length === 0) return probability;
      if (probability <= thresholds[0]) return values[0];
      const last = thresholds.length - 1;
      if (probability >= thresholds[last]) return values[last];
      let low = 0;
      let high = last;
      while (high - low > 1) {
        const middle = (low + high) >> 1;
        if (thresholds[middle] <= probability) low = middle;
        else high = middle;
      }
      const span = thresholds[high] - thresholds[low];
      const share = span > 0 ? (probability - thresholds[low]) / span : 0;
      return values[low] + share * (values[high] - values[low]);
    },
    toArrays: () => arrays,
  };
}

const logit = (p: number) => Math.log(Math.max(1e-7, p) / Math.max(1e-7, 1 - p));

/** Platt scaling: σ(a · logit(p) + b), a and b by Newton's method on the log loss. */
export function fitPlatt(labels: ArrayLike<number>, probabilities: ArrayLike<number>): Calibrator {
  let a = 1;
  let b = 0;
  for (let iteration = 0; iteration < 50; iteration++) {
    let ga = 0;
    let gb = 0;
    let haa = 1e-9;
    let hab = 0;
    let hbb = 1e-9;
    for (let index = 0; index < labels.length; index++) {
      const x = logit(probabilities[index]);
      const p = 1 / (1 + Math.exp(-(a * x + b)));
      const residual = p - labels[index];
      const curvature = p * (1 - p);
      ga += residual * x;
      gb += residual;
      haa += curvature * x * x;
      hab += curvature * x;
      hbb += curvature;
    }
    const determinant = haa * hbb - hab * hab;
    if (!(Math.abs(determinant) > 1e-12)) break;
    const da = (hbb * ga - hab * gb) / determinant;
    const db = (haa * gb - hab * ga) / determinant;
    a -= da;
    b -= db;
    if (Math.abs(da) + Math.abs(db) < 1e-9) break;
  }
  return plattFromArrays({ thresholds: Float64Array.of(a), values: Float64Array.of(b) });
}

export function plattFromArrays(arrays: { thresholds: Float64Array; values: Float64Array }): Calibrator {
  const a = arrays.thresholds[0];
  const b = arrays.values[0];
  return {
    kind: 'platt',
    apply: (probability) => 1 / (1 + Math.exp(-(a * logit(probability) + b))),
    toArrays: () => arrays,
  };
}

export const identityCalibrator: Calibrator = {
  kind: 'identity',
  apply: (probability) => probability,
  toArrays: () => ({ thresholds: new Float64Array(0), values: new Float64Array(0) }),
};
