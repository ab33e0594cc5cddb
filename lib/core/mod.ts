/**
 * Core utilities shared by every reprl module: seeded RNG, argument checks (more added by the core work).
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
