/**
 * Small dense linear algebra on plain arrays, over ml-matrix: Cholesky factor, solve and log-determinant for
 * symmetric positive definite (SPD) matrices (Gaussian processes), LU solve, products, transposes and triangular
 * solves. Matrices come in as rows (`number[][]` or any array of arrays) or, when square, as a flat row-major
 * `Float64Array` of length n²; they go out as `number[][]`, vectors as `Float64Array`.
 *
 * @module
 */
import { CholeskyDecomposition, LuDecomposition, Matrix } from "ml-matrix";
import { checkLength, describe } from "./errors.ts";

/** A matrix given by its rows. */
export type Rows = ArrayLike<ArrayLike<number>>;

/** A square matrix: rows, or a flat row-major `Float64Array` of length n² (n is its square root). */
export type SquareMatrix = Rows | Float64Array;

/** Relative tolerance of the symmetry check, against the largest absolute entry. */
const SYMMETRY_TOLERANCE = 1e-10;

function checkRows(name: string, a: Rows): { rows: number; cols: number } {
  checkLength(name, a as ArrayLike<unknown>);
  if (a.length === 0) throw new RangeError(`${name} must have at least one row, got 0 rows`);
  checkLength(`${name}[0]`, a[0] as ArrayLike<unknown>);
  const cols = a[0].length;
  if (cols === 0) throw new RangeError(`${name} must have at least one column, got 0 columns`);
  for (let i = 0; i < a.length; i++) {
    const row = checkLength(`${name}[${i}]`, a[i] as ArrayLike<unknown>, cols) as ArrayLike<number>;
    for (let j = 0; j < cols; j++) {
      if (typeof row[j] !== "number" || !Number.isFinite(row[j])) {
        throw new RangeError(`${name}[${i}][${j}] must be a finite number, got ${describe(row[j])}`);
      }
    }
  }
  return { rows: a.length, cols };
}

/** Square input as rows, validated: finite entries, n × n. */
function squareRows(name: string, a: SquareMatrix): number[][] {
  if (a instanceof Float64Array) {
    const n = Math.round(Math.sqrt(a.length));
    if (n === 0 || n * n !== a.length) {
      throw new RangeError(
        `${name} as a flat Float64Array must have length n² (n ≥ 1), got length ${a.length}`,
      );
    }
    const rows = Array.from({ length: n }, (_, i) => Array.from(a.subarray(i * n, (i + 1) * n)));
    checkRows(name, rows);
    return rows;
  }
  const { rows, cols } = checkRows(name, a);
  if (rows !== cols) throw new RangeError(`${name} must be square, got ${rows}×${cols}`);
  return Array.from({ length: rows }, (_, i) => Array.from(a[i]));
}

/** Validate symmetry (up to rounding) and return the exactly symmetric (A + Aᵀ)/2, as ml-matrix requires. */
function symmetrised(a: number[][]): number[][] {
  const n = a.length;
  let scale = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) scale = Math.max(scale, Math.abs(a[i][j]));
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (Math.abs(a[i][j] - a[j][i]) > SYMMETRY_TOLERANCE * scale) {
        throw new RangeError(
          `A must be symmetric positive definite, got A[${i}][${j}] = ${a[i][j]} but A[${j}][${i}] = ${
            a[j][i]
          }`,
        );
      }
      const m = (a[i][j] + a[j][i]) / 2;
      a[i][j] = m;
      a[j][i] = m;
    }
  }
  return a;
}

function decompose(a: SquareMatrix): CholeskyDecomposition {
  const chol = new CholeskyDecomposition(new Matrix(symmetrised(squareRows("A", a))));
  if (!chol.isPositiveDefinite()) {
    throw new RangeError(
      "A must be symmetric positive definite (Cholesky factorisation failed: a pivot was ≤ 0)",
    );
  }
  return chol;
}

