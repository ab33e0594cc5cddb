/**
 * The effective horizon (Laidlaw, Russell & Dragan, "Bridging RL Theory and Practice with the Effective Horizon",
 * NeurIPS 2023; Laidlaw et al., "The Effective Horizon Explains Deep RL Performance in Stochastic Environments",
 * ICLR 2024): k-QVI-solvability, the effective planning window, the Theorem 5.4 bound, random-policy occupancies,
 * and the official BRIDGE `consolidated.npz` format.
 *
 * @example
 * ```ts
 * import { effectiveHorizon } from "@reprl/reprl/horizon";
 * import { fromDeterministic } from "@reprl/reprl/tabular";
 * const mdp = fromDeterministic({ transitions: [-1, -1], rewards: [0, 1], numStates: 1, numActions: 2, horizon: 1 });
 * const { minK, epw, effectiveHorizon: h } = effectiveHorizon(mdp);
 * ```
 *
 * @module
 */
export * from "./analysis.ts";
export * from "./bridge.ts";
export * from "./experiments.ts";
export * from "./deep_rl_experiments.ts";
export * from "./layers.ts";
export * from "./gorp.ts";
export * from "./npy.ts";
export * from "./sticky.ts";
export * from "./sqirl.ts";
export * from "./deep_rl.ts";
export * from "./shaping.ts";
export * from "./paper.ts";
