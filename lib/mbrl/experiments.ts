/**
 * Model-based RL experiments registered with `deno task repro mbrl`.
 *
 * @module
 */
import type { Experiment } from "../repro/mod.ts";

/** Every mbrl experiment, in report order. */
export const mbrlExperiments: Experiment[] = [];
