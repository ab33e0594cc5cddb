/**
 * Offline RL on a D4RL-layout dataset: f-DVL (Dual RL, Sec. 6.1) with the χ² and total-variation conjugates, and
 * the baselines of its Table 3 on the same networks: XQL (= f-DVL with reverse KL, Gumbel loss with clip and
 * batch-max rescaling), IQL (expectile V), CQL(H) (conservative twin Q with a SAC actor) and BC.
 *
 * One update of the value-based methods (f-DVL, XQL, IQL; official order V → actor → Q → target):
 * - V: mean over the batch (plus `randomActions` copies of each state with uniform actions) of the V loss on
 *   d = min(Q̄₁, Q̄₂)(s, a) − V(s), Q̄ the Polyak target critic;
 * - actor: AWR, −mean(min(exp(β·(Q̄ − V)), 100)·log π(a|s)) with the Gaussian actor;
 * - Q: Huber(δ = 20) of Qᵢ(s, a) − (r + γ(1 − terminal)·V(s′)) for both critics;
 * - Q̄ ← τQ + (1 − τ)Q̄.
 * The three losses use disjoint parameters and stop-gradients between them, so they are summed and applied in
 * one Adam step (Adam is per-parameter, so this equals three optimisers), a speed-up on small CPUs; the one
 * difference from the official sequential update is that Q bootstraps from V before (not after) this step's V
 * update.
 *
 * @module
 */
import { checkInRange, checkInteger, checkOneOf, checkPositive } from "../core/errors.ts";
import { Rng } from "../core/rng.ts";
import type { Dataset, Policy } from "../agents/mod.ts";
import {
  createAdam,
  gaussianLogProb,
  mlpForward,
  mlpParams,
  tanhGaussianLogProb,
  tf,
} from "../tensor/mod.ts";
import type { RecordRow } from "../record/mod.ts";
import {
  awrPolicyLoss,
  awrWeights,
  bellmanTarget,
  cqlPenalty,
  expectileLoss,
  fdvlValueLoss,
  gumbelLoss,
  huberLoss,
  rawGumbelLoss,
  stopGradient,
} from "./losses.ts";
import {
  actorParams,
  actorPolicy,
  type Batch,
  createDualNets,
  disposeDualNets,
  type DualNets,
  minQ,
  normalNoise,
  polyakTwin,
  qParams,
  qValues,
  sampleBatch,
  tanhActorHead,
  type TensorDataset,
  uniformActions,
  uploadDataset,
  vValue,
} from "./nets.ts";
import { splitEpisodes } from "./datasets.ts";
import { type CommonConfig, evaluateInto, type OfflineOptions, resolveCommon, runSettings } from "./loop.ts";

/**
 * Offline RL algorithms.
 *
 * @example
 * ```ts
 * import { OFFLINE_ALGOS } from "./offline.ts";
 * OFFLINE_ALGOS.includes("fdvl-chi2"); // true
 * ```
 */
export const OFFLINE_ALGOS = ["fdvl-chi2", "fdvl-tv", "xql", "xql-raw", "iql", "cql", "bc"] as const;
/** An offline RL algorithm: f-DVL χ²/TV, XQL (stabilised as the official code, or raw), IQL, CQL, BC. */
export type OfflineAlgo = typeof OFFLINE_ALGOS[number];

/** Hyperparameters (defaults: the official MuJoCo settings, Sikchi et al. README / configs, IQL and XQL papers). */
export interface OfflineConfig extends CommonConfig {
  /** Algorithm. */
  algo: OfflineAlgo;
  /** Minibatch size (default 1024 for f-DVL as the official runs; set it lower on a CPU). */
  batchSize?: number;
  /** f-DVL temperature λ (default 1 for χ², 0.8 for TV, the README's examples). */
  lambda?: number;
  /** XQL's β (loss temperature; default 2, XQL's MuJoCo setting). */
  xqlBeta?: number;
  /** XQL's clip of z = d/β (default 7). */
  maxClip?: number;
  /** IQL expectile τ (default 0.7). */
  expectile?: number;
  /** AWR inverse temperature β (default 3, f-DVL MuJoCo; IQL uses 3 as well). */
  awrBeta?: number;
  /** Uniform-action copies of each state in the V loss (default 1 for f-DVL, 0 otherwise). */
  randomActions?: number;
  /** CQL's conservative weight α (default 5) and sampled actions per state (default 4). */
  cqlAlpha?: number;
  /** CQL sampled actions per state for the log-sum-exp. */
  cqlSamples?: number;
  /** CQL/SAC entropy coefficient (default 0.2, fixed). */
  entropyAlpha?: number;
  /**
   * Reward scale (default "iql": r·1000/(max return − min return) over the dataset's complete episodes, the IQL
   * convention the official f-DVL code uses for MuJoCo; or a number).
   */
  rewardScale?: "iql" | number;
}

