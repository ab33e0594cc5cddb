/**
 * Vectorised environments (lib/core/env.ts's `VecEnv`): MiniGrid-like gridworlds (Empty, FourRooms, DoorKey,
 * LavaCrossing) with fixed layouts per seed, sticky/slip options, one-hot or egocentric observations, and an exact
 * export to a `TabularMdp`. Classic control (CartPole, Pendulum, ...) is being added.
 *
 * @example
 * ```ts
 * import { minigridEmpty, toTabularMdp } from "@reprl/reprl/envs";
 * const env = minigridEmpty({ size: 5, numEnvs: 4, obs: "onehot" });
 * const obs = env.reset(0);
 * const mdp = toTabularMdp(env);
 * ```
 *
 * @module
 */
export * from "./minigrid.ts";
