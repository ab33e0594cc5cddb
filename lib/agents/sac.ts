/**
 * Soft Actor-Critic (Haarnoja et al. 2018, "Soft Actor-Critic Algorithms and Applications") for Box action
 * spaces, following CleanRL's `sac_continuous_action.py`: twin Q-networks on (s, a) with Polyak targets, a
 * tanh-squashed Gaussian actor whose log-std is squashed into [−5, 2], automatic entropy tuning towards
 * −dim(A), delayed (every `policyFrequency` steps, repeated as many times) actor and temperature updates, and
 * uniformly random actions for the first `learningStarts` steps.
 *
 * Losses (Haarnoja et al. 2018b; eq. numbers of that paper):
 *   y = r + γ(1 − terminated)·(min_j Q̄_j(s', a') − α log π(a'|s')), a' ~ π(·|s')       (eq. 3, target)
 *   L_Q = mean((Q₁(s, a) − y)²) + mean((Q₂(s, a) − y)²)                                   (eq. 5)
 *   L_π = mean(α log π(ã|s) − min_j Q_j(s, ã)), ã = bias + scale·tanh(μ + σ·ε)            (eq. 7, reparameterised)
 *   L_α = mean(−α·(log π(ã|s) + H̄)), α = exp(log α), H̄ = −dim(A)                        (eq. 18, CleanRL's form)
 * The temperature step reuses the actor step's sample ã (as Stable-Baselines3 does) where CleanRL draws a fresh
 * one; it is one scalar, so its Adam runs in TypeScript.
 * with log π(ã|s) = log N(u; μ, σ) − Σ log(scale·(1 − tanh²u) + 1e-6) (appendix C).
 *
 * Gaussian noise is drawn from the run's seeded stream in TypeScript and passed in, so runs are reproducible.
 *
 * @module
 */
import { actionDim, checkVecEnv, episodeTracker, obsDim, type VecEnv } from "../core/env.ts";
import { checkInRange, checkInteger, checkPositive, describe } from "../core/errors.ts";
import { Box } from "../core/spaces.ts";
import { tf } from "../tensor/backend.ts";
import { tanhGaussianLogProb } from "../tensor/heads.ts";
import { type Activation, createMlp, disposeMlp, type Mlp, mlpForward, mlpParams } from "../tensor/mlp.ts";
import { copyWeights, createAdam, polyakUpdate } from "../tensor/optim.ts";
import { snapshotMlp } from "../tensor/snapshot.ts";
import { episodeMetrics, prepareBackend, TrainLog, type TrainOptions, type TrainResult } from "./_train.ts";
import { act, actionSpec, type Policy } from "./policy.ts";
import { replayBuffer } from "./replay.ts";

/** SAC hyperparameters; every field is optional, defaults are CleanRL's `sac_continuous_action.py`. */
export interface SacConfig {
  /** Env steps in total, summed over copies (default 1 000 000). */
  totalSteps?: number;
  /** Replay capacity (default 1 000 000). */
  bufferSize?: number;
  /** Discount γ (default 0.99). */
  gamma?: number;
  /** Polyak rate of the target Q-networks (default 0.005). */
  tau?: number;
  /** Minibatch size (default 256). */
  batchSize?: number;
  /** Env steps of uniformly random actions before learning (default 5000). */
  learningStarts?: number;
  /** Actor (and temperature) learning rate (default 3e-4). */
  policyLr?: number;
  /** Q learning rate (default 1e-3). */
  qLr?: number;
  /** Actor updates happen every this many steps, this many times (default 2). */
  policyFrequency?: number;
  /** Env steps between target updates (default 1). */
  targetNetworkFrequency?: number;
  /** Entropy temperature α when `autotune` is false (default 0.2); a tuned α starts at 1 (log α = 0), as CleanRL. */
  alpha?: number;
  /** Tune α towards the target entropy −dim(A) (default true). */
  autotune?: boolean;
  /** Hidden widths of actor and Q-networks (default [256, 256]). */
  hiddenSizes?: number[];
  /** Hidden activation (default "relu"). */
  activation?: Activation;
}

