/**
 * Tuned hyperparameters for the classic-control tasks the tests and quick-scale notebooks train on, where
 * CleanRL's defaults (tuned for 500k–1M steps) spend too many steps. Each says where it comes from.
 *
 * @module
 */
import type { DqnConfig } from "./dqn.ts";
import type { PpoConfig } from "./ppo.ts";
import type { SacConfig } from "./sac.ts";

/**
 * PPO on CartPole-v1 with 8 copies: rl-baselines3-zoo's `ppo.yml` CartPole-v1 entry (n_steps 32, batch 256 = one
 * minibatch, 20 epochs, γ 0.98, λ 0.8, lr 1e-3 annealed linearly, no entropy bonus), without its clip-range
 * annealing. Solves CartPole (greedy evaluation ≥ 475) within 15k–30k env steps here (see tests/agents).
 *
 * @example
 * ```ts
 * import { PPO_CARTPOLE_TUNED, trainPpo } from "./mod.ts";
 * import { makeEnv } from "../envs/mod.ts";
 * // await trainPpo(makeEnv("CartPole-v1", { numEnvs: 8 }), { ...PPO_CARTPOLE_TUNED, totalSteps: 100_000 });
 * ```
 */
export const PPO_CARTPOLE_TUNED: Readonly<PpoConfig> = Object.freeze({
  numSteps: 32,
  numMinibatches: 1,
  updateEpochs: 20,
  gamma: 0.98,
  gaeLambda: 0.8,
  entCoef: 0,
  lr: 1e-3,
});

/**
 * DQN on CartPole-v1 with one copy: rl-baselines3-zoo's `dqn.yml` CartPole-v1 entry (lr 2.3e-3, batch 64,
 * replay 100k, learning starts 1000, 128 gradient steps every 256 env steps, target copied every 10 steps,
 * ε → 0.04 over the first 8k steps of a 100k budget), with 64-64 hidden layers instead of 256-256 to be quicker.
 *
 * @example
 * ```ts
 * import { DQN_CARTPOLE_TUNED, trainDqn } from "./mod.ts";
 * import { makeEnv } from "../envs/mod.ts";
 * // await trainDqn(makeEnv("CartPole-v1"), { ...DQN_CARTPOLE_TUNED, totalSteps: 100_000 });
 * ```
 */
export const DQN_CARTPOLE_TUNED: Readonly<DqnConfig> = Object.freeze({
  lr: 2.3e-3,
  batchSize: 64,
  bufferSize: 100_000,
  learningStarts: 1000,
  trainFrequency: 256,
  gradientSteps: 128,
  targetNetworkFrequency: 10,
  explorationFraction: 0.08,
  endE: 0.04,
  hiddenSizes: [64, 64],
  maxGradNorm: 10,
});

/**
 * SAC on Pendulum-v1 at quick scale: CleanRL's defaults with learning after 1000 random steps instead of 5000 and
 * 128-128 networks instead of 256-256.
 *
 * @example
 * ```ts
 * import { SAC_PENDULUM_QUICK, trainSac } from "./mod.ts";
 * import { makeEnv } from "../envs/mod.ts";
 * // await trainSac(makeEnv("Pendulum-v1"), { ...SAC_PENDULUM_QUICK, totalSteps: 20_000 });
 * ```
 */
export const SAC_PENDULUM_QUICK: Readonly<SacConfig> = Object.freeze({
  learningStarts: 1000,
  hiddenSizes: [128, 128],
});

/**
 * PPO on Pendulum-v1 with 4 copies: rl-baselines3-zoo's `ppo.yml` Pendulum-v1 entry (n_steps 1024, γ 0.9, 10
 * epochs, lr 1e-3, no entropy bonus) without its state-dependent exploration (gSDE), with minibatches of 128 and
 * CleanRL's observation and reward normalisation. Reaches a greedy evaluation of about −200 to −250 after 100k env
 * steps here (random torques: about −1230).
 *
 * @example
 * ```ts
 * import { PPO_PENDULUM_TUNED, trainPpo } from "./mod.ts";
 * import { makeEnv } from "../envs/mod.ts";
 * // await trainPpo(makeEnv("Pendulum-v1", { numEnvs: 4 }), { ...PPO_PENDULUM_TUNED, totalSteps: 100_000 });
 * ```
 */
export const PPO_PENDULUM_TUNED: Readonly<PpoConfig> = Object.freeze({
  numSteps: 1024,
  gamma: 0.9,
  updateEpochs: 10,
  lr: 1e-3,
  numMinibatches: 32,
  entCoef: 0,
});
