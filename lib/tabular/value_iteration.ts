/**
 * Exact dynamic programming on a {@link TabularMdp}: finite-horizon backward induction (the effective-horizon
 * paper's setting) and discounted infinite-horizon value iteration, both over the CSR successor arrays.
 *
 * Equations (t = 0, ..., T − 1; V_T ≡ 0; terminal successors −1 contribute 0):
 *   Q_t(s, a) = r(s, a) + γ Σ_{s'} P(s' | s, a) V_{t+1}(s'),   V_t(s) = max_a Q_t(s, a).
 *
 * @module
 */
import { checkInteger, checkPositive } from "../core/errors.ts";
import {
  backupQ,
  backwardInduction,
  checkOptions,
  type KeepQ,
  maxRows,
  resolveGamma,
  startValue,
} from "./_common.ts";
import { checkMdp, isDeterministic, type TabularMdp } from "./mdp.ts";

export { KEEP_ALL_LIMIT, type KeepQ } from "./_common.ts";

/**
 * Finite-horizon values of an MDP (optimal or of a policy). Layouts (S states, A actions, T horizon):
 * - `q`: with `keep: "all"`, Q_t(s, a) at `(t * S + s) * A + a` (length T·S·A); with `keep: "first"`, only Q_0,
 *   at `s * A + a` (length S·A).
 * - `v`: V_t(s) at `t * S + s` for t = 0, ..., T (length (T + 1)·S); the last block (t = T) is 0.
 */
export interface FiniteHorizonValues {
  numStates: number;
  numActions: number;
  horizon: number;
  /** Discount used. */
  gamma: number;
  /** Which Q-values were kept. */
  keep: KeepQ;
  /** Q-values (see the layout above). */
  q: Float64Array;
  /** State values V_t(s) at t·S + s, t = 0..T. */
  v: Float64Array;
  /** Expected return from the start distribution: Σ_s μ0(s) V_0(s). */
  initialValue: number;
}

/** Result of {@link valueIteration}: optimal values and a greedy optimal policy. */
export interface ValueIterationResult extends FiniteHorizonValues {
  /** Optimal action at `t * S + s` (argmax_a Q_t(s, a), ties → lowest index); length T·S, for every keep. */
  policy: Int32Array;
}

/** Options of {@link valueIteration}. */
export interface ValueIterationOptions {
  /** Discount in [0, 1]; default the MDP's `gamma` (1 unless set). */
  gamma?: number;
  /**
   * "all" keeps Q_t for every t (8·T·S·A bytes); "first" keeps Q_0 only (8·S·A bytes). V_t for every t and the
   * policy are kept either way (12·T·S bytes). Default "all" when T·S·A ≤ 2^25 (256 MiB of Q); above that the
   * call throws unless `keep` is given, so a large MDP never allocates gigabytes by accident.
   */
  keep?: KeepQ;
}

/**
 * Finite-horizon backward induction: optimal Q_t, V_t and a greedy policy for t = 0, ..., T − 1.
 * Cost: T sweeps of S·A backups over the successor lists, O(T · nnz); deterministic MDPs (one entry per (s, a), as
 * BRIDGE) take a faster path with bitwise-identical results.
 *
 * @example
 * ```ts
 * import { fromDeterministic } from "./mdp.ts";
 * import { valueIteration } from "./value_iteration.ts";
 * // one state, two actions: a0 pays 1 and stays, a1 pays 2 and ends the episode
 * const mdp = fromDeterministic({
 *   transitions: [0, -1], rewards: [1, 2], numStates: 1, numActions: 2, horizon: 3,
 * });
 * const { v, policy } = valueIteration(mdp);
 * v[0]; // 4: a0, a0, then a1
 * [...policy]; // [0, 0, 1]
 * ```
 */
