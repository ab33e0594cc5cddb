/**
 * Kernel mean-field representation (Dec-POMFC, Cui et al. 2024: "kernel methods" replacing histogram mean fields).
 * A distribution μ over a box of states is embedded by its means against fixed radial basis functions on a grid of
 * centres b_k: μ̂_k = ∫ κ(x, b_k) μ(dx), so for the empirical measure of N agents μ̂_k = (1/N) Σ_i κ(x_i, b_k).
 * κ is a product over dimensions of 1-D Gaussians, exp(−d²/(2h²)) on an interval, or its periodic version
 * exp(−(1 − cos(2πd/L))·(L/2π)²/h²) on a circle of length L (≈ the Gaussian for small d). The embedding is
 * Lipschitz in μ (unlike a histogram), which is what the paper's Lipschitz assumptions need.
 *
 * The same features over an agent's local observation, normalised to sum to one, parameterise the lower-level
 * decision rule ({@link normalizedFeatures}).
 *
 * **Reconstructed**: numbers of centres and bandwidths are our choices (the paper's were not readable).
 *
 * @module
 */
import { checkInteger, checkLength, checkPositive, describe } from "../core/errors.ts";

/** One dimension of a kernel grid. */
export interface KernelDim {
  /** Lower end of the dimension. */
  low: number;
  /** Upper end (for a periodic dimension, `high − low` is the period). */
  high: number;
  /** Number of centres along it (≥ 1). Periodic: `low + (k + ½)·L/C`; else evenly from `low` to `high`. */
  centres: number;
  /** Bandwidth h (> 0), in the dimension's units. */
  bandwidth: number;
  /** Circle (true) or interval (false). */
  periodic: boolean;
}

/** A product-RBF grid: `dims` and the total number of features Π centres. */
export interface KernelSpec {
  /** Dimensions of the state. */
  readonly dims: readonly KernelDim[];
}

/**
 * Validate a kernel spec and return it.
 *
 * @example
 * ```ts
 * import { kernelSpec } from "./kernel.ts";
 * const spec = kernelSpec([{ low: -Math.PI, high: Math.PI, centres: 12, bandwidth: 0.5, periodic: true }]);
 * ```
 */
export function kernelSpec(dims: readonly KernelDim[]): KernelSpec {
  if (!Array.isArray(dims) || dims.length === 0) {
    throw new TypeError(`dims must be a non-empty array, got ${describe(dims)}`);
  }
  dims.forEach((d, i) => {
    checkInteger(`dims[${i}].centres`, d.centres, { min: 1 });
    checkPositive(`dims[${i}].bandwidth`, d.bandwidth);
    if (!(d.high > d.low)) throw new RangeError(`dims[${i}].high must exceed low, got ${d.low}..${d.high}`);
  });
  return { dims: dims.map((d) => ({ ...d })) };
}

/**
 * Number of features (centres) of a spec.
 *
 * @example
 * ```ts
 * import { kernelSize, kernelSpec } from "./kernel.ts";
 * kernelSize(kernelSpec([
 *   { low: 0, high: 1, centres: 3, bandwidth: 0.2, periodic: true },
 *   { low: 0, high: 1, centres: 4, bandwidth: 0.2, periodic: true },
 * ])); // 12
 * ```
 */
export function kernelSize(spec: KernelSpec): number {
  return spec.dims.reduce((p, d) => p * d.centres, 1);
}

/**
 * Centre `c` of dimension `d`.
 *
 * @example
 * ```ts
 * import { centreAt } from "./kernel.ts";
 * centreAt({ low: -1, high: 1, centres: 3, bandwidth: 0.5, periodic: false }, 1); // 0
 * ```
 */
export function centreAt(d: KernelDim, c: number): number {
  if (d.periodic) return d.low + (c + 0.5) * (d.high - d.low) / d.centres;
  return d.centres === 1 ? (d.low + d.high) / 2 : d.low + c * (d.high - d.low) / (d.centres - 1);
}

/** 1-D kernel value between a coordinate and a centre. */
function kernel1d(d: KernelDim, v: number, b: number): number {
  if (d.periodic) {
    const L = d.high - d.low;
    const w = L / (2 * Math.PI);
    return Math.exp(-(1 - Math.cos((v - b) / w)) * w * w / (d.bandwidth * d.bandwidth));
  }
  const z = (v - b) / d.bandwidth;
  return Math.exp(-0.5 * z * z);
}

/**
 * Add `weight · κ(point, b_k)` for every centre k to `out[offset + k]`, with the first dimension varying slowest.
 * `point` is read at `point[pOff + d]`.
 */
