/**
 * Tabular MDPs and exact dynamic programming: the shared ground for the effective-horizon module (Laidlaw et al.,
 * "Bridging RL Theory and Practice with the Effective Horizon", NeurIPS 2023) and for checking sampled learners
 * against exact values.
 *
 * - {@link TabularMdp}: plain data in typed arrays, CSR successor lists per (s, a) (`next[k] = -1` = terminal),
 *   expected rewards, horizon T, start state or distribution. Built by {@link tabularMdp} (validates),
 *   {@link fromDeterministic} (the BRIDGE `consolidated.npz` layout), {@link fromDense}, {@link randomMdp},
 *   {@link gridworld} (ASCII maps, exported exactly).
 * - Exact: {@link valueIteration} (finite-horizon backward induction, Q_t/V_t/policy per t),
 *   {@link discountedValueIteration}, {@link evaluatePolicy}, {@link randomPolicyQ} (Q^rand),
 *   {@link reachableStates} (BFS layers per t).
 * - Sampled: {@link sampleStep}, {@link rollout}, {@link qLearning}.
 *
 * Time index t runs 0..T−1 (the paper's 1..T); finite-horizon arrays are flat: Q_t(s, a) at (t·S + s)·A + a,
 * V_t(s) at t·S + s (with V_T = 0), policy at t·S + s.
 *
 * @example
 * ```ts
 * import { evaluatePolicy, gridworld, qLearning, randomPolicyQ, valueIteration } from "@reprl/reprl/tabular";
 *
 * const grid = gridworld(`
 *   S..
 *   .#L
 *   ..G
 * `, { horizon: 12, stepReward: -0.04 });
 * const opt = valueIteration(grid.mdp);            // V*(s0) = 1 − 4 · 0.04 = 0.84
 * const rand = randomPolicyQ(grid.mdp);            // Q^rand_t(s, a)
 * const learned = qLearning(grid.mdp, { episodes: 500, alpha: 0.5 }, { rng: 1 });
 * const exact = evaluatePolicy(grid.mdp, learned.greedyPolicy);
 * console.log(opt.initialValue, rand.initialValue, exact.initialValue);
 * ```
 *
 * @module
 */
export {
  checkMdp,
  type DenseMdpOptions,
  type DeterministicMdpSpec,
  fromDense,
  fromDeterministic,
  isDeterministic,
  PROB_TOLERANCE,
  randomMdp,
  type RandomMdpOptions,
  reachableStates,
  type Successors,
  successors,
  type TabularMdp,
  tabularMdp,
  type TabularMdpSpec,
} from "./mdp.ts";
export {
  discountedValueIteration,
  type DiscountedValueIterationOptions,
  type DiscountedValueIterationResult,
  type FiniteHorizonValues,
  KEEP_ALL_LIMIT,
  type KeepQ,
  valueIteration,
  type ValueIterationOptions,
  type ValueIterationResult,
} from "./value_iteration.ts";
export {
  evaluatePolicy,
  type PolicyEvaluationOptions,
  randomPolicyQ,
  type TabularPolicy,
} from "./policy_evaluation.ts";
export {
  rollout,
  type RolloutOptions,
  sampleInitialState,
  sampleStep,
  type StepOutcome,
} from "./sampling.ts";
export {
  greedyPolicy,
  qLearning,
  type QLearningConfig,
  type QLearningEpisode,
  type QLearningResult,
  type QLearningRun,
} from "./q_learning.ts";
export { GRID_ACTIONS, type Gridworld, gridworld, type GridworldOptions, valueGrid } from "./gridworld.ts";
