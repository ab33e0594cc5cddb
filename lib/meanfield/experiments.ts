/**
 * Dec-POMFC experiments registered with `deno task repro meanfield`.
 *
 * @module
 */
import type { Experiment } from "../repro/mod.ts";

/** Every meanfield experiment, in report order. */
export const meanfieldExperiments: Experiment[] = [];
