/**
 * Model losses as small pure functions over tensors (no state, no side effects), each with the equation it
 * implements. Shapes: predictions and targets `[..., batch, dim]` (an ensemble adds a leading members axis, which
 * broadcasts against per-transition weights `[batch]` and value gradients `[batch, dim]`).
 *
 * - MSE: Σ_i (ŝ'_i − s'_i)², the deterministic model's loss.
 * - Gaussian NLL (PETS, Chua et al. 2018, Eq. 1 and App. A.1): Σ_i ½[(μ_i − y_i)² e^{−v_i} + v_i + log 2π].
 * - VaGraM (Voelcker et al. 2022, Eq. 7, the bounded diagonal form): Σ_i (∂V/∂s_i |_{s'})² (ŝ'_i − s'_i)².
 * - IterVAML (Farahmand 2018; restated in Voelcker et al. 2022, Sec. 3): (V(ŝ') − V(s'))².
 * - Objective-mismatch reweighting (Lambert et al. 2020, Sec. 5, Eq. 2): l(ŷ, y)·ω(y), ω decreasing in the
 *   distance d* of (s, a) to an expert trajectory.
 *
 * @module
 */
import { checkFiniteArray, checkInteger, checkLength, checkOneOf, checkPositive } from "../core/errors.ts";
import { quantile } from "../core/stats.ts";
import { tf } from "../tensor/backend.ts";

const LOG_2PI = Math.log(2 * Math.PI);

/** Mean over every axis but the last of `perSample · weights` (weights broadcast over members). */
function weightedMean(perSample: tf.Tensor, weights?: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.mean(weights === undefined ? perSample : tf.mul(perSample, weights)) as tf.Scalar);
}

/**
 * Squared error summed over state dimensions, averaged over transitions (and members): mean_b Σ_i (ŷ_bi − y_bi)²,
 * optionally weighted per transition.
 *
 * @example
 * ```ts
 * import { mseLoss } from "./losses.ts";
 * import { tf } from "../tensor/backend.ts";
 * mseLoss(tf.tensor2d([[1, 2]]), tf.tensor2d([[0, 0]])).dataSync()[0]; // 5
 * ```
 */
export function mseLoss(pred: tf.Tensor, target: tf.Tensor, weights?: tf.Tensor): tf.Scalar {
  return tf.tidy(() => weightedMean(tf.sum(tf.square(tf.sub(pred, target)), -1), weights));
}

/**
 * Gaussian negative log-likelihood with diagonal covariance (PETS, Chua et al. 2018, Eq. 1): per transition
 * Σ_i ½[(μ_i − y_i)² e^{−v_i} + v_i + log 2π] with v = log σ², averaged over transitions (and members), optionally
 * weighted per transition (Lambert et al. 2020, Eq. 2).
 *
 * @example
 * ```ts
 * import { gaussianNll } from "./losses.ts";
 * import { tf } from "../tensor/backend.ts";
 * // N(0, 1) at y = 0: ½ log 2π ≈ 0.919
 * gaussianNll(tf.tensor2d([[0]]), tf.tensor2d([[0]]), tf.tensor2d([[0]])).dataSync()[0];
 * ```
 */
export function gaussianNll(
  mean: tf.Tensor,
  logVar: tf.Tensor,
  target: tf.Tensor,
  weights?: tf.Tensor,
): tf.Scalar {
  return tf.tidy(() => {
    const sq = tf.square(tf.sub(mean, target));
    const perDim = tf.mul(0.5, tf.add(tf.add(tf.mul(sq, tf.exp(tf.neg(logVar))), logVar), LOG_2PI));
    return weightedMean(tf.sum(perDim, -1), weights);
  });
}

/**
 * PETS' soft bounds on a raw log-variance head (Chua et al. 2018, App. A.1): v = max − softplus(max − raw), then
 * v = min + softplus(v − min), so v saturates smoothly near min and max (within softplus tails) with gradients
 * everywhere.
 *
 * @example
 * ```ts
 * import { softBoundLogVar } from "./losses.ts";
 * import { tf } from "../tensor/backend.ts";
 * softBoundLogVar(tf.tensor1d([100]), tf.scalar(0.5), tf.scalar(-10)).dataSync()[0]; // ≈ 0.5
 * ```
 */
export function softBoundLogVar(raw: tf.Tensor, maxLogVar: tf.Tensor, minLogVar: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const upper = tf.sub(maxLogVar, tf.softplus(tf.sub(maxLogVar, raw)));
    return tf.add(minLogVar, tf.softplus(tf.sub(upper, minLogVar)));
  });
}

