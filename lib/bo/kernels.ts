/**
 * Stationary covariance kernels of a Gaussian process, written as scikit-learn writes them so the two agree to
 * rounding: `ConstantKernel(amplitude) * RBF(lengthscales)` and `ConstantKernel(amplitude) * Matern(lengthscales,
 * nu=2.5)`. One lengthscale is isotropic; one per input dimension is automatic relevance determination (ARD).
 * Derivatives are taken with respect to the log of each hyperparameter, as scikit-learn's `theta` is.
 *
 * @module
 */
import { checkOneOf } from "../core/errors.ts";

/** Kernel families: squared exponential (`rbf`) and Matérn ν = 5/2 (`matern52`). */
export type KernelName = "rbf" | "matern52";

/** Every kernel family, in documentation order. */
export const KERNEL_NAMES: readonly KernelName[] = ["rbf", "matern52"];

const SQRT5 = Math.sqrt(5);

/**
 * Validate a kernel name.
 *
 * @example
 * ```ts
 * import { checkKernel } from "./kernels.ts";
 * checkKernel("matern52"); // "matern52"
 * ```
 */
export function checkKernel(name: unknown): KernelName {
  return checkOneOf("kernel", name as KernelName, KERNEL_NAMES);
}

/**
 * Scaled squared distance r² = Σ_k ((a_k − b_k)/ℓ_k)² between rows `i` of `a` and `j` of `b` (both flat, d
 * columns); `ls` has length 1 (isotropic) or d.
 *
 * @example
 * ```ts
 * import { scaledSquaredDistance } from "./kernels.ts";
 * scaledSquaredDistance(Float64Array.from([0, 0]), 0, Float64Array.from([3, 4]), 0, 2, [5]); // 1
 * ```
 */
export function scaledSquaredDistance(
  a: Float64Array,
  i: number,
  b: Float64Array,
  j: number,
  d: number,
  ls: ArrayLike<number>,
): number {
  let r2 = 0;
  const iso = ls.length === 1;
  for (let k = 0; k < d; k++) {
    const t = (a[i * d + k] - b[j * d + k]) / (iso ? ls[0] : ls[k]);
    r2 += t * t;
  }
  return r2;
}

/**
 * Correlation (kernel without its amplitude) at scaled squared distance r²:
 * RBF exp(−r²/2); Matérn 5/2 (1 + √5 r + 5r²/3)·exp(−√5 r) (Rasmussen & Williams 2006, eq. 4.17).
 *
 * @example
 * ```ts
 * import { correlation } from "./kernels.ts";
 * correlation("rbf", 0); // 1
 * ```
 */
export function correlation(kernel: KernelName, r2: number): number {
  if (kernel === "rbf") return Math.exp(-0.5 * r2);
  const r = Math.sqrt(r2);
  return (1 + SQRT5 * r + (5 / 3) * r2) * Math.exp(-SQRT5 * r);
}

/**
 * ∂k/∂(log ℓ_k) divided by the amplitude and by D_k = ((a_k − b_k)/ℓ_k)², at scaled squared distance r²:
 * RBF exp(−r²/2); Matérn 5/2 (5/3)(1 + √5 r)·exp(−√5 r). Multiply by D_k (ARD) or r² (isotropic).
 *
 * @example
 * ```ts
 * import { lengthscaleFactor } from "./kernels.ts";
 * lengthscaleFactor("matern52", 0); // 5/3
 * ```
 */
export function lengthscaleFactor(kernel: KernelName, r2: number): number {
  if (kernel === "rbf") return Math.exp(-0.5 * r2);
  const r = Math.sqrt(r2);
  return (5 / 3) * (1 + SQRT5 * r) * Math.exp(-SQRT5 * r);
}

/**
 * Cross-covariance matrix K(a, b) = amplitude · correlation, flat row-major (rows of `a` × rows of `b`).
 *
 * @example
 * ```ts
 * import { crossCovariance } from "./kernels.ts";
 * crossCovariance("rbf", 2, [1], Float64Array.from([0, 1]), Float64Array.from([0]), 1);
 * // Float64Array [2, 2·exp(−1/2)]
 * ```
 */
export function crossCovariance(
  kernel: KernelName,
  amplitude: number,
  lengthscales: ArrayLike<number>,
  a: Float64Array,
  b: Float64Array,
  d: number,
): Float64Array {
  const na = a.length / d;
  const nb = b.length / d;
  const out = new Float64Array(na * nb);
  for (let i = 0; i < na; i++) {
    for (let j = 0; j < nb; j++) {
      out[i * nb + j] = amplitude * correlation(kernel, scaledSquaredDistance(a, i, b, j, d, lengthscales));
    }
  }
  return out;
}
