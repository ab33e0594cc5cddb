/**
 * MountainCar-v0 (Moore 1990; Sutton & Barto 2018, Example 10.1), vectorised, with Gymnasium's equations and
 * constants and a per-copy context. The continuous version is in `mountain_car_continuous.ts`.
 *
 * @module
 */
import { checkActions } from "../core/env.ts";
import type { ContextualVecEnv, StepResult } from "../core/env.ts";
import { Discrete } from "../core/spaces.ts";
import type { Box } from "../core/spaces.ts";
import { checkContexts, ClassicCopies, contextsFor } from "./_classic.ts";
import type { ContextKeys } from "./_classic.ts";
import { CAR_COPY_RULES, carObservationSpace, moveCar, writeCar } from "./_mountain_car_core.ts";

export { MOUNTAIN_CAR_TRACK } from "./_mountain_car_core.ts";

/** Physical parameters of one MountainCar-v0 copy (Gymnasium's defaults in {@link MOUNTAIN_CAR_DEFAULT}). */
export interface MountainCarContext {
  /** Engine force per unit of push (Gymnasium's `force`). */
  force: number;
  /** Gravity term of the slope, multiplying cos(3·position) (Gymnasium's `gravity`). */
  gravity: number;
}

/** Gymnasium MountainCar-v0 constants. */
export const MOUNTAIN_CAR_DEFAULT: Readonly<MountainCarContext> = Object.freeze({
  force: 0.001,
  gravity: 0.0025,
});

const CONTEXT_KEYS: ContextKeys<MountainCarContext> = { positive: ["force"], finite: ["gravity"] };
const GOAL_POSITION = 0.5;

/** Options of {@link mountainCar}. */
export interface MountainCarOptions {
  /** Copies stepped together; default 1. */
  numEnvs?: number;
  /** One context per copy, or one for all; default {@link MOUNTAIN_CAR_DEFAULT}. */
  contexts?: MountainCarContext | readonly MountainCarContext[];
  /** Time limit (truncation); default 200 as MountainCar-v0. */
  maxEpisodeSteps?: number;
}

/**
 * Vectorised MountainCar-v0: observation [position, velocity]; actions 0/1/2 push left/not/right; reward −1 per
 * step; terminated when position ≥ 0.5 with velocity ≥ 0; truncated at `maxEpisodeSteps`. Starts at position
 * U(−0.6, −0.4), velocity 0. Dynamics (Gymnasium `MountainCarEnv.step`):
 * v ← clip(v + (a − 1)·force − cos(3p)·gravity, ±0.07); p ← clip(p + v, [−1.2, 0.6]); v ← 0 at the left wall
 * when moving left.
 */
export class MountainCarEnv implements ContextualVecEnv<MountainCarContext> {
  /** [position, velocity] bounds. */
  readonly observationSpace: Box = carObservationSpace();
  /** Push left (0), none (1), right (2). */
  readonly actionSpace: Discrete = new Discrete(3);
  /** Time limit. */
  readonly maxEpisodeSteps: number;
  /** Copies. */
  readonly numEnvs: number;
  /** The standard MountainCar-v0 context. */
  readonly defaultContext: Readonly<MountainCarContext> = MOUNTAIN_CAR_DEFAULT;
  /** State [position, velocity] of copy i at 2i, 2i + 1 (float64). */
  readonly state: Float64Array;
  readonly #copies: ClassicCopies;
  #contexts: readonly Readonly<MountainCarContext>[] = [];

  /** See {@link mountainCar}. */
  constructor(opts: MountainCarOptions = {}) {
    this.#copies = new ClassicCopies(opts, 200, CAR_COPY_RULES);
    this.numEnvs = this.#copies.numEnvs;
    this.maxEpisodeSteps = this.#copies.maxEpisodeSteps;
    this.state = this.#copies.state;
    this.setContexts(contextsFor(this.numEnvs, opts.contexts, MOUNTAIN_CAR_DEFAULT));
  }

  /** Current contexts. */
  get contexts(): readonly Readonly<MountainCarContext>[] {
    return this.#contexts;
  }

  /** Replace the contexts (one per copy); they apply from the next step on. */
  setContexts(contexts: readonly MountainCarContext[]): void {
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
   * import { mountainCar } from "./mountain_car.ts";
   * const env = mountainCar();
   * env.reset(0);
   * env.setState(0, [-0.5, 0.01]);
   * ```
   */
  setState(i: number, state: readonly number[]): void {
    this.#copies.setState(i, state);
  }

  /** One step of every copy (Gymnasium's `MountainCarEnv.step`), auto-resetting copies that end. */
  step(actions: Int32Array): StepResult {
    checkActions(this, actions);
    const copies = this.#copies, r = copies.result, s = this.state;
    for (let i = 0; i < this.numEnvs; i++) {
      const c = this.#contexts[i];
      const terminated = moveCar(s, i, (actions[i] - 1) * c.force, c.gravity, GOAL_POSITION);
      r.rewards[i] = -1;
      writeCar(s, i, r.finalObservations);
      writeCar(s, i, r.observations);
      r.terminated[i] = terminated ? 1 : 0;
    }
    copies.endStep();
    return r;
  }
}

/**
 * Create a vectorised MountainCar-v0.
 *
 * @example
 * ```ts
 * import { mountainCar } from "./mountain_car.ts";
 * const env = mountainCar({ numEnvs: 2, contexts: [{ force: 0.001, gravity: 0.0025 }, { force: 0.0015, gravity: 0.0025 }] });
 * env.reset(0);
 * env.step(new Int32Array([2, 0]));
 * ```
 */
export function mountainCar(opts: MountainCarOptions = {}): MountainCarEnv {
  return new MountainCarEnv(opts);
}
