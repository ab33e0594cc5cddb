/**
 * Internals shared by the classic-control environments: option and context validation and the per-copy episode
 * bookkeeping every one of them needs. Not part of the public API.
 *
 * @module
 */
import { copyRngs, createStepResult } from "../core/env.ts";
import type { StepResult } from "../core/env.ts";
import { checkFinite, checkInteger, checkLength, checkPositive, describe } from "../core/errors.ts";
import type { Rng } from "../core/rng.ts";

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
 * Validate a `setContexts` argument (one context per copy, each checked by {@link checkContext}) and return a frozen
 * array of frozen copies.
 *
 * @example
 * ```ts
 * import { checkContexts } from "./_classic.ts";
 * checkContexts([{ m: 1 }, { m: 2 }], 2, { positive: ["m"] }); // [{ m: 1 }, { m: 2 }]
 * ```
 */
export function checkContexts<C>(
  contexts: readonly C[],
  numEnvs: number,
  keys: ContextKeys<C>,
): readonly Readonly<C>[] {
  checkLength("contexts", contexts, numEnvs);
  return Object.freeze(contexts.map((c, i) => checkContext(`contexts[${i}]`, c, keys)));
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

/** What {@link ClassicCopies} needs to know of an env: its row sizes, how a copy starts and what it observes. */
export interface CopyRules {
  /** Numbers per copy in `state`. */
  stateDim: number;
  /** Numbers per copy in an observation. */
  obsDim: number;
  /** Draw copy i's start state into its row of `state` from the copy's own stream `rng`. */
  start(rng: Rng, state: Float64Array, i: number): void;
  /** Write copy i's observation, a function of its row of `state`, into row i of `out`. */
  observe(state: Float64Array, i: number, out: Float32Array): void;
}

/**
 * The per-copy episode bookkeeping every classic-control env shares: the float64 `state`, one {@link copyRngs}
 * stream and one step counter per copy, the reused {@link StepResult}, `reset`, `setState`, and the end of a step
 * (truncation at `maxEpisodeSteps` and same-step auto-reset). An env keeps its contexts, dynamics, rewards and
 * observation rule: its step loop writes every copy's next `state`, its observation row (in both
 * `finalObservations` and `observations`), `rewards` and `terminated`, then calls {@link ClassicCopies.endStep}
 * once. Splitting the step this way keeps the env's loop free of episode bookkeeping and calls.
 *
 * @example
 * ```ts
 * import { ClassicCopies } from "./_classic.ts";
 * // a 1-d walk to the right that ends at x ≥ 1
 * const copies = new ClassicCopies({ numEnvs: 2 }, 100, {
 *   stateDim: 1,
 *   obsDim: 1,
 *   start: (rng, s, i) => {
 *     s[i] = rng.uniformIn(-0.1, 0.1);
 *   },
 *   observe: (s, i, out) => {
 *     out[i] = s[i];
 *   },
 * });
 * copies.reset(0);
 * const { state, result } = copies;
 * for (let i = 0; i < copies.numEnvs; i++) {
 *   state[i] += 0.5;
 *   result.rewards[i] = 1;
 *   result.terminated[i] = state[i] >= 1 ? 1 : 0;
 *   result.finalObservations[i] = result.observations[i] = state[i];
 * }
 * copies.endStep(); // no copy reached 1: nothing restarts
 * ```
 */
export class ClassicCopies {
  /** Copies. */
  readonly numEnvs: number;
  /** Time limit (`Infinity` = none). */
  readonly maxEpisodeSteps: number;
  /** Copy i's state at `stateDim·i .. stateDim·(i + 1)`. */
  readonly state: Float64Array;
  /** The result every step returns; `reset` returns its `observations`. */
  readonly result: StepResult;
  // the rules' parts as own fields: one class serves every env, and loading these from the five differently shaped
  // rules objects would make the (rare) restart path a megamorphic property lookup
  readonly #stateDim: number;
  readonly #start: CopyRules["start"];
  readonly #observe: CopyRules["observe"];
  readonly #steps: Int32Array;
  #rngs: Rng[];

  /** Validate `opts` (see {@link checkVecOptions}) and allocate the buffers; streams start as `copyRngs(0, …)`. */
  constructor(
    opts: { numEnvs?: number; maxEpisodeSteps?: number },
    defaultMaxSteps: number,
    rules: CopyRules,
  ) {
    const { numEnvs, maxEpisodeSteps } = checkVecOptions(opts, defaultMaxSteps);
    this.numEnvs = numEnvs;
    this.maxEpisodeSteps = maxEpisodeSteps;
    this.#stateDim = rules.stateDim;
    this.#start = rules.start;
    this.#observe = rules.observe;
    this.state = new Float64Array(rules.stateDim * numEnvs);
    this.#steps = new Int32Array(numEnvs);
    this.result = createStepResult(numEnvs, rules.obsDim);
    this.#rngs = copyRngs(0, numEnvs);
  }

  /** Start every copy; copy i draws from the i-th split of `new Rng(seed)`. Returns the observations. */
  reset(seed: number): Float32Array {
    checkInteger("seed", seed, {});
    this.#rngs = copyRngs(seed, this.numEnvs);
    for (let i = 0; i < this.numEnvs; i++) this.#restart(i);
    return this.result.observations;
  }

  /** Place copy i at `state` (its episode clock is kept) and update its observation row. */
  setState(i: number, state: readonly number[]): void {
    const dim = this.#stateDim;
    checkStateArgs(this.numEnvs, i, state, dim);
    for (let d = 0; d < dim; d++) this.state[dim * i + d] = state[d];
    this.#observe(this.state, i, this.result.observations);
  }

  /**
   * Finish a step, once the env has written every copy's next `state`, `rewards`, `terminated` and observation row
   * (in `finalObservations` and `observations`): count each copy's step, set `truncated` where its episode reaches
   * `maxEpisodeSteps` (never together with `terminated`), and restart the copies that ended (same-step auto-reset:
   * their `state` and `observations` rows show the new start, `finalObservations` keeps the last one).
   */
  endStep(): void {
    const r = this.result, term = r.terminated, trunc = r.truncated, steps = this.#steps;
    const limit = this.maxEpisodeSteps, n = this.numEnvs;
    for (let i = 0; i < n; i++) {
      if (term[i] !== 0) {
        trunc[i] = 0;
        this.#restart(i);
      } else if (++steps[i] >= limit) {
        trunc[i] = 1;
        this.#restart(i);
      } else {
        trunc[i] = 0;
      }
    }
  }

  #restart(i: number): void {
    this.#start(this.#rngs[i], this.state, i);
    this.#steps[i] = 0;
    this.#observe(this.state, i, this.result.observations);
  }
}
