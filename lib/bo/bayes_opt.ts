/**
 * Generic Bayesian optimisation over a box: a Gaussian process (Matérn 5/2, ARD, normalised targets) is fitted
 * to every evaluation so far, and the next point maximises an acquisition function (expected improvement or the
 * upper confidence bound), found by scoring dense uniform candidates and refining the best few by bounded
 * quasi-Newton local search. Inputs are mapped to the unit cube internally.
 *
 * @module
 */
import { checkFinite, checkFiniteArray, checkInteger, checkOneOf, checkPositive } from "../core/errors.ts";
import type { ProgressCallback } from "../core/progress.ts";
import { Rng, type Seed, toRng } from "../core/rng.ts";
import { expectedImprovement, upperConfidenceBound } from "./acquisition.ts";
import { fitGp, type GaussianProcess, gpPredict } from "./gp.ts";
import { checkKernel, type KernelName } from "./kernels.ts";
import { minimizeBox } from "./optimize.ts";

/** A box: one `[low, high]` per dimension. */
export type Box = readonly (readonly [number, number])[];

/** Options of {@link suggestNext} (and of each step of {@link bayesOpt}). */
export interface SuggestOptions {
  /** Search box, one `[low, high]` per dimension (low < high). */
  bounds: Box;
  /** Minimise (default) or maximise the objective. */
  goal?: "minimize" | "maximize";
  /** Acquisition function: expected improvement (default) or upper confidence bound. */
  acquisition?: "ei" | "ucb";
  /** EI exploration margin, in units of the standardised objective; default 0.01. */
  xi?: number;
  /** UCB weight β on the posterior std; default 2. */
  beta?: number;
  /** GP kernel; default `"matern52"` (one lengthscale per dimension). */
  kernel?: KernelName;
  /** Noise variance of the standardised objective; fixed at this value unless `fitNoise`; default 1e-6. */
  noise?: number;
  /** Fit the noise variance in [1e-8, 1] (noisy objectives); default false. */
  fitNoise?: boolean;
  /** GP hyperparameter-fit restarts; default 2. */
  restarts?: number;
  /** Uniform candidates scored per suggestion; default 2000. */
  candidates?: number;
  /** Best candidates refined by local search; default 5. */
  localSearches?: number;
  /** Random stream or seed of the candidates and restarts; default 0. */
  rng?: Seed;
}

/** A suggestion and the model behind it. */
export interface Suggestion {
  /** Next point to evaluate (in the box). */
  x: number[];
  /** Acquisition value at `x`. */
  acquisition: number;
  /** Posterior mean of the objective at `x` (objective units). */
  mean: number;
  /** Posterior std of the objective at `x` (objective units). */
  std: number;
  /** The GP, fitted on unit-cube inputs and on `sign · y` (sign = −1 when minimising). */
  gp: GaussianProcess;
}

/** Options of {@link bayesOpt}. */
export interface BayesOptOptions extends SuggestOptions {
  /** Total objective evaluations, initial design included; default 30. */
  evaluations?: number;
  /** Size of the initial Latin-hypercube design; default min(evaluations, max(5, 2·dim)). */
  initialPoints?: number;
  /** Explicit initial points (replace the Latin hypercube; counted in `evaluations`). */
  initial?: readonly (readonly number[])[];
  /** Called after each evaluation with `{ done, total, best }`. */
  onProgress?: ProgressCallback;
  /** Stop request, checked between evaluations. */
  signal?: AbortSignal;
}

/** Result of {@link bayesOpt}. */
export interface BayesOptResult {
  /** Points evaluated, in order. */
  xs: number[][];
  /** Objective values, in order. */
  ys: number[];
  /** Best evaluation. */
  best: { x: number[]; y: number; index: number };
  /** Best value after each evaluation. */
  bestSoFar: number[];
  /** GP of the last suggestion (null if every evaluation came from the initial design). */
  gp: GaussianProcess | null;
}

