/**
 * The registry of experiments that `deno task repro` runs: one entry per module. A paper module adds its
 * `experiments.ts` list here.
 *
 * @module
 */
import type { Catalog } from "./lib/repro/mod.ts";
import { quickstartExperiments } from "./lib/quickstart/experiments.ts";
import { horizonExperiments } from "./lib/horizon/experiments.ts";

/** Registered experiments by module. */
export const catalog: Catalog = {
  quickstart: quickstartExperiments,
  horizon: horizonExperiments,
};
