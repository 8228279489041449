// A small MLP text → CF map (one ReLU hidden layer) on top of the ridge map: it learns the residual the linear map
// leaves, by Adam on the mean squared error to warm items' iALS factors, with weight decay and early stopping on a
// held-out tenth of the warm items. Its output layer starts at zero, so it starts as the ridge map and keeps a
// non-linear correction only when that lowers the held-out error. Used with `fused:mapping=mlp`.

import { createRandom, shuffle } from '../../core/random.ts';

export interface MlpMap {
  readonly textDimension: number;
  readonly factors: number;
  readonly hidden: number;
  /** (d + 1) × hidden, row-major; the last row is the bias. */
  readonly inner: Float32Array;
  /** (hidden + 1) × f; the last row is the bias. */
  readonly outer: Float32Array;
  /** The ridge map's (d + 1) × f weights the MLP's output is added to. */
  readonly linear: Float32Array;
}

/** The hidden activations and the output for one text vector. */
export function mlpForward(map: MlpMap, text: ArrayLike<number>, hidden: Float32Array, out: Float32Array): void {
  const { textDimension: d, hidden: h, factors: f, inner, outer } = map;
  for (let j = 0; j < h; j++) hidden[j] = inner[d * h + j];
  for (let i = 0; i < d; i++) {
    const t = text[i];
    if (t === 0) continue;
    const row = i * h;
    for (let j = 0; j < h; j++) hidden[j] += t * inner[row + j];
  }
  for (let j = 0; j < h; j++) if (hidden[j] < 0) hidden[j] = 0;
  const { linear } = map;
  for (let k = 0; k < f; k++) out[k] = outer[h * f + k] + linear[d * f + k];
  for (let i = 0; i < d; i++) {
    const t = text[i];
    if (t === 0) continue;
    const row = i * f;
    for (let k = 0; k < f; k++) out[k] += t * linear[row + k];
  }
  for (let j = 0; j < h; j++) {
    const a = hidden[j];
    if (a === 0) continue;
    const row = j * f;
    for (let k = 0; k < f; k++) out[k] += a * outer[row + k];
  }
}

export function fitMlpMap(options: {
  /** Unit text rows, items × d. */
  text: Float32Array;
  textDimension: number;
  /** Target factors, items × f. */
  factors: Float32Array;
  factorCount: number;
  rows: ArrayLike<number>;
  /** The ridge map's weights, (d + 1) × f. */
  linear: Float32Array;
  hidden?: number;
  epochs?: number;
  learningRate?: number;
  weightDecay?: number;
  seed?: number;
}): MlpMap {
  const { text, textDimension: d, factors: targets, factorCount: f } = options;
  const h = options.hidden ?? 64;
  const epochs = options.epochs ?? 40;
  const rate = options.learningRate ?? 3e-3;
  const decay = options.weightDecay ?? 1e-4;
  const random = createRandom(options.seed ?? 0);
  const inner = Float32Array.from({ length: (d + 1) * h }, (_, index) =>
    index >= d * h ? 0 : random.normal() * Math.sqrt(2 / d),
  );
  const outer = new Float32Array((h + 1) * f);
  const map: MlpMap = { textDimension: d, factors: f, hidden: h, inner, outer, linear: options.linear };
  const rows = Array.from(options.rows);
  shuffle(rows, random);
  const validationCount = Math.max(1, Math.floor(rows.length / 10));
  const validation = rows.slice(0, validationCount);
  const train = rows.slice(validationCount);
  const adam = (size: number) => ({ m: new Float32Array(size), v: new Float32Array(size) });
  const states = { inner: adam(inner.length), outer: adam(outer.length) };
  const gradInner = new Float32Array(inner.length);
  const gradOuter = new Float32Array(outer.length);
  const hidden = new Float32Array(h);
  const out = new Float32Array(f);
  const delta = new Float32Array(h);
  let step = 0;
  const loss = (items: number[]) => {
    let sum = 0;
    for (const item of items) {
      mlpForward(map, text.subarray(item * d, (item + 1) * d), hidden, out);
      for (let k = 0; k < f; k++) sum += (out[k] - targets[item * f + k]) ** 2;
    }
    return sum / Math.max(1, items.length);
  };
  let best = loss(validation);
  let bestWeights = [inner.slice(), outer.slice()];
  let stale = 0;
  const batchSize = 64;
  for (let epoch = 0; epoch < epochs && stale < 5; epoch++) {
    shuffle(train, random);
    for (let start = 0; start < train.length; start += batchSize) {
      const batch = train.slice(start, start + batchSize);
      gradInner.fill(0);
      gradOuter.fill(0);
      for (const item of batch) {
        const input = text.subarray(item * d, (item + 1) * d);
        mlpForward(map, input, hidden, out);
        delta.fill(0);
        for (let k = 0; k < f; k++) {
          const error = (2 * (out[k] - targets[item * f + k])) / batch.length;
          gradOuter[h * f + k] += error;
          for (let j = 0; j < h; j++) {
            if (hidden[j] === 0) continue;
            gradOuter[j * f + k] += error * hidden[j];
            delta[j] += error * outer[j * f + k];
          }
        }
        for (let j = 0; j < h; j++) if (hidden[j] === 0) delta[j] = 0;
        for (let j = 0; j < h; j++) gradInner[d * h + j] += delta[j];
        for (let i = 0; i < d; i++) {
          const t = input[i];
          if (t === 0) continue;
          for (let j = 0; j < h; j++) gradInner[i * h + j] += t * delta[j];
        }
      }
      step++;
      adamStep(inner, gradInner, states.inner, { rate, decay, step });
      adamStep(outer, gradOuter, states.outer, { rate, decay, step });
    }
    const value = loss(validation);
    if (value < best - 1e-7) {
      best = value;
      bestWeights = [inner.slice(), outer.slice()];
      stale = 0;
    } else stale++;
  }
  inner.set(bestWeights[0]);
  outer.set(bestWeights[1]);
  return map;
}

function adamStep(
  weights: Float32Array,
  gradient: Float32Array,
  state: { m: Float32Array; v: Float32Array },
  options: { rate: number; decay: number; step: number },
): void {
  const beta1 = 0.9;
  const beta2 = 0.999;
  const correction1 = 1 - beta1 ** options.step;
  const correction2 = 1 - beta2 ** options.step;
  for (let index = 0; index < weights.length; index++) {
    const g = gradient[index];
    state.m[index] = beta1 * state.m[index] + (1 - beta1) * g;
    state.v[index] = beta2 * state.v[index] + (1 - beta2) * g * g;
    const update = state.m[index] / correction1 / (Math.sqrt(state.v[index] / correction2) + 1e-8);
    weights[index] -= options.rate * (update + options.decay * weights[index]);
  }
}
