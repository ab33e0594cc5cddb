/**
 * Model-based transfer learning (Cho, Jayawardana, Li, Wu, "Model-Based Transfer Learning for Contextual
 * Reinforcement Learning", NeurIPS 2024; official code github.com/jhoon-cho/MBTL): which source contexts to train
 * on so that zero-shot transfer covers a whole range of contexts with few training runs.
 *
 * - {@link mbtl}: MBTL's sequential source selection (GP over training performance + linear generalisation gap,
 *   acquisition = expected marginal improvement with a UCB bonus, β schedules of the paper).
 * - Baselines: {@link randomSelection}, {@link equidistantCurve}, {@link greedyBisection},
 *   {@link sequentialOracle}, {@link independentPerformance}, {@link oracleTransferPerformance}.
 * - Transfer matrices: {@link syntheticTransferMatrix} (the "ideal" linear-gap setting with noise) and
 *   {@link buildTransferMatrix} (PPO per CartPole / Pendulum context, zero-shot evaluation, CSV with resume).
 *
 * @example
 * ```ts
 * import { generalizedPerformance, mbtl, sequentialOracle, syntheticTransferMatrix } from "./mod.ts";
 * const m = syntheticTransferMatrix({ n: 30, slope: 0.5, noise: 0.02, shape: "smooth", rng: 1 });
 * const ours = mbtl(m, { budget: 8 }).performance;
 * const oracle = generalizedPerformance(m, sequentialOracle(m, { budget: 8 }));
 * ```
 *
 * @module
 */
export * from "./matrix.ts";
export * from "./synthetic.ts";
export * from "./mbtl.ts";
export * from "./baselines.ts";
export * from "./contexts.ts";
export * from "./build.ts";
export * from "./experiments.ts";
export * from "./compare.ts";
