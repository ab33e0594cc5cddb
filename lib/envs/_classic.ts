/**
 * Internals shared by the classic-control environments: option and context validation and the per-copy episode
 * bookkeeping every one of them needs. Not part of the public API.
 *
 * @module
 */
import { checkFinite, checkInteger, checkLength, checkPositive, describe } from "../core/errors.ts";

/** A context object's keys, split by what they must be. */
export interface ContextKeys<C> {
  /** Keys that must be finite numbers > 0 (masses, lengths, time steps). */
  positive: readonly (keyof C & string)[];
  /** Keys that must be finite numbers of any sign (gravity may be 0 or negative). */
  finite?: readonly (keyof C & string)[];
}

/**
 * Validate one context (every key of `keys` present and in range) and return a frozen copy holding exactly those
 * keys, so a caller's later mutation cannot change a running env.
 *
 * @example
 * ```ts
 * import { checkContext } from "./_classic.ts";
 * checkContext("contexts[0]", { m: 1, g: 10 }, { positive: ["m"], finite: ["g"] }); // { m: 1, g: 10 }
 * ```
 */
export function checkContext<C>(name: string, context: C, keys: ContextKeys<C>): Readonly<C> {
  if (typeof context !== "object" || context === null || Array.isArray(context)) {
    throw new TypeError(`${name} must be a context object, got ${describe(context)}`);
  }
  const out: Record<string, number> = {};
  const record = context as Record<string, unknown>;
  for (const k of keys.positive) out[k] = checkPositive(`${name}.${k}`, record[k]);
  for (const k of keys.finite ?? []) out[k] = checkFinite(`${name}.${k}`, record[k]);
  return Object.freeze(out) as unknown as Readonly<C>;
}

/**
 * One context per copy from a factory's `contexts` option: an array (length `numEnvs`), one context for all copies,
 * or `undefined` for the default.
 *
 * @example
 * ```ts
 * import { contextsFor } from "./_classic.ts";
 * contextsFor(3, undefined, { g: 10 }).length; // 3
 * ```
 */
export function contextsFor<C>(
  numEnvs: number,
  contexts: C | readonly C[] | undefined,
  fallback: C,
): readonly C[] {
  if (Array.isArray(contexts)) return contexts;
  return new Array<C>(numEnvs).fill((contexts ?? fallback) as C);
}

/**
 * Validate the two options every classic-control factory takes.
 *
 * @example
 * ```ts
 * import { checkVecOptions } from "./_classic.ts";
 * checkVecOptions({ numEnvs: 4 }, 500); // { numEnvs: 4, maxEpisodeSteps: 500 }
 * ```
 */
export function checkVecOptions(
  opts: { numEnvs?: number; maxEpisodeSteps?: number },
  defaultMaxSteps: number,
): { numEnvs: number; maxEpisodeSteps: number } {
  if (typeof opts !== "object" || opts === null) {
    throw new TypeError(`opts must be an object, got ${describe(opts)}`);
  }
  const numEnvs = checkInteger("numEnvs", opts.numEnvs ?? 1, { min: 1 });
  const limit = opts.maxEpisodeSteps ?? defaultMaxSteps;
  const maxEpisodeSteps = limit === Infinity ? Infinity : checkInteger("maxEpisodeSteps", limit, { min: 1 });
  return { numEnvs, maxEpisodeSteps };
}

/**
 * Validate `setState(i, state)`'s arguments: `i` a copy index, `state` `dim` finite numbers.
 *
 * @example
 * ```ts
 * import { checkStateArgs } from "./_classic.ts";
 * checkStateArgs(4, 0, [0, 0], 2);
 * ```
 */
export function checkStateArgs(numEnvs: number, i: number, state: readonly number[], dim: number): void {
  checkInteger("i", i, { min: 0, max: numEnvs - 1 });
  checkLength("state", state, dim);
  for (let d = 0; d < dim; d++) checkFinite(`state[${d}]`, state[d]);
}
