/**
 * The losses of Dual RL (Sikchi, Zheng, Zhang, Niekum, ICLR 2024; arXiv 2302.08560) and of the baselines it is
 * compared with, each a small pure function of tensors. Equation numbers refer to the arXiv v3 / ICLR version:
 * the dual-V objective (Eq. 6–7 / "dual-V"), its f-DVL practical form (Sec. 6.1, Eq. 15), ReCOIL's dual-Q form
 * (Sec. 5, Eq. 11–12) and the conjugates of Table 1 (Appendix). Names follow the paper: `d` = Q(s,a) − V(s) (the
 * Bellman residual with the semi-gradient Q in place of r + γV(s′)), `lambda` = the temperature λ ∈ (0, 1] that
 * trades the (1 − λ)·E[V] term against λ·E[g_f(d)].
 *
 * What the official code (hari-sikchi/DVL, offline/critic.py) computes, and these functions reproduce:
 * - χ²: g(d) = max(d + d²/4, 0) (the Pearson χ² conjugate f*(y) = y + y²/4, clamped at zero);
 * - total variation: g(d) = max(d, 0), so the V loss is an asymmetric L1 (pinball) loss;
 * - reverse KL (= XQL, Garg et al. 2023): Gumbel loss e^z − z − 1 on z = d/λ with z clipped at `maxClip` and
 *   every term divided by e^{max z} (max over the batch, at least −1, no gradient through it).
 * None of these terms is a mean: every function returns per-sample values unless its name says `Loss` and it
 * returns a scalar.
 *
 * @module
 */
import { checkInRange, checkPositive, describe } from "../core/errors.ts";
import { tf } from "../tensor/mod.ts";

/** The f-divergences of f-DVL. */
export type FDivergence = "chi-square" | "total-variation" | "reverse-kl";

const stopGradientOp = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => ({
  value: tf.clone(args[0] as tf.Tensor),
  gradFunc: (dy: tf.Tensor) => tf.zerosLike(dy),
}));

/**
 * Identity whose gradient is zero (JAX's `stop_gradient`; TensorFlow.js has no such op).
 *
 * @example
 * ```ts
 * import { stopGradient } from "./losses.ts";
 * import { tf } from "../tensor/mod.ts";
 * tf.grad((x: tf.Tensor) => tf.sum(tf.mul(stopGradient(x), x)))(tf.tensor1d([3])).arraySync(); // [3]
 * ```
 */
export function stopGradient<T extends tf.Tensor>(x: T): T {
  return stopGradientOp(x) as T;
}

function checkTensor(name: string, t: unknown): tf.Tensor {
  if (!(t instanceof tf.Tensor)) throw new TypeError(`${name} must be a tf.Tensor, got ${describe(t)}`);
  return t;
}

/**
 * The χ² conjugate as the official code has it, g(d) = max(d + d²/4, 0) (Pearson χ², f(x) = (x − 1)²,
 * f*(y) = y + y²/4; Table 1). Zero on [−4, 0], rising again below −4.
 *
 * @example
 * ```ts
 * import { chiSquareConjugate } from "./losses.ts";
 * import { tf } from "../tensor/mod.ts";
 * chiSquareConjugate(tf.tensor1d([2, -2, -6])).arraySync(); // [3, 0, 3]
 * ```
 */
export function chiSquareConjugate(d: tf.Tensor): tf.Tensor {
  checkTensor("d", d);
  return tf.tidy(() => tf.relu(tf.add(d, tf.div(tf.square(d), 4))));
}

/**
 * The total-variation conjugate as the official code has it, g(d) = max(d, 0) (f(x) = ½|x − 1|, f*(y) = y on
 * |y| ≤ ½; Table 1).
 *
 * @example
 * ```ts
 * import { totalVariationConjugate } from "./losses.ts";
 * import { tf } from "../tensor/mod.ts";
 * totalVariationConjugate(tf.tensor1d([2, -2])).arraySync(); // [2, 0]
 * ```
 */
export function totalVariationConjugate(d: tf.Tensor): tf.Tensor {
  checkTensor("d", d);
  return tf.relu(d);
}

