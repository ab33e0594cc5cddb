/**
 * The vectorised environment contract (DESIGN.md "Environments"): one object steps `numEnvs` copies of an
 * environment at once over flat typed arrays (struct of arrays), with Gymnasium's `reset`/`step`,
 * `terminated`/`truncated` and same-step auto-reset. A single environment is `numEnvs = 1`.
 *
 * Layout: copy `i`'s observation is `observations.subarray(i * d, (i + 1) * d)` with `d = obsDim(observationSpace)`;
 * its action is `actions[i]` (Discrete, an `Int32Array`) or `actions.subarray(i * a, (i + 1) * a)` (Box, a
 * `Float32Array`, `a = actionDim(actionSpace)`). A Discrete observation (a state index) takes one slot.
 *
 * This file holds types and small helpers only; concrete environments live in `lib/envs`.
 *
 * @module
 */
import { checkInteger, checkLength, describe } from "./errors.ts";
import { type Seed, toRng } from "./rng.ts";
import type { Rng } from "./rng.ts";
import { Box, Discrete } from "./spaces.ts";
import type { Space } from "./spaces.ts";

/**
 * What {@link VecEnv.step} returns. The arrays belong to the environment and are overwritten by the next `step` or
 * `reset` (no allocation per step): copy what you keep.
 *
 * For copy `i` after a step:
 * - `rewards[i]`: reward of the transition just taken.
 * - `terminated[i] = 1`: the episode reached a terminal state of the MDP (no bootstrapping from it).
 * - `truncated[i] = 1`: the episode was cut short (time limit `maxEpisodeSteps`, or the environment's own limit)
 *   without terminating. At most one of the two flags is set; terminal wins when both apply on the same step.
 * - `finalObservations` row `i`: the observation the action led to, before any auto-reset. It equals the
 *   `observations` row for copies that continue, so `r + γ·(1 − terminated)·V(finalObservations)` is the
 *   one-step target for every copy.
 * - `observations` row `i`: where copy `i` now is. For copies that ended this step (`terminated` or `truncated`),
 *   the environment has already reset them ("same-step" auto-reset) and this is the first observation of their
 *   next episode.
 */
export interface StepResult {
  /** `numEnvs × obsDim`, row-major: current observations (after auto-reset). */
  observations: Float32Array;
  /** `numEnvs`: rewards of this step. */
  rewards: Float64Array;
  /** `numEnvs`: 1 where the episode terminated this step, else 0. */
  terminated: Uint8Array;
  /** `numEnvs`: 1 where the episode was truncated this step (and did not terminate), else 0. */
  truncated: Uint8Array;
  /** `numEnvs × obsDim`: observations reached by this step before auto-reset (see {@link StepResult}). */
  finalObservations: Float32Array;
}

/**
 * A batch of `numEnvs` environment copies stepped together.
 *
 * Seeding: `reset(seed)` reseeds the whole batch; copy `i` draws from the `i`-th stream of
 * {@link copyRngs}`(seed, numEnvs)`, which depends only on `seed` and `i` (copy 0 behaves the same with 1 or 64
 * copies). Auto-resets inside `step` continue the copy's own stream, so a run is reproducible from the one seed.
 *
 * Episode length: a copy is truncated on the step where its episode reaches `maxEpisodeSteps` steps
 * (`Infinity` = no limit), unless it terminates on that same step.
 *
 * @example
 * ```ts
 * import type { VecEnv } from "./env.ts";
 * import { actionDim, makeActions } from "./env.ts";
 * import { Discrete } from "./spaces.ts";
 * import { Rng } from "./rng.ts";
 *
 * // Sum of rewards of uniformly random actions over `steps` batched steps.
 * function randomRollout(env: VecEnv, steps: number, rng: Rng): number {
 *   const space = env.actionSpace;
 *   const actions = makeActions(env);
 *   const a = actionDim(space);
 *   env.reset(rng.nextUint32());
 *   let total = 0;
 *   for (let t = 0; t < steps; t++) {
 *     for (let i = 0; i < env.numEnvs; i++) {
 *       if (space instanceof Discrete) actions[i] = space.sample(rng);
 *       else space.sample(rng, actions.subarray(i * a, (i + 1) * a) as Float32Array);
 *     }
 *     const { rewards } = env.step(actions);
 *     for (let i = 0; i < env.numEnvs; i++) total += rewards[i];
 *   }
 *   return total;
 * }
 * ```
 */
