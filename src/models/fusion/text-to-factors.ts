// A learned map from item text embeddings to the collaborative latent space: ridge regression fitted on warm items
// (text → iALS item factors), so an item nobody has interacted with yet gets a CF vector from its text alone
// (the "attribute-to-embedding" cold-start mapping of Gantner et al. 2010, with a linear map as in DropoutNet's baseline).

import { choleskySolve } from '../kernels/dense.ts';
import { type MlpMap, mlpForward } from './mlp-map.ts';

/** A linear map y = [t, 1] · W from a unit-length text vector t (dimension d) to a factor vector (dimension f). */
export interface TextToFactors {
  /** Text dimension d. */
  readonly textDimension: number;
  /** Factor dimension f. */
  readonly factors: number;
  /** (d + 1) × f, row-major; the last row is the bias. */
  readonly weights: Float32Array;
}

/** Unit-length copies of row-major text vectors (rows of zeros stay zero). */
export function unitRows(vectors: Float32Array, dimension: number): Float32Array {
  const out = new Float32Array(vectors.length);
  for (let row = 0; row < vectors.length / dimension; row++) {
    let norm = 0;
    for (let d = 0; d < dimension; d++) norm += vectors[row * dimension + d] ** 2;
    if (norm === 0) continue;
    const scale = 1 / Math.sqrt(norm);
    for (let d = 0; d < dimension; d++) out[row * dimension + d] = vectors[row * dimension + d] * scale;
  }
  return out;
}

/** The Gram matrix [T 1]ᵀ[T 1] and the right-hand sides [T 1]ᵀ Y over the training rows, computed once per fit. */
export interface RidgeProblem {
  textDimension: number;
  factors: number;
  /** (d + 1)², float64. */
  gram: Float64Array;
  /** (d + 1) × f, float64. */
  rhs: Float64Array;
  /** Mean diagonal of the text part of the Gram matrix, the scale λ is relative to. */
  scale: number;
}

/**
 * Accumulates the normal equations over `rows` (item indices with text and a trusted CF vector).
 * `text` is unit rows (items × d); `factors` is items × f.
 */
export function ridgeProblem(options: {
  text: Float32Array;
  textDimension: number;
  factors: Float32Array;
  factorCount: number;
  rows: ArrayLike<number>;
}): RidgeProblem {
  const { text, textDimension: d, factors, factorCount: f, rows } = options;
  const n = d + 1;
  const gram = new Float64Array(n * n);
  const rhs = new Float64Array(n * f);
  const x = new Float64Array(n);
  for (let r = 0; r < rows.length; r++) {
    const item = rows[r];
    for (let i = 0; i < d; i++) x[i] = text[item * d + i];
    x[d] = 1;
    for (let i = 0; i < n; i++) {
      const xi = x[i];
      if (xi === 0) continue;
      const row = i * n;
      for (let j = 0; j <= i; j++) gram[row + j] += xi * x[j];
      const out = i * f;
      const y = item * f;
      for (let k = 0; k < f; k++) rhs[out + k] += xi * factors[y + k];
    }
  }
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) gram[i * n + j] = gram[j * n + i];
  let trace = 0;
  for (let i = 0; i < d; i++) trace += gram[i * n + i];
  return { textDimension: d, factors: f, gram, rhs, scale: trace / Math.max(1, d) };
}

/** Solves (G + λ·scale·I) W = R (the bias row barely regularised); λ is relative to the Gram's mean diagonal. */
export function solveRidge(problem: RidgeProblem, lambda: number): TextToFactors {
  const { textDimension: d, factors: f } = problem;
  const n = d + 1;
  const a = problem.gram.slice();
  const ridge = Math.max(1e-9, lambda * problem.scale);
  for (let i = 0; i < d; i++) a[i * n + i] += ridge;
  a[d * n + d] += 1e-6 * Math.max(1, problem.scale);
  const weights = new Float32Array(n * f);
  const column = new Float64Array(n);
  for (let k = 0; k < f; k++) {
    for (let i = 0; i < n; i++) column[i] = problem.rhs[i * f + k];
    if (k === 0) {
      // Factorises `a` in place (its lower triangle becomes L); later columns reuse the factor.
      if (!choleskySolve(a, column, n)) throw new RangeError('ridge: the normal equations are not positive definite');
    } else {
      substitute(a, column, n);
    }
    for (let i = 0; i < n; i++) weights[i * f + k] = column[i];
  }
  return { textDimension: d, factors: f, weights };
}

/** Forward and back substitution with a Cholesky factor L stored in the lower triangle of `l`. */
function substitute(l: Float64Array, b: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    let sum = b[i];
    for (let k = 0; k < i; k++) sum -= l[i * n + k] * b[k];
    b[i] = sum / l[i * n + i];
  }
  for (let i = n - 1; i >= 0; i--) {
    let sum = b[i];
    for (let k = i + 1; k < n; k++) sum -= l[k * n + i] * b[k];
    b[i] = sum / l[i * n + i];
  }
}

/** A text → CF map: the ridge map, or the small MLP (mlp-map.ts). */
export type TextMap = TextToFactors | MlpMap;

export function isMlp(map: TextMap): map is MlpMap {
  return 'hidden' in map;
}

/** The factor vector of one unit text vector (zeros in, bias out: an item without text gets the mean warm vector). */
export function mapText(map: TextMap, text: ArrayLike<number>, out = new Float32Array(map.factors)): Float32Array {
  if (isMlp(map)) {
    mlpForward(map, text, new Float32Array(map.hidden), out);
    return out;
  }
  const { textDimension: d, factors: f, weights } = map;
  for (let k = 0; k < f; k++) out[k] = weights[d * f + k];
  for (let i = 0; i < d; i++) {
    const t = text[i];
    if (t === 0) continue;
    const row = i * f;
    for (let k = 0; k < f; k++) out[k] += t * weights[row + k];
  }
  return out;
}

/** Mapped vectors of every row of `text` (items × d) as items × f. */
export function mapAll(map: TextMap, text: Float32Array): Float32Array {
  const rows = text.length / map.textDimension;
  const out = new Float32Array(rows * map.factors);
  for (let row = 0; row < rows; row++) {
    mapText(
      map,
      text.subarray(row * map.textDimension, (row + 1) * map.textDimension),
      out.subarray(row * map.factors, (row + 1) * map.factors),
    );
  }
  return out;
}
