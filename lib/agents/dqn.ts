/**
 * Deep Q-Network (Mnih et al. 2015, "Human-level control through deep reinforcement learning"), following
 * CleanRL's `dqn.py`: an MLP Q-network (120-84, ReLU, torch's default init), uniform replay, a target network
 * refreshed every `targetNetworkFrequency` steps (hard copy when τ = 1, Polyak otherwise), ε-greedy exploration
 * decayed linearly, and a gradient step every `trainFrequency` env steps once `learningStarts` have passed.
 *
 * Loss (Mnih et al. 2015, eq. 2, with CleanRL's MSE): y = r + γ(1 − terminated)·max_a' Q_target(s', a'),
 * L = mean((y − Q(s, a))²). Double DQN (van Hasselt et al. 2016, eq. 4) takes a' = argmax Q(s', ·) from the online
 * net instead; `loss: "huber"` uses the Huber loss (δ = 1) of the Nature paper's error clipping.
 *
 * @module
 */
import { checkVecEnv, episodeTracker, obsDim, type VecEnv } from "../core/env.ts";
import { checkInRange, checkInteger, checkOneOf, checkPositive, describe } from "../core/errors.ts";
import { Discrete } from "../core/spaces.ts";
import { tf } from "../tensor/backend.ts";
import {
  type Activation,
  createMlp,
  disposeMlp,
  type InitScheme,
  mlpForward,
  mlpParams,
} from "../tensor/mlp.ts";
import { copyWeights, createAdam, polyakUpdate } from "../tensor/optim.ts";
import { snapshotMlp } from "../tensor/snapshot.ts";
import { episodeMetrics, prepareBackend, TrainLog, type TrainOptions, type TrainResult } from "./_train.ts";
import { act, actionSpec, type Policy } from "./policy.ts";
import { replayBuffer } from "./replay.ts";

/** DQN hyperparameters; every field is optional, defaults are CleanRL's `dqn.py`. */
export interface DqnConfig {
  /** Env steps in total, summed over copies (default 500 000). */
  totalSteps?: number;
  /** Adam learning rate (default 2.5e-4). */
  lr?: number;
  /** Replay capacity in transitions (default 10 000). */
  bufferSize?: number;
  /** Discount γ (default 0.99). */
  gamma?: number;
  /** Target update rate τ: 1 copies, < 1 is Polyak averaging (default 1). */
  tau?: number;
  /** Env steps between target updates (default 500). */
  targetNetworkFrequency?: number;
  /** Minibatch size (default 128). */
  batchSize?: number;
  /** Initial ε (default 1). */
  startE?: number;
  /** Final ε (default 0.05). */
  endE?: number;
  /** Fraction of `totalSteps` over which ε decays linearly (default 0.5). */
  explorationFraction?: number;
  /** Env steps of pure exploration before learning (default 10 000). */
  learningStarts?: number;
  /** Env steps between gradient steps (default 10). */
  trainFrequency?: number;
  /** Gradient steps each time training happens (default 1). */
  gradientSteps?: number;
  /** Hidden widths (default [120, 84]). */
  hiddenSizes?: number[];
  /** Hidden activation (default "relu"). */
  activation?: Activation;
  /** Weight initialisation (default "uniform", torch's nn.Linear default). */
  init?: InitScheme;
  /** Double DQN targets (default false). */
  doubleDqn?: boolean;
  /** TD loss (default "mse"). */
  loss?: "mse" | "huber";
  /** Global gradient-norm clip (default: none; SB3 uses 10). */
  maxGradNorm?: number | null;
}

/** A {@link DqnConfig} with every default filled in. */
export type ResolvedDqnConfig = Required<DqnConfig>;

/**
 * Fill in and validate a DQN config.
 *
 * @example
 * ```ts
 * import { resolveDqnConfig } from "./dqn.ts";
 * resolveDqnConfig({ lr: 1e-3 }).targetNetworkFrequency; // 500
 * ```
 */
