/**
 * Dual RL experiments registered with `deno task repro dual`.
 *
 * @module
 */
import type { Experiment } from "../repro/mod.ts";

/** Every dual experiment, in report order. */
export const dualExperiments: Experiment[] = [];