export interface VecEnv {
  /** Number of copies stepped together (≥ 1). */
  readonly numEnvs: number;
  /** Space of one copy's observation. */
  readonly observationSpace: Box | Discrete;
  /** Space of one copy's action. */
  readonly actionSpace: Box | Discrete;
  /** Time limit per episode in steps; `Infinity` when none. */
  readonly maxEpisodeSteps: number;
  /**
   * Start a fresh episode in every copy, seeding the batch from `seed` (an integer), and return the initial
   * observations (`numEnvs × obsDim`, the same buffer as {@link StepResult.observations}).
   */
  reset(seed: number): Float32Array;
  /**
   * Apply one action per copy (`Int32Array` of length `numEnvs` for a Discrete action space, `Float32Array` of length
   * `numEnvs × actionDim` for a Box) and advance every copy one step, auto-resetting those that end.
   * Box actions outside the bounds are clipped by the environment; Discrete actions out of range throw a RangeError.
   */
  step(actions: Float32Array | Int32Array): StepResult;
}

/**
 * A {@link VecEnv} whose dynamics depend on a context of physical parameters (pole length, masses, gravity, ...),
 * one per copy, as in contextual RL / model-based transfer learning. `C` is a plain JSON object type.
 *
 * @example
 * ```ts
 * import type { ContextualVecEnv } from "./env.ts";
 *
 * interface CartPoleContext { gravity: number; poleLength: number }
 * function longerPoles(env: ContextualVecEnv<CartPoleContext>): void {
 *   env.setContexts(env.contexts.map((c) => ({ ...c, poleLength: 2 * c.poleLength })));
 *   env.reset(0);
 * }
 * ```
 */
export interface ContextualVecEnv<C> extends VecEnv {
  /** The context of the task's standard version (e.g. Gymnasium's CartPole constants). */
  readonly defaultContext: Readonly<C>;
  /** Current context of each copy (length `numEnvs`). */
  readonly contexts: readonly Readonly<C>[];
  /**
   * Replace the contexts (length `numEnvs`; validated, copied). They govern every step from now on, including the
   * episodes in progress; call `reset` to start clean episodes under them.
   */
  setContexts(contexts: readonly C[]): void;
}

/**
 * Number of array slots one value of the space takes in a flat observation row: `size` for a Box, 1 for a Discrete
 * space (the state index).
 *
 * @example
 * ```ts
 * import { obsDim } from "./env.ts";
 * import { Box } from "./spaces.ts";
 * obsDim(new Box(-1, 1, { shape: [4] })); // 4
 * ```
 */
export function obsDim(space: Space): number {
  if (space instanceof Box) return space.size;
  if (space instanceof Discrete) return 1;
  throw new TypeError(`space must be a Box or Discrete, got ${describe(space)}`);
}

/**
 * Number of action slots per copy: `size` for a Box, 1 for a Discrete space.
 *
 * @example
 * ```ts
 * import { actionDim } from "./env.ts";
 * import { Discrete } from "./spaces.ts";
 * actionDim(new Discrete(2)); // 1
 * ```
 */
export function actionDim(space: Space): number {
  return obsDim(space);
}

/**
 * Allocate the action buffer `step` expects: `Int32Array(numEnvs)` for a Discrete action space,
 * `Float32Array(numEnvs × actionDim)` for a Box. Allocate once, refill every step.
 *
 * @example
 * ```ts
 * import { makeActions } from "./env.ts";
 * import { Discrete, Box } from "./spaces.ts";
 * const env = { numEnvs: 4, actionSpace: new Discrete(2) };
 * const actions = makeActions(env); // Int32Array(4)
 * ```
 */
export function makeActions(env: Pick<VecEnv, "numEnvs" | "actionSpace">): Float32Array | Int32Array {
  const n = checkInteger("numEnvs", env.numEnvs, { min: 1 });
  if (env.actionSpace instanceof Discrete) return new Int32Array(n);
  return new Float32Array(n * actionDim(env.actionSpace));
}

/**
 * Allocate the buffers of a {@link StepResult} for `numEnvs` copies with `obsDim` slots each; environments call it
 * once in their constructor and overwrite the arrays in `step`.
 *
 * @example
 * ```ts
 * import { createStepResult } from "./env.ts";
 * const result = createStepResult(8, 4); // observations: Float32Array(32), rewards: Float64Array(8), ...
 * ```
 */
export function createStepResult(numEnvs: number, obsDim: number): StepResult {
  checkInteger("numEnvs", numEnvs, { min: 1 });
  checkInteger("obsDim", obsDim, { min: 1 });
  return {
    observations: new Float32Array(numEnvs * obsDim),
    rewards: new Float64Array(numEnvs),
    terminated: new Uint8Array(numEnvs),
    truncated: new Uint8Array(numEnvs),
    finalObservations: new Float32Array(numEnvs * obsDim),
  };
}

/**
 * Check that `env` is a {@link VecEnv} (has a `step` method) and return it; the TypeError names the argument.
 *
 * @example
 * ```ts
 * import { checkVecEnv } from "./env.ts";
 * // checkVecEnv("env", {}) throws TypeError: env must be a VecEnv, got object
 * ```
 */