/**
 * The f-DVL value loss per sample (Sec. 6.1, Eq. 15: the dual-V objective with the semi-gradient residual
 * d = Q(s,a) − V(s)): λ·g_f(d) − (1 − λ)·d, for the χ² and total-variation conjugates. For reverse KL use
 * {@link gumbelLoss} (the official code's "reverse-kl" branch, which is XQL's loss and has no (1 − λ) term).
 *
 * @example
 * ```ts
 * import { fdvlValueLoss } from "./losses.ts";
 * import { tf } from "../tensor/mod.ts";
 * // TV, λ = 0.8: 0.8·max(d, 0) − 0.2·d → d = 1: 0.6, d = −1: 0.2 (an asymmetric L1)
 * fdvlValueLoss(tf.tensor1d([1, -1]), "total-variation", 0.8).arraySync(); // [0.6, 0.2]
 * ```
 */
export function fdvlValueLoss(d: tf.Tensor, f: "chi-square" | "total-variation", lambda: number): tf.Tensor {
  checkTensor("d", d);
  checkInRange("lambda", lambda, { min: 0, max: 1, minOpen: true });
  const g = f === "chi-square"
    ? chiSquareConjugate
    : f === "total-variation"
    ? totalVariationConjugate
    : null;
  if (g === null) throw new RangeError(`f must be "chi-square" or "total-variation", got ${describe(f)}`);
  return tf.tidy(() => tf.sub(tf.mul(lambda, g(d)), tf.mul(1 - lambda, d)));
}

/**
 * The Gumbel (reverse-KL) loss of XQL (Garg et al. 2023, Eq. 9; Dual RL's reverse-KL f-DVL, Table 1) per sample,
 * with the official code's stabilisers: z = min(d/β, maxClip), m = max(max_batch z, −1) without gradient, and
 * e^{z−m} − z·e^{−m} − e^{−m} = (e^z − z − 1)/e^m. The first axis is the batch.
 *
 * @example
 * ```ts
 * import { gumbelLoss } from "./losses.ts";
 * import { tf } from "../tensor/mod.ts";
 * // one sample d = 0, β = 1: m = max(0, −1) = 0 → e^0 − 0 − 1 = 0
 * gumbelLoss(tf.tensor1d([0]), 1).arraySync(); // [0]
 * ```
 */
export function gumbelLoss(d: tf.Tensor, beta: number, maxClip: number | null = 7): tf.Tensor {
  checkTensor("d", d);
  checkPositive("beta", beta);
  if (maxClip !== null) checkPositive("maxClip", maxClip);
  return tf.tidy(() => {
    let z = tf.div(d, beta);
    if (maxClip !== null) z = tf.minimum(z, maxClip);
    const m = stopGradient(tf.maximum(tf.max(z, 0), -1));
    const em = tf.exp(tf.neg(m));
    return tf.sub(tf.sub(tf.exp(tf.sub(z, m)), tf.mul(z, em)), em);
  });
}

/**
 * Unstabilised Gumbel loss e^{d/β} − d/β − 1 (for the instability comparison: no clip, no rescaling).
 *
 * @example
 * ```ts
 * import { rawGumbelLoss } from "./losses.ts";
 * import { tf } from "../tensor/mod.ts";
 * rawGumbelLoss(tf.tensor1d([1]), 1).arraySync(); // [e − 2]
 * ```
 */
export function rawGumbelLoss(d: tf.Tensor, beta: number): tf.Tensor {
  checkTensor("d", d);
  checkPositive("beta", beta);
  return tf.tidy(() => {
    const z = tf.div(d, beta);
    return tf.sub(tf.sub(tf.exp(z), z), 1);
  });
}

/**
 * IQL's expectile loss per sample (Kostrikov et al. 2022, Eq. 5): |τ − 1(d < 0)|·d² with d = Q − V.
 *
 * @example
 * ```ts
 * import { expectileLoss } from "./losses.ts";
 * import { tf } from "../tensor/mod.ts";
 * expectileLoss(tf.tensor1d([2, -2]), 0.7).arraySync(); // [2.8, 1.2]
 * ```
 */
export function expectileLoss(d: tf.Tensor, tau: number): tf.Tensor {
  checkTensor("d", d);
  checkInRange("tau", tau, { min: 0, max: 1, minOpen: true, maxOpen: true });
  // weight τ where d > 0, 1 − τ elsewhere (tf.step has a zero gradient, unlike tf.greater, which has none).
  return tf.tidy(() => tf.mul(tf.add(1 - tau, tf.mul(2 * tau - 1, tf.step(d))), tf.square(d)));
}

