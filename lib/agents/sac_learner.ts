/**
 * The Soft Actor-Critic learner (Haarnoja et al. 2018, "Soft Actor-Critic Algorithms and Applications") apart from
 * any environment loop: networks, optimisers and one gradient step on a replay minibatch. `trainSac` drives it from
 * a VecEnv; model-based learners (MBPO) drive it from model rollouts. Follows CleanRL's
 * `sac_continuous_action.py`: twin Q-networks on (s, a) with Polyak targets, a tanh-squashed Gaussian actor whose
 * log-std is squashed into [−5, 2], automatic entropy tuning, delayed actor and temperature updates (every
 * `policyFrequency` updates, repeated as many times).
 *
 * Losses (Haarnoja et al. 2018b; eq. numbers of that paper):
 *   y = r + γ(1 − terminated)·(min_j Q̄_j(s', a') − α log π(a'|s')), a' ~ π(·|s')       (eq. 3, target)
 *   L_Q = mean((Q₁(s, a) − y)²) + mean((Q₂(s, a) − y)²)                                   (eq. 5)
 *   L_π = mean(α log π(ã|s) − min_j Q_j(s, ã)), ã = bias + scale·tanh(μ + σ·ε)            (eq. 7, reparameterised)
 *   L_α = mean(−α·(log π(ã|s) + H̄)), α = exp(log α)                                      (eq. 18, CleanRL's form)
 * with log π(ã|s) = log N(u; μ, σ) − Σ log(scale·(1 − tanh²u) + 1e-6) (appendix C). The temperature step reuses
 * the actor step's sample ã (as Stable-Baselines3 does) where CleanRL draws a fresh one; it is one scalar, so its
 * Adam runs in TypeScript. Gaussian noise is drawn from the learner's seeded stream, so runs are reproducible.
 *
 * @module
 */
import { checkInRange, checkInteger, checkOneOf, checkPositive, describe } from "../core/errors.ts";
import type { Rng } from "../core/rng.ts";
import { Box } from "../core/spaces.ts";
import { tf } from "../tensor/backend.ts";
import { tanhGaussianLogProb } from "../tensor/heads.ts";
import { type Activation, createMlp, disposeMlp, type Mlp, mlpForward, mlpParams } from "../tensor/mlp.ts";
import { copyWeights, createAdam, polyakUpdate } from "../tensor/optim.ts";
import { snapshotMlp } from "../tensor/snapshot.ts";
import { actionSpec, type Policy } from "./policy.ts";
import type { ReplayBatch } from "./replay.ts";

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
  /** Actor learning rate (default 3e-4). */
  policyLr?: number;
  /** Q learning rate (default 1e-3). */
  qLr?: number;
  /** Actor updates happen every this many updates, this many times (default 2). */
  policyFrequency?: number;
  /** Updates between target updates (default 1). */
  targetNetworkFrequency?: number;
  /** Entropy temperature α when `autotune` is false (default 0.2). */
  alpha?: number;
  /** Tune α towards `targetEntropy` (default true). */
  autotune?: boolean;
  /** Starting α when `autotune` is true (default 1, i.e. log α = 0, as CleanRL). */
  initialAlpha?: number;
  /** Learning rate of log α (default: `policyLr`, as CleanRL). */
  alphaLr?: number;
  /** Target entropy H̄ of the tuned α (default −dim(A), as CleanRL and SB3 "auto"). */
  targetEntropy?: number;
  /**
   * Gradient updates per vectorised env step (default 1: one per `numEnvs` transitions, as CleanRL; SB3's
   * `gradient_steps`). Only `trainSac` uses it.
   */
  gradientSteps?: number;
  /** Hidden widths of actor and Q-networks (default [256, 256]). */
  hiddenSizes?: number[];
  /** Hidden activation (default "relu"). */
  activation?: Activation;
  /**
   * Actions of the first `learningStarts` steps (only `trainSac` uses it): "uniform" (default, CleanRL) or "ou",
   * an Ornstein–Uhlenbeck process per copy and action dimension (lib/agents' `ornsteinUhlenbeck`: x ← x −
   * ouTheta·x + ouSigma·N(0, 1) per env step, clipped to [−1, 1] and mapped onto the action bounds). Temporally
   * correlated actions, as rl-baselines3-zoo's OU action noise for MountainCarContinuous-v0 (its TD3 and DDPG
   * entries; its SAC entry uses gSDE, which lib/agents does not have), reach rewards that uncorrelated noise almost
   * never does.
   */
  warmupNoise?: "uniform" | "ou";
  /** Mean reversion θ of the "ou" warm-up per step (default 0.15). */
  ouTheta?: number;
  /** Noise scale σ of the "ou" warm-up per step (default 0.5). */
  ouSigma?: number;
}

