/**
 * Deep RL agents shared by every paper module: PPO (discrete and continuous), DQN, SAC, fitted Q iteration and
 * behaviour cloning, on lib/tensor networks and lib/envs environments; offline datasets in D4RL's layout; policy
 * evaluation.
 *
 * Every agent is a function `train*(env or dataset, config, { seed, onProgress, signal, backend, recorder,
 * evalEnv, evalEvery, targetReturn })` → `{ policy, records, steps, solvedAt, stopped }`. Configs are plain
 * objects whose defaults are CleanRL's (documented per field); records are run-record rows (`{ run, seed, step,
 * ... }`, see lib/record) also appended to `recorder` as they are made; the returned policy is plain data
 * (frozen typed-array networks) that acts without tensors and saves as JSON. The same seed on the same backend
 * gives identical records.
 *
 * @example
 * ```ts
 * import { evaluatePolicy, policyFromJSON, policyToJSON, trainPpo } from "./mod.ts";
 * import { makeEnv } from "../envs/mod.ts";
 * const result = await trainPpo(makeEnv("CartPole-v1", { numEnvs: 4 }), { totalSteps: 4096 }, {
 *   seed: 0,
 *   evalEnv: makeEnv("CartPole-v1", { numEnvs: 5 }),
 * });
 * const saved = JSON.stringify(policyToJSON(result.policy));
 * evaluatePolicy(makeEnv("CartPole-v1", { numEnvs: 5 }), policyFromJSON(JSON.parse(saved))).mean;
 * ```
 *
 * @module
 */
export type { TrainOptions, TrainResult } from "./_train.ts";
export {
  act,
  type ActionSpec,
  actionSpec,
  type ActOptions,
  normalizeObservations,
  type ObsNormalization,
  type Policy,
  policyFromJSON,
  type PolicyJSON,
  type PolicyKind,
  policyToJSON,
} from "./policy.ts";
export { type EvaluateOptions, evaluatePolicy, type Evaluation } from "./evaluate.ts";
export { type PpoConfig, type ResolvedPpoConfig, resolvePpoConfig, trainPpo } from "./ppo.ts";
export { type DqnConfig, epsilonAt, type ResolvedDqnConfig, resolveDqnConfig, trainDqn } from "./dqn.ts";
export { type ResolvedSacConfig, resolveSacConfig, type SacConfig, trainSac } from "./sac.ts";
export { createSacLearner, type SacLearner, type SacNetworks } from "./sac_learner.ts";
export { type FqiConfig, trainFqi } from "./fqi.ts";
export { ornsteinUhlenbeck } from "./noise.ts";
export { type BcConfig, trainBc } from "./bc.ts";
export {
  type Behaviour,
  collect,
  type CollectOptions,
  type Dataset,
  datasetFromBytes,
  datasetToBytes,
  loadDataset,
  saveDataset,
} from "./dataset.ts";
export { type ReplayBatch, type ReplayBuffer, replayBuffer } from "./replay.ts";
export {
  rewardNormalizer,
  type RunningMeanStd,
  runningMeanStd,
  updateRunningMeanStd,
} from "./running_stats.ts";
export { DQN_CARTPOLE_TUNED, PPO_CARTPOLE_TUNED, PPO_PENDULUM_TUNED, SAC_PENDULUM_QUICK } from "./presets.ts";
