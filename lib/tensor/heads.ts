/**
 * Policy heads: log-probabilities and entropies of categorical and diagonal Gaussian distributions as tensor
 * functions (differentiable, for losses), and sampling as plain typed-array functions driven by an {@link Rng}
 * (deterministic for a seed on every backend).
 *
 * @module
 */
import { checkInteger, checkLength, checkOneOf, describe } from "../core/errors.ts";
import { Rng } from "../core/rng.ts";
import { tf } from "./backend.ts";

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

function checkRank(name: string, t: tf.Tensor, ranks: readonly number[]): void {
  if (!(t instanceof tf.Tensor)) throw new TypeError(`${name} must be a tf.Tensor, got ${describe(t)}`);
  if (!ranks.includes(t.rank)) {
    throw new RangeError(`${name} must have rank ${ranks.join(" or ")}, got shape [${t.shape.join(", ")}]`);
  }
}

/**
 * log π(a|s) = log softmax(logits)[a] for logits `[batch, A]` and int32 actions `[batch]` → `[batch]`.
 *
 * @example
 * ```ts
 * import { categoricalLogProb } from "./heads.ts";
 * import { tf } from "./backend.ts";
 * const lp = categoricalLogProb(tf.tensor2d([[0, 0]]), tf.tensor1d([1], "int32")); // [log 0.5]
 * ```
 */
export function categoricalLogProb(logits: tf.Tensor2D, actions: tf.Tensor1D): tf.Tensor1D {
  checkRank("logits", logits, [2]);
  checkRank("actions", actions, [1]);
  if (actions.shape[0] !== logits.shape[0]) {
    throw new RangeError(
      `actions must have length ${logits.shape[0]} (the batch of logits), got ${actions.shape[0]}`,
    );
  }
  return tf.tidy(() => {
    const logp = tf.logSoftmax(logits);
    const a = actions.dtype === "int32" ? actions : tf.cast(actions, "int32");
    return tf.sum(tf.mul(logp, tf.oneHot(a, logits.shape[1])), 1) as tf.Tensor1D;
  });
}

/**
 * Entropy H = −Σₐ p(a) log p(a) of the categorical distribution with logits `[batch, A]` → `[batch]`.
 *
 * @example
 * ```ts
 * import { categoricalEntropy } from "./heads.ts";
 * import { tf } from "./backend.ts";
 * categoricalEntropy(tf.zeros([1, 4])); // [log 4]
 * ```
 */
export function categoricalEntropy(logits: tf.Tensor2D): tf.Tensor1D {
  checkRank("logits", logits, [2]);
  return tf.tidy(() => {
    const logp = tf.logSoftmax(logits);
    return tf.neg(tf.sum(tf.mul(tf.exp(logp), logp), 1)) as tf.Tensor1D;
  });
}

/**
 * Log-density of a diagonal Gaussian summed over action dimensions:
 * log N(a; μ, σ) = Σ_d [−½((a_d − μ_d)/σ_d)² − log σ_d − ½ log 2π]. `mean` and `actions` are `[batch, D]`;
 * `logStd` is `[batch, D]` or `[D]` (a state-independent parameter, as in CleanRL's continuous PPO) → `[batch]`.
 *
 * @example
 * ```ts
 * import { gaussianLogProb } from "./heads.ts";
 * import { tf } from "./backend.ts";
 * gaussianLogProb(tf.tensor2d([[0]]), tf.tensor1d([0]), tf.tensor2d([[0]])); // [−½ log 2π]
 * ```
 */
export function gaussianLogProb(
  mean: tf.Tensor2D,
  logStd: tf.Tensor1D | tf.Tensor2D,
  actions: tf.Tensor2D,
): tf.Tensor1D {
  checkRank("mean", mean, [2]);
  checkRank("logStd", logStd, [1, 2]);
  checkRank("actions", actions, [2]);
  if (!tf.util.arraysEqual(mean.shape, actions.shape)) {
    throw new RangeError(
      `actions must have the shape of mean [${mean.shape.join(", ")}], got [${actions.shape}]`,
    );
  }
  if (logStd.shape[logStd.rank - 1] !== mean.shape[1]) {
    throw new RangeError(
      `logStd's last dimension must be ${mean.shape[1]}, got shape [${logStd.shape.join(", ")}]`,
    );
  }
  return tf.tidy(() => {
    const z = tf.mul(tf.sub(actions, mean), tf.exp(tf.neg(logStd)));
    const perDim = tf.sub(tf.mul(tf.scalar(-0.5), tf.square(z)), tf.add(logStd, tf.scalar(HALF_LOG_2PI)));
    return tf.sum(perDim, 1) as tf.Tensor1D;
  });
}

/**
 * Entropy of a diagonal Gaussian, Σ_d (½ + ½ log 2π + log σ_d), summed over the last axis: `[D]` → scalar,
 * `[batch, D]` → `[batch]`.
 *
 * @example
 * ```ts
 * import { gaussianEntropy } from "./heads.ts";
 * import { tf } from "./backend.ts";
 * gaussianEntropy(tf.zeros([2]) as tf.Tensor1D); // 1 + log 2π
 * ```
 */
