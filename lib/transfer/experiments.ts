/**
 * The transfer module's experiments, run by notebooks/transfer.ipynb and `deno task repro transfer`.
 *
 * @module
 */
import type { Experiment } from "../repro/experiment.ts";

/** The transfer experiments registered with `repro`, in report order. */
export const transferExperiments: Experiment[] = [];