export function checkVecEnv<E extends VecEnv>(name: string, env: E): E {
  if (typeof (env as { step?: unknown } | null | undefined)?.step !== "function") {
    throw new TypeError(`${name} must be a VecEnv, got ${describe(env)}`);
  }
  return env;
}

/**
 * Check an action buffer against an environment before stepping: its type (`Int32Array` for Discrete,
 * `Float32Array` for Box), its length, and for Discrete that each action is in the space; Box actions must be
 * finite (clipping to the bounds is the environment's job). Throws a TypeError/RangeError naming `actions[i]`.
 *
 * @example
 * ```ts
 * import { checkActions } from "./env.ts";
 * import { Discrete } from "./spaces.ts";
 * checkActions({ numEnvs: 2, actionSpace: new Discrete(3) }, new Int32Array([0, 2])); // ok
 * ```
 */
export function checkActions(
  env: Pick<VecEnv, "numEnvs" | "actionSpace">,
  actions: Float32Array | Int32Array,
): void {
  const space = env.actionSpace;
  if (space instanceof Discrete) {
    if (!(actions instanceof Int32Array)) {
      throw new TypeError(
        `actions must be an Int32Array for a Discrete action space, got ${describe(actions)}`,
      );
    }
    checkLength("actions", actions, env.numEnvs);
    for (let i = 0; i < actions.length; i++) {
      if (!space.contains(actions[i])) {
        throw new RangeError(
          `actions[${i}] must be an integer in [${space.start}, ${space.start + space.n}), got ${actions[i]}`,
        );
      }
    }
    return;
  }
  if (!(actions instanceof Float32Array)) {
    throw new TypeError(`actions must be a Float32Array for a Box action space, got ${describe(actions)}`);
  }
  checkLength("actions", actions, env.numEnvs * space.size);
  for (let i = 0; i < actions.length; i++) {
    if (!Number.isFinite(actions[i])) throw new RangeError(`actions[${i}] must be finite, got ${actions[i]}`);
  }
}

/**
 * The per-copy random streams of a batch seeded with `seed`: stream `i` is the `i`-th `split()` of `new Rng(seed)`.
 * Environments use it in `reset(seed)` so that seeding means the same thing everywhere.
 *
 * @example
 * ```ts
 * import { copyRngs } from "./env.ts";
 * const rngs = copyRngs(42, 4); // 4 independent streams
 * const x0 = rngs[0].uniformIn(-0.05, 0.05);
 * ```
 */
export function copyRngs(seed: Seed, numEnvs: number): Rng[] {
  checkInteger("numEnvs", numEnvs, { min: 1 });
  const root = toRng(seed);
  return Array.from({ length: numEnvs }, () => root.split());
}

/** A finished episode, as reported by {@link episodeTracker}. */
export interface EpisodeSummary {
  /** Index of the copy it ran in. */
  env: number;
  /** Undiscounted sum of its rewards. */
  return: number;
  /** Number of steps. */
  length: number;
  /** True when it ended by termination, false when truncated. */
  terminated: boolean;
}

/** Running per-copy episode returns and lengths; see {@link episodeTracker}. */
export interface EpisodeTracker {
  /** Account for one step's result; returns the episodes that finished on it (usually none). */
  record(result: StepResult): EpisodeSummary[];
  /** Forget episodes in progress (call after `env.reset`). */
  reset(): void;
}

/**
 * Track episode returns and lengths across auto-resets, as Gymnasium's `RecordEpisodeStatistics` does.
 *
 * @example
 * ```ts
 * import { createStepResult, episodeTracker } from "./env.ts";
 * const tracker = episodeTracker(2);
 * const result = createStepResult(2, 1);
 * result.rewards.set([1, 1]);
 * result.terminated[1] = 1;
 * tracker.record(result); // [{ env: 1, return: 1, length: 1, terminated: true }]
 * ```
 */
export function episodeTracker(numEnvs: number): EpisodeTracker {
  checkInteger("numEnvs", numEnvs, { min: 1 });
  const returns = new Float64Array(numEnvs);
  const lengths = new Float64Array(numEnvs);
  return {
    record(result: StepResult): EpisodeSummary[] {
      checkLength("result.rewards", result.rewards, numEnvs);
      const done: EpisodeSummary[] = [];
      for (let i = 0; i < numEnvs; i++) {
        returns[i] += result.rewards[i];
        lengths[i] += 1;
        if (result.terminated[i] || result.truncated[i]) {
          done.push({
            env: i,
            return: returns[i],
            length: lengths[i],
            terminated: result.terminated[i] === 1,
          });
          returns[i] = 0;
          lengths[i] = 0;
        }
      }
      return done;
    },
    reset(): void {
      returns.fill(0);
      lengths.fill(0);
    },
  };
}
