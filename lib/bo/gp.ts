/**
 * Exact Gaussian process regression (Rasmussen & Williams 2006, Alg. 2.1) with the same conventions as
 * scikit-learn's `GaussianProcessRegressor`: kernel `amplitude · k(x, x′; lengthscales)`, `noise` added to the
 * diagonal of the training covariance (scikit-learn's `alpha` when fixed, a `WhiteKernel` when fitted), optional
 * normalisation of y, hyperparameters fitted by maximising the log marginal likelihood over log-space bounds
 * from the initial values plus `restarts` uniform draws in the log box.
 *
 * @module
 */
import { checkFiniteArray, checkInteger, checkPositive } from "../core/errors.ts";
import { type Seed, toRng } from "../core/rng.ts";
import { backSubstituteTransposed, choleskyInPlace, choleskyInverse, forwardSubstitute } from "./cholesky.ts";
import {
  checkKernel,
  correlation,
  crossCovariance,
  type KernelName,
  lengthscaleFactor,
  scaledSquaredDistance,
} from "./kernels.ts";
import { minimizeBox } from "./optimize.ts";

/** Inputs: one number per point (1-D) or one row per point. */
export type GpInputs = ArrayLike<number> | ArrayLike<ArrayLike<number>>;

/** Kernel hyperparameters. */
export interface GpHyperparameters {
  /** Signal variance (scikit-learn's `ConstantKernel.constant_value`). */
  amplitude: number;
  /** One lengthscale (isotropic) or one per input dimension (ARD). */
  lengthscales: number[];
  /** Variance added to the training covariance's diagonal. */
  noise: number;
}

/** A hyperparameter's search interval (in natural units; the search runs on its log) or `"fixed"`. */
export type Bounds = readonly [number, number] | "fixed";

/** Options of {@link fitGp}. */
export interface GpOptions {
  /** Kernel family; default `"rbf"`. */
  kernel?: KernelName;
  /** Initial amplitude; default 1. */
  amplitude?: number;
  /** Amplitude bounds; default [1e-5, 1e5] (scikit-learn's). */
  amplitudeBounds?: Bounds;
  /** Initial lengthscale(s): one (isotropic) or one per dimension (ARD); default 1. */
  lengthscale?: number | readonly number[];
  /** Lengthscale bounds, shared by every dimension; default [1e-5, 1e5]. */
  lengthscaleBounds?: Bounds;
  /** Initial (or fixed) noise variance; default 1e-10 (scikit-learn's `alpha`). */
  noise?: number;
  /** Noise bounds; default `"fixed"` (then `noise` is scikit-learn's `alpha`). */
  noiseBounds?: Bounds;
  /** Standardise y (mean 0, population std 1) before fitting, undone in predictions; default false. */
  normalizeY?: boolean;
  /** Fit hyperparameters (else use the initial values as they are); default true. */
  optimize?: boolean;
  /** Optimiser restarts from uniform draws in the log bounds, after the run from the initial values; default 0. */
  restarts?: number;
  /** Seed or stream of the restart draws; default 0. */
  rng?: Seed;
}

/** A fitted Gaussian process: plain data, ready for {@link gpPredict}. */
export interface GaussianProcess {
  /** Kernel family. */
  kernel: KernelName;
  /** Input dimension. */
  d: number;
  /** Number of training points. */
  n: number;
  /** Training inputs, flat row-major (n × d). */
  x: Float64Array;
  /** Training targets as given. */
  y: Float64Array;
  /** Mean subtracted from y (0 unless `normalizeY`). */
  yMean: number;
  /** Scale y was divided by (1 unless `normalizeY`). */
  yStd: number;
  /** Hyperparameters in use. */
  hyperparameters: GpHyperparameters;
  /** Log marginal likelihood of the (normalised) targets at those hyperparameters. */
  logMarginalLikelihood: number;
  /** Cholesky factor L of K + noise·I, flat row-major (n × n). */
  factor: Float64Array;
  /** α = (K + noise·I)⁻¹ y (normalised y). */
  alpha: Float64Array;
}

