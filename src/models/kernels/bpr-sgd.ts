// One epoch of BPR stochastic gradient ascent (Rendle et al. 2009): for sampled (u, i, j) with i observed and j not,
// maximise ln σ(x_u·(y_i − y_j)) − λ‖θ‖². Item biases ride in factor column `factors` (the user's is fixed at 1).
// Negatives are uniform, or adaptive: the highest-scored of `candidates` uniform draws (dynamic negative sampling,
// Zhang et al. 2013), which focuses updates on the negatives the model currently ranks too high.
// The factor rows live in a WasmArena; dot products and the update are SIMD kernels.

import { createRandom } from '../../core/random.ts';
import { WasmArena } from './wasm-arena.ts';

/** The factors (byte offsets in `memory`) and the interactions; shareable with workers. */
export interface BprState {
  memory: WebAssembly.Memory;
  /** users × stride floats; column `factors` holds the constant 1 for the bias. */
  userFactors: number;
  /** items × stride floats; column `factors` holds the item bias. */
  itemFactors: number;
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

const arenas = new WeakMap<WebAssembly.Memory, WasmArena>();

/** Runs `samples` SGD steps and returns the mean −ln σ(x_uij). */
export function bprEpoch(state: BprState, options: BprEpochOptions): number {
  let arena = arenas.get(state.memory);
  if (!arena) {
    arena = WasmArena.attach(state.memory);
    arenas.set(state.memory, arena);
  }
  const { kernels } = arena;
  const { stride, factors, indptr, sortedItems, positionUser, itemCount } = state;
  const rowBytes = stride * 4;
  const floats = new Float32Array(state.memory.buffer);
  // A local xorshift32 (Marsaglia 2003), seeded from the seeded generator: this loop draws ~3 numbers per step and
  // the closure-based generator cost more than the SIMD work.
  let bits = Math.floor(createRandom(options.seed).next() * 0xffffffff) | 1;
  const uniform = (n: number) => {
    bits ^= bits << 13;
    bits ^= bits >>> 17;
    bits ^= bits << 5;
    return Math.floor(((bits >>> 0) / 4294967296) * n);
  };
  const rate = options.learningRate;
  const lambda = options.regularization;
  const lambdaBias = options.biasRegularization;
  const interactions = positionUser.length;
  let loss = 0;
  for (let sample = 0; sample < options.samples; sample++) {
    const position = uniform(interactions);
    const user = positionUser[position];
    const start = indptr[user];
    const end = indptr[user + 1];
    if (end - start >= itemCount) continue;
    const u = state.userFactors + user * rowBytes;
    let negative = -1;
    let best = Number.NEGATIVE_INFINITY;
    for (let draw = 0; draw < options.candidates; draw++) {
      let candidate = uniform(itemCount);
      while (contains(sortedItems, start, end, candidate)) candidate = uniform(itemCount);
      if (options.candidates === 1) {
        negative = candidate;
        break;
      }
      const score = kernels.dot(u, state.itemFactors + candidate * rowBytes, rowBytes);
      if (score > best) {
        best = score;
        negative = candidate;
      }
    }
    const i = state.itemFactors + sortedItems[position] * rowBytes;
    const j = state.itemFactors + negative * rowBytes;
    const difference = kernels.dot(u, i, rowBytes) - kernels.dot(u, j, rowBytes);
    // σ(−x) is the gradient scale of ln σ(x); −ln σ(x) = ln(1 + e^x) − x, reusing e^x (e^(−x) once e^x overflows).
    const exponential = Math.exp(difference);
    const scale = 1 / (1 + exponential);
    loss += difference > 30 ? Math.exp(-difference) : Math.log(1 + exponential) - difference;
    const biasI = (i >> 2) + factors;
    const biasJ = (j >> 2) + factors;
    const oldI = floats[biasI];
    const oldJ = floats[biasJ];
    kernels.bprStep(u, i, j, scale, rate, lambda, rowBytes);
    // The bias column has its own L2 weight, and the user's constant 1 must stay 1.
    floats[biasI] = oldI + rate * (scale - lambdaBias * oldI);
    floats[biasJ] = oldJ + rate * (-scale - lambdaBias * oldJ);
    floats[(u >> 2) + factors] = 1;
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
