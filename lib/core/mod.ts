/**
 * Core utilities shared by every reprl module: seeded RNG, argument checks, observation/action spaces, the
 * vectorised environment contract, summary statistics (CI, IQM, bootstrap, rank correlation), FFT, small dense
 * linear algebra and progress display.
 *
 * @example
 * ```ts
 * import { Rng } from "@reprl/reprl/core";
 * const rng = new Rng(0);
 * rng.normal();
 * ```
 *
 * @module
 */
export * from "./errors.ts";
export * from "./rng.ts";
export * from "./spaces.ts";
export * from "./env.ts";
export * from "./stats.ts";
export * from "./fft.ts";
export * from "./linalg.ts";
export * from "./progress.ts";
