/**
 * Classic-control environments by their Gymnasium id.
 *
 * @module
 */
import type { ContextualVecEnv } from "../core/env.ts";
import { checkOneOf, describe } from "../core/errors.ts";
import { acrobot } from "./acrobot.ts";
import type { AcrobotContext, AcrobotEnv, AcrobotOptions } from "./acrobot.ts";
import { cartPole } from "./cartpole.ts";
import type { CartPoleContext, CartPoleEnv, CartPoleOptions } from "./cartpole.ts";
import { mountainCar } from "./mountain_car.ts";
import type { MountainCarContext, MountainCarEnv, MountainCarOptions } from "./mountain_car.ts";
import { mountainCarContinuous } from "./mountain_car_continuous.ts";
import type {
  MountainCarContinuousContext,
  MountainCarContinuousEnv,
  MountainCarContinuousOptions,
} from "./mountain_car_continuous.ts";
import { pendulum } from "./pendulum.ts";
import type { PendulumContext, PendulumEnv, PendulumOptions } from "./pendulum.ts";

/** The ids {@link makeEnv} knows. */
export const CLASSIC_CONTROL_IDS = [
  "CartPole-v1",
  "Pendulum-v1",
  "MountainCar-v0",
  "MountainCarContinuous-v0",
  "Acrobot-v1",
] as const;

/** A classic-control id. */
export type ClassicControlId = typeof CLASSIC_CONTROL_IDS[number];

/** Any of the classic-control environments. */
export type ClassicControlEnv =
  | CartPoleEnv
  | PendulumEnv
  | MountainCarEnv
  | MountainCarContinuousEnv
  | AcrobotEnv;

/** Options of {@link makeEnv}: those of the id's factory (`contexts` typed by the id). */
export interface MakeEnvOptions<C> {
  /** Copies stepped together; default 1. */
  numEnvs?: number;
  /** Time limit; default the id's Gymnasium limit. */
  maxEpisodeSteps?: number;
  /** One context per copy, or one for all; default the id's Gymnasium constants. */
  contexts?: C | readonly C[];
}

/**
 * Create a classic-control environment by id, with `numEnvs` copies, an optional time limit (default: the id's
 * Gymnasium limit) and optional contexts. An unknown id throws
 * `RangeError: id must be one of "CartPole-v1", ..., got "Hopper-v5"`.
 *
 * @example
 * ```ts
 * import { makeEnv } from "./make_env.ts";
 * const env = makeEnv("CartPole-v1", { numEnvs: 4, contexts: { ...makeEnv("CartPole-v1").defaultContext, length: 1 } });
 * env.reset(0);
 * ```
 */
export function makeEnv(id: "CartPole-v1", opts?: MakeEnvOptions<CartPoleContext>): CartPoleEnv;
/** Pendulum-v1. */
export function makeEnv(id: "Pendulum-v1", opts?: MakeEnvOptions<PendulumContext>): PendulumEnv;
/** MountainCar-v0. */
export function makeEnv(id: "MountainCar-v0", opts?: MakeEnvOptions<MountainCarContext>): MountainCarEnv;
/** MountainCarContinuous-v0. */
export function makeEnv(
  id: "MountainCarContinuous-v0",
  opts?: MakeEnvOptions<MountainCarContinuousContext>,
): MountainCarContinuousEnv;
/** Acrobot-v1. */
export function makeEnv(id: "Acrobot-v1", opts?: MakeEnvOptions<AcrobotContext>): AcrobotEnv;
/** Any id, as the generic contract (contexts, if given, must be the id's kind; they are validated). */
export function makeEnv(id: ClassicControlId, opts?: MakeEnvOptions<unknown>): ContextualVecEnv<unknown>;
export function makeEnv(id: ClassicControlId, opts: MakeEnvOptions<unknown> = {}): ContextualVecEnv<unknown> {
  if (typeof opts !== "object" || opts === null) {
    throw new TypeError(`opts must be an object, got ${describe(opts)}`);
  }
  // the factories validate every field of opts, contexts included, so the casts below cannot smuggle bad data in
  switch (checkOneOf("id", id, CLASSIC_CONTROL_IDS)) {
    case "CartPole-v1":
      return cartPole(opts as CartPoleOptions);
    case "Pendulum-v1":
      return pendulum(opts as PendulumOptions);
    case "MountainCar-v0":
      return mountainCar(opts as MountainCarOptions);
    case "MountainCarContinuous-v0":
      return mountainCarContinuous(opts as MountainCarContinuousOptions);
    default:
      return acrobot(opts as AcrobotOptions);
  }
}
