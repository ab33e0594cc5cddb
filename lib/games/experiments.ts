/**
 * The games module's experiments, run by notebooks/games.ipynb and `deno task repro games`.
 *
 * @module
 */
import type { Experiment } from "../repro/experiment.ts";

/** The games experiments registered with `repro`, in report order. */
export const gamesExperiments: Experiment[] = [];
