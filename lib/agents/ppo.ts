/**
 * Proximal Policy Optimization (Schulman et al. 2017, "Proximal Policy Optimization Algorithms"), discrete and
 * continuous, following CleanRL's `ppo.py` and `ppo_continuous_action.py` (Huang et al. 2022, "The 37
 * Implementation Details of PPO"): separate actor and critic MLPs with orthogonal init (gain √2, policy head 0.01,
 * value head 1), one Adam (ε = 1e-5) over both with global-norm clipping, linear learning-rate annealing, GAE,
 * per-minibatch advantage normalisation, the clipped surrogate, clipped value loss and an entropy bonus.
 *
 * Losses, for a minibatch (PPO paper eq. 7 and 9; value clipping as CleanRL):
 *   r(θ) = exp(log π_θ(a|s) − log π_old(a|s)),
 *   L_pg = mean(max(−Â·r, −Â·clip(r, 1 − ε, 1 + ε))),
 *   L_v = ½·mean(max((V − R)², (V_old + clip(V − V_old, −ε, ε) − R)²)),
 *   L = L_pg − c_ent·mean(H[π]) + c_v·L_v.
 * GAE (Schulman et al. 2016, eq. 16): δ_t = r_t + γ(1 − d_{t+1})V(s_{t+1}) − V(s_t), Â_t = δ_t + γλ(1 − d_{t+1})Â_{t+1}.
 *
 * One deliberate difference from CleanRL: an episode cut by the time limit is bootstrapped (its last reward gets
 * + γ·V(final observation)), as Stable-Baselines3 does, instead of being treated as terminal; `bootstrapTruncated:
 * false` restores CleanRL's behaviour.
 *
 * @module
 */
import { actionDim, checkVecEnv, episodeTracker, obsDim, type VecEnv } from "../core/env.ts";
import { checkInRange, checkInteger, checkPositive, describe } from "../core/errors.ts";
import type { Rng } from "../core/rng.ts";
import { type Box, Discrete } from "../core/spaces.ts";
import { tf } from "../tensor/backend.ts";
import { categoricalEntropy, categoricalLogProb, gaussianEntropy, gaussianLogProb } from "../tensor/heads.ts";
import { type Activation, createMlp, disposeMlp, mlpForward, mlpParams } from "../tensor/mlp.ts";
import { createAdam } from "../tensor/optim.ts";
import { snapshotForward, snapshotMlp } from "../tensor/snapshot.ts";
import { gatherInts, gatherRows, range } from "./_batch.ts";
import { episodeMetrics, prepareBackend, TrainLog, type TrainOptions, type TrainResult } from "./_train.ts";
import { actionSpec, normalizeObservations, type Policy } from "./policy.ts";
import { rewardNormalizer, runningMeanStd, updateRunningMeanStd } from "./running_stats.ts";

/** PPO hyperparameters; every field is optional, defaults are CleanRL's (discrete / continuous where they differ). */
export interface PpoConfig {
  /** Env steps in total, summed over copies (default 500 000 / 1 000 000). */
  totalSteps?: number;
  /** Steps per copy per rollout (default 128 / 2048); the batch is `numSteps × env.numEnvs`. */
  numSteps?: number;
  /** Adam learning rate (default 2.5e-4 / 3e-4). */
  lr?: number;
  /** Anneal the learning rate linearly to 0 (default true). */
  annealLr?: boolean;
  /** Discount γ (default 0.99). */
  gamma?: number;
  /** GAE λ (default 0.95). */
  gaeLambda?: number;
  /** Minibatches per epoch (default 4 / 32). */
  numMinibatches?: number;
  /** Epochs over each batch (default 4 / 10). */
  updateEpochs?: number;
  /** Normalise advantages per minibatch (default true). */
  normAdv?: boolean;
  /** Surrogate clipping ε (default 0.2). */
  clipCoef?: number;
  /** Clip the value loss too (default true). */
  clipVloss?: boolean;
  /** Entropy coefficient (default 0.01 / 0). */
  entCoef?: number;
  /** Value-loss coefficient (default 0.5). */
  vfCoef?: number;
  /** Global gradient-norm clip (default 0.5). */
  maxGradNorm?: number;
  /** Stop an update's epochs early when the approximate KL exceeds this (default: never). */
  targetKl?: number | null;
  /** Hidden layer widths of actor and critic (default [64, 64]). */
  hiddenSizes?: number[];
  /** Hidden activation (default "tanh"). */
  activation?: Activation;
  /** Normalise observations with running statistics, clipped to ±10 (default false / true). */
  normalizeObservations?: boolean;
  /** Scale rewards by the running std of the discounted return, clipped to ±10 (default false / true). */
  normalizeRewards?: boolean;
  /** Bootstrap time-limit truncations with γ·V(final observation) (default true). */
  bootstrapTruncated?: boolean;
}