/** Right-hand side as a column matrix, and whether it was a vector. */
function rightHandSide(b: ArrayLike<number> | Rows, n: number): { matrix: Matrix; vector: boolean } {
  checkLength("b", b as ArrayLike<unknown>);
  if (b.length > 0 && typeof b[0] !== "number") {
    const { rows } = checkRows("b", b as Rows);
    if (rows !== n) throw new RangeError(`b must have ${n} rows to match A, got ${rows}`);
    return { matrix: new Matrix(Array.from(b as Rows, (r) => Array.from(r))), vector: false };
  }
  const v = checkLength("b", b as ArrayLike<number>, n);
  for (let i = 0; i < n; i++) {
    if (typeof v[i] !== "number" || !Number.isFinite(v[i])) {
      throw new RangeError(`b[${i}] must be a finite number, got ${describe(v[i])}`);
    }
  }
  return { matrix: Matrix.columnVector(Array.from(v)), vector: true };
}

function output(x: Matrix, vector: boolean): Float64Array | number[][] {
  return vector ? Float64Array.from(x.getColumn(0)) : x.to2DArray();
}

/**
 * Lower-triangular Cholesky factor L with `A = L·Lᵀ`. Throws `RangeError: A must be symmetric positive definite`
 * otherwise (symmetry is checked to a relative 1e-10 of the largest entry; A is then symmetrised).
 *
 * @example
 * ```ts
 * import { cholesky } from "./linalg.ts";
 * cholesky([[4, 2], [2, 3]]); // [[2, 0], [1, 1.4142135623730951]]
 * ```
 */
export function cholesky(A: SquareMatrix): number[][] {
  return decompose(A).lowerTriangularMatrix.to2DArray();
}

/**
 * Solve `A·x = b` for SPD `A` by Cholesky. `b` is a vector (→ `Float64Array`) or a matrix of right-hand sides
 * given by rows (→ `number[][]`).
 *
 * @example
 * ```ts
 * import { choleskySolve } from "./linalg.ts";
 * choleskySolve([[4, 2], [2, 3]], [2, 1]); // Float64Array [0.5, 0]
 * ```
 */
export function choleskySolve(A: SquareMatrix, b: ArrayLike<number>): Float64Array;
/** Solve `A·X = B` for SPD `A` and a matrix `B` of right-hand sides given by rows. */
export function choleskySolve(A: SquareMatrix, b: Rows): number[][];
/** Solve `A·x = b` for SPD `A`, `b` a vector or a matrix given by rows. */
export function choleskySolve(A: SquareMatrix, b: ArrayLike<number> | Rows): Float64Array | number[][];
export function choleskySolve(A: SquareMatrix, b: ArrayLike<number> | Rows): Float64Array | number[][] {
  const chol = decompose(A);
  const { matrix, vector } = rightHandSide(b, chol.lowerTriangularMatrix.rows);
  return output(chol.solve(matrix), vector);
}

/**
 * log det A of an SPD matrix, `2·Σ log L_ii` from its Cholesky factor (no overflow for large n).
 *
 * @example
 * ```ts
 * import { logDet } from "./linalg.ts";
 * logDet([[4, 2], [2, 3]]); // Math.log(8)
 * ```
 */
export function logDet(A: SquareMatrix): number {
  const L = decompose(A).lowerTriangularMatrix;
  let s = 0;
  for (let i = 0; i < L.rows; i++) s += Math.log(L.get(i, i));
  return 2 * s;
}

/**
 * Solve `A·x = b` for a general square `A` by LU with partial pivoting. Throws a RangeError when A is singular.
 *
 * @example
 * ```ts
 * import { solve } from "./linalg.ts";
 * solve([[0, 1], [2, 0]], [3, 4]); // Float64Array [2, 3]
 * ```
 */
export function solve(A: SquareMatrix, b: ArrayLike<number>): Float64Array;
/** Solve `A·X = B` by LU for a matrix `B` of right-hand sides given by rows. */
export function solve(A: SquareMatrix, b: Rows): number[][];
/** Solve `A·x = b` by LU, `b` a vector or a matrix given by rows. */
export function solve(A: SquareMatrix, b: ArrayLike<number> | Rows): Float64Array | number[][];
export function solve(A: SquareMatrix, b: ArrayLike<number> | Rows): Float64Array | number[][] {
  const rows = squareRows("A", A);
  const lu = new LuDecomposition(new Matrix(rows));
  if (lu.isSingular()) {
    throw new RangeError(`A must be non-singular, got a singular ${rows.length}×${rows.length} matrix`);
  }
  const { matrix, vector } = rightHandSide(b, rows.length);
  return output(lu.solve(matrix), vector);
}