export type { CommonConfig, OfflineOptions } from "./loop.ts";

/** What {@link trainOffline} returns. */
export interface OfflineResult {
  /** The final policy (plain data; null when training diverged before the first evaluation). */
  policy: Policy;
  /** Rows `{ run, seed, step, v_loss?, q_loss?, actor_loss?, eval_return?, score? }`. */
  records: RecordRow[];
  /** Step at which a loss became NaN/Inf (training stopped there), or null. */
  divergedAt: number | null;
  /** Steps whose |V loss| exceeded 10× the median of the previous 100 plus 1. */
  lossSpikes: number;
  /** Largest |V loss| seen. */
  maxVLoss: number;
  /** V at `probeObservations` (rewards in the dataset's units, i.e. divided by the reward scale). */
  values?: number[];
  /** The reward scale used. */
  rewardScale: number;
}

/**
 * Resolved scale of the dataset's rewards (see {@link OfflineConfig.rewardScale}).
 *
 * @example
 * ```ts
 * import { iqlRewardScale } from "./offline.ts";
 * import { loadPendulumDataset } from "./experiments.ts";
 * iqlRewardScale(loadPendulumDataset("medium-replay")); // 1000 / (max − min episode return)
 * ```
 */
export function iqlRewardScale(data: Dataset): number {
  const returns: number[] = [];
  for (const [s, e] of splitEpisodes(data)) {
    if (!data.terminals[e - 1] && !data.timeouts[e - 1]) continue;
    let r = 0;
    for (let i = s; i < e; i++) r += data.rewards[i];
    returns.push(r);
  }
  if (returns.length < 2) return 1;
  const range = Math.max(...returns) - Math.min(...returns);
  return range > 0 ? 1000 / range : 1;
}

function resolve(config: OfflineConfig) {
  const common = resolveCommon(config, 1024);
  const algo = checkOneOf("algo", config.algo, OFFLINE_ALGOS);
  const fdvl = algo.startsWith("fdvl");
  return {
    ...common,
    algo,
    lambda: checkInRange("lambda", config.lambda ?? (algo === "fdvl-tv" ? 0.8 : 1), {
      min: algo === "fdvl-tv" ? 0.5 : 0,
      max: 1,
      minOpen: true,
    }),
    xqlBeta: checkPositive("xqlBeta", config.xqlBeta ?? 2),
    maxClip: checkPositive("maxClip", config.maxClip ?? 7),
    expectile: checkInRange("expectile", config.expectile ?? 0.7, {
      min: 0,
      max: 1,
      minOpen: true,
      maxOpen: true,
    }),
    randomActions: checkInteger("randomActions", config.randomActions ?? (fdvl ? 1 : 0), { min: 0, max: 4 }),
    cqlAlpha: checkInRange("cqlAlpha", config.cqlAlpha ?? 5, { min: 0 }),
    cqlSamples: checkInteger("cqlSamples", config.cqlSamples ?? 4, { min: 1 }),
    entropyAlpha: checkInRange("entropyAlpha", config.entropyAlpha ?? 0.2, { min: 0 }),
    rewardScale: config.rewardScale ?? "iql",
  };
}

type Resolved = ReturnType<typeof resolve>;