/** A {@link SacConfig} with every default filled in. */
export type ResolvedSacConfig = Required<SacConfig>;

/** Adam on one scalar parameter in plain TypeScript (torch's update rule), for log α. */
function scalarAdam(initial: number, lr: number): { step(grad: number): number } {
  let theta = initial;
  let m = 0;
  let v = 0;
  let t = 0;
  return {
    step(grad: number): number {
      t++;
      m = 0.9 * m + 0.1 * grad;
      v = 0.999 * v + 0.001 * grad * grad;
      theta -= (lr / (1 - 0.9 ** t)) * m / (Math.sqrt(v) / Math.sqrt(1 - 0.999 ** t) + 1e-8);
      return theta;
    },
  };
}

const LOG_STD_MIN = -5;
const LOG_STD_MAX = 2;

/**
 * Fill in and validate a SAC config.
 *
 * @example
 * ```ts
 * import { resolveSacConfig } from "./sac.ts";
 * resolveSacConfig({}).tau; // 0.005
 * ```
 */
export function resolveSacConfig(config: SacConfig = {}): ResolvedSacConfig {
  if (typeof config !== "object" || config === null) {
    throw new TypeError(`config must be an object, got ${describe(config)}`);
  }
  const c: ResolvedSacConfig = {
    totalSteps: config.totalSteps ?? 1_000_000,
    bufferSize: config.bufferSize ?? 1_000_000,
    gamma: config.gamma ?? 0.99,
    tau: config.tau ?? 0.005,
    batchSize: config.batchSize ?? 256,
    learningStarts: config.learningStarts ?? 5000,
    policyLr: config.policyLr ?? 3e-4,
    qLr: config.qLr ?? 1e-3,
    policyFrequency: config.policyFrequency ?? 2,
    targetNetworkFrequency: config.targetNetworkFrequency ?? 1,
    alpha: config.alpha ?? 0.2,
    autotune: config.autotune ?? true,
    hiddenSizes: config.hiddenSizes ?? [256, 256],
    activation: config.activation ?? "relu",
  };
  checkInteger("totalSteps", c.totalSteps, { min: 1 });
  checkInteger("bufferSize", c.bufferSize, { min: 1 });
  checkInRange("gamma", c.gamma, { min: 0, max: 1 });
  checkInRange("tau", c.tau, { min: 0, max: 1, minOpen: true });
  checkInteger("batchSize", c.batchSize, { min: 1 });
  checkInteger("learningStarts", c.learningStarts, { min: 0 });
  checkPositive("policyLr", c.policyLr);
  checkPositive("qLr", c.qLr);
  checkInteger("policyFrequency", c.policyFrequency, { min: 1 });
  checkInteger("targetNetworkFrequency", c.targetNetworkFrequency, { min: 1 });
  checkPositive("alpha", c.alpha);
  return c;
}

/**
 * Train SAC on a Box-action `env`. Logs `episodic_return`, `qf_loss`, `actor_loss`, `alpha`, `alpha_loss`, and
 * `eval_return` when `opts.evalEnv` or `opts.evaluate` is given.
 *
 * @example
 * ```ts
 * import { trainSac } from "./sac.ts";
 * import { makeEnv } from "../envs/mod.ts";
 * const { policy } = await trainSac(makeEnv("Pendulum-v1"), { totalSteps: 600, learningStarts: 300, hiddenSizes: [32, 32] });
 * ```
 */
