import assert from "node:assert/strict";
import {
  cholesky,
  choleskySolve,
  logDet,
  matmul,
  solve,
  solveTriangular,
  transpose,
} from "../../lib/core/linalg.ts";

function closeArray(actual: ArrayLike<number>, expected: ArrayLike<number>, tol = 1e-12): void {
  assert.equal(actual.length, expected.length);
  for (let i = 0; i < expected.length; i++) {
    assert.ok(Math.abs(actual[i] - expected[i]) <= tol, `[${i}]: ${actual[i]} vs ${expected[i]}`);
  }
}

function closeRows(actual: number[][], expected: number[][], tol = 1e-12): void {
  assert.equal(actual.length, expected.length);
  actual.forEach((row, i) => closeArray(row, expected[i], tol));
}

// Hand-computed: A2 = L·Lᵀ with L = [[2, 0], [1, √2]], det 8, A2⁻¹ = [[3, −2], [−2, 4]] / 8.
const A2 = [[4, 2], [2, 3]];
// The textbook 3×3 example: L = [[2, 0, 0], [6, 1, 0], [−8, 5, 3]], det = (2·1·3)² = 36.
const A3 = [[4, 12, -16], [12, 37, -43], [-16, -43, 98]];

Deno.test("cholesky gives the lower factor", () => {
  closeRows(cholesky(A2), [[2, 0], [1, Math.SQRT2]]);
  closeRows(cholesky(A3), [[2, 0, 0], [6, 1, 0], [-8, 5, 3]]);
  closeRows(cholesky(Float64Array.of(4, 2, 2, 3)), [[2, 0], [1, Math.SQRT2]]);
  // Asymmetry at rounding level is accepted (and symmetrised).
  closeRows(cholesky([[4, 2 + 1e-15], [2, 3]]), [[2, 0], [1, Math.SQRT2]]);
});

Deno.test("choleskySolve solves vectors and matrices of right-hand sides", () => {
  const x2 = choleskySolve(A2, [2, 1]);
  assert.ok(x2 instanceof Float64Array);
  closeArray(x2, [0.5, 0]);
  // b = A3·[1, 2, 3] = [−20, −43, 192]; the second column is A3·e1.
  closeArray(choleskySolve(A3, [-20, -43, 192]), [1, 2, 3]);
  closeRows(choleskySolve(A3, [[-20, 4], [-43, 12], [192, -16]]), [[1, 1], [2, 0], [3, 0]]);
  closeArray(choleskySolve(Float64Array.from(A3.flat()), new Float64Array([-20, -43, 192])), [1, 2, 3]);
});

Deno.test("logDet is log of the determinant", () => {
  assert.ok(Math.abs(logDet(A2) - Math.log(8)) < 1e-14);
  assert.ok(Math.abs(logDet(A3) - Math.log(36)) < 1e-13);
  // 200 × 200 identity scaled by 10: det = 10^200 would overflow nothing here, log det = 200·ln 10.
  const n = 200;
  const big = new Float64Array(n * n);
  for (let i = 0; i < n; i++) big[i * n + i] = 10;
  assert.ok(Math.abs(logDet(big) - n * Math.LN10) < 1e-10);
});

Deno.test("solve (LU) handles non-symmetric systems", () => {
  closeArray(solve([[0, 1], [2, 0]], [3, 4]), [2, 3]); // needs pivoting
  // A⁻¹ of [[1, 2, 3], [0, 1, 4], [5, 6, 0]] is [[−24, 18, 5], [20, −15, −4], [−5, 4, 1]].
  const A = [[1, 2, 3], [0, 1, 4], [5, 6, 0]];
  closeArray(solve(A, [1, 1, 1]), [-1, 1, 0]);
  closeRows(solve(A, [[1, 0, 0], [0, 1, 0], [0, 0, 1]]), [[-24, 18, 5], [20, -15, -4], [-5, 4, 1]], 1e-11);
});

Deno.test("matmul and transpose", () => {
  assert.deepEqual(matmul([[1, 2], [3, 4]], [[5], [6]]), [[17], [39]]);
  assert.deepEqual(matmul([[1, 2, 3], [4, 5, 6]], [[7, 8], [9, 10], [11, 12]]), [[58, 64], [139, 154]]);
  assert.deepEqual(Array.from(matmul([[1, 2], [3, 4]], [1, 1])), [3, 7]);
  assert.deepEqual(transpose([[1, 2, 3]]), [[1], [2], [3]]);
  assert.deepEqual(transpose([[1, 2], [3, 4], [5, 6]]), [[1, 3, 5], [2, 4, 6]]);
  // L·Lᵀ reproduces A.
  const L = cholesky(A3);
  closeRows(matmul(L, transpose(L)), A3);
});

Deno.test("solveTriangular: forward, backward and transposed", () => {
  const L = [[2, 0], [1, 1]];
  closeArray(solveTriangular(L, [4, 3]), [2, 1]);
  closeArray(solveTriangular(L, [4, 3], { transpose: true }), [0.5, 3]); // Lᵀ = [[2, 1], [0, 1]]
  closeArray(solveTriangular([[2, 1], [0, 1]], [4, 3], { lower: false }), [0.5, 3]);
  // Two triangular solves with the Cholesky factor equal choleskySolve.
  const L3 = cholesky(A3);
  const b = [1, -2, 0.5];
  closeArray(solveTriangular(L3, solveTriangular(L3, b), { transpose: true }), choleskySolve(A3, b), 1e-12);
});

Deno.test("bad arguments throw named errors", () => {
  assert.throws(() => cholesky([[1, 2], [2, 1]]), {
    name: "RangeError",
    message: /A must be symmetric positive definite/,
  });
  assert.throws(() => choleskySolve([[2, 1], [0, 2]], [1, 1]), {
    name: "RangeError",
    message: /A must be symmetric positive definite, got A\[0\]\[1\] = 1 but A\[1\]\[0\] = 0/,
  });
  assert.throws(() => logDet([[0, 0], [0, 0]]), {
    name: "RangeError",
    message: /symmetric positive definite/,
  });
  assert.throws(() => cholesky([[1, 2, 3], [4, 5, 6]]), {
    name: "RangeError",
    message: /A must be square, got 2×3/,
  });
  assert.throws(() => cholesky(new Float64Array(3)), {
    name: "RangeError",
    message: /length n².*got length 3/,
  });
  assert.throws(() => cholesky([[1, NaN], [NaN, 1]]), {
    name: "RangeError",
    message: /A\[0\]\[1\] must be a finite number, got NaN/,
  });
  assert.throws(() => choleskySolve(A2, [1, 2, 3]), { name: "RangeError", message: /b must have length 2/ });
  assert.throws(() => solve([[1, 2], [2, 4]], [1, 1]), {
    name: "RangeError",
    message: /A must be non-singular/,
  });
  assert.throws(() => matmul([[1, 2]], [[1, 2]]), { name: "RangeError", message: /B must have 2 rows/ });
  assert.throws(() => transpose([[1, 2], [3]]), { name: "RangeError", message: /A\[1\] must have length 2/ });
  assert.throws(() => solveTriangular([[0, 0], [1, 1]], [1, 1]), {
    name: "RangeError",
    message: /L\[0\]\[0\] = 0/,
  });
});