/** Log marginal likelihood and its gradient with respect to the log of every hyperparameter. */
export interface LogMarginalLikelihood {
  /** log p(y | X, θ). */
  value: number;
  /** ∂/∂ log θ for each hyperparameter (also for those held fixed in a fit). */
  gradient: { amplitude: number; lengthscales: number[]; noise: number };
}

const LOG_2PI = Math.log(2 * Math.PI);

/**
 * Flatten inputs to row-major n × d and return d.
 *
 * @example
 * ```ts
 * import { flattenInputs } from "./gp.ts";
 * flattenInputs([[0, 1], [2, 3]]); // { x: Float64Array [0, 1, 2, 3], n: 2, d: 2 }
 * ```
 */
export function flattenInputs(x: GpInputs, name = "x"): { x: Float64Array; n: number; d: number } {
  if (x == null || typeof (x as ArrayLike<unknown>).length !== "number") {
    throw new TypeError(`${name} must be an array of numbers or of rows, got ${String(x)}`);
  }
  const n = x.length;
  if (n === 0) throw new RangeError(`${name} must have at least one point, got 0`);
  if (typeof x[0] === "number") {
    return { x: Float64Array.from(checkFiniteArray(name, x)), n, d: 1 };
  }
  const rows = x as ArrayLike<ArrayLike<number>>;
  const d = rows[0].length;
  if (!(d >= 1)) throw new RangeError(`${name}[0] must have at least one coordinate, got ${d}`);
  const out = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const row = checkFiniteArray(`${name}[${i}]`, rows[i]);
    if (row.length !== d) throw new RangeError(`${name}[${i}] must have ${d} coordinates, got ${row.length}`);
    for (let k = 0; k < d; k++) out[i * d + k] = row[k];
  }
  return { x: out, n, d };
}

function checkHyperparameters(h: GpHyperparameters, d: number): void {
  checkPositive("amplitude", h.amplitude);
  checkPositive("noise", h.noise);
  if (!Array.isArray(h.lengthscales) || (h.lengthscales.length !== 1 && h.lengthscales.length !== d)) {
    throw new RangeError(
      `lengthscales must have length 1 or ${d} (the input dimension), got ${String(h.lengthscales)}`,
    );
  }
  h.lengthscales.forEach((l, k) => checkPositive(`lengthscales[${k}]`, l));
}

/** Training covariance K(X, X) + noise·I, flat. */
function trainingCovariance(kernel: KernelName, h: GpHyperparameters, x: Float64Array, n: number, d: number) {
  const k = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      const v = h.amplitude * correlation(kernel, scaledSquaredDistance(x, i, x, j, d, h.lengthscales));
      k[i * n + j] = v;
      k[j * n + i] = v;
    }
    k[i * n + i] = h.amplitude + h.noise;
  }
  return k;
}

interface Core {
  value: number;
  factor: Float64Array;
  alpha: Float64Array;
  /** [amplitude, lengthscales..., noise], ∂/∂log. */
  gradient?: Float64Array;
}