/** A {@link PpoConfig} with every default filled in. */
export type ResolvedPpoConfig = Required<PpoConfig>;

/**
 * Fill in and validate a PPO config for an action space (defaults differ between discrete and continuous).
 *
 * @example
 * ```ts
 * import { resolvePpoConfig } from "./ppo.ts";
 * import { Discrete } from "../core/spaces.ts";
 * resolvePpoConfig({ totalSteps: 1e5 }, new Discrete(2)).numMinibatches; // 4
 * ```
 */
export function resolvePpoConfig(config: PpoConfig, space: Box | Discrete): ResolvedPpoConfig {
  if (typeof config !== "object" || config === null) {
    throw new TypeError(`config must be an object, got ${describe(config)}`);
  }
  const discrete = space instanceof Discrete;
  const c: ResolvedPpoConfig = {
    totalSteps: config.totalSteps ?? (discrete ? 500_000 : 1_000_000),
    numSteps: config.numSteps ?? (discrete ? 128 : 2048),
    lr: config.lr ?? (discrete ? 2.5e-4 : 3e-4),
    annealLr: config.annealLr ?? true,
    gamma: config.gamma ?? 0.99,
    gaeLambda: config.gaeLambda ?? 0.95,
    numMinibatches: config.numMinibatches ?? (discrete ? 4 : 32),
    updateEpochs: config.updateEpochs ?? (discrete ? 4 : 10),
    normAdv: config.normAdv ?? true,
    clipCoef: config.clipCoef ?? 0.2,
    clipVloss: config.clipVloss ?? true,
    entCoef: config.entCoef ?? (discrete ? 0.01 : 0),
    vfCoef: config.vfCoef ?? 0.5,
    maxGradNorm: config.maxGradNorm ?? 0.5,
    targetKl: config.targetKl ?? null,
    hiddenSizes: config.hiddenSizes ?? [64, 64],
    activation: config.activation ?? "tanh",
    normalizeObservations: config.normalizeObservations ?? !discrete,
    normalizeRewards: config.normalizeRewards ?? !discrete,
    bootstrapTruncated: config.bootstrapTruncated ?? true,
  };
  checkInteger("totalSteps", c.totalSteps, { min: 1 });
  checkInteger("numSteps", c.numSteps, { min: 1 });
  checkPositive("lr", c.lr);
  checkInRange("gamma", c.gamma, { min: 0, max: 1 });
  checkInRange("gaeLambda", c.gaeLambda, { min: 0, max: 1 });
  checkInteger("numMinibatches", c.numMinibatches, { min: 1 });
  checkInteger("updateEpochs", c.updateEpochs, { min: 1 });
  checkPositive("clipCoef", c.clipCoef);
  checkInRange("entCoef", c.entCoef, { min: 0 });
  checkInRange("vfCoef", c.vfCoef, { min: 0 });
  checkPositive("maxGradNorm", c.maxGradNorm);
  if (c.targetKl !== null) checkPositive("targetKl", c.targetKl);
  return c;
}

/**
 * Train PPO on `env` (its `numEnvs` copies are CleanRL's `num_envs`). Logs `episodic_return` as episodes end, and
 * per update `pg_loss`, `v_loss`, `entropy`, `approx_kl`, `clipfrac`, `explained_variance`, `lr`; `eval_return`
 * when `opts.evalEnv` or `opts.evaluate` is given.
 *
 * @example
 * ```ts
 * import { trainPpo } from "./ppo.ts";
 * import { evaluatePolicy } from "./evaluate.ts";
 * import { makeEnv } from "../envs/mod.ts";
 * const env = makeEnv("CartPole-v1", { numEnvs: 4 });
 * const { policy, records } = await trainPpo(env, { totalSteps: 2048 }, { seed: 1 });
 * evaluatePolicy(makeEnv("CartPole-v1", { numEnvs: 5 }), policy, { episodes: 5 }).mean;
 * ```
 */
