/**
 * Dual RL (Sikchi, Zheng, Zhang, Niekum, "Dual RL: Unification and New Methods for Reinforcement and Imitation
 * Learning", ICLR 2024, arXiv 2302.08560): f-DVL for offline RL, ReCOIL for offline imitation, and the baselines
 * they are compared with (IQL, XQL, CQL, BC; BC on expert / all data, IQ-Learn offline, SMODICE-style), on
 * D4RL-layout datasets made by our own agents (Pendulum-v1, MountainCarContinuous-v0; data/dual/) or read from D4RL
 * HDF5 files (MuJoCo locomotion, scored on lib/envs' MuJoCo v4 envs: d4rl.ts, d4rl_imitation.ts).
 *
 * @example
 * ```ts ignore
 * import { loadPendulumDataset, pendulumReference, trainOffline } from "./mod.ts";
 * import { makeEnv } from "../envs/mod.ts";
 * const res = await trainOffline(loadPendulumDataset("medium-replay"), {
 *   algo: "fdvl-chi2", gradientSteps: 2000, batchSize: 256, hiddenSizes: [64, 64], lr: 1e-3, gamma: 0.9,
 * }, { evalEnv: makeEnv("Pendulum-v1", { numEnvs: 10 }), reference: pendulumReference() });
 * ```
 *
 * @module
 */
export * from "./experiments.ts";
export * from "./losses.ts";
export * from "./datasets.ts";
export * from "./offline.ts";
export * from "./imitation.ts";
export * from "./d4rl.ts";
export * from "./d4rl_imitation.ts";
export * from "./report.ts";
export {
  actorPolicy,
  type Batch,
  createDualNets,
  disposeDualNets,
  type DualNets,
  minQ,
  qValues,
  sampleBatch,
  type TensorDataset,
  uploadDataset,
  vValue,
} from "./nets.ts";
