/**
 * Risk-averse equilibria (Slumbers et al., "A Game-Theoretic Framework for Managing Risk in Multi-Agent
 * Systems", ICML 2023): normal-form games with mixed strategies and opponent-induced payoff variance; Nash
 * equilibria (support enumeration, zero-sum LP), risk dominance, fictitious play, replicator dynamics; the
 * mean–variance risk-averse equilibrium (RAE) by risk-averse fictitious play with its RAE gap; PSRO with Nash,
 * uniform and RAE meta-solvers and exact oracles; two-player Markov games built here (a gridworld stag hunt and a
 * two-car intersection where crashes happen), the opponent-mixture best-response view and PSRO with learned (PPO)
 * oracles and empirical meta-games; and the module's experiments.
 *
 * @example
 * ```ts
 * import { solveRae, stagHunt, supportEnumeration } from "./mod.ts";
 * const game = stagHunt(4, 3);
 * supportEnumeration(game).length; // 3 Nash equilibria
 * solveRae(game, { riskAversion: 1, iterations: 200 }).strategies[0]; // ≈ [0, 1]: hare, the risk-dominant one
 * ```
 *
 * @module
 */
export * from "./normal_form.ts";
export * from "./catalog.ts";
export * from "./nash.ts";
export * from "./dynamics.ts";
export * from "./rae.ts";
export * from "./psro.ts";
export * from "./paper.ts";
export * from "./markov_game.ts";
export * from "./stag_hunt_grid.ts";
export * from "./driving.ts";
export * from "./opponent_env.ts";
export * from "./learned_psro.ts";
export * from "./experiments.ts";
export * from "./markov_experiments.ts";
