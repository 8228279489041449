// One epoch of BPR stochastic gradient ascent (Rendle et al. 2009): for sampled (u, i, j) with i observed and j not,
// maximise ln σ(x_u·(y_i − y_j)) − λ‖θ‖². Item biases ride in the last factor column (the user's is fixed at 1).
// Negatives are uniform, or adaptive: the highest-scored of `candidates` uniform draws (dynamic negative sampling,
// Zhang et al. 2013), which focuses updates on the negatives the model currently ranks too high.

import { createRandom } from '../../core/random.ts';

/** The factor matrices and the interactions, as views (shared memory when several workers train at once). */
export interface BprState {
  /** users × stride; column `factors` holds the constant 1 for the bias. */
  userFactors: Float32Array;
  /** items × stride; column `factors` holds the item bias. */
  itemFactors: Float32Array;
  stride: number;
  factors: number;
  indptr: Int32Array;
  /** Each user's items, sorted ascending (for membership tests). */
  sortedItems: Int32Array;
  /** The user of each interaction position. */
  positionUser: Int32Array;
  itemCount: number;
}

export interface BprEpochOptions {
  samples: number;
  seed: number;
  learningRate: number;
  regularization: number;
  biasRegularization: number;
  /** 1 draws negatives uniformly; more draws that many and keeps the highest-scored. */
  candidates: number;
}

/** Runs `samples` SGD steps and returns the mean −ln σ(x_uij). */
export function bprEpoch(state: BprState, options: BprEpochOptions): number {
  const { userFactors: users, itemFactors: items, stride, factors, indptr, sortedItems, positionUser } = state;
  const random = createRandom(options.seed);
  const rate = options.learningRate;
  const lambda = options.regularization;
  const lambdaBias = options.biasRegularization;
  const interactions = positionUser.length;
  const gradient = new Float32Array(factors);
  let loss = 0;
  for (let sample = 0; sample < options.samples; sample++) {
    const position = random.int(interactions);
    const user = positionUser[position];
    const positive = sortedItems[position];
    const start = indptr[user];
    const end = indptr[user + 1];
    if (end - start >= state.itemCount) continue;
    const u = user * stride;
    let negative = -1;
    let best = Number.NEGATIVE_INFINITY;
    for (let draw = 0; draw < options.candidates; draw++) {
      let candidate = random.int(state.itemCount);
      while (contains(sortedItems, start, end, candidate)) candidate = random.int(state.itemCount);
      if (options.candidates === 1) {
        negative = candidate;
        break;
      }
      const c = candidate * stride;
      let score = items[c + factors];
      for (let f = 0; f < factors; f++) score += users[u + f] * items[c + f];
      if (score > best) {
        best = score;
        negative = candidate;
      }
    }
    const i = positive * stride;
    const j = negative * stride;
    let difference = items[i + factors] - items[j + factors];
    for (let f = 0; f < factors; f++) difference += users[u + f] * (items[i + f] - items[j + f]);
    // σ(−x) is the gradient scale of ln σ(x); ln σ(x) = −ln(1 + e^(−x)).
    const scale = 1 / (1 + Math.exp(difference));
    loss += Math.log1p(Math.exp(-difference));
    for (let f = 0; f < factors; f++) {
      const userValue = users[u + f];
      gradient[f] = scale * (items[i + f] - items[j + f]) - lambda * userValue;
      items[i + f] += rate * (scale * userValue - lambda * items[i + f]);
      items[j + f] += rate * (-scale * userValue - lambda * items[j + f]);
    }
    for (let f = 0; f < factors; f++) users[u + f] += rate * gradient[f];
    items[i + factors] += rate * (scale - lambdaBias * items[i + factors]);
    items[j + factors] += rate * (-scale - lambdaBias * items[j + factors]);
  }
  return loss / Math.max(1, options.samples);
}

/** Binary search for `item` in sorted[start, end). */
function contains(sorted: Int32Array, start: number, end: number, item: number): boolean {
  let low = start;
  let high = end - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const value = sorted[middle];
    if (value === item) return true;
    if (value < item) low = middle + 1;
    else high = middle - 1;
  }
  return false;
}
