/**
 * The quickstart: a lava gridworld, exact value iteration, and tabular Q-learning across seeds, as the first
 * experiment of the `repro` job and the 00-quickstart notebook.
 *
 * @example
 * ```ts
 * import { quickstartGrid } from "@reprl/reprl/quickstart";
 * import { valueIteration } from "@reprl/reprl/tabular";
 * const { initialValue } = valueIteration(quickstartGrid(0).mdp);
 * ```
 *
 * @module
 */
export * from "./experiments.ts";