/**
 * Huber loss per element (Huber 1964): ½x² for |x| ≤ δ, δ(|x| − ½δ) beyond; f-DVL regresses Q with δ = 20.
 *
 * @example
 * ```ts
 * import { huberLoss } from "./losses.ts";
 * import { tf } from "../tensor/mod.ts";
 * huberLoss(tf.tensor1d([1, -30]), 20).arraySync(); // [0.5, 400]
 * ```
 */
export function huberLoss(x: tf.Tensor, delta: number): tf.Tensor {
  checkTensor("x", x);
  checkPositive("delta", delta);
  return tf.tidy(() => {
    const a = tf.abs(x);
    const q = tf.minimum(a, delta);
    return tf.add(tf.mul(0.5, tf.square(q)), tf.mul(delta, tf.sub(a, q)));
  });
}

/**
 * The bootstrapped target y = r + γ·(1 − terminal)·V(s′) (f-DVL's Q step, Sec. 6.1; time-limit truncations keep
 * bootstrapping, as D4RL's `timeouts` are not terminals).
 *
 * @example
 * ```ts
 * import { bellmanTarget } from "./losses.ts";
 * import { tf } from "../tensor/mod.ts";
 * bellmanTarget(tf.tensor1d([1, 1]), tf.tensor1d([0, 1]), tf.tensor1d([10, 10]), 0.9).arraySync(); // [10, 1]
 * ```
 */
export function bellmanTarget(
  rewards: tf.Tensor1D,
  terminals: tf.Tensor1D,
  nextV: tf.Tensor1D,
  gamma: number,
): tf.Tensor1D {
  checkInRange("gamma", gamma, { min: 0, max: 1 });
  return tf.tidy(() => tf.add(rewards, tf.mul(tf.mul(gamma, tf.sub(1, terminals)), nextV)) as tf.Tensor1D);
}

/**
 * Advantage weights of AWR policy extraction (Peng et al. 2019; Dual RL Sec. 6.1, as IQL/XQL):
 * min(exp(β·(Q − V)), clip), official clip 100.
 *
 * @example
 * ```ts
 * import { awrWeights } from "./losses.ts";
 * import { tf } from "../tensor/mod.ts";
 * awrWeights(tf.tensor1d([0, 10]), 3, 100).arraySync(); // [1, 100]
 * ```
 */
export function awrWeights(advantage: tf.Tensor1D, beta: number, clip = 100): tf.Tensor1D {
  checkTensor("advantage", advantage);
  checkInRange("beta", beta, { min: 0 });
  checkPositive("clip", clip);
  return tf.tidy(() => tf.minimum(tf.exp(tf.mul(beta, advantage)), clip) as tf.Tensor1D);
}

/**
 * The AWR policy loss −mean(w·log π(a|s)) with weights w treated as constants.
 *
 * @example
 * ```ts
 * import { awrPolicyLoss } from "./losses.ts";
 * import { tf } from "../tensor/mod.ts";
 * awrPolicyLoss(tf.tensor1d([1, 2]), tf.tensor1d([-1, -2])).arraySync(); // 2.5
 * ```
 */
export function awrPolicyLoss(weights: tf.Tensor1D, logProb: tf.Tensor1D): tf.Scalar {
  checkTensor("weights", weights);
  checkTensor("logProb", logProb);
  return tf.tidy(() => tf.neg(tf.mean(tf.mul(stopGradient(weights), logProb))) as tf.Scalar);
}

/**
 * CQL(H)'s conservative penalty (Kumar et al. 2020, Eq. 4): α·(logsumexp over sampled actions of Q − Q(s, a_data)),
 * averaged over the batch. `qSampled` is `[batch, n]` (Q at n sampled actions, importance weights already
 * subtracted), `qData` is `[batch]`.
 *
 * @example
 * ```ts
 * import { cqlPenalty } from "./losses.ts";
 * import { tf } from "../tensor/mod.ts";
 * cqlPenalty(tf.tensor2d([[0, 0]]), tf.tensor1d([0]), 1).arraySync(); // log 2
 * ```
 */
export function cqlPenalty(qSampled: tf.Tensor2D, qData: tf.Tensor1D, alpha: number): tf.Scalar {
  checkTensor("qSampled", qSampled);
  checkTensor("qData", qData);
  checkInRange("alpha", alpha, { min: 0 });
  return tf.tidy(() => tf.mul(alpha, tf.mean(tf.sub(tf.logSumExp(qSampled, 1), qData))) as tf.Scalar);
}