export function valueIteration(mdp: TabularMdp, opts?: ValueIterationOptions): ValueIterationResult {
  checkMdp("mdp", mdp);
  const { numStates: S, numActions: A, horizon: T } = mdp;
  const policy = new Int32Array(T * S);
  const values = backwardInduction(mdp, opts, (qt, t, vOut) => {
    maxRows(qt, A, vOut, policy.subarray(t * S, (t + 1) * S));
  });
  return { ...values, policy };
}

/** Options of {@link discountedValueIteration}. */
export interface DiscountedValueIterationOptions {
  /** Discount in [0, 1); default the MDP's `gamma` (which must then be < 1). */
  gamma?: number;
  /** Target sup-norm error ‖V − V*‖∞; default 1e-10. Stops once γ/(1 − γ) · ‖V_{k+1} − V_k‖∞ ≤ tol. */
  tol?: number;
  /** Iteration cap; default 100000. */
  maxIters?: number;
}

/** Result of {@link discountedValueIteration} (stationary: no time index). */
export interface DiscountedValueIterationResult {
  numStates: number;
  numActions: number;
  gamma: number;
  /** Q(s, a) at s·A + a, from the last sweep. */
  q: Float64Array;
  /** V(s) = max_a Q(s, a). */
  v: Float64Array;
  /** Greedy action per state (ties → lowest index). */
  policy: Int32Array;
  /** Sweeps performed. */
  iterations: number;
  /** ‖V_{k+1} − V_k‖∞ of the last sweep. */
  residual: number;
  /** Whether the tolerance was reached within `maxIters` (if false, V is the last iterate). */
  converged: boolean;
  /** Σ_s μ0(s) V(s). */
  initialValue: number;
}

/**
 * Infinite-horizon discounted value iteration (synchronous sweeps from V = 0) on the same successor arrays; the
 * MDP's horizon is ignored. Since each sweep contracts by γ, ‖V_{k+1} − V*‖∞ ≤ γ/(1 − γ) ‖V_{k+1} − V_k‖∞, which is
 * the stopping rule.
 *
 * @example
 * ```ts
 * import { fromDeterministic } from "./mdp.ts";
 * import { discountedValueIteration } from "./value_iteration.ts";
 * // a self-loop paying 1: V = 1 / (1 − γ)
 * const mdp = fromDeterministic({ transitions: [0], rewards: [1], numStates: 1, numActions: 1, horizon: 1 });
 * discountedValueIteration(mdp, { gamma: 0.9 }).v[0]; // ≈ 10
 * ```
 */
export function discountedValueIteration(
  mdp: TabularMdp,
  opts?: DiscountedValueIterationOptions,
): DiscountedValueIterationResult {
  checkMdp("mdp", mdp);
  const o = checkOptions("opts", opts);
  const gamma = resolveGamma(o.gamma, mdp, { min: 0, max: 1, maxOpen: true });
  const tol = checkPositive("tol", o.tol ?? 1e-10);
  const maxIters = checkInteger("maxIters", o.maxIters ?? 100000, { min: 1 });
  const { numStates: S, numActions: A } = mdp;
  const deterministic = isDeterministic(mdp);
  const q = new Float64Array(S * A);
  let v = new Float64Array(S);
  let vNew = new Float64Array(S);
  const policy = new Int32Array(S);
  const factor = gamma / (1 - gamma);
  let iterations = 0;
  let residual = Infinity;
  let converged = false;
  while (iterations < maxIters) {
    backupQ(mdp, deterministic, gamma, v, q);
    maxRows(q, A, vNew, policy);
    residual = 0;
    for (let s = 0; s < S; s++) {
      const d = Math.abs(vNew[s] - v[s]);
      if (d > residual) residual = d;
    }
    [v, vNew] = [vNew, v];
    iterations++;
    if (factor * residual <= tol) {
      converged = true;
      break;
    }
  }
  return {
    numStates: S,
    numActions: A,
    gamma,
    q,
    v,
    policy,
    iterations,
    residual,
    converged,
    initialValue: startValue(mdp, v),
  };
}