export async function trainSac(
  env: VecEnv,
  config: SacConfig = {},
  opts: TrainOptions = {},
): Promise<TrainResult> {
  checkVecEnv("env", env);
  if (!(env.actionSpace instanceof Box)) {
    throw new RangeError(`SAC needs a Box action space, got ${describe(env.actionSpace)}`);
  }
  const cfg = resolveSacConfig(config);
  await prepareBackend(opts.backend);
  const log = new TrainLog("sac", cfg.totalSteps, opts);
  const space = env.actionSpace;
  const N = env.numEnvs;
  const d = obsDim(env.observationSpace);
  const a = actionDim(space);
  const B = cfg.batchSize;
  const scale = Array.from({ length: a }, (_, j) => (space.high[j] - space.low[j]) / 2);
  const bias = Array.from({ length: a }, (_, j) => (space.high[j] + space.low[j]) / 2);

  const root = log.rng;
  const initRng = root.split();
  const actRng = root.split();
  const sampleRng = root.split();
  const noiseRng = root.split();
  const envSeed = root.nextUint32();

  const hidden = {
    hiddenSizes: cfg.hiddenSizes,
    activation: cfg.activation,
    init: "uniform" as const,
    rng: initRng,
  };
  const actor = await createMlp({ ...hidden, inputSize: d, outputSize: 2 * a });
  const qOpts = { ...hidden, inputSize: d + a, outputSize: 1 };
  const q1 = await createMlp(qOpts);
  const q2 = await createMlp(qOpts);
  const q1Target = await createMlp(qOpts);
  const q2Target = await createMlp(qOpts);
  copyWeights(q1Target, q1);
  copyWeights(q2Target, q2);
  const qOpt = createAdam([...mlpParams(q1), ...mlpParams(q2)], { lr: cfg.qLr });
  const actorOpt = createAdam(mlpParams(actor), { lr: cfg.policyLr });
  const alphaOpt = cfg.autotune ? scalarAdam(0, cfg.policyLr) : null;
  let alpha = cfg.autotune ? 1 : cfg.alpha;
  const targetEntropy = -a;
  const scaleT = tf.keep(tf.tensor1d(scale));
  const biasT = tf.keep(tf.tensor1d(bias));
  const buffer = replayBuffer({ capacity: cfg.bufferSize, obsSize: d, discrete: false, actionSize: a });
  const tracker = episodeTracker(N);

  /** Reparameterised action and its log-probability for observations `obs` and noise `eps`. */
  const sample = (obs: tf.Tensor2D, eps: tf.Tensor2D): { action: tf.Tensor2D; logp: tf.Tensor1D } => {
    const out = mlpForward(actor, obs);
    const rows = obs.shape[0];
    const mean = tf.slice(out, [0, 0], [rows, a]) as tf.Tensor2D;
    const raw = tf.slice(out, [0, a], [rows, a]);
    const logStd = tf.add(
      LOG_STD_MIN,
      tf.mul(0.5 * (LOG_STD_MAX - LOG_STD_MIN), tf.add(tf.tanh(raw), 1)),
    ) as tf.Tensor2D;
    const u = tf.add(mean, tf.mul(tf.exp(logStd), eps)) as tf.Tensor2D;
    const action = tf.add(tf.mul(tf.tanh(u), scaleT), biasT) as tf.Tensor2D;
    return { action, logp: tanhGaussianLogProb(mean, logStd, u, scaleT) };
  };
  const qValue = (net: Mlp, obs: tf.Tensor2D, action: tf.Tensor2D): tf.Tensor1D =>
    tf.squeeze(mlpForward(net, tf.concat([obs, action], 1)), [1]) as tf.Tensor1D;
  const noise = (): tf.Tensor2D => tf.tensor2d(noiseRng.fillNormal(new Float32Array(B * a)), [B, a]);

  const makePolicy = async (): Promise<Policy> => ({
    kind: "tanh-gaussian",
    obsSize: d,
    action: actionSpec(space),
    net: await snapshotMlp(actor),
    logStdRange: [LOG_STD_MIN, LOG_STD_MAX],
  });

  try {
    let policy = await makePolicy();
    let obs = Float32Array.from(env.reset(envSeed));
    let globalStep = 0;
    let stepIndex = 0;
    const metrics: Record<string, number> = {};
    while (globalStep < cfg.totalSteps) {
      if (log.aborted) break;
      let actions: Float32Array;
      if (globalStep < cfg.learningStarts) {
        actions = new Float32Array(N * a);
        for (let i = 0; i < N; i++) space.sample(actRng, actions.subarray(i * a, (i + 1) * a));
      } else {
        actions = act(policy, obs, N, { rng: actRng }) as Float32Array;
      }
      const result = env.step(actions);
      globalStep += N;
      stepIndex++;
      const ep = episodeMetrics(tracker.record(result));
      if (ep) log.log(globalStep, ep);
      buffer.add(obs, actions, result.rewards, result.finalObservations, result.terminated, N);
      obs = Float32Array.from(result.observations);

      if (globalStep > cfg.learningStarts) {
        const batch = buffer.sample(B, sampleRng);
        const t = tf.tidy(() => ({
          obs: tf.tensor2d(batch.obs, [B, d]),
          next: tf.tensor2d(batch.nextObs, [B, d]),
          act: tf.tensor2d(batch.actions as Float32Array, [B, a]),
          rew: tf.tensor1d(batch.rewards),
          term: tf.tensor1d(batch.terminated),
          nextEps: noise(),
        }));
        const target = tf.tidy(() => {
          const { action, logp } = sample(t.next, t.nextEps);
          const minQ = tf.minimum(qValue(q1Target, t.next, action), qValue(q2Target, t.next, action));
          const soft = tf.sub(minQ, tf.mul(alpha, logp));
          return tf.add(t.rew, tf.mul(tf.mul(cfg.gamma, tf.sub(1, t.term)), soft));
        });
        metrics.qf_loss = await qOpt.step(() =>
          tf.add(
            tf.losses.meanSquaredError(target, qValue(q1, t.obs, t.act)),
            tf.losses.meanSquaredError(target, qValue(q2, t.obs, t.act)),
          ) as tf.Scalar
        );
        tf.dispose([...Object.values(t), target]);

        if (stepIndex % cfg.policyFrequency === 0) {
          for (let k = 0; k < cfg.policyFrequency; k++) {
            const pObs = tf.tensor2d(batch.obs, [B, d]);
            const eps = noise();
            let logpMean: tf.Tensor | null = null;
            metrics.actor_loss = await actorOpt.step(() => {
              const { action, logp } = sample(pObs, eps);
              if (alphaOpt !== null) logpMean = tf.keep(tf.mean(logp));
              const minQ = tf.minimum(qValue(q1, pObs, action), qValue(q2, pObs, action));
              return tf.mean(tf.sub(tf.mul(alpha, logp), minQ)) as tf.Scalar;
            });
            if (alphaOpt !== null && logpMean !== null) {
              // L_α = −α·(mean log π + H̄); dL/d log α = −α·(mean log π + H̄) (α = exp(log α)).
              const m = (await (logpMean as tf.Tensor).data())[0];
              (logpMean as tf.Tensor).dispose();
              metrics.alpha_loss = -alpha * (m + targetEntropy);
              alpha = Math.exp(alphaOpt.step(-alpha * (m + targetEntropy)));
            }
            tf.dispose([pObs, eps]);
          }
          policy = await makePolicy();
        }
        if (stepIndex % cfg.targetNetworkFrequency === 0) {
          polyakUpdate(q1Target, q1, cfg.tau);
          polyakUpdate(q2Target, q2, cfg.tau);
        }
        if (stepIndex % 100 === 0) log.log(globalStep, { ...metrics, alpha });
      }
      if (stepIndex % 100 === 0) log.progress(globalStep);
      if (await log.maybeEvaluate(globalStep, makePolicy, globalStep >= cfg.totalSteps)) break;
    }
    return log.result(await makePolicy(), globalStep);
  } finally {
    qOpt.dispose();
    actorOpt.dispose();
    for (const net of [actor, q1, q2, q1Target, q2Target]) disposeMlp(net);
    tf.dispose([scaleT, biasT]);
  }
}