/**
 * VaGraM's model loss in its bounded diagonal form (Voelcker et al. 2022, Eq. 7): by Cauchy–Schwarz,
 * (∇V(s')ᵀ(ŝ' − s'))² ≤ n·Σ_i (∂V/∂s_i)² (ŝ'_i − s'_i)², and the right side (without n) is minimised:
 *   L = mean_b Σ_i g_bi² (ŝ'_bi − s'_bi)²,   g_b = ∇_s V(s)|_{s = s'_b} held constant (no gradient into V).
 * `valueGrad` is `[batch, dim]` (or `[members, batch, dim]`); predictions may carry a leading members axis.
 *
 * @example
 * ```ts
 * import { vagramLoss } from "./losses.ts";
 * import { tf } from "../tensor/backend.ts";
 * // V depends on dimension 0 only (g = [3, 0]): an error of 1 in each dimension costs 3² = 9
 * vagramLoss(tf.tensor2d([[1, 1]]), tf.tensor2d([[0, 0]]), tf.tensor2d([[3, 0]])).dataSync()[0]; // 9
 * ```
 */
export function vagramLoss(
  pred: tf.Tensor,
  target: tf.Tensor,
  valueGrad: tf.Tensor,
  weights?: tf.Tensor,
): tf.Scalar {
  return tf.tidy(() => {
    const g = valueGrad; // data: the loss's gradient flows into the prediction only
    return weightedMean(tf.sum(tf.square(tf.mul(g, tf.sub(pred, target))), -1), weights);
  });
}

/**
 * The unbounded first-order (Taylor) VaGraM loss (Voelcker et al. 2022, Sec. 4, before the bound of Eq. 7): mean_b (g_bᵀ(ŝ'_b − s'_b))², zero on the
 * whole hyperplane orthogonal to g (the degeneracy Eq. 7 removes). Kept for the ablation and the tests.
 *
 * @example
 * ```ts
 * import { vagramUnboundedLoss } from "./losses.ts";
 * import { tf } from "../tensor/backend.ts";
 * vagramUnboundedLoss(tf.tensor2d([[1, -1]]), tf.tensor2d([[0, 0]]), tf.tensor2d([[1, 1]])).dataSync()[0]; // 0
 * ```
 */
export function vagramUnboundedLoss(pred: tf.Tensor, target: tf.Tensor, valueGrad: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const g = valueGrad; // data: the loss's gradient flows into the prediction only
    return tf.mean(tf.square(tf.sum(tf.mul(g, tf.sub(pred, target)), -1))) as tf.Scalar;
  });
}

/**
 * IterVAML's loss (Farahmand 2018; restated in Voelcker et al. 2022, Sec. 3): mean (V(ŝ') − V(s'))², with the value function
 * held fixed (optimise only the model's parameters, so only the prediction ŝ' moves). `valuePred` = V(ŝ'), `valueTarget` = V(s').
 *
 * @example
 * ```ts
 * import { iterVamlLoss } from "./losses.ts";
 * import { tf } from "../tensor/backend.ts";
 * iterVamlLoss(tf.tensor1d([1, 2]), tf.tensor1d([1, 0])).dataSync()[0]; // 2
 * ```
 */
export function iterVamlLoss(valuePred: tf.Tensor, valueTarget: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.mean(tf.square(tf.sub(valuePred, valueTarget))) as tf.Scalar);
}

/**
 * Value gradients ∇_s V(s) at each row of `obs` (`[batch, dim]`), by TensorFlow.js autodiff of `value` (e.g. a SAC
 * learner's `softValue`). Returns a `[batch, dim]` Float32Array.
 *
 * @example
 * ```ts
 * import { valueGradients } from "./losses.ts";
 * import { tf } from "../tensor/backend.ts";
 * // V(s) = s₀² → ∇V = [2 s₀, 0]
 * valueGradients((s) => tf.sum(tf.square(tf.slice(s, [0, 0], [-1, 1])), 1) as tf.Tensor1D, new Float32Array([3, 1]), 2);
 * ```
 */
export function valueGradients(
  value: (obs: tf.Tensor2D) => tf.Tensor1D,
  obs: Float32Array,
  dim: number,
): Float32Array {
  checkInteger("dim", dim, { min: 1 });
  checkLength("obs", obs, Math.floor(obs.length / dim) * dim);
  const batch = obs.length / dim;
  return tf.tidy(() => {
    const x = tf.tensor2d(obs, [batch, dim]);
    const g = tf.grad((s: tf.Tensor) => tf.sum(value(s as tf.Tensor2D)))(x);
    return g.dataSync() as Float32Array;
  });
}

/** Running state of {@link stabiliseValueGradients}. */
export interface GradientScaleState {
  /** Exponential average of the (clipped) gradient norms; start at 1. */
  normAvg: number;
}

/**
 * VaGraM's stabilisation of the value gradients, as in the official implementation (pairlab/vagram,
 * `vaml_mlp.py`, read not copied): (1) clip each row's norm at the batch's `q`-quantile of norms (default 0.95),
 * (2) divide by an exponential running average of the mean norm (decay 0.999), so the loss scale does not drift as
 * the critic changes. Returns new rows; updates `state.normAvg`. (One stored version of the official code only
 * clips norms above 1e5, i.e. effectively not at all; we clip at the quantile, as the paper's text describes.)
 *
 * @example
 * ```ts
 * import { stabiliseValueGradients } from "./losses.ts";
 * const state = { normAvg: 1 };
 * stabiliseValueGradients(new Float32Array([1, 0, 100, 0]), 2, state, { quantile: 0.5 });
 * ```
 */