/**
 * ReCOIL's practical Q loss (official ReCOIL critic, the "LS-IQ" form of Sec. 5's dual-Q objective with a fixed
 * implicit reward): ½(Q(s_E, a_E) − qExpert)² on expert samples plus ½(Q(s, a) − y)² on mixture samples with
 * y = rMix + γ·(1 − done)·V(s′) + γ·done·vAbsorb. Official constants: qExpert = 200, rMix = −2,
 * vAbsorb = −200 (= rMix/(1 − γ) at γ = 0.99).
 *
 * @example
 * ```ts
 * import { recoilQLoss } from "./losses.ts";
 * import { tf } from "../tensor/mod.ts";
 * // expert Q 190 → ½·10² = 50; mixture Q −10, V(s′) = −10, γ = 0.9 → y = −2 − 9 = −11 → ½
 * recoilQLoss(tf.tensor1d([190]), tf.tensor1d([-10]), tf.tensor1d([-10]), tf.tensor1d([0]), 0.9).arraySync(); // 50.5
 * ```
 */
export function recoilQLoss(
  qExpertPred: tf.Tensor1D,
  qMixPred: tf.Tensor1D,
  nextVMix: tf.Tensor1D,
  doneMix: tf.Tensor1D,
  gamma: number,
  constants: { qExpert?: number; rMix?: number; vAbsorb?: number } = {},
): tf.Scalar {
  checkInRange("gamma", gamma, { min: 0, max: 1 });
  const qE = constants.qExpert ?? 200;
  const rM = constants.rMix ?? -2;
  const vA = constants.vAbsorb ?? -200;
  return tf.tidy(() => {
    const y = tf.add(
      tf.add(rM, tf.mul(tf.mul(gamma, tf.sub(1, doneMix)), stopGradient(nextVMix))),
      tf.mul(gamma * vA, doneMix),
    );
    const le = tf.mean(tf.mul(0.5, tf.square(tf.sub(qExpertPred, qE))));
    const lm = tf.mean(tf.mul(0.5, tf.square(tf.sub(qMixPred, y))));
    return tf.add(le, lm) as tf.Scalar;
  });
}

/**
 * ReCOIL's χ² dual-Q objective in the implicit reward r_Q(s,a) = Q(s,a) − γV(s′) (our reading of Sec. 5, Eq. 12 with
 * the Pearson χ² conjugate f*(y) = y + y²/4 and β-mixtures; the paper's text was not available to check the
 * constants): −β·mean(r_E) + β·mean(r_S) + ¼·mean(r_mix²). Expert residuals are pushed up, suboptimal ones down,
 * and the χ² term on the mixture keeps them bounded: pointwise r* = 2β(d^E − d^S)/d^mix, a reward defined on the
 * mixture's support, so no coverage of d^E by d^S is needed.
 *
 * @example
 * ```ts
 * import { recoilChiSquareLoss } from "./losses.ts";
 * import { tf } from "../tensor/mod.ts";
 * recoilChiSquareLoss(tf.tensor1d([2]), tf.tensor1d([0]), tf.tensor1d([2, 0]), 0.5).arraySync(); // −1 + 0 + 0.5 = −0.5
 * ```
 */
export function recoilChiSquareLoss(
  rExpert: tf.Tensor1D,
  rSub: tf.Tensor1D,
  rMix: tf.Tensor1D,
  beta: number,
): tf.Scalar {
  checkInRange("beta", beta, { min: 0, max: 1 });
  return tf.tidy(() =>
    tf.add(
      tf.sub(tf.mul(beta, tf.mean(rSub)), tf.mul(beta, tf.mean(rExpert))),
      tf.mul(0.25, tf.mean(tf.square(rMix))),
    ) as tf.Scalar
  );
}

/**
 * IQ-Learn's offline objective with the χ² regulariser (Garg et al. 2021, Eq. 10 with ψ(r) = r − r²/(4α), the
 * offline form of Sec. 5.1): minimise −mean(r_E) + ¼α·mean(r_E²) ... in the implicit reward
 * r = Q(s,a) − γV(s′), plus (1 − γ)·mean(V(s0)) replaced by mean(V(s) − γV(s′)) over expert data:
 * L = −mean(r_E − r_E²/(4α)) + mean(V(s_E) − γV(s′_E)).
 *
 * @example
 * ```ts
 * import { iqLearnLoss } from "./losses.ts";
 * import { tf } from "../tensor/mod.ts";
 * iqLearnLoss(tf.tensor1d([2]), tf.tensor1d([1]), 0.5).arraySync(); // −(2 − 4/2) + 1 = 1
 * ```
 */