/** LML (eq. 2.30), and its gradient ½ tr((ααᵀ − K⁻¹) ∂K/∂θ) (eq. 5.9); null if K is not positive definite. */
function core(
  kernel: KernelName,
  h: GpHyperparameters,
  x: Float64Array,
  n: number,
  d: number,
  y: Float64Array,
  withGradient: boolean,
): Core | null {
  const factor = trainingCovariance(kernel, h, x, n, d);
  if (!choleskyInPlace(factor, n)) return null;
  const alpha = backSubstituteTransposed(factor, n, forwardSubstitute(factor, n, Float64Array.from(y)));
  let value = -0.5 * n * LOG_2PI;
  for (let i = 0; i < n; i++) value -= 0.5 * y[i] * alpha[i] + Math.log(factor[i * n + i]);
  if (!withGradient) return { value, factor, alpha };
  const ls = h.lengthscales;
  const iso = ls.length === 1;
  const p = ls.length;
  const grad = new Float64Array(p + 2);
  const w = choleskyInverse(factor, n); // K⁻¹, overwritten below by W = ααᵀ − K⁻¹ on the fly
  const diffs = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    // diagonal: ∂K_ii/∂log amplitude = amplitude, ∂/∂log ℓ = 0, ∂/∂log noise = noise
    const wii = alpha[i] * alpha[i] - w[i * n + i];
    grad[0] += 0.5 * wii * h.amplitude;
    grad[p + 1] += 0.5 * wii * h.noise;
    for (let j = 0; j < i; j++) {
      const wij = alpha[i] * alpha[j] - w[i * n + j]; // counted twice (i, j) and (j, i)
      let r2 = 0;
      for (let k = 0; k < d; k++) {
        const t = (x[i * d + k] - x[j * d + k]) / (iso ? ls[0] : ls[k]);
        diffs[k] = t * t;
        r2 += diffs[k];
      }
      grad[0] += wij * h.amplitude * correlation(kernel, r2);
      const lf = wij * h.amplitude * lengthscaleFactor(kernel, r2);
      if (iso) grad[1] += lf * r2;
      else for (let k = 0; k < d; k++) grad[1 + k] += lf * diffs[k];
    }
  }
  return { value, factor, alpha, gradient: grad };
}

function normalisation(
  y: Float64Array,
  normalizeY: boolean,
): { yMean: number; yStd: number; yn: Float64Array } {
  if (!normalizeY) return { yMean: 0, yStd: 1, yn: Float64Array.from(y) };
  let m = 0;
  for (const v of y) m += v;
  m /= y.length;
  let s = 0;
  for (const v of y) s += (v - m) * (v - m);
  let sd = Math.sqrt(s / y.length);
  if (sd === 0) sd = 1; // scikit-learn's _handle_zeros_in_scale
  return { yMean: m, yStd: sd, yn: Float64Array.from(y, (v) => (v - m) / sd) };
}

function checkTargets(y: ArrayLike<number>, n: number): Float64Array {
  checkFiniteArray("y", y);
  if (y.length !== n) throw new RangeError(`y must have one value per point (${n}), got length ${y.length}`);
  return Float64Array.from(y);
}

/**
 * Log marginal likelihood of y under the GP with fixed hyperparameters, and its gradient with respect to the log
 * hyperparameters (scikit-learn's `log_marginal_likelihood(theta, eval_gradient=True)`). Throws a RangeError if
 * the covariance is not numerically positive definite.
 *
 * @example
 * ```ts
 * import { gpLogMarginalLikelihood } from "./gp.ts";
 * const lml = gpLogMarginalLikelihood([0, 1, 2], [0, 1, 0], { amplitude: 1, lengthscales: [1], noise: 1e-2 });
 * lml.value; // log N(y; 0, K + 0.01 I)
 * ```
 */
export function gpLogMarginalLikelihood(
  x: GpInputs,
  y: ArrayLike<number>,
  hyperparameters: GpHyperparameters,
  opts: { kernel?: KernelName; normalizeY?: boolean } = {},
): LogMarginalLikelihood {
  const kernel = checkKernel(opts.kernel ?? "rbf");
  const flat = flattenInputs(x);
  checkHyperparameters(hyperparameters, flat.d);
  const { yn } = normalisation(checkTargets(y, flat.n), opts.normalizeY ?? false);
  const c = core(kernel, hyperparameters, flat.x, flat.n, flat.d, yn, true);
  if (c === null) {
    throw new RangeError("the covariance K + noise·I is not positive definite at these hyperparameters");
  }
  const g = c.gradient!;
  const p = hyperparameters.lengthscales.length;
  return {
    value: c.value,
    gradient: { amplitude: g[0], lengthscales: Array.from(g.subarray(1, 1 + p)), noise: g[p + 1] },
  };
}