export function stabiliseValueGradients(
  grads: Float32Array,
  dim: number,
  state: GradientScaleState,
  opts: { quantile?: number; decay?: number } = {},
): Float32Array {
  checkInteger("dim", dim, { min: 1 });
  checkFiniteArray("grads", grads);
  const q = opts.quantile ?? 0.95;
  const decay = opts.decay ?? 0.999;
  const batch = grads.length / dim;
  const norms = new Float64Array(batch);
  for (let b = 0; b < batch; b++) {
    let s = 0;
    for (let i = 0; i < dim; i++) s += grads[b * dim + i] ** 2;
    norms[b] = Math.sqrt(s);
  }
  const bound = quantile(norms, q);
  const out = new Float32Array(grads.length);
  let meanNorm = 0;
  for (let b = 0; b < batch; b++) {
    const scale = norms[b] > bound && norms[b] > 0 ? bound / norms[b] : 1;
    meanNorm += Math.min(norms[b], bound) / batch;
    for (let i = 0; i < dim; i++) out[b * dim + i] = grads[b * dim + i] * scale;
  }
  state.normAvg = decay * state.normAvg + (1 - decay) * meanNorm;
  const inv = 1 / Math.max(state.normAvg, 1e-8);
  for (let k = 0; k < out.length; k++) out[k] *= inv;
  return out;
}

/** Options of {@link expertProximityWeights}. */
export interface ProximityOptions {
  /** Distance at which ω reaches 0; default the largest d* in the batch. */
  dMax?: number;
  /** "linear": ω = 1 − d/dMax; "exp": ω = (e^{1 − d/dMax} − 1)/(e − 1) (default). Both map 0 → 1, dMax → 0. */
  form?: "linear" | "exp";
  /** Per-coordinate scales dividing (s, a) before distances (default 1). */
  scale?: ArrayLike<number>;
}

/**
 * Objective-mismatch reweighting (Lambert et al. 2020, Sec. 5, Eq. 2): each training point (s, a) gets
 * ω = φ(d*), d* = min_t ‖(s, a) − (s*_t, a*_t)‖ the Euclidean distance to the nearest point of an expert trajectory,
 * φ decreasing from 1 at d* = 0 to 0 at d* = dMax. The paper prints ω = e^{d*}/e, which increases with d* and
 * contradicts its own text ("expert points get 1, the grid's edge 0", "monotonic functions from 0 to 1 had similar
 * results"); we follow the text. `points` and `expert` are rows of `dim` numbers (state then action).
 *
 * @example
 * ```ts
 * import { expertProximityWeights } from "./losses.ts";
 * const w = expertProximityWeights(new Float32Array([0, 0, 3, 4]), new Float32Array([0, 0]), 2, { dMax: 5, form: "linear" });
 * // w = [1, 0]
 * ```
 */
export function expertProximityWeights(
  points: ArrayLike<number>,
  expert: ArrayLike<number>,
  dim: number,
  opts: ProximityOptions = {},
): Float32Array {
  checkInteger("dim", dim, { min: 1 });
  checkFiniteArray("points", points);
  checkFiniteArray("expert", expert);
  if (points.length % dim !== 0) throw new RangeError(`points.length must be a multiple of dim=${dim}`);
  if (expert.length === 0 || expert.length % dim !== 0) {
    throw new RangeError(
      `expert must hold at least one row of dim=${dim} numbers, got length ${expert.length}`,
    );
  }
  const form = checkOneOf("form", opts.form ?? "exp", ["linear", "exp"] as const);
  const scale = opts.scale ?? new Array(dim).fill(1);
  checkLength("scale", scale, dim);
  const n = points.length / dim, m = expert.length / dim;
  const d = new Float64Array(n);
  for (let p = 0; p < n; p++) {
    let best = Infinity;
    for (let t = 0; t < m; t++) {
      let s = 0;
      for (let i = 0; i < dim; i++) s += ((points[p * dim + i] - expert[t * dim + i]) / scale[i]) ** 2;
      if (s < best) best = s;
    }
    d[p] = Math.sqrt(best);
  }
  let dMax = 1e-12;
  if (opts.dMax !== undefined) dMax = checkPositive("dMax", opts.dMax);
  else for (let p = 0; p < n; p++) dMax = Math.max(dMax, d[p]);
  const out = new Float32Array(n);
  for (let p = 0; p < n; p++) {
    const r = Math.min(1, d[p] / dMax);
    out[p] = form === "linear" ? 1 - r : (Math.exp(1 - r) - 1) / (Math.E - 1);
  }
  return out;
}