export async function trainPpo(
  env: VecEnv,
  config: PpoConfig = {},
  opts: TrainOptions = {},
): Promise<TrainResult> {
  checkVecEnv("env", env);
  const cfg = resolvePpoConfig(config, env.actionSpace);
  await prepareBackend(opts.backend);
  const log = new TrainLog("ppo", cfg.totalSteps, opts);
  const discrete = env.actionSpace instanceof Discrete;
  const N = env.numEnvs;
  const T = cfg.numSteps;
  const d = obsDim(env.observationSpace);
  const aDim = discrete ? 1 : actionDim(env.actionSpace);
  const nOut = discrete ? (env.actionSpace as Discrete).n : aDim;
  const batchSize = T * N;
  const mbSize = Math.floor(batchSize / cfg.numMinibatches);
  if (mbSize < 1) {
    throw new RangeError(`numMinibatches ${cfg.numMinibatches} exceeds the batch size ${batchSize}`);
  }
  const numUpdates = Math.max(1, Math.floor(cfg.totalSteps / batchSize));

  const root = log.rng;
  const initRng = root.split();
  const actRng = root.split();
  const shuffleRng = root.split();
  const envSeed = root.nextUint32();

  const net = { inputSize: d, hiddenSizes: cfg.hiddenSizes, activation: cfg.activation, rng: initRng };
  const actor = await createMlp({ ...net, outputSize: nOut, outputGain: 0.01 });
  const critic = await createMlp({ ...net, outputSize: 1, outputGain: 1 });
  const logStd: tf.Variable<tf.Rank.R1> | null = discrete
    ? null
    : tf.tidy(() => tf.variable(tf.zeros([aDim]) as tf.Tensor1D, true));
  const params = [...mlpParams(actor), ...mlpParams(critic), ...(logStd ? [logStd] : [])];
  const opt = createAdam(params, { lr: cfg.lr, eps: 1e-5, clipNorm: cfg.maxGradNorm });

  const obsRms = cfg.normalizeObservations ? runningMeanStd(d) : null;
  const rewNorm = cfg.normalizeRewards ? rewardNormalizer(N, cfg.gamma) : null;
  const prepare = (raw: Float32Array): Float32Array => {
    if (obsRms === null) return Float32Array.from(raw);
    updateRunningMeanStd(obsRms, raw, N);
    return normalizeObservations({ mean: obsRms.mean, var: obsRms.var, clip: 10 }, raw);
  };
  const frozenNorm = () =>
    obsRms === null
      ? undefined
      : { mean: Float64Array.from(obsRms.mean), var: Float64Array.from(obsRms.var), clip: 10 };

  const obsBuf = new Float32Array(batchSize * d);
  const actBuf = discrete ? new Int32Array(batchSize) : new Float32Array(batchSize * aDim);
  const logpBuf = new Float64Array(batchSize);
  const rewBuf = new Float64Array(batchSize);
  const doneBuf = new Uint8Array(batchSize); // done after step t (CleanRL's dones[t+1])
  const valBuf = new Float64Array(batchSize);
  const advBuf = new Float64Array(batchSize);
  const retBuf = new Float64Array(batchSize);

  const tracker = episodeTracker(N);
  let obs = prepare(env.reset(envSeed));
  let globalStep = 0;

  const makePolicy = async (): Promise<Policy> => ({
    kind: discrete ? "categorical" : "gaussian",
    obsSize: d,
    action: actionSpec(env.actionSpace),
    net: await snapshotMlp(actor),
    ...(logStd ? { logStd: Float32Array.from(await logStd.data() as Float32Array) } : {}),
    ...(obsRms ? { obsNorm: frozenNorm() } : {}),
  });

  try {
    for (let update = 1; update <= numUpdates; update++) {
      if (log.aborted) break;
      if (cfg.annealLr) opt.setLearningRate((1 - (update - 1) / numUpdates) * cfg.lr);
      const actorSnap = await snapshotMlp(actor);
      const criticSnap = await snapshotMlp(critic);
      const std = logStd ? Array.from(await logStd.data() as Float32Array, Math.exp) : [];
      const logStdValues = std.map(Math.log);

      for (let t = 0; t < T; t++) {
        const row = t * N;
        obsBuf.set(obs, row * d);
        const out = snapshotForward(actorSnap, obs, N);
        const v = snapshotForward(criticSnap, obs, N);
        for (let i = 0; i < N; i++) valBuf[row + i] = v[i];
        const actions = discrete ? new Int32Array(N) : new Float32Array(N * aDim);
        for (let i = 0; i < N; i++) {
          if (discrete) {
            const [a, lp] = sampleCategoricalWithLogp(out, i * nOut, nOut, actRng);
            actions[i] = a;
            logpBuf[row + i] = lp;
          } else {
            let lp = 0;
            for (let j = 0; j < aDim; j++) {
              const eps = actRng.normal();
              actions[i * aDim + j] = out[i * aDim + j] + std[j] * eps;
              // log N(a; μ, σ) with a − μ = σ·ε computed from the stored float32 action, as torch does.
              const z = (Math.fround(actions[i * aDim + j]) - out[i * aDim + j]) / std[j];
              lp += -0.5 * z * z - logStdValues[j] - HALF_LOG_2PI;
            }
            logpBuf[row + i] = lp;
          }
        }
        actBuf.set(actions, row * aDim);
        const result = env.step(actions);
        globalStep += N;
        const finished = tracker.record(result);
        const metrics = episodeMetrics(finished);
        if (metrics) log.log(globalStep, metrics);
        const rewards = rewNorm
          ? rewNorm.normalize(result.rewards, orFlags(result.terminated, result.truncated))
          : result.rewards;
        let finalNorm: Float32Array | null = null;
        for (let i = 0; i < N; i++) {
          let r = rewards[i];
          if (cfg.bootstrapTruncated && result.truncated[i] && !result.terminated[i]) {
            finalNorm ??= normalizeObservations(frozenNorm(), result.finalObservations);
            const vFinal = snapshotForward(criticSnap, finalNorm.subarray(i * d, (i + 1) * d), 1)[0];
            r += cfg.gamma * vFinal;
          }
          rewBuf[row + i] = r;
          doneBuf[row + i] = result.terminated[i] | result.truncated[i];
        }
        obs = prepare(result.observations);
      }

      // GAE over the rollout, bootstrapping from the value of the observation after it.
      const nextV = snapshotForward(criticSnap, obs, N);
      for (let i = 0; i < N; i++) {
        let lastGae = 0;
        for (let t = T - 1; t >= 0; t--) {
          const k = t * N + i;
          const nonTerminal = 1 - doneBuf[k];
          const nextValue = t === T - 1 ? nextV[i] : valBuf[k + N];
          const delta = rewBuf[k] + cfg.gamma * nextValue * nonTerminal - valBuf[k];
          lastGae = delta + cfg.gamma * cfg.gaeLambda * nonTerminal * lastGae;
          advBuf[k] = lastGae;
          retBuf[k] = lastGae + valBuf[k];
        }
      }

      const idx = range(batchSize);
      let stats: Record<string, number> = {};
      let stop = false;
      for (let epoch = 0; epoch < cfg.updateEpochs && !stop; epoch++) {
        shuffleRng.shuffle(idx);
        for (let start = 0; start + mbSize <= batchSize; start += mbSize) {
          const lastMinibatch = start + 2 * mbSize > batchSize;
          const wantStats = (lastMinibatch && epoch === cfg.updateEpochs - 1) || cfg.targetKl !== null;
          const mbAdv = gatherRows(advBuf, 1, idx, start, mbSize);
          if (cfg.normAdv) normalizeInPlace(mbAdv);
          const kept: tf.Scalar[] = [];
          const tensors = tf.tidy(() => ({
            obs: tf.tensor2d(gatherRows(obsBuf, d, idx, start, mbSize), [mbSize, d]),
            act: discrete
              ? tf.tensor1d(gatherInts(actBuf as Int32Array, idx, start, mbSize), "int32")
              : tf.tensor2d(gatherRows(actBuf, aDim, idx, start, mbSize), [mbSize, aDim]),
            oldLogp: tf.tensor1d(gatherRows(logpBuf, 1, idx, start, mbSize)),
            adv: tf.tensor1d(mbAdv),
            ret: tf.tensor1d(gatherRows(retBuf, 1, idx, start, mbSize)),
            oldV: tf.tensor1d(gatherRows(valBuf, 1, idx, start, mbSize)),
          }));
          await opt.step(() => {
            const out = mlpForward(actor, tensors.obs);
            let newLogp: tf.Tensor1D;
            let entropy: tf.Scalar;
            if (discrete) {
              newLogp = categoricalLogProb(out, tensors.act as tf.Tensor1D);
              entropy = tf.mean(categoricalEntropy(out));
            } else {
              newLogp = gaussianLogProb(out, logStd!, tensors.act as tf.Tensor2D);
              entropy = gaussianEntropy(logStd!) as tf.Scalar; // state-independent: the batch mean is itself
            }
            const logRatio = tf.sub(newLogp, tensors.oldLogp);
            const ratio = tf.exp(logRatio);
            const pg1 = tf.mul(tf.neg(tensors.adv), ratio);
            const pg2 = tf.mul(
              tf.neg(tensors.adv),
              tf.clipByValue(ratio, 1 - cfg.clipCoef, 1 + cfg.clipCoef),
            );
            const pgLoss = tf.mean(tf.maximum(pg1, pg2)) as tf.Scalar;
            const v = tf.squeeze(mlpForward(critic, tensors.obs), [1]);
            const vErr = tf.square(tf.sub(v, tensors.ret));
            let vLoss: tf.Scalar;
            if (cfg.clipVloss) {
              const vClipped = tf.add(
                tensors.oldV,
                tf.clipByValue(tf.sub(v, tensors.oldV), -cfg.clipCoef, cfg.clipCoef),
              );
              vLoss = tf.mul(
                0.5,
                tf.mean(tf.maximum(vErr, tf.square(tf.sub(vClipped, tensors.ret)))),
              ) as tf.Scalar;
            } else {
              vLoss = tf.mul(0.5, tf.mean(vErr)) as tf.Scalar;
            }
            const loss = tf.add(
              tf.sub(pgLoss, tf.mul(cfg.entCoef, entropy)),
              tf.mul(cfg.vfCoef, vLoss),
            ) as tf.Scalar;
            if (wantStats) {
              const approxKl = tf.mean(tf.sub(tf.sub(ratio, 1), logRatio)) as tf.Scalar;
              const clipFrac = tf.mean(
                tf.cast(tf.greater(tf.abs(tf.sub(ratio, 1)), cfg.clipCoef), "float32"),
              );
              kept.push(...[pgLoss, vLoss, entropy, approxKl, clipFrac as tf.Scalar].map((s) => tf.keep(s)));
            }
            return loss;
          });
          tf.dispose(Object.values(tensors));
          if (kept.length > 0) {
            const [pg, vl, ent, kl, cf] = await Promise.all(kept.map(async (s) => (await s.data())[0]));
            tf.dispose(kept);
            stats = { pg_loss: pg, v_loss: vl, entropy: ent, approx_kl: kl, clipfrac: cf };
            if (cfg.targetKl !== null && kl > cfg.targetKl) {
              stop = true;
              break;
            }
          }
        }
      }
      log.log(globalStep, {
        ...stats,
        explained_variance: explainedVariance(valBuf, retBuf),
        lr: opt.learningRate,
      });
      log.progress(globalStep);
      if (await log.maybeEvaluate(globalStep, makePolicy, update === numUpdates)) break;
    }
    return log.result(await makePolicy(), globalStep);
  } finally {
    opt.dispose();
    disposeMlp(actor);
    disposeMlp(critic);
    logStd?.dispose();
  }
}

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