/**
 * Matrix product `A·B` (A m×k, B k×n, both as rows); with a vector `B` of length k, the matrix–vector product.
 *
 * @example
 * ```ts
 * import { matmul } from "./linalg.ts";
 * matmul([[1, 2], [3, 4]], [[5], [6]]); // [[17], [39]]
 * matmul([[1, 2], [3, 4]], [1, 1]); // Float64Array [3, 7]
 * ```
 */
export function matmul(A: Rows, B: ArrayLike<number>): Float64Array;
/** Matrix product `A·B` of two matrices given by rows. */
export function matmul(A: Rows, B: Rows): number[][];
/** Matrix product `A·B`, `B` a vector or a matrix given by rows. */
export function matmul(A: Rows, B: ArrayLike<number> | Rows): Float64Array | number[][];
export function matmul(A: Rows, B: ArrayLike<number> | Rows): Float64Array | number[][] {
  const { cols } = checkRows("A", A);
  const a = new Matrix(Array.from(A, (r) => Array.from(r)));
  checkLength("B", B as ArrayLike<unknown>);
  if (B.length > 0 && typeof B[0] !== "number") {
    const { rows } = checkRows("B", B as Rows);
    if (rows !== cols) throw new RangeError(`B must have ${cols} rows to match A's columns, got ${rows}`);
    return a.mmul(new Matrix(Array.from(B as Rows, (r) => Array.from(r)))).to2DArray();
  }
  const { matrix } = rightHandSide(B as ArrayLike<number>, cols);
  return Float64Array.from(a.mmul(matrix).getColumn(0));
}

/**
 * Transpose of a matrix given by rows.
 *
 * @example
 * ```ts
 * import { transpose } from "./linalg.ts";
 * transpose([[1, 2, 3]]); // [[1], [2], [3]]
 * ```
 */
export function transpose(A: Rows): number[][] {
  const { rows, cols } = checkRows("A", A);
  return Array.from({ length: cols }, (_, j) => Array.from({ length: rows }, (_, i) => A[i][j]));
}

/**
 * Solve `L·x = b` (or `Lᵀ·x = b` with `transpose`) for a triangular `L` by substitution; `lower` (default true)
 * says which triangle holds L. With `L = cholesky(K)`, `solveTriangular(L, k)` gives the `v` of a GP's predictive
 * variance `k(x, x) − v·v`.
 *
 * @example
 * ```ts
 * import { solveTriangular } from "./linalg.ts";
 * solveTriangular([[2, 0], [1, 1]], [4, 3]); // Float64Array [2, 1]
 * solveTriangular([[2, 0], [1, 1]], [4, 3], { transpose: true }); // Float64Array [0.5, 3]
 * ```
 */
export function solveTriangular(
  L: SquareMatrix,
  b: ArrayLike<number>,
  opts: { lower?: boolean; transpose?: boolean } = {},
): Float64Array {
  const m = squareRows("L", L);
  const n = m.length;
  const x = Float64Array.from(rightHandSide(b, n).matrix.getColumn(0));
  // Effective matrix T = L or Lᵀ; T is lower triangular iff lower XOR transpose.
  const entry = opts.transpose ? (i: number, j: number) => m[j][i] : (i: number, j: number) => m[i][j];
  const forward = (opts.lower ?? true) !== (opts.transpose ?? false);
  for (let step = 0; step < n; step++) {
    const i = forward ? step : n - 1 - step;
    let s = x[i];
    if (forward) { for (let j = 0; j < i; j++) s -= entry(i, j) * x[j]; }
    else for (let j = i + 1; j < n; j++) s -= entry(i, j) * x[j];
    const d = entry(i, i);
    if (d === 0) throw new RangeError(`L must have a non-zero diagonal, got L[${i}][${i}] = 0`);
    x[i] = s / d;
  }
  return x;
}
