/**
 * Vectorised environments (lib/core/env.ts's `VecEnv`): CartPole-v1, Pendulum-v1, MountainCar-v0,
 * MountainCarContinuous-v0 and Acrobot-v1 with Gymnasium's equations and per-copy physical contexts (`makeEnv` by
 * id); MiniGrid-like gridworlds (Empty, FourRooms, DoorKey, LavaCrossing) with fixed layouts per seed, sticky/slip
 * options, one-hot or egocentric observations, and an exact export to a `TabularMdp`; and an environment checker
 * (`checkEnv`, `assertEnv`) in the spirit of Gymnasium's `check_env`; and Gymnasium's v4 MuJoCo locomotion tasks
 * (Hopper, Walker2d, HalfCheetah; async factories, `makeMujocoEnv` by id) on the MuJoCo WebAssembly build.
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
export * from "./acrobot.ts";
export * from "./cartpole.ts";
export * from "./check_env.ts";
export * from "./make_env.ts";
export * from "./mountain_car.ts";
export * from "./mountain_car_continuous.ts";
export * from "./pendulum.ts";
export * from "./minigrid.ts";
export * from "./tabular_env.ts";
export * from "./mujoco/mod.ts";
