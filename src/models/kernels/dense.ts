// Small dense linear algebra on row-major Float32/Float64 arrays: Cholesky factorisation and solves.

/**
 * Solves A x = b for a symmetric positive definite n×n A (row-major, leading dimension `stride`), in place:
 * A is overwritten by its Cholesky factor L (lower triangle) and b by x. Returns false when A is not positive definite.
 */
export function choleskySolve(a: Float32Array | Float64Array, b: Float32Array | Float64Array, n: number, stride = n) {
  for (let j = 0; j < n; j++) {
    const rowJ = j * stride;
    let diagonal = a[rowJ + j];
    for (let k = 0; k < j; k++) diagonal -= a[rowJ + k] * a[rowJ + k];
    if (!(diagonal > 0)) return false;
    const pivot = Math.sqrt(diagonal);
    a[rowJ + j] = pivot;
    for (let i = j + 1; i < n; i++) {
      const rowI = i * stride;
      let sum = a[rowI + j];
      for (let k = 0; k < j; k++) sum -= a[rowI + k] * a[rowJ + k];
      a[rowI + j] = sum / pivot;
    }
  }
  // Forward: L y = b; backward: Lᵀ x = y.
  for (let i = 0; i < n; i++) {
    let sum = b[i];
    for (let k = 0; k < i; k++) sum -= a[i * stride + k] * b[k];
    b[i] = sum / a[i * stride + i];
  }
  for (let i = n - 1; i >= 0; i--) {
    let sum = b[i];
    for (let k = i + 1; k < n; k++) sum -= a[k * stride + i] * b[k];
    b[i] = sum / a[i * stride + i];
  }
  return true;
}