/** A {@link SacConfig} with every default filled in (`targetEntropy` stays `null` for −dim(A)). */
export type ResolvedSacConfig = Required<Omit<SacConfig, "targetEntropy">> & { targetEntropy: number | null };

/**
 * Fill in and validate a SAC config.
 *
 * @example
 * ```ts
 * import { resolveSacConfig } from "./sac_learner.ts";
 * resolveSacConfig({}).tau; // 0.005
 * ```
 */
export function resolveSacConfig(config: SacConfig = {}): ResolvedSacConfig {
  if (typeof config !== "object" || config === null) {
    throw new TypeError(`config must be an object, got ${describe(config)}`);
  }
  const policyLr = config.policyLr ?? 3e-4;
  const c: ResolvedSacConfig = {
    totalSteps: config.totalSteps ?? 1_000_000,
    bufferSize: config.bufferSize ?? 1_000_000,
    gamma: config.gamma ?? 0.99,
    tau: config.tau ?? 0.005,
    batchSize: config.batchSize ?? 256,
    learningStarts: config.learningStarts ?? 5000,
    policyLr,
    qLr: config.qLr ?? 1e-3,
    policyFrequency: config.policyFrequency ?? 2,
    targetNetworkFrequency: config.targetNetworkFrequency ?? 1,
    alpha: config.alpha ?? 0.2,
    autotune: config.autotune ?? true,
    initialAlpha: config.initialAlpha ?? 1,
    alphaLr: config.alphaLr ?? policyLr,
    targetEntropy: config.targetEntropy ?? null,
    gradientSteps: config.gradientSteps ?? 1,
    hiddenSizes: config.hiddenSizes ?? [256, 256],
    activation: config.activation ?? "relu",
    warmupNoise: config.warmupNoise ?? "uniform",
    ouTheta: config.ouTheta ?? 0.15,
    ouSigma: config.ouSigma ?? 0.5,
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
  checkPositive("initialAlpha", c.initialAlpha);
  checkPositive("alphaLr", c.alphaLr);
  if (c.targetEntropy !== null && !Number.isFinite(c.targetEntropy)) {
    throw new RangeError(`targetEntropy must be a finite number, got ${describe(c.targetEntropy)}`);
  }
  checkInteger("gradientSteps", c.gradientSteps, { min: 1 });
  checkOneOf("warmupNoise", c.warmupNoise, ["uniform", "ou"] as const);
  checkInRange("ouTheta", c.ouTheta, { min: 0, max: 1 });
  checkPositive("ouSigma", c.ouSigma);
  return c;
}

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

/** The networks of a {@link SacLearner} (owned by it: do not dispose). */
export interface SacNetworks {
  /** Actor: observation → [mean, raw log-std] of the pre-tanh Gaussian. */
  actor: Mlp;
  /** First Q-network on [observation, action]. */
  q1: Mlp;
  /** Second Q-network. */
  q2: Mlp;
  /** Polyak target of `q1`. */
  q1Target: Mlp;
  /** Polyak target of `q2`. */
  q2Target: Mlp;
}

/** A SAC learner; see {@link createSacLearner}. */
export interface SacLearner {
  /** Observation size. */
  readonly obsSize: number;
  /** Action size. */
  readonly actionSize: number;
  /** The current temperature α. */
  readonly alpha: number;
  /** Gradient updates made so far. */
  readonly updates: number;
  /** Actor updates made so far (a changed count means the acting policy is stale). */
  readonly actorUpdates: number;
  /** The networks (for value gradients and diagnostics). */
  readonly networks: SacNetworks;
  /**
   * One update on a minibatch (`batch.actions` Float32Array rows of `actionSize`): the Q step; every
   * `policyFrequency`-th update, `policyFrequency` actor (and temperature) steps on the same observations; every
   * `targetNetworkFrequency`-th update, the Polyak step. Returns `qf_loss` and, when they ran, `actor_loss`,
   * `alpha_loss`, plus `alpha`.
   */
  update(batch: ReplayBatch): Promise<Record<string, number>>;
  /**
   * Differentiable V(s) = min_j Q_j(s, μ̃(s)) with the deterministic (mean) action μ̃ = bias + scale·tanh(μ(s)):
   * for value gradients ∇ₛV (VaGraM). Call inside `tf.tidy`/`tf.grad`.
   */
  softValue(obs: tf.Tensor2D): tf.Tensor1D;
  /** The current actor as a plain-data tanh-Gaussian policy. */
  policy(): Promise<Policy>;
  /** Free every tensor. */
  dispose(): void;
}

/**
 * Create a SAC learner for observations of size `obsSize` and a Box `actionSpace`, drawing initial weights and
 * reparameterisation noise from `rng`.
 *
 * @example
 * ```ts
 * import { createSacLearner } from "./sac_learner.ts";
 * import { Box } from "../core/spaces.ts";
 * import { Rng } from "../core/rng.ts";
 * const learner = await createSacLearner(3, new Box([-2], [2]), { hiddenSizes: [16, 16] }, new Rng(0));
 * const B = 4;
 * await learner.update({
 *   obs: new Float32Array(3 * B), actions: new Float32Array(B), rewards: new Float32Array(B),
 *   nextObs: new Float32Array(3 * B), terminated: new Float32Array(B),
 * });
 * learner.dispose();
 * ```
 */
export async function createSacLearner(
  obsSize: number,
  actionSpace: Box,
  config: SacConfig,
  rng: Rng,
): Promise<SacLearner> {
  checkInteger("obsSize", obsSize, { min: 1 });
  if (!(actionSpace instanceof Box)) {
    throw new RangeError(`SAC needs a Box action space, got ${describe(actionSpace)}`);
  }
  const cfg = resolveSacConfig(config);
  const d = obsSize;
  const a = actionSpace.size;
  const scale = Array.from({ length: a }, (_, j) => (actionSpace.high[j] - actionSpace.low[j]) / 2);
  const bias = Array.from({ length: a }, (_, j) => (actionSpace.high[j] + actionSpace.low[j]) / 2);
  const initRng = rng.split();
  const noiseRng = rng.split();
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
  const alphaOpt = cfg.autotune ? scalarAdam(Math.log(cfg.initialAlpha), cfg.alphaLr) : null;
  let alpha = cfg.autotune ? cfg.initialAlpha : cfg.alpha;
  const targetEntropy = cfg.targetEntropy ?? -a;
  const scaleT = tf.keep(tf.tensor1d(scale));
  const biasT = tf.keep(tf.tensor1d(bias));
  let updates = 0;
  let actorUpdates = 0;

  const meanAndLogStd = (obs: tf.Tensor2D): { mean: tf.Tensor2D; logStd: tf.Tensor2D } => {
    const out = mlpForward(actor, obs);
    const rows = obs.shape[0];
    const mean = tf.slice(out, [0, 0], [rows, a]) as tf.Tensor2D;
    const raw = tf.slice(out, [0, a], [rows, a]);
    const logStd = tf.add(LOG_STD_MIN, tf.mul(0.5 * (LOG_STD_MAX - LOG_STD_MIN), tf.add(tf.tanh(raw), 1)));
    return { mean, logStd: logStd as tf.Tensor2D };
  };
  /** Reparameterised action and its log-probability for observations `obs` and noise `eps`. */
  const sample = (obs: tf.Tensor2D, eps: tf.Tensor2D): { action: tf.Tensor2D; logp: tf.Tensor1D } => {
    const { mean, logStd } = meanAndLogStd(obs);
    const u = tf.add(mean, tf.mul(tf.exp(logStd), eps)) as tf.Tensor2D;
    const action = tf.add(tf.mul(tf.tanh(u), scaleT), biasT) as tf.Tensor2D;
    return { action, logp: tanhGaussianLogProb(mean, logStd, u, scaleT) };
  };
  const qValue = (net: Mlp, obs: tf.Tensor2D, action: tf.Tensor2D): tf.Tensor1D =>
    tf.squeeze(mlpForward(net, tf.concat([obs, action], 1)), [1]) as tf.Tensor1D;

  const update = async (batch: ReplayBatch): Promise<Record<string, number>> => {
    const B = batch.rewards.length;
    if (batch.obs.length !== B * d || batch.nextObs.length !== B * d || batch.actions.length !== B * a) {
      throw new RangeError(
        `batch must hold ${B} rows of obs (${d}), nextObs (${d}) and actions (${a}), got lengths ` +
          `${batch.obs.length}, ${batch.nextObs.length}, ${batch.actions.length}`,
      );
    }
    const noise = (): tf.Tensor2D => tf.tensor2d(noiseRng.fillNormal(new Float32Array(B * a)), [B, a]);
    const metrics: Record<string, number> = {};
    updates++;
    const t = tf.tidy(() => ({
      obs: tf.tensor2d(batch.obs, [B, d]),
      next: tf.tensor2d(batch.nextObs, [B, d]),
      act: tf.tensor2d(Float32Array.from(batch.actions), [B, a]),
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
    tf.dispose([t.next, t.act, t.rew, t.term, t.nextEps, target]);
    try {
      if (updates % cfg.policyFrequency === 0) {
        for (let k = 0; k < cfg.policyFrequency; k++) {
          const eps = noise();
          let logpMean: tf.Tensor | null = null;
          metrics.actor_loss = await actorOpt.step(() => {
            const { action, logp } = sample(t.obs, eps);
            if (alphaOpt !== null) logpMean = tf.keep(tf.mean(logp));
            const minQ = tf.minimum(qValue(q1, t.obs, action), qValue(q2, t.obs, action));
            return tf.mean(tf.sub(tf.mul(alpha, logp), minQ)) as tf.Scalar;
          });
          eps.dispose();
          if (alphaOpt !== null && logpMean !== null) {
            // L_α = −α·(mean log π + H̄); dL/d log α = −α·(mean log π + H̄) (α = exp(log α)).
            const m = (await (logpMean as tf.Tensor).data())[0];
            (logpMean as tf.Tensor).dispose();
            metrics.alpha_loss = -alpha * (m + targetEntropy);
            alpha = Math.exp(alphaOpt.step(-alpha * (m + targetEntropy)));
          }
          actorUpdates++;
        }
      }
    } finally {
      t.obs.dispose();
    }
    if (updates % cfg.targetNetworkFrequency === 0) {
      polyakUpdate(q1Target, q1, cfg.tau);
      polyakUpdate(q2Target, q2, cfg.tau);
    }
    metrics.alpha = alpha;
    return metrics;
  };

  return {
    obsSize: d,
    actionSize: a,
    get alpha() {
      return alpha;
    },
    get updates() {
      return updates;
    },
    get actorUpdates() {
      return actorUpdates;
    },
    networks: { actor, q1, q2, q1Target, q2Target },
    update,
    softValue(obs: tf.Tensor2D): tf.Tensor1D {
      const { mean } = meanAndLogStd(obs);
      const action = tf.add(tf.mul(tf.tanh(mean), scaleT), biasT) as tf.Tensor2D;
      return tf.minimum(qValue(q1, obs, action), qValue(q2, obs, action)) as tf.Tensor1D;
    },
    async policy(): Promise<Policy> {
      return {
        kind: "tanh-gaussian",
        obsSize: d,
        action: actionSpec(actionSpace),
        net: await snapshotMlp(actor),
        logStdRange: [LOG_STD_MIN, LOG_STD_MAX],
      };
    },
    dispose(): void {
      qOpt.dispose();
      actorOpt.dispose();
      for (const net of [actor, q1, q2, q1Target, q2Target]) disposeMlp(net);
      tf.dispose([scaleT, biasT]);
    },
  };
}
