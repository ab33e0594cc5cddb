/**
 * The registry of experiments that `deno task repro` runs: one entry per module. A paper module adds its
 * `experiments.ts` list here.
 *
 * @module
 */
import type { Catalog } from "./lib/repro/mod.ts";
import { quickstartExperiments } from "./lib/quickstart/experiments.ts";
import { horizonExperiments } from "./lib/horizon/experiments.ts";
import { transferExperiments } from "./lib/transfer/experiments.ts";
import { gamesExperiments } from "./lib/games/experiments.ts";
import { laserExperiments } from "./lib/laser/experiments.ts";
import { meanfieldExperiments } from "./lib/meanfield/experiments.ts";
import { dualExperiments } from "./lib/dual/experiments.ts";
import { mbrlExperiments } from "./lib/mbrl/experiments.ts";

/** Registered experiments by module. */
export const catalog: Catalog = {
  quickstart: quickstartExperiments,
  horizon: horizonExperiments,
  transfer: transferExperiments,
  games: gamesExperiments,
  laser: laserExperiments,
  meanfield: meanfieldExperiments,
  dual: dualExperiments,
  mbrl: mbrlExperiments,
};
