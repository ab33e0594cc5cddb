/**
 * Exact finite-horizon evaluation of a given policy on a {@link TabularMdp}, and the Q-function of the uniformly
 * random policy (Q^rand, the core quantity of the effective horizon, Laidlaw et al. 2023).
 *
 * Equations (t = 0, ..., T − 1; V_T ≡ 0; terminal successors contribute 0):
 *   Q_t(s, a) = r(s, a) + γ Σ_{s'} P(s' | s, a) V_{t+1}(s'),   V_t(s) = Σ_a π_t(a | s) Q_t(s, a).
 *
 * @module
 */
import { averageRows, backwardInduction as backward, meanRows, pickRows, resolvePolicy } from "./_common.ts";
import type { KeepQ, TabularPolicy } from "./_common.ts";
import { checkMdp, type TabularMdp } from "./mdp.ts";
import type { FiniteHorizonValues } from "./value_iteration.ts";

export type { TabularPolicy } from "./_common.ts";

/** Options of {@link evaluatePolicy} and {@link randomPolicyQ}. */
export interface PolicyEvaluationOptions {
  /** Discount in [0, 1]; default the MDP's `gamma` (1 unless set). */
  gamma?: number;
  /** Which Q_t to keep, as in `valueIteration` (default "all" when T·S·A ≤ 2^25, else required). */
  keep?: KeepQ;
}

/**
 * Exact V_t and Q_t of a policy over the MDP's horizon. The policy is deterministic (`Int32Array` of actions,
 * length T·S indexed t·S + s, or S for a stationary policy) or stochastic (`Float64Array` of action probabilities,
 * length T·S·A indexed (t·S + s)·A + a, or S·A stationary). Result layout as `valueIteration`'s.
 *
 * @example
 * ```ts
 * import { fromDeterministic } from "./mdp.ts";
 * import { evaluatePolicy } from "./policy_evaluation.ts";
 * const mdp = fromDeterministic({
 *   transitions: [0, -1], rewards: [1, 2], numStates: 1, numActions: 2, horizon: 3,
 * });
 * evaluatePolicy(mdp, new Int32Array([0])).initialValue; // 3: a0 three times
 * evaluatePolicy(mdp, new Float64Array([0.5, 0.5])).initialValue; // 2.625
 * ```
 */
export function evaluatePolicy(
  mdp: TabularMdp,
  policy: TabularPolicy,
  opts?: PolicyEvaluationOptions,
): FiniteHorizonValues {
  checkMdp("mdp", mdp);
  const view = resolvePolicy(mdp, policy);
  const { numStates: S, numActions: A } = mdp;
  if (!view.stochastic) {
    const { actions, stride } = view;
    return backward(mdp, opts, (qt, t, vOut) => {
      pickRows(qt, A, stride === 0 ? actions : actions.subarray(t * S, (t + 1) * S), vOut);
    });
  }
  const { probs, stride } = view;
  return backward(mdp, opts, (qt, t, vOut) => {
    averageRows(qt, A, stride === 0 ? probs : probs.subarray(t * S * A, (t + 1) * S * A), vOut);
  });
}

/**
 * Q^rand: exact Q_t(s, a) of the uniformly random policy (V_t(s) = mean_a Q_t(s, a)), the quantity whose greedy
 * actions define k-QVI-solvability in the effective-horizon paper.
 *
 * @example
 * ```ts
 * import { fromDeterministic } from "./mdp.ts";
 * import { randomPolicyQ } from "./policy_evaluation.ts";
 * const mdp = fromDeterministic({
 *   transitions: [0, -1], rewards: [1, 2], numStates: 1, numActions: 2, horizon: 2,
 * });
 * const { q } = randomPolicyQ(mdp); // [2.5, 2, 1, 2]: Q_0 = [1 + 1.5, 2], Q_1 = [1, 2]
 * ```
 */
export function randomPolicyQ(mdp: TabularMdp, opts?: PolicyEvaluationOptions): FiniteHorizonValues {
  checkMdp("mdp", mdp);
  const A = mdp.numActions;
  return backward(mdp, opts, (qt, _t, vOut) => meanRows(qt, A, vOut));
}