function sampleCategoricalWithLogp(logits: Float32Array, off: number, n: number, rng: Rng): [number, number] {
  let max = -Infinity;
  for (let a = 0; a < n; a++) max = Math.max(max, logits[off + a]);
  let total = 0;
  for (let a = 0; a < n; a++) total += Math.exp(logits[off + a] - max);
  const logZ = max + Math.log(total);
  let u = rng.uniform() * total;
  let pick = n - 1;
  for (let a = 0; a < n; a++) {
    u -= Math.exp(logits[off + a] - max);
    if (u < 0) {
      pick = a;
      break;
    }
  }
  return [pick, logits[off + pick] - logZ];
}

/** (x − mean) / (std + 1e-8) with torch's unbiased std, as CleanRL normalises advantages. */
function normalizeInPlace(x: Float32Array): void {
  const n = x.length;
  let m = 0;
  for (let i = 0; i < n; i++) m += x[i];
  m /= n;
  let v = 0;
  for (let i = 0; i < n; i++) v += (x[i] - m) ** 2;
  const s = n > 1 ? Math.sqrt(v / (n - 1)) : 0;
  for (let i = 0; i < n; i++) x[i] = (x[i] - m) / (s + 1e-8);
}

/** 1 − Var(R − V) / Var(R) (null when the returns are constant), as CleanRL logs it. */
function explainedVariance(values: Float64Array, returns: Float64Array): number | null {
  const n = values.length;
  let mr = 0;
  let md = 0;
  for (let i = 0; i < n; i++) {
    mr += returns[i];
    md += returns[i] - values[i];
  }
  mr /= n;
  md /= n;
  let vr = 0;
  let vd = 0;
  for (let i = 0; i < n; i++) {
    vr += (returns[i] - mr) ** 2;
    vd += (returns[i] - values[i] - md) ** 2;
  }
  return vr === 0 ? null : 1 - vd / vr;
}

function orFlags(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] | b[i];
  return out;
}