export function resolveDqnConfig(config: DqnConfig = {}): ResolvedDqnConfig {
  if (typeof config !== "object" || config === null) {
    throw new TypeError(`config must be an object, got ${describe(config)}`);
  }
  const c: ResolvedDqnConfig = {
    totalSteps: config.totalSteps ?? 500_000,
    lr: config.lr ?? 2.5e-4,
    bufferSize: config.bufferSize ?? 10_000,
    gamma: config.gamma ?? 0.99,
    tau: config.tau ?? 1,
    targetNetworkFrequency: config.targetNetworkFrequency ?? 500,
    batchSize: config.batchSize ?? 128,
    startE: config.startE ?? 1,
    endE: config.endE ?? 0.05,
    explorationFraction: config.explorationFraction ?? 0.5,
    learningStarts: config.learningStarts ?? 10_000,
    trainFrequency: config.trainFrequency ?? 10,
    gradientSteps: config.gradientSteps ?? 1,
    hiddenSizes: config.hiddenSizes ?? [120, 84],
    activation: config.activation ?? "relu",
    init: config.init ?? "uniform",
    doubleDqn: config.doubleDqn ?? false,
    loss: config.loss ?? "mse",
    maxGradNorm: config.maxGradNorm ?? null,
  };
  checkInteger("totalSteps", c.totalSteps, { min: 1 });
  checkPositive("lr", c.lr);
  checkInteger("bufferSize", c.bufferSize, { min: 1 });
  checkInRange("gamma", c.gamma, { min: 0, max: 1 });
  checkInRange("tau", c.tau, { min: 0, max: 1, minOpen: true });
  checkInteger("targetNetworkFrequency", c.targetNetworkFrequency, { min: 1 });
  checkInteger("batchSize", c.batchSize, { min: 1 });
  checkInRange("startE", c.startE, { min: 0, max: 1 });
  checkInRange("endE", c.endE, { min: 0, max: 1 });
  checkInRange("explorationFraction", c.explorationFraction, { min: 0, max: 1, minOpen: true });
  checkInteger("learningStarts", c.learningStarts, { min: 0 });
  checkInteger("trainFrequency", c.trainFrequency, { min: 1 });
  checkInteger("gradientSteps", c.gradientSteps, { min: 1 });
  checkOneOf("loss", c.loss, ["mse", "huber"] as const);
  if (c.maxGradNorm !== null) checkPositive("maxGradNorm", c.maxGradNorm);
  return c;
}

/**
 * ε at env step `t`: linear from `startE` to `endE` over `explorationFraction · totalSteps`, then flat (CleanRL's
 * `linear_schedule`).
 *
 * @example
 * ```ts
 * import { epsilonAt, resolveDqnConfig } from "./dqn.ts";
 * epsilonAt(resolveDqnConfig({ totalSteps: 100 }), 25); // 0.525
 * ```
 */
export function epsilonAt(cfg: ResolvedDqnConfig, t: number): number {
  const duration = cfg.explorationFraction * cfg.totalSteps;
  const slope = (cfg.endE - cfg.startE) / duration;
  return Math.max(slope * t + cfg.startE, cfg.endE);
}

/**
 * Train DQN on a discrete-action `env`. Logs `episodic_return`, `td_loss`, `q_values` (mean Q(s, a) of the batch)
 * and `epsilon`, and `eval_return` when `opts.evalEnv` or `opts.evaluate` is given.
 *
 * @example
 * ```ts
 * import { trainDqn } from "./dqn.ts";
 * import { makeEnv } from "../envs/mod.ts";
 * const { policy } = await trainDqn(makeEnv("CartPole-v1"), { totalSteps: 2000, learningStarts: 500 }, { seed: 0 });
 * ```
 */