function checkBox(bounds: Box): Box {
  if (!Array.isArray(bounds) || bounds.length === 0) {
    throw new TypeError("bounds must be a non-empty array of [low, high] pairs");
  }
  bounds.forEach((b, k) => {
    if (!Array.isArray(b) || b.length !== 2) throw new TypeError(`bounds[${k}] must be [low, high]`);
    checkFinite(`bounds[${k}][0]`, b[0]);
    checkFinite(`bounds[${k}][1]`, b[1]);
    if (!(b[0] < b[1])) throw new RangeError(`bounds[${k}] must have low < high, got [${b[0]}, ${b[1]}]`);
  });
  return bounds;
}

/**
 * Map points of the box to the unit cube.
 *
 * @example
 * ```ts
 * import { toUnitCube } from "./bayes_opt.ts";
 * toUnitCube([[5]], [[0, 10]]); // [[0.5]]
 * ```
 */
export function toUnitCube(xs: readonly (readonly number[])[], bounds: Box): number[][] {
  return xs.map((x) => x.map((v, k) => (v - bounds[k][0]) / (bounds[k][1] - bounds[k][0])));
}

/**
 * Map unit-cube points back to the box.
 *
 * @example
 * ```ts
 * import { fromUnitCube } from "./bayes_opt.ts";
 * fromUnitCube([[0.5]], [[0, 10]]); // [[5]]
 * ```
 */
export function fromUnitCube(us: readonly (readonly number[])[], bounds: Box): number[][] {
  return us.map((u) => u.map((v, k) => bounds[k][0] + v * (bounds[k][1] - bounds[k][0])));
}

/**
 * Latin-hypercube sample of `n` points in the box (one point per stratum in every dimension).
 *
 * @example
 * ```ts
 * import { latinHypercube } from "./bayes_opt.ts";
 * latinHypercube(4, [[0, 1], [-1, 1]], 0).length; // 4
 * ```
 */
export function latinHypercube(n: number, bounds: Box, rng: Seed = 0): number[][] {
  checkInteger("n", n, { min: 1 });
  checkBox(bounds);
  const r = toRng(rng);
  const d = bounds.length;
  const us = Array.from({ length: n }, () => new Array<number>(d).fill(0));
  for (let k = 0; k < d; k++) {
    const perm = r.shuffle(Array.from({ length: n }, (_, i) => i));
    for (let i = 0; i < n; i++) us[i][k] = (perm[i] + r.uniform()) / n;
  }
  return fromUnitCube(us, bounds);
}

/**
 * Fit the GP to the evaluations so far and return the point that maximises the acquisition (ask/tell step).
 *
 * @example
 * ```ts
 * import { suggestNext } from "./bayes_opt.ts";
 * const s = suggestNext([[0], [0.5], [1]], [1, 0.2, 0.9], { bounds: [[0, 1]] });
 * s.x; // near the minimum around 0.5
 * ```
 */