export function iqLearnLoss(rExpert: tf.Tensor1D, vDiffExpert: tf.Tensor1D, alpha: number): tf.Scalar {
  checkPositive("alpha", alpha);
  return tf.tidy(() =>
    tf.add(
      tf.neg(tf.mean(tf.sub(rExpert, tf.div(tf.square(rExpert), 4 * alpha)))),
      tf.mean(vDiffExpert),
    ) as tf.Scalar
  );
}

/**
 * Logistic discriminator loss (SMODICE's state discriminator, Ma et al. 2022, Sec. 4.2): expert samples labelled
 * 1, offline samples 0: softplus(−logit_E) + softplus(logit_O), averaged.
 *
 * @example
 * ```ts
 * import { discriminatorLoss } from "./losses.ts";
 * import { tf } from "../tensor/mod.ts";
 * discriminatorLoss(tf.tensor1d([0]), tf.tensor1d([0])).arraySync(); // 2·log 2
 * ```
 */
export function discriminatorLoss(logitExpert: tf.Tensor1D, logitOffline: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() =>
    tf.add(tf.mean(tf.softplus(tf.neg(logitExpert))), tf.mean(tf.softplus(logitOffline))) as tf.Scalar
  );
}

/**
 * SMODICE's χ² dual value loss (Ma et al. 2022, Eq. 9 with the χ² f; the practical form): with reward
 * R(s) = log D(s)/(1 − D(s)) = the discriminator logit, residual e = R(s) + γV(s′) − V(s):
 * L = (1 − γ)·mean(V(s0)) + mean over offline data of f*(e) with f*(y) = y + y²/4 clamped as in the χ² case.
 * Returns the scalar loss; policy weights are max(0, e/2 + 1) (the χ² ratio, f*′(e)).
 *
 * @example
 * ```ts
 * import { smodiceValueLoss } from "./losses.ts";
 * import { tf } from "../tensor/mod.ts";
 * smodiceValueLoss(tf.tensor1d([0]), tf.tensor1d([2]), 0.01).arraySync(); // 0 + 3 = 3
 * ```
 */
export function smodiceValueLoss(v0: tf.Tensor1D, residual: tf.Tensor1D, oneMinusGamma: number): tf.Scalar {
  checkInRange("oneMinusGamma", oneMinusGamma, { min: 0, max: 1 });
  return tf.tidy(() =>
    tf.add(tf.mul(oneMinusGamma, tf.mean(v0)), tf.mean(chiSquareConjugate(residual))) as tf.Scalar
  );
}

/**
 * The fixed point of the f-DVL value loss over a set of Q values of one state (what V(s) converges to):
 * argmin_v mean_i loss(q_i − v), found by bisection on the (monotone) subgradient. Used by the tests and the
 * notebook to check the learned V against the dual objective's prediction.
 *
 * @example
 * ```ts
 * import { fdvlFixedPoint } from "./losses.ts";
 * // TV with λ = 0.75: the (2λ − 1)/λ = 2/3 quantile of Q
 * fdvlFixedPoint([0, 1, 2, 3], "total-variation", 0.75); // ≈ 2
 * ```
 */
export function fdvlFixedPoint(qs: readonly number[], f: FDivergence | "expectile", lambda: number): number {
  if (!Array.isArray(qs) || qs.length === 0) {
    throw new RangeError(`qs must be a non-empty array, got ${describe(qs)}`);
  }
  // Derivative of mean loss with respect to v (loss depends on d = q − v): −mean(ℓ′(q − v)).
  const dl = (d: number): number => {
    switch (f) {
      case "chi-square":
        return (d + (d * d) / 4 > 0 ? lambda * (1 + d / 2) : 0) - (1 - lambda);
      case "total-variation":
        return (d > 0 ? lambda : 0) - (1 - lambda);
      case "reverse-kl":
        return Math.exp(d / lambda) / lambda - 1 / lambda;
      case "expectile":
        return 2 * d * (d > 0 ? lambda : 1 - lambda);
    }
  };
  const grad = (v: number) => -qs.reduce((s, q) => s + dl(q - v), 0) / qs.length;
  let lo = Math.min(...qs) - 100;
  let hi = Math.max(...qs) + 100;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (grad(mid) > 0) hi = mid;
    else lo = mid;
  }
  return (lo + hi) / 2;
}