/** The value loss of the V-based algorithms on d = Q̄ − V, as a scalar. */
function valueLoss(cfg: Resolved, d: tf.Tensor1D): tf.Scalar {
  switch (cfg.algo) {
    case "fdvl-chi2":
      return tf.mean(fdvlValueLoss(d, "chi-square", cfg.lambda)) as tf.Scalar;
    case "fdvl-tv":
      return tf.mean(fdvlValueLoss(d, "total-variation", cfg.lambda)) as tf.Scalar;
    case "xql":
      return tf.mean(gumbelLoss(d, cfg.xqlBeta, cfg.maxClip)) as tf.Scalar;
    case "xql-raw":
      return tf.mean(rawGumbelLoss(d, cfg.xqlBeta)) as tf.Scalar;
    case "iql":
      return tf.mean(expectileLoss(d, cfg.expectile)) as tf.Scalar;
    default:
      throw new RangeError(`algo ${cfg.algo} has no value loss`);
  }
}

/** Parts of one update kept for logging. */
interface Parts {
  v: number;
  q: number;
  actor: number;
}

async function valueBasedStep(
  cfg: Resolved,
  nets: DualNets,
  data: TensorDataset,
  b: Batch,
  rng: Rng,
  opt: ReturnType<typeof createAdam>,
  log: boolean,
): Promise<Parts> {
  const rand = cfg.randomActions > 0 && cfg.algo !== "bc"
    ? uniformActions(cfg.batchSize * cfg.randomActions, data.low, data.high, rng)
    : null;
  const kept: tf.Scalar[] = [];
  // Constants of this update, computed outside the gradient tape: Q̄ at the data (and random) actions, V(s) for
  // the advantage and V(s′) for the Q target.
  const consts = cfg.algo === "bc" ? null : tf.tidy(() => {
    const qT = minQ(nets.qTarget, b.obs, b.act);
    const obsRep = rand === null ? null : tf.tile(b.obs, [cfg.randomActions, 1]) as tf.Tensor2D;
    return {
      qT,
      qAll: obsRep === null ? qT : tf.concat([qT, minQ(nets.qTarget, obsRep, rand!)]) as tf.Tensor1D,
      obsAll: obsRep === null ? b.obs : tf.concat([b.obs, obsRep]) as tf.Tensor2D,
      adv: tf.sub(qT, vValue(nets.v, b.obs)) as tf.Tensor1D,
      y: bellmanTarget(b.rew, b.term, vValue(nets.v, b.next), cfg.gamma),
    };
  });
  await opt.step(() => {
    const bc = cfg.algo === "bc";
    const logp = gaussianLogProb(mlpForward(nets.actor, b.obs), nets.logStd, b.act);
    if (bc) {
      const lossPi = tf.neg(tf.mean(logp)) as tf.Scalar;
      kept.push(tf.keep(tf.scalar(0)), tf.keep(tf.scalar(0)), tf.keep(lossPi.clone()));
      return lossPi;
    }
    const c = consts!;
    const lossV = valueLoss(cfg, tf.sub(c.qAll, vValue(nets.v, c.obsAll)) as tf.Tensor1D);
    const lossPi = awrPolicyLoss(awrWeights(c.adv, cfg.awrBeta, 100), logp);
    const y = c.y;
    const lossQ = tf.mul(2, tf.mean(huberLoss(tf.sub(qValues(nets.q, b.obs, b.act), y), 20))) as tf.Scalar;
    kept.push(tf.keep(lossV.clone()), tf.keep(lossQ.clone()), tf.keep(lossPi.clone()));
    return tf.addN([lossV, lossPi, lossQ]) as tf.Scalar;
  }).finally(() => {
    rand?.dispose();
    if (consts !== null) tf.dispose(Object.values(consts));
  });
  // Only the V loss is read every step (spike and NaN counting); Q and actor losses when logging.
  const v = kept[0].dataSync()[0];
  const [q, actor] = log ? [kept[1].dataSync()[0], kept[2].dataSync()[0]] : [NaN, NaN];
  tf.dispose(kept);
  if (cfg.algo !== "bc") polyakTwin(nets.qTarget, nets.q, cfg.tau);
  return { v, q, actor };
}

/** Sample a tanh-Gaussian action at `obs`: a = bias + scale·tanh(u), with its log-probability. */
function sampleTanh(nets: DualNets, data: TensorDataset, obs: tf.Tensor2D, noise: tf.Tensor2D) {
  return tf.tidy(() => {
    const { mean, logStd } = tanhActorHead(nets, obs);
    const u = tf.add(mean, tf.mul(tf.exp(logStd), noise)) as tf.Tensor2D;
    const scale = tf.tensor1d(data.high.map((h, j) => (h - data.low[j]) / 2));
    const bias = tf.tensor1d(data.high.map((h, j) => (h + data.low[j]) / 2));
    const a = tf.add(bias, tf.mul(scale, tf.tanh(u))) as tf.Tensor2D;
    return { a, logp: tanhGaussianLogProb(mean, logStd, u, scale) };
  });
}