export function suggestNext(
  xs: readonly (readonly number[])[],
  ys: ArrayLike<number>,
  opts: SuggestOptions,
): Suggestion {
  const bounds = checkBox(opts.bounds);
  const d = bounds.length;
  if (!Array.isArray(xs) || xs.length === 0) {
    throw new RangeError("xs must hold at least one evaluated point");
  }
  checkFiniteArray("ys", ys);
  if (ys.length !== xs.length) {
    throw new RangeError(`ys must have one value per point (${xs.length}), got ${ys.length}`);
  }
  xs.forEach((x, i) => {
    checkFiniteArray(`xs[${i}]`, x);
    if (x.length !== d) throw new RangeError(`xs[${i}] must have ${d} coordinates, got ${x.length}`);
  });
  const goal = checkOneOf("goal", opts.goal ?? "minimize", ["minimize", "maximize"] as const);
  const acquisition = checkOneOf("acquisition", opts.acquisition ?? "ei", ["ei", "ucb"] as const);
  const xi = checkFinite("xi", opts.xi ?? 0.01);
  const beta = checkFinite("beta", opts.beta ?? 2);
  const kernel = checkKernel(opts.kernel ?? "matern52");
  const noise = checkPositive("noise", opts.noise ?? 1e-6);
  const candidates = checkInteger("candidates", opts.candidates ?? 2000, { min: 1 });
  const localSearches = checkInteger("localSearches", opts.localSearches ?? 5, { min: 0 });
  const restarts = checkInteger("restarts", opts.restarts ?? 2, { min: 0 });
  const rng = opts.rng instanceof Rng ? opts.rng : toRng(opts.rng ?? 0);
  const sign = goal === "minimize" ? -1 : 1;

  const us = toUnitCube(xs, bounds);
  const signed = Array.from(ys, (y) => sign * y);
  const gp = fitGp(us, signed, {
    kernel,
    amplitude: 1,
    amplitudeBounds: [1e-2, 1e2],
    lengthscale: new Array(d).fill(0.5),
    lengthscaleBounds: [1e-2, 1e1],
    noise,
    noiseBounds: opts.fitNoise ? [1e-8, 1] : "fixed",
    normalizeY: true,
    restarts,
    rng,
  });
  let bestSigned = -Infinity;
  for (const v of signed) bestSigned = Math.max(bestSigned, v);
  // Acquisition in standardised units, so xi and beta do not depend on the objective's scale.
  const score = (points: number[][]): Float64Array => {
    const { mean, std } = gpPredict(gp, points);
    return Float64Array.from(mean, (m, i) => {
      const mz = (m - gp.yMean) / gp.yStd;
      const sz = std[i] / gp.yStd;
      return acquisition === "ei"
        ? expectedImprovement(mz, sz, (bestSigned - gp.yMean) / gp.yStd, xi)
        : upperConfidenceBound(mz, sz, beta);
    });
  };
  const pool = Array.from({ length: candidates }, () => Array.from({ length: d }, () => rng.uniform()));
  const values = score(pool);
  const order = Array.from(values.keys()).sort((a, b) => values[b] - values[a]);
  let bestU = pool[order[0]];
  let bestA = values[order[0]];
  const lower = new Array(d).fill(0);
  const upper = new Array(d).fill(1);
  const h = 1e-6;
  const negative = (u: Float64Array) => {
    const value = -score([Array.from(u)])[0];
    const gradient = new Float64Array(d);
    for (let k = 0; k < d; k++) {
      const up = Array.from(u);
      const dn = Array.from(u);
      up[k] = Math.min(1, u[k] + h);
      dn[k] = Math.max(0, u[k] - h);
      const s = score([up, dn]);
      gradient[k] = -(s[0] - s[1]) / (up[k] - dn[k]);
    }
    return { value, gradient };
  };
  for (let s = 0; s < Math.min(localSearches, order.length); s++) {
    const res = minimizeBox(negative, pool[order[s]], lower, upper, { maxIterations: 50 });
    if (-res.value > bestA) {
      bestA = -res.value;
      bestU = Array.from(res.x);
    }
  }
  const post = gpPredict(gp, [bestU]);
  return {
    x: fromUnitCube([bestU], bounds)[0],
    acquisition: bestA,
    mean: sign * post.mean[0],
    std: post.std[0],
    gp,
  };
}

interface Loop {
  xs: number[][];
  ys: number[];
  bestSoFar: number[];
  gp: GaussianProcess | null;
  next(): number[];
  tell(x: number[], y: number): void;
  result(): BayesOptResult;
}

