/**
 * reprl: reproducing recent reinforcement-learning papers in notebooks. Each module is a namespace here and also a
 * subpath export (`@reprl/reprl/core`, `@reprl/reprl/tabular`, ...).
 *
 * @example
 * ```ts
 * import { core, tabular } from "@reprl/reprl";
 * const rng = new core.Rng(0);
 * const grid = tabular.gridworld(["S.", ".G"], { horizon: 5 });
 * const { v } = tabular.valueIteration(grid.mdp);
 * ```
 *
 * @module
 */
export * as core from "./lib/core/mod.ts";
export * as tabular from "./lib/tabular/mod.ts";
export * as envs from "./lib/envs/mod.ts";
export * as tensor from "./lib/tensor/mod.ts";
export * as agents from "./lib/agents/mod.ts";
export * as record from "./lib/record/mod.ts";
export * as plot from "./lib/plot/mod.ts";
export * as repro from "./lib/repro/mod.ts";
export * as quickstart from "./lib/quickstart/mod.ts";
export * as horizon from "./lib/horizon/mod.ts";
export * as bo from "./lib/bo/mod.ts";
export * as transfer from "./lib/transfer/mod.ts";
export * as games from "./lib/games/mod.ts";
export * as laser from "./lib/laser/mod.ts";
export * as meanfield from "./lib/meanfield/mod.ts";
export * as dual from "./lib/dual/mod.ts";
export * as mbrl from "./lib/mbrl/mod.ts";