async function cqlStep(
  cfg: Resolved,
  nets: DualNets,
  data: TensorDataset,
  b: Batch,
  rng: Rng,
  optQ: ReturnType<typeof createAdam>,
  optPi: ReturnType<typeof createAdam>,
): Promise<Parts> {
  const B = cfg.batchSize;
  const N = cfg.cqlSamples;
  const A = data.actSize;
  const noiseNext = normalNoise(B, A, rng);
  const noiseCur = normalNoise(B * N, A, rng);
  const noisePi = normalNoise(B, A, rng);
  const rand = uniformActions(B * N, data.low, data.high, rng);
  const logVol = data.high.reduce((s, h, j) => s + Math.log(h - data.low[j]), 0);
  try {
    const lossQ = await optQ.step(() => {
      const next = sampleTanh(nets, data, b.next, noiseNext);
      const qNext = tf.sub(minQ(nets.qTarget, b.next, next.a), tf.mul(cfg.entropyAlpha, next.logp));
      const y = stopGradient(bellmanTarget(b.rew, b.term, qNext as tf.Tensor1D, cfg.gamma));
      const obsRep = tf.tile(b.obs, [N, 1]) as tf.Tensor2D;
      const cur = sampleTanh(nets, data, obsRep, noiseCur);
      const aCur = stopGradient(cur.a) as tf.Tensor2D;
      const lpCur = stopGradient(cur.logp);
      const qData = qValues(nets.q, b.obs, b.act); // [2, B]
      const qRand = tf.unstack(tf.add(qValues(nets.q, obsRep, rand), logVol)); // 2 × [N·B]
      const qPi = tf.unstack(tf.sub(qValues(nets.q, obsRep, aCur), lpCur));
      const qd = tf.unstack(qData);
      let total: tf.Tensor = tf.mul(0.5 * 2, tf.mean(tf.square(tf.sub(qData, y))));
      for (let i = 0; i < 2; i++) {
        const sampled = tf.transpose(
          tf.concat([tf.reshape(qRand[i], [N, B]), tf.reshape(qPi[i], [N, B])], 0),
        );
        const pen = cqlPenalty(
          tf.sub(sampled, Math.log(2 * N)) as tf.Tensor2D,
          qd[i] as tf.Tensor1D,
          cfg.cqlAlpha,
        );
        total = tf.add(total, pen);
      }
      return total as tf.Scalar;
    });
    const lossPi = await optPi.step(() => {
      const cur = sampleTanh(nets, data, b.obs, noisePi);
      return tf.mean(tf.sub(tf.mul(cfg.entropyAlpha, cur.logp), minQ(nets.q, b.obs, cur.a))) as tf.Scalar;
    });
    polyakTwin(nets.qTarget, nets.q, cfg.tau);
    return { v: NaN, q: lossQ, actor: lossPi };
  } finally {
    tf.dispose([noiseNext, noiseCur, noisePi, rand]);
  }
}

/**
 * Train an offline RL agent on `data`; evaluate on `opts.evalEnv` (D4RL normalised score with
 * `opts.reference`). A NaN/Inf loss stops training (recorded as `divergedAt`, the policy so far is returned);
 * V-loss spikes are counted.
 *
 * @example
 * ```ts
 * import { trainOffline } from "./offline.ts";
 * import { collect } from "../agents/mod.ts";
 * import { makeEnv } from "../envs/mod.ts";
 * import { Rng } from "../core/rng.ts";
 * const data = collect(makeEnv("Pendulum-v1", { numEnvs: 2 }), "random", 800, new Rng(0));
 * const res = await trainOffline(data, { algo: "fdvl-chi2", gradientSteps: 20, batchSize: 32, hiddenSizes: [16] });
 * res.records.length > 0; // true
 * ```
 */
