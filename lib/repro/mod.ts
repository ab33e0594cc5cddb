/**
 * Experiments and the `repro` job: the experiment contract, in-memory and on-disk runs with resume and sharding,
 * and the self-contained HTML report.
 *
 * @example
 * ```ts ignore
 * import { runExperiment } from "@reprl/reprl/repro";
 * import { quickstart } from "@reprl/reprl";
 * const result = await runExperiment(quickstart.qLearningExperiment, { scale: "quick" });
 * console.log(result.tables[0]);
 * ```
 *
 * @module
 */
export * from "./experiment.ts";
export * from "./shard.ts";
export * from "./runner.ts";
export * from "./report.ts";
export * from "./cli.ts";