export function gaussianEntropy(logStd: tf.Tensor1D | tf.Tensor2D): tf.Tensor {
  checkRank("logStd", logStd, [1, 2]);
  return tf.tidy(() => tf.sum(tf.add(logStd, tf.scalar(0.5 + HALF_LOG_2PI)), -1));
}

/**
 * Log-density of the tanh-squashed Gaussian policy of SAC (Haarnoja et al. 2018, Appendix C, eq. 21) at
 * a = scale·tanh(u) + bias for pre-squash samples `u` `[batch, D]`:
 * log π(a|s) = log N(u; μ, σ) − Σ_d log(scale_d·(1 − tanh(u_d)²) + 1e-6), as CleanRL's `sac_continuous_action.py`.
 *
 * @example
 * ```ts
 * import { tanhGaussianLogProb } from "./heads.ts";
 * import { tf } from "./backend.ts";
 * const u = tf.tensor2d([[0.3]]);
 * tanhGaussianLogProb(tf.tensor2d([[0]]), tf.tensor2d([[0]]), u); // log N(0.3) − log(1 − tanh²0.3 + 1e-6)
 * ```
 */
export function tanhGaussianLogProb(
  mean: tf.Tensor2D,
  logStd: tf.Tensor1D | tf.Tensor2D,
  u: tf.Tensor2D,
  actionScale: number | tf.Tensor1D = 1,
): tf.Tensor1D {
  return tf.tidy(() => {
    const base = gaussianLogProb(mean, logStd, u);
    const y = tf.tanh(u);
    const scale = typeof actionScale === "number" ? tf.scalar(actionScale) : actionScale;
    const jac = tf.log(tf.add(tf.mul(scale, tf.sub(tf.scalar(1), tf.square(y))), tf.scalar(1e-6)));
    return tf.sub(base, tf.sum(jac, 1)) as tf.Tensor1D;
  });
}

/**
 * Draw one action per row of a `[batch, numActions]` row-major array of logits (default) or probabilities, by
 * inverse CDF with one `rng.uniform()` per row. Pure typed-array code: no tensors, same result on every backend.
 *
 * @example
 * ```ts
 * import { sampleCategorical } from "./heads.ts";
 * import { Rng } from "../core/rng.ts";
 * const a = sampleCategorical(new Float32Array([0, 0, 5, -5]), 2, 2, new Rng(0)); // Int32Array(2)
 * ```
 */
export function sampleCategorical(
  values: Float32Array | Float64Array,
  batch: number,
  numActions: number,
  rng: Rng,
  kind: "logits" | "probs" = "logits",
): Int32Array {
  checkInteger("batch", batch, { min: 0 });
  checkInteger("numActions", numActions, { min: 1 });
  checkLength("values", values, batch * numActions);
  if (!(rng instanceof Rng)) throw new TypeError(`rng must be an Rng, got ${describe(rng)}`);
  checkOneOf("kind", kind, ["logits", "probs"] as const);
  const out = new Int32Array(batch);
  const w = new Float64Array(numActions);
  for (let b = 0; b < batch; b++) {
    const off = b * numActions;
    let total = 0;
    if (kind === "logits") {
      let max = -Infinity;
      for (let a = 0; a < numActions; a++) max = Math.max(max, values[off + a]);
      for (let a = 0; a < numActions; a++) total += w[a] = Math.exp(values[off + a] - max);
    } else {
      for (let a = 0; a < numActions; a++) total += w[a] = values[off + a];
    }
    if (!(total > 0) || !Number.isFinite(total)) {
      throw new RangeError(`values row ${b} does not define a distribution (${kind} sum to ${total})`);
    }
    let u = rng.uniform() * total;
    let pick = numActions - 1;
    for (let a = 0; a < numActions; a++) {
      u -= w[a];
      if (u < 0) {
        pick = a;
        break;
      }
    }
    while (w[pick] <= 0 && pick > 0) pick--; // rounding at the top end never picks a zero-probability action
    out[b] = pick;
  }
  return out;
}

/**
 * Draw `mean + std·z` with z standard normal from `rng`. `std` has the length of `mean` or of one row of it
 * (a per-dimension std shared across the batch, e.g. exp(logStd) of CleanRL's continuous PPO).
 *
 * @example
 * ```ts
 * import { sampleGaussian } from "./heads.ts";
 * import { Rng } from "../core/rng.ts";
 * const a = sampleGaussian(new Float32Array([0, 0, 1, 1]), new Float32Array([1, 0.1]), new Rng(0));
 * ```
 */
export function sampleGaussian(
  mean: Float32Array | Float64Array,
  std: Float32Array | Float64Array,
  rng: Rng,
): Float32Array {
  checkLength("mean", mean);
  checkLength("std", std);
  if (!(rng instanceof Rng)) throw new TypeError(`rng must be an Rng, got ${describe(rng)}`);
  if (std.length === 0 || mean.length % std.length !== 0) {
    throw new RangeError(`std must have length ${mean.length} or divide it, got length ${std.length}`);
  }
  const out = new Float32Array(mean.length);
  const d = std.length;
  for (let i = 0; i < mean.length; i++) out[i] = mean[i] + std[i % d] * rng.normal();
  return out;
}
