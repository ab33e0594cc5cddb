/**
 * The laser module's experiments, run by notebooks/laser.ipynb and `deno task repro laser`.
 *
 * @module
 */
import type { Experiment } from "../repro/experiment.ts";

/** The laser experiments registered with `repro`, in report order. */
export const laserExperiments: Experiment[] = [];