function loop(opts: BayesOptOptions): { state: Loop; total: number } {
  const bounds = checkBox(opts.bounds);
  const d = bounds.length;
  const total = checkInteger("evaluations", opts.evaluations ?? 30, { min: 1 });
  const goal = checkOneOf("goal", opts.goal ?? "minimize", ["minimize", "maximize"] as const);
  const rng = toRng(opts.rng ?? 0);
  const init = opts.initial
    ? opts.initial.map((x, i) => {
      checkFiniteArray(`initial[${i}]`, x);
      if (x.length !== d) throw new RangeError(`initial[${i}] must have ${d} coordinates, got ${x.length}`);
      return Array.from(x);
    })
    : latinHypercube(
      checkInteger("initialPoints", opts.initialPoints ?? Math.min(total, Math.max(5, 2 * d)), { min: 1 }),
      bounds,
      rng.split(),
    );
  const better = (a: number, b: number) => (goal === "minimize" ? a < b : a > b);
  const stepRng = rng.split();
  const state: Loop = {
    xs: [],
    ys: [],
    bestSoFar: [],
    gp: null,
    next() {
      const i = this.xs.length;
      if (i < init.length) return init[i];
      const s = suggestNext(this.xs, this.ys, { ...opts, rng: stepRng });
      this.gp = s.gp;
      return s.x;
    },
    tell(x, y) {
      checkFinite(`objective(x) at evaluation ${this.xs.length}`, y);
      const prev = this.bestSoFar.length ? this.bestSoFar[this.bestSoFar.length - 1] : y;
      this.xs.push(x);
      this.ys.push(y);
      this.bestSoFar.push(better(y, prev) ? y : prev);
    },
    result() {
      let index = 0;
      for (let i = 1; i < this.ys.length; i++) if (better(this.ys[i], this.ys[index])) index = i;
      return {
        xs: this.xs,
        ys: this.ys,
        best: { x: this.xs[index], y: this.ys[index], index },
        bestSoFar: this.bestSoFar,
        gp: this.gp,
      };
    },
  };
  return { state, total };
}

/**
 * Bayesian optimisation of `objective` over a box: a Latin-hypercube initial design, then one GP-guided
 * suggestion per evaluation (see {@link suggestNext}). The objective may be async.
 *
 * @example
 * ```ts
 * import { bayesOpt } from "./bayes_opt.ts";
 * const r = await bayesOpt((x) => (x[0] - 0.3) ** 2 + (x[1] + 0.2) ** 2, {
 *   bounds: [[-1, 1], [-1, 1]],
 *   evaluations: 25,
 *   rng: 1,
 * });
 * r.best.x; // ≈ [0.3, -0.2]
 * ```
 */
export async function bayesOpt(
  objective: (x: number[]) => number | Promise<number>,
  opts: BayesOptOptions,
): Promise<BayesOptResult> {
  if (typeof objective !== "function") throw new TypeError("objective must be a function of a point");
  const { state, total } = loop(opts);
  while (state.xs.length < total) {
    opts.signal?.throwIfAborted();
    const x = state.next();
    state.tell(x, await objective(x.slice()));
    opts.onProgress?.({ done: state.xs.length, total, best: state.bestSoFar[state.bestSoFar.length - 1] });
  }
  return state.result();
}

/**
 * Synchronous {@link bayesOpt} for a synchronous objective.
 *
 * @example
 * ```ts
 * import { bayesOptSync } from "./bayes_opt.ts";
 * const r = bayesOptSync((x) => Math.sin(3 * x[0]) + x[0] ** 2, { bounds: [[-2, 2]], evaluations: 15 });
 * r.best.y; // ≈ −0.776 (global minimum near x = −0.43)
 * ```
 */
export function bayesOptSync(objective: (x: number[]) => number, opts: BayesOptOptions): BayesOptResult {
  if (typeof objective !== "function") throw new TypeError("objective must be a function of a point");
  const { state, total } = loop(opts);
  while (state.xs.length < total) {
    opts.signal?.throwIfAborted();
    const x = state.next();
    state.tell(x, objective(x.slice()));
    opts.onProgress?.({ done: state.xs.length, total, best: state.bestSoFar[state.bestSoFar.length - 1] });
  }
  return state.result();
}