function accumulate(
  spec: KernelSpec,
  point: ArrayLike<number>,
  pOff: number,
  weight: number,
  out: Float32Array | Float64Array,
  offset: number,
  buf: Float64Array,
): void {
  const dims = spec.dims;
  let start = 0;
  const starts: number[] = [];
  for (let d = 0; d < dims.length; d++) {
    starts.push(start);
    for (let c = 0; c < dims[d].centres; c++) {
      buf[start + c] = kernel1d(dims[d], point[pOff + d], centreAt(dims[d], c));
    }
    start += dims[d].centres;
  }
  const size = kernelSize(spec);
  for (let k = 0; k < size; k++) {
    let rem = k;
    let v = weight;
    for (let d = dims.length - 1; d >= 0; d--) {
      const c = rem % dims[d].centres;
      rem = (rem - c) / dims[d].centres;
      v *= buf[starts[d] + c];
    }
    out[offset + k] += v;
  }
}

/**
 * κ(x, b_k) for every centre into `out` (length {@link kernelSize}).
 *
 * @example
 * ```ts
 * import { kernelAt, kernelSpec } from "./kernel.ts";
 * const spec = kernelSpec([{ low: -1, high: 1, centres: 3, bandwidth: 0.5, periodic: false }]);
 * kernelAt(spec, [0]); // Float64Array [e^{-2}, 1, e^{-2}]
 * ```
 */
export function kernelAt(
  spec: KernelSpec,
  point: ArrayLike<number>,
  out: Float64Array = new Float64Array(kernelSize(spec)),
): Float64Array {
  checkLength("point", point, spec.dims.length);
  checkLength("out", out, kernelSize(spec));
  out.fill(0);
  accumulate(spec, point, 0, 1, out, 0, scratchFor(spec));
  return out;
}

const scratchBuffers = new WeakMap<KernelSpec, Float64Array>();
function scratchFor(spec: KernelSpec): Float64Array {
  let b = scratchBuffers.get(spec);
  if (b === undefined) {
    b = new Float64Array(spec.dims.reduce((s, d) => s + d.centres, 0));
    scratchBuffers.set(spec, b);
  }
  return b;
}

/**
 * Kernel mean embedding of an empirical measure: `out[offset + k] = (1/n) Σ_i κ(points_i, b_k)` with `points`
 * row-major (`n × dims`). For n identical points it equals {@link kernelAt} at that point.
 *
 * @example
 * ```ts
 * import { kernelEmbedding, kernelSpec } from "./kernel.ts";
 * const spec = kernelSpec([{ low: 0, high: 1, centres: 4, bandwidth: 0.2, periodic: true }]);
 * const mu = kernelEmbedding(spec, [0.1, 0.2, 0.9], 3);
 * ```
 */
export function kernelEmbedding(
  spec: KernelSpec,
  points: ArrayLike<number>,
  n: number,
  out: Float32Array | Float64Array = new Float64Array(kernelSize(spec)),
  offset = 0,
): Float32Array | Float64Array {
  checkInteger("n", n, { min: 1 });
  const D = spec.dims.length;
  checkLength("points", points, n * D);
  const size = kernelSize(spec);
  if (out.length < offset + size) {
    throw new RangeError(
      `out must hold offset + ${size} = ${offset + size} values, got length ${out.length}`,
    );
  }
  for (let k = 0; k < size; k++) out[offset + k] = 0;
  const buf = scratchFor(spec);
  for (let i = 0; i < n; i++) accumulate(spec, points, i * D, 1 / n, out, offset, buf);
  return out;
}

/**
 * Features normalised to sum to one, φ̄_k(y) = κ(y, b_k) / Σ_l κ(y, b_l) (normalised RBF), into
 * `out[offset..offset+size)`: the lower-level decision rule's basis.
 *
 * @example
 * ```ts
 * import { normalizedFeatures, kernelSpec } from "./kernel.ts";
 * const spec = kernelSpec([{ low: -1, high: 1, centres: 3, bandwidth: 0.5, periodic: false }]);
 * normalizedFeatures(spec, [1], new Float64Array(3)); // mostly on the last centre
 * ```
 */
export function normalizedFeatures(
  spec: KernelSpec,
  point: ArrayLike<number>,
  out: Float64Array,
  pOff = 0,
  offset = 0,
): Float64Array {
  const size = kernelSize(spec);
  for (let k = 0; k < size; k++) out[offset + k] = 0;
  accumulate(spec, point, pOff, 1, out, offset, scratchFor(spec));
  let s = 0;
  for (let k = 0; k < size; k++) s += out[offset + k];
  if (s > 0) { for (let k = 0; k < size; k++) out[offset + k] /= s; }
  else for (let k = 0; k < size; k++) out[offset + k] = 1 / size;
  return out;
}
