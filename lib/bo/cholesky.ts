/**
 * Cholesky factorisation on flat row-major `Float64Array`s, in place and without copies: the hot path of a
 * Gaussian process, called once per log-marginal-likelihood evaluation on n × n kernel matrices (n up to a few
 * thousand). `lib/core/linalg` goes through `number[][]` and ml-matrix objects, which is right for small systems
 * but costs several copies per call at this size; the results are the same to rounding.
 *
 * @module
 */

/**
 * Overwrite the lower triangle of the symmetric n × n matrix `a` (flat, row-major) with its Cholesky factor L
 * (`A = L·Lᵀ`) and zero the strict upper triangle. Returns false (leaving `a` partly overwritten) when a pivot is
 * not positive, i.e. A is not numerically positive definite.
 *
 * @example
 * ```ts
 * import { choleskyInPlace } from "./cholesky.ts";
 * const a = Float64Array.from([4, 2, 2, 3]);
 * choleskyInPlace(a, 2); // true; a = [2, 0, 1, √2]
 * ```
 */
export function choleskyInPlace(a: Float64Array, n: number): boolean {
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    for (let j = 0; j <= i; j++) {
      const rj = j * n;
      let s = a[ri + j];
      for (let k = 0; k < j; k++) s -= a[ri + k] * a[rj + k];
      if (i === j) {
        if (!(s > 0)) return false;
        a[ri + i] = Math.sqrt(s);
      } else {
        a[ri + j] = s / a[rj + j];
      }
    }
    for (let j = i + 1; j < n; j++) a[ri + j] = 0;
  }
  return true;
}

/**
 * Solve `L·x = b` in place (`b` becomes x) for a lower-triangular flat factor `l` (n × n).
 *
 * @example
 * ```ts
 * import { forwardSubstitute } from "./cholesky.ts";
 * const b = Float64Array.from([2, 3]);
 * forwardSubstitute(Float64Array.from([2, 0, 1, 1]), 2, b); // b = [1, 2]
 * ```
 */
export function forwardSubstitute(l: Float64Array, n: number, b: Float64Array): Float64Array {
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    let s = b[i];
    for (let k = 0; k < i; k++) s -= l[ri + k] * b[k];
    b[i] = s / l[ri + i];
  }
  return b;
}

/**
 * Solve `Lᵀ·x = b` in place (`b` becomes x) for a lower-triangular flat factor `l` (n × n).
 *
 * @example
 * ```ts
 * import { backSubstituteTransposed } from "./cholesky.ts";
 * const b = Float64Array.from([4, 2]);
 * backSubstituteTransposed(Float64Array.from([2, 0, 1, 1]), 2, b); // b = [1, 2]
 * ```
 */
export function backSubstituteTransposed(l: Float64Array, n: number, b: Float64Array): Float64Array {
  for (let i = n - 1; i >= 0; i--) {
    let s = b[i];
    for (let k = i + 1; k < n; k++) s -= l[k * n + i] * b[k];
    b[i] = s / l[i * n + i];
  }
  return b;
}

/**
 * `A⁻¹ = L⁻ᵀ·L⁻¹` from the flat Cholesky factor `l` of A, as a new full symmetric flat matrix.
 *
 * @example
 * ```ts
 * import { choleskyInverse } from "./cholesky.ts";
 * choleskyInverse(Float64Array.from([2, 0, 0, 1]), 2); // [0.25, 0, 0, 1]
 * ```
 */
export function choleskyInverse(l: Float64Array, n: number): Float64Array {
  // M = L⁻¹ (lower triangular), row by row: row i = (e_i − Σ_{k<i} L[i][k]·row k) / L[i][i], contiguous axpys.
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    for (let k = 0; k < i; k++) {
      const lik = l[ri + k];
      if (lik === 0) continue;
      const rk = k * n;
      for (let j = 0; j <= k; j++) m[ri + j] -= lik * m[rk + j];
    }
    m[ri + i] = 1;
    const inv = 1 / l[ri + i];
    for (let j = 0; j <= i; j++) m[ri + j] *= inv;
  }
  // A⁻¹[i][j] = Σ_{k ≥ max(i,j)} M[k][i]·M[k][j]: with T = Mᵀ (upper triangular, row-major) this is the dot
  // product of rows i and j of T from k = i (j ≤ i), read contiguously.
  const t = new Float64Array(n * n);
  for (let k = 0; k < n; k++) for (let i = 0; i <= k; i++) t[i * n + k] = m[k * n + i];
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    for (let j = 0; j <= i; j++) {
      const rj = j * n;
      let sum = 0;
      for (let k = i; k < n; k++) sum += t[ri + k] * t[rj + k];
      out[ri + j] = sum;
      out[rj + i] = sum;
    }
  }
  return out;
}
