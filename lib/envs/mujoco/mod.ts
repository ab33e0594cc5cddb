/**
 * Gymnasium's v4 MuJoCo locomotion tasks (Hopper-v4, Walker2d-v4, HalfCheetah-v4), vectorised, on the official MuJoCo
 * WebAssembly build (`npm:mujoco-js`). The models are generated from typed parameter tables
 * ({@link HOPPER_SPEC}, ...) and compile to the same MuJoCo model as Gymnasium's XML assets (every mass, inertia,
 * joint, gear and solver setting equal; rollouts agree bit for bit). Factories are async because the wasm module
 * loads asynchronously (once per process, {@link loadMujoco}); environments hold wasm memory until `close()`.
 *
 * @example
 * ```ts
 * import { makeMujocoEnv } from "./mod.ts";
 * const env = await makeMujocoEnv("Hopper-v4", { numEnvs: 4 });
 * const obs = env.reset(0); // Float32Array(4 × 11)
 * const { rewards, terminated } = env.step(new Float32Array(4 * 3));
 * env.close();
 * ```
 *
 * @module
 */
export * from "./loader.ts";
export * from "./mjcf.ts";
export * from "./locomotion.ts";
export * from "./hopper.ts";
export * from "./walker2d.ts";
export * from "./half_cheetah.ts";
export * from "./make_mujoco_env.ts";