export async function trainDqn(
  env: VecEnv,
  config: DqnConfig = {},
  opts: TrainOptions = {},
): Promise<TrainResult> {
  checkVecEnv("env", env);
  if (!(env.actionSpace instanceof Discrete)) {
    throw new RangeError(`DQN needs a Discrete action space, got ${describe(env.actionSpace)}`);
  }
  const cfg = resolveDqnConfig(config);
  await prepareBackend(opts.backend);
  const log = new TrainLog("dqn", cfg.totalSteps, opts);
  const N = env.numEnvs;
  const d = obsDim(env.observationSpace);
  const nA = env.actionSpace.n;

  const root = log.rng;
  const initRng = root.split();
  const actRng = root.split();
  const sampleRng = root.split();
  const envSeed = root.nextUint32();

  const netOpts = {
    inputSize: d,
    hiddenSizes: cfg.hiddenSizes,
    outputSize: nA,
    activation: cfg.activation,
    init: cfg.init,
    rng: initRng,
  };
  const q = await createMlp(netOpts);
  const qTarget = await createMlp(netOpts);
  copyWeights(qTarget, q);
  const opt = createAdam(mlpParams(q), {
    lr: cfg.lr,
    ...(cfg.maxGradNorm !== null ? { clipNorm: cfg.maxGradNorm } : {}),
  });
  const buffer = replayBuffer({ capacity: cfg.bufferSize, obsSize: d, discrete: true });
  const tracker = episodeTracker(N);

  const makePolicy = async (): Promise<Policy> => ({
    kind: "greedy-q",
    obsSize: d,
    action: actionSpec(env.actionSpace),
    net: await snapshotMlp(q),
  });

  try {
    let policy = await makePolicy();
    let obs = Float32Array.from(env.reset(envSeed));
    let globalStep = 0;
    let nextTrain = cfg.learningStarts;
    let nextTarget = cfg.learningStarts;
    while (globalStep < cfg.totalSteps) {
      if (log.aborted) break;
      const epsilon = epsilonAt(cfg, globalStep);
      const actions = act(policy, obs, N, { rng: actRng, epsilon }) as Int32Array;
      const result = env.step(actions);
      globalStep += N;
      const metrics = episodeMetrics(tracker.record(result));
      if (metrics) log.log(globalStep, { ...metrics, epsilon });
      buffer.add(obs, actions, result.rewards, result.finalObservations, result.terminated, N);
      obs = Float32Array.from(result.observations);

      if (globalStep > cfg.learningStarts && globalStep >= nextTrain) {
        while (nextTrain <= globalStep) nextTrain += cfg.trainFrequency;
        let lossValue = 0;
        let qMean = 0;
        for (let g = 0; g < cfg.gradientSteps; g++) {
          const batch = buffer.sample(cfg.batchSize, sampleRng);
          const B = cfg.batchSize;
          const t = tf.tidy(() => ({
            obs: tf.tensor2d(batch.obs, [B, d]),
            next: tf.tensor2d(batch.nextObs, [B, d]),
            act: tf.tensor1d(batch.actions as Int32Array, "int32"),
            rew: tf.tensor1d(batch.rewards),
            term: tf.tensor1d(batch.terminated),
          }));
          const target = tf.tidy(() => {
            const nextQ = mlpForward(qTarget, t.next);
            const best = cfg.doubleDqn
              ? tf.sum(tf.mul(nextQ, tf.oneHot(tf.argMax(mlpForward(q, t.next), 1), nA)), 1)
              : tf.max(nextQ, 1);
            return tf.add(t.rew, tf.mul(tf.mul(cfg.gamma, tf.sub(1, t.term)), best));
          });
          let qTaken: tf.Tensor | null = null;
          lossValue = await opt.step(() => {
            const taken = tf.sum(tf.mul(mlpForward(q, t.obs), tf.oneHot(t.act, nA)), 1);
            if (g === cfg.gradientSteps - 1) qTaken = tf.keep(tf.mean(taken));
            return (cfg.loss === "mse"
              ? tf.losses.meanSquaredError(target, taken)
              : tf.losses.huberLoss(target, taken)) as tf.Scalar;
          });
          tf.dispose([...Object.values(t), target]);
          if (qTaken !== null) {
            qMean = (await (qTaken as tf.Tensor).data())[0];
            (qTaken as tf.Tensor).dispose();
          }
        }
        log.log(globalStep, { td_loss: lossValue, q_values: qMean });
        policy = await makePolicy();
      }
      if (globalStep > cfg.learningStarts && globalStep >= nextTarget) {
        while (nextTarget <= globalStep) nextTarget += cfg.targetNetworkFrequency;
        if (cfg.tau === 1) copyWeights(qTarget, q);
        else polyakUpdate(qTarget, q, cfg.tau);
      }
      if (globalStep % 1000 < N) log.progress(globalStep);
      if (await log.maybeEvaluate(globalStep, makePolicy, globalStep >= cfg.totalSteps)) break;
    }
    return log.result(await makePolicy(), globalStep);
  } finally {
    opt.dispose();
    disposeMlp(q);
    disposeMlp(qTarget);
  }
}