function checkBounds(name: string, b: Bounds): Bounds {
  if (b === "fixed") return b;
  if (!Array.isArray(b) || b.length !== 2) throw new TypeError(`${name} must be [low, high] or "fixed"`);
  checkPositive(`${name}[0]`, b[0]);
  checkPositive(`${name}[1]`, b[1]);
  if (!(b[0] <= b[1])) throw new RangeError(`${name} must have low ≤ high, got [${b[0]}, ${b[1]}]`);
  return b;
}

/**
 * Fit a Gaussian process: hyperparameters maximise the log marginal likelihood (projected BFGS in log space,
 * best of 1 + `restarts` starts), then the posterior is precomputed for {@link gpPredict}.
 *
 * @example
 * ```ts
 * import { fitGp, gpPredict } from "./gp.ts";
 * const gp = fitGp([0, 1, 2, 3], [0, 0.8, 0.9, 0.1], { restarts: 2 });
 * gpPredict(gp, [1.5]).mean[0]; // ≈ 0.9
 * ```
 */
export function fitGp(x: GpInputs, y: ArrayLike<number>, opts: GpOptions = {}): GaussianProcess {
  const kernel = checkKernel(opts.kernel ?? "rbf");
  const flat = flattenInputs(x);
  const { n, d } = flat;
  const yy = checkTargets(y, n);
  const normalizeY = opts.normalizeY ?? false;
  const { yMean, yStd, yn } = normalisation(yy, normalizeY);
  const ls0 = opts.lengthscale ?? 1;
  const lengthscales = typeof ls0 === "number" ? [ls0] : Array.from(ls0);
  const initial: GpHyperparameters = {
    amplitude: opts.amplitude ?? 1,
    lengthscales,
    noise: opts.noise ?? 1e-10,
  };
  checkHyperparameters(initial, d);
  const ampB = checkBounds("amplitudeBounds", opts.amplitudeBounds ?? [1e-5, 1e5]);
  const lsB = checkBounds("lengthscaleBounds", opts.lengthscaleBounds ?? [1e-5, 1e5]);
  const noiseB = checkBounds("noiseBounds", opts.noiseBounds ?? "fixed");
  const restarts = checkInteger("restarts", opts.restarts ?? 0, { min: 0 });
  const rng = toRng(opts.rng ?? 0);
  const p = lengthscales.length;

  // Free parameters in log space: which slot of [amplitude, ℓ_1..ℓ_p, noise] each one is.
  const slots: number[] = [];
  const lower: number[] = [];
  const upper: number[] = [];
  const full0 = [initial.amplitude, ...lengthscales, initial.noise];
  const bounds: Bounds[] = [ampB, ...lengthscales.map(() => lsB), noiseB];
  bounds.forEach((b, s) => {
    if (b !== "fixed") {
      slots.push(s);
      lower.push(Math.log(b[0]));
      upper.push(Math.log(b[1]));
    }
  });
  const toHyper = (theta: ArrayLike<number>): GpHyperparameters => {
    const full = full0.slice();
    slots.forEach((s, i) => (full[s] = Math.exp(theta[i])));
    return { amplitude: full[0], lengthscales: full.slice(1, 1 + p), noise: full[p + 1] };
  };

  let best = initial;
  if ((opts.optimize ?? true) && slots.length > 0) {
    const objective = (theta: Float64Array) => {
      const c = core(kernel, toHyper(theta), flat.x, n, d, yn, true);
      if (c === null) return { value: Infinity, gradient: new Float64Array(slots.length) };
      return { value: -c.value, gradient: slots.map((s) => -c.gradient![s]) };
    };
    let bestValue = Infinity;
    for (let r = 0; r <= restarts; r++) {
      const theta0 = r === 0
        ? slots.map((s) => Math.log(full0[s]))
        : slots.map((_, i) => rng.uniformIn(lower[i], upper[i]));
      const res = minimizeBox(objective, theta0, lower, upper);
      if (res.value < bestValue) {
        bestValue = res.value;
        best = toHyper(res.x);
      }
    }
    if (!Number.isFinite(bestValue)) {
      throw new RangeError(
        "no hyperparameters in the bounds give a positive definite covariance; raise noise",
      );
    }
  }
  const c = core(kernel, best, flat.x, n, d, yn, false);
  if (c === null) {
    throw new RangeError(
      "the covariance K + noise·I is not positive definite at these hyperparameters; raise noise",
    );
  }
  return {
    kernel,
    d,
    n,
    x: flat.x,
    y: yy,
    yMean,
    yStd,
    hyperparameters: best,
    logMarginalLikelihood: c.value,
    factor: c.factor,
    alpha: c.alpha,
  };
}

