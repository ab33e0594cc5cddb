/**
 * MountainCarContinuous-v0 (Moore 1990), vectorised, with Gymnasium's equations and constants and a per-copy
 * context.
 *
 * @module
 */
import { checkActions } from "../core/env.ts";
import type { ContextualVecEnv, StepResult } from "../core/env.ts";
import { Box } from "../core/spaces.ts";
import { checkContexts, ClassicCopies, contextsFor } from "./_classic.ts";
import type { ContextKeys } from "./_classic.ts";
import { CAR_COPY_RULES, carObservationSpace, moveCar, writeCar } from "./_mountain_car_core.ts";

/**
 * Physical parameters of one MountainCarContinuous-v0 copy (defaults in {@link MOUNTAIN_CAR_CONTINUOUS_DEFAULT}).
 * Gymnasium hard-codes the slope's 0.0025 in `step`; it is a context entry here so that it can vary too.
 */
export interface MountainCarContinuousContext {
  /** Engine force per unit of action (Gymnasium's `power`). */
  power: number;
  /** Gravity term of the slope, multiplying cos(3·position). */
  gravity: number;
}

/** Gymnasium MountainCarContinuous-v0 constants. */
export const MOUNTAIN_CAR_CONTINUOUS_DEFAULT: Readonly<MountainCarContinuousContext> = Object.freeze({
  power: 0.0015,
  gravity: 0.0025,
});

const CONTEXT_KEYS: ContextKeys<MountainCarContinuousContext> = { positive: ["power"], finite: ["gravity"] };
const GOAL_POSITION = 0.45;

/** Options of {@link mountainCarContinuous}. */
export interface MountainCarContinuousOptions {
  /** Copies stepped together; default 1. */
  numEnvs?: number;
  /** One context per copy, or one for all; default {@link MOUNTAIN_CAR_CONTINUOUS_DEFAULT}. */
  contexts?: MountainCarContinuousContext | readonly MountainCarContinuousContext[];
  /** Time limit (truncation); default 999 as MountainCarContinuous-v0. */
  maxEpisodeSteps?: number;
}

/**
 * Vectorised MountainCarContinuous-v0: observation [position, velocity]; action a ∈ [−1, 1] (clipped for the
 * dynamics); reward 100 on reaching position ≥ 0.45 with velocity ≥ 0, minus 0.1·a² every step with the action as
 * given (Gymnasium squares the unclipped `action[0]`); truncated at `maxEpisodeSteps`. Starts at position
 * U(−0.6, −0.4), velocity 0. Dynamics (Gymnasium `Continuous_MountainCarEnv.step`):
 * v ← clip(v + clip(a, ±1)·power − 0.0025·cos(3p), ±0.07); p ← clip(p + v, [−1.2, 0.6]); v ← 0 at the left wall
 * when moving left.
 */
export class MountainCarContinuousEnv implements ContextualVecEnv<MountainCarContinuousContext> {
  /** [position, velocity] bounds. */
  readonly observationSpace: Box = carObservationSpace();
  /** Engine force in [−1, 1]. */
  readonly actionSpace: Box = new Box([-1], [1], { dtype: "float32" });
  /** Time limit. */
  readonly maxEpisodeSteps: number;
  /** Copies. */
  readonly numEnvs: number;
  /** The standard MountainCarContinuous-v0 context. */
  readonly defaultContext: Readonly<MountainCarContinuousContext> = MOUNTAIN_CAR_CONTINUOUS_DEFAULT;
  /** State [position, velocity] of copy i at 2i, 2i + 1 (float64). */
  readonly state: Float64Array;
  readonly #copies: ClassicCopies;
  #contexts: readonly Readonly<MountainCarContinuousContext>[] = [];

  /** See {@link mountainCarContinuous}. */
  constructor(opts: MountainCarContinuousOptions = {}) {
    this.#copies = new ClassicCopies(opts, 999, CAR_COPY_RULES);
    this.numEnvs = this.#copies.numEnvs;
    this.maxEpisodeSteps = this.#copies.maxEpisodeSteps;
    this.state = this.#copies.state;
    this.setContexts(contextsFor(this.numEnvs, opts.contexts, MOUNTAIN_CAR_CONTINUOUS_DEFAULT));
  }

  /** Current contexts. */
  get contexts(): readonly Readonly<MountainCarContinuousContext>[] {
    return this.#contexts;
  }

  /** Replace the contexts (one per copy); they apply from the next step on. */
  setContexts(contexts: readonly MountainCarContinuousContext[]): void {
    this.#contexts = checkContexts(contexts, this.numEnvs, CONTEXT_KEYS);
  }

  /** Start every copy; copy i draws from the i-th split of `new Rng(seed)`. */
  reset(seed: number): Float32Array {
    return this.#copies.reset(seed);
  }

  /**
   * Place copy i at `state` = [position, velocity] (its episode clock is kept) and update its observation row.
   *
   * @example
   * ```ts
   * import { mountainCarContinuous } from "./mountain_car_continuous.ts";
   * const env = mountainCarContinuous();
   * env.reset(0);
   * env.setState(0, [0.44, 0.02]);
   * env.step(new Float32Array([1])); // reaches the goal: reward 100 − 0.1
   * ```
   */
  setState(i: number, state: readonly number[]): void {
    this.#copies.setState(i, state);
  }

  /** One step of every copy (Gymnasium's `Continuous_MountainCarEnv.step`), auto-resetting copies that end. */
  step(actions: Float32Array): StepResult {
    checkActions(this, actions);
    const copies = this.#copies, r = copies.result, s = this.state;
    for (let i = 0; i < this.numEnvs; i++) {
      const c = this.#contexts[i], a = actions[i];
      const force = Math.min(Math.max(a, -1), 1);
      const terminated = moveCar(s, i, force * c.power, c.gravity, GOAL_POSITION);
      r.rewards[i] = (terminated ? 100 : 0) - 0.1 * a * a;
      writeCar(s, i, r.finalObservations);
      writeCar(s, i, r.observations);
      r.terminated[i] = terminated ? 1 : 0;
    }
    copies.endStep();
    return r;
  }
}

/**
 * Create a vectorised MountainCarContinuous-v0.
 *
 * @example
 * ```ts
 * import { mountainCarContinuous } from "./mountain_car_continuous.ts";
 * const env = mountainCarContinuous({ numEnvs: 2, contexts: { power: 0.003, gravity: 0.0025 } });
 * env.reset(0);
 * env.step(new Float32Array([1, -0.5]));
 * ```
 */
export function mountainCarContinuous(opts: MountainCarContinuousOptions = {}): MountainCarContinuousEnv {
  return new MountainCarContinuousEnv(opts);
}