export async function trainOffline(
  data: Dataset,
  config: OfflineConfig,
  opts: OfflineOptions = {},
): Promise<OfflineResult> {
  const cfg = resolve(config);
  const { seed, evalEvery, run } = runSettings(opts, cfg.algo, cfg.steps);
  const scale = cfg.rewardScale === "iql"
    ? iqlRewardScale(data)
    : checkPositive("rewardScale", cfg.rewardScale);
  const rng = new Rng(seed);
  const tdata = uploadDataset(data, scale);
  const nets = await createDualNets(tdata.obsSize, tdata.actSize, cfg.hiddenSizes, rng.split(), {
    tanhActor: cfg.algo === "cql",
  });
  const batchRng = rng.split();
  const noiseRng = rng.split();
  const records: RecordRow[] = [];
  const optAll = cfg.algo === "cql" ? null : createAdam(
    cfg.algo === "bc" ? actorParams(nets) : [...qParams(nets), ...mlpParams(nets.v), ...actorParams(nets)],
    {
      lr: cfg.lr,
    },
  );
  const optQ = cfg.algo === "cql" ? createAdam(qParams(nets), { lr: cfg.lr }) : null;
  const optPi = cfg.algo === "cql" ? createAdam(actorParams(nets), { lr: cfg.lr }) : null;
  const history: number[] = [];
  let spikes = 0;
  let maxV = 0;
  let divergedAt: number | null = null;
  try {
    let pending: RecordRow | null = null;
    for (let step = 1; step <= cfg.steps; step++) {
      if (opts.signal?.aborted) break;
      const b = sampleBatch(tdata, cfg.batchSize, batchRng);
      let parts: Parts;
      try {
        parts = cfg.algo === "cql"
          ? await cqlStep(cfg, nets, tdata, b, noiseRng, optQ!, optPi!)
          : await valueBasedStep(
            cfg,
            nets,
            tdata,
            b,
            noiseRng,
            optAll!,
            step % cfg.logEvery === 0 || step === cfg.steps,
          );
      } catch (e) {
        if (e instanceof RangeError && /NaN|Infinity|became/.test(e.message)) {
          divergedAt = step;
          records.push({ run, seed, step, diverged: true });
          break;
        }
        throw e;
      } finally {
        tf.dispose(Object.values(b));
      }
      if (!Number.isFinite(parts.v) && cfg.algo !== "cql" && cfg.algo !== "bc") {
        divergedAt = step;
        records.push({ run, seed, step, diverged: true });
        break;
      }
      if (Number.isFinite(parts.v)) {
        maxV = Math.max(maxV, Math.abs(parts.v));
        if (history.length >= 20) {
          const med = [...history].sort((x, y) => x - y)[history.length >> 1];
          if (Math.abs(parts.v) > 10 * med + 1) spikes++;
        }
        history.push(Math.abs(parts.v));
        if (history.length > 100) history.shift();
      }
      if (step % cfg.logEvery === 0 || step === cfg.steps) {
        pending = { run, seed, step, q_loss: parts.q, actor_loss: parts.actor, loss_spikes: spikes };
        if (Number.isFinite(parts.v)) pending.v_loss = parts.v;
      }
      if (step % evalEvery === 0 || step === cfg.steps) {
        pending ??= { run, seed, step };
        await evaluateInto(pending, nets, tdata, opts, step);
      }
      if (pending !== null) {
        records.push(pending);
        pending = null;
        opts.onProgress?.({ done: step, total: cfg.steps, algo: cfg.algo });
      }
    }
    const policy = await actorPolicy(nets, tdata.obsSize, tdata.low, tdata.high);
    let values: number[] | undefined;
    if (opts.probeObservations !== undefined) {
      const n = opts.probeObservations.length / tdata.obsSize;
      const probe = tf.tensor2d(opts.probeObservations, [n, tdata.obsSize]);
      const v = vValue(nets.v, probe);
      values = Array.from(v.dataSync(), (x) => x / scale);
      tf.dispose([probe, v]);
    }
    return { policy, records, divergedAt, lossSpikes: spikes, maxVLoss: maxV, values, rewardScale: scale };
  } finally {
    optAll?.dispose();
    optQ?.dispose();
    optPi?.dispose();
    disposeDualNets(nets);
    tdata.dispose();
  }
}
