/**
 * Risk-averse equilibria (Slumbers et al., "A Game-Theoretic Framework for Managing Risk in Multi-Agent
 * Systems", ICML 2023): normal-form games, equilibrium solvers, RAE and PSRO.
 *
 * Work in progress: the module's functions land here.
 *
 * @module
 */
export * from "./experiments.ts";