/** Posterior mean and standard deviation at query points. */
export interface GpPrediction {
  /** Posterior mean (in y's units). */
  mean: Float64Array;
  /** Posterior standard deviation of the latent function (plus the noise with `includeNoise`). */
  std: Float64Array;
}

/**
 * Posterior mean and standard deviation (R&W Alg. 2.1 lines 4–6) at `xs`. The std is that of the latent f, as
 * scikit-learn's with a fixed `alpha`; `includeNoise` adds the noise variance (scikit-learn's behaviour when the
 * noise is a fitted `WhiteKernel`).
 *
 * @example
 * ```ts
 * import { fitGp, gpPredict } from "./gp.ts";
 * const gp = fitGp([0, 1], [1, -1], { optimize: false });
 * gpPredict(gp, [0, 1]).mean; // ≈ [1, -1]
 * ```
 */
export function gpPredict(
  gp: GaussianProcess,
  xs: GpInputs,
  opts: { includeNoise?: boolean } = {},
): GpPrediction {
  const q = flattenInputs(xs, "xs");
  if (q.d !== gp.d) throw new RangeError(`xs must have ${gp.d} coordinates per point, got ${q.d}`);
  const { n, factor, alpha } = gp;
  const h = gp.hyperparameters;
  const ks = crossCovariance(gp.kernel, h.amplitude, h.lengthscales, q.x, gp.x, gp.d);
  const mean = new Float64Array(q.n);
  const std = new Float64Array(q.n);
  const v = new Float64Array(n);
  const prior = h.amplitude + (opts.includeNoise ? h.noise : 0);
  for (let i = 0; i < q.n; i++) {
    let m = 0;
    for (let j = 0; j < n; j++) {
      m += ks[i * n + j] * alpha[j];
      v[j] = ks[i * n + j];
    }
    forwardSubstitute(factor, n, v);
    let vv = 0;
    for (let j = 0; j < n; j++) vv += v[j] * v[j];
    mean[i] = m * gp.yStd + gp.yMean;
    std[i] = Math.sqrt(Math.max(prior - vv, 0)) * gp.yStd;
  }
  return { mean, std };
}

/**
 * Draw one function from the GP prior N(0, K(x, x) + noise·I) at the given points (tests, demonstrations).
 *
 * @example
 * ```ts
 * import { sampleGpPrior } from "./gp.ts";
 * const f = sampleGpPrior([0, 0.5, 1], { amplitude: 1, lengthscales: [0.3], noise: 1e-8 }, { rng: 1 });
 * f.length; // 3
 * ```
 */
export function sampleGpPrior(
  x: GpInputs,
  hyperparameters: GpHyperparameters,
  opts: { kernel?: KernelName; rng?: Seed } = {},
): Float64Array {
  const kernel = checkKernel(opts.kernel ?? "rbf");
  const flat = flattenInputs(x);
  checkHyperparameters(hyperparameters, flat.d);
  const rng = toRng(opts.rng ?? 0);
  const l = trainingCovariance(kernel, hyperparameters, flat.x, flat.n, flat.d);
  if (!choleskyInPlace(l, flat.n)) {
    throw new RangeError("prior covariance is not positive definite; raise noise");
  }
  const z = Float64Array.from({ length: flat.n }, () => rng.normal());
  const out = new Float64Array(flat.n);
  for (let i = 0; i < flat.n; i++) {
    let s = 0;
    for (let k = 0; k <= i; k++) s += l[i * flat.n + k] * z[k];
    out[i] = s;
  }
  return out;
}
