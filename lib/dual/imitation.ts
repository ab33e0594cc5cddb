/**
 * Offline imitation from a few expert transitions plus unlabeled suboptimal data: ReCOIL (Dual RL, Sec. 5) and the
 * baselines of its Table 2 on the same networks.
 *
 * Every update draws an expert batch (E) from the expert data and a batch (S) from the suboptimal data (which may
 * hold expert transitions, unlabeled); their concatenation is the ½-mixture of the paper's d^mix.
 * - `recoil` (the official practical form): V = implicit maximiser of Q̄ on S (Gumbel loss with XQL's clip and
 *   rescaling); Q regressed to a fixed value on E (200) and to −2 + γV(s′) on S (absorbing value −200 at
 *   terminals; {@link recoilQLoss}); AWR actor on E ∪ S.
 * - `recoil-chi2`: the χ² dual-Q form in the implicit reward r_Q = Q(s,a) − γV̄(s′) ({@link recoilChiSquareLoss},
 *   our reading of Eq. 12 with the χ² conjugate; V̄ as in `recoil`), AWR actor.
 * - `iqlearn`: offline IQ-Learn (Garg et al. 2021) with the χ² regulariser ({@link iqLearnLoss}): expert
 *   residuals from E, the value term (1 − γ)E[V(s₀)] estimated as E_S[V(s) − γV(s′)], V(s) = min Q(s, μ(s)) with
 *   μ the actor's mean; AWR actor.
 * - `smodice`: SMODICE-style (Ma et al. 2022): a state discriminator E vs S gives the reward log D/(1 − D); a χ²
 *   dual value function on S; weighted BC on S with weights max(0, 1 + e/2) ({@link smodiceValueLoss}).
 * - `bc-expert`: BC on E only; `bc-all`: BC on E ∪ S.
 *
 * @module
 */
import { checkInRange, checkOneOf, checkPositive } from "../core/errors.ts";
import { Rng } from "../core/rng.ts";
import type { Dataset, Policy } from "../agents/mod.ts";
import {
  createAdam,
  createMlp,
  disposeMlp,
  gaussianLogProb,
  type Mlp,
  mlpForward,
  mlpParams,
  tf,
} from "../tensor/mod.ts";
import type { RecordRow } from "../record/mod.ts";
import {
  awrPolicyLoss,
  awrWeights,
  discriminatorLoss,
  gumbelLoss,
  iqLearnLoss,
  recoilChiSquareLoss,
  recoilQLoss,
  smodiceValueLoss,
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
  polyakTwin,
  qParams,
  qValues,
  sampleBatch,
  type TensorDataset,
  uploadDataset,
  vValue,
} from "./nets.ts";
import { type CommonConfig, evaluateInto, type OfflineOptions, resolveCommon, runSettings } from "./loop.ts";

/**
 * Offline imitation algorithms.
 *
 * @example
 * ```ts
 * import { IMITATION_ALGOS } from "./imitation.ts";
 * IMITATION_ALGOS.includes("recoil"); // true
 * ```
 */
export const IMITATION_ALGOS = [
  "recoil",
  "recoil-chi2",
  "iqlearn",
  "smodice",
  "bc-expert",
  "bc-all",
] as const;
/** An offline imitation algorithm (see the module doc). */
export type ImitationAlgo = typeof IMITATION_ALGOS[number];

/** Hyperparameters (ReCOIL's official constants where it has them). */
export interface ImitationConfig extends CommonConfig {
  /** Algorithm. */
  algo: ImitationAlgo;
  /** Size of each of the E and S batches (default 256). */
  batchSize?: number;
  /** Gumbel temperature of the implicit-maximiser V (default 1). */
  vBeta?: number;
  /**
   * ReCOIL's expert Q target, mixture reward and absorbing value (default 2/(1 − γ), −2, −2/(1 − γ): the official
   * 200, −2, −200 at γ = 0.99).
   */
  qExpert?: number;
  /** See `qExpert`. */
  rMix?: number;
  /** See `qExpert`. */
  vAbsorb?: number;
  /** Mixture weight β of `recoil-chi2` (default 0.5). */
  mixBeta?: number;
  /** IQ-Learn's χ² α (default 0.5). */
  iqAlpha?: number;
}

/** Options of {@link trainImitation}: those of `trainOffline` except the V probes. */
export type ImitationOptions = Omit<OfflineOptions, "probeObservations">;

/** What {@link trainImitation} returns. */
export interface ImitationResult {
  /** Final policy. */
  policy: Policy;
  /** Rows `{ run, seed, step, loss?, eval_return?, score? }`. */
  records: RecordRow[];
}

function resolve(c: ImitationConfig) {
  const common = resolveCommon(c, 256);
  return {
    ...common,
    algo: checkOneOf("algo", c.algo, IMITATION_ALGOS),
    vBeta: checkPositive("vBeta", c.vBeta ?? 1),
    rMix: c.rMix ?? -2,
    qExpert: c.qExpert ?? 2 / (1 - common.gamma),
    vAbsorb: c.vAbsorb ?? -2 / (1 - common.gamma),
    mixBeta: checkInRange("mixBeta", c.mixBeta ?? 0.5, { min: 0, max: 1 }),
    iqAlpha: checkPositive("iqAlpha", c.iqAlpha ?? 0.5),
  };
}
type Resolved = ReturnType<typeof resolve>;

function cat(a: Batch, b: Batch): Batch {
  return tf.tidy(() => ({
    obs: tf.concat([a.obs, b.obs]) as tf.Tensor2D,
    act: tf.concat([a.act, b.act]) as tf.Tensor2D,
    rew: tf.concat([a.rew, b.rew]) as tf.Tensor1D,
    next: tf.concat([a.next, b.next]) as tf.Tensor2D,
    term: tf.concat([a.term, b.term]) as tf.Tensor1D,
  }));
}

/**
 * Train an offline imitation learner from `expert` (labelled) and `suboptimal` (unlabeled) data. Rewards in the
 * datasets are ignored.
 *
 * @example
 * ```ts
 * import { trainImitation } from "./imitation.ts";
 * import { collect } from "../agents/mod.ts";
 * import { makeEnv } from "../envs/mod.ts";
 * import { Rng } from "../core/rng.ts";
 * const e = collect(makeEnv("Pendulum-v1"), "random", 200, new Rng(0));
 * const s = collect(makeEnv("Pendulum-v1"), "random", 400, new Rng(1));
 * const res = await trainImitation(e, s, { algo: "recoil", gradientSteps: 10, batchSize: 16, hiddenSizes: [16] });
 * res.policy.kind; // "gaussian"
 * ```
 */
export async function trainImitation(
  expert: Dataset,
  suboptimal: Dataset,
  config: ImitationConfig,
  opts: ImitationOptions = {},
): Promise<ImitationResult> {
  const cfg = resolve(config);
  const { seed, evalEvery, run } = runSettings(opts, cfg.algo, cfg.steps);
  const rng = new Rng(seed);
  const E = uploadDataset(expert);
  const S = uploadDataset(suboptimal);
  if (E.obsSize !== S.obsSize || E.actSize !== S.actSize) {
    throw new RangeError("expert and suboptimal must have the same observation and action sizes");
  }
  const nets = await createDualNets(E.obsSize, E.actSize, cfg.hiddenSizes, rng.split());
  const disc = cfg.algo === "smodice"
    ? await createMlp({
      inputSize: E.obsSize,
      hiddenSizes: cfg.hiddenSizes,
      outputSize: 1,
      activation: "relu",
      rng: rng.split(),
    })
    : null;
  const batchRng = rng.split();
  const bc = cfg.algo === "bc-expert" || cfg.algo === "bc-all";
  const params = bc
    ? actorParams(nets)
    : cfg.algo === "smodice"
    ? [...mlpParams(nets.v), ...actorParams(nets)]
    : [...qParams(nets), ...mlpParams(nets.v), ...actorParams(nets)];
  const opt = createAdam(params, { lr: cfg.lr });
  const optD = disc === null ? null : createAdam(mlpParams(disc), { lr: cfg.lr });
  const records: RecordRow[] = [];
  try {
    for (let step = 1; step <= cfg.steps; step++) {
      if (opts.signal?.aborted) break;
      const be = sampleBatch(E, cfg.batchSize, batchRng);
      const bs = sampleBatch(S, cfg.batchSize, batchRng);
      const mix = cat(be, bs);
      let loss: number;
      try {
        if (optD !== null) {
          await optD.step(() => discriminatorLoss(logit(disc!, be.obs), logit(disc!, bs.obs)));
        }
        loss = await opt.step(() => imitationLoss(cfg, nets, disc, be, bs, mix, S));
      } finally {
        tf.dispose([...Object.values(be), ...Object.values(bs), ...Object.values(mix)]);
      }
      if (!bc && cfg.algo !== "smodice") polyakTwin(nets.qTarget, nets.q, cfg.tau);
      let row: RecordRow | null = null;
      if (step % cfg.logEvery === 0 || step === cfg.steps) row = { run, seed, step, loss };
      if (opts.evalEnv !== undefined && (step % evalEvery === 0 || step === cfg.steps)) {
        row ??= { run, seed, step };
        await evaluateInto(row, nets, E, opts, step);
      }
      if (row !== null) {
        records.push(row);
        opts.onProgress?.({ done: step, total: cfg.steps, algo: cfg.algo });
      }
    }
    return { policy: await actorPolicy(nets, E.obsSize, E.low, E.high), records };
  } finally {
    opt.dispose();
    optD?.dispose();
    if (disc !== null) disposeMlp(disc);
    disposeDualNets(nets);
    E.dispose();
    S.dispose();
  }
}

function logit(disc: Mlp, obs: tf.Tensor2D): tf.Tensor1D {
  return tf.squeeze(mlpForward(disc, obs), [1]) as tf.Tensor1D;
}

/** The whole update's loss (parts on disjoint parameters; constants computed without gradient). */
function imitationLoss(
  cfg: Resolved,
  nets: DualNets,
  disc: Mlp | null,
  be: Batch,
  bs: Batch,
  mix: Batch,
  _s: TensorDataset,
): tf.Scalar {
  const logp = (b: Batch) => gaussianLogProb(mlpForward(nets.actor, b.obs), nets.logStd, b.act);
  if (cfg.algo === "bc-expert") return tf.neg(tf.mean(logp(be))) as tf.Scalar;
  if (cfg.algo === "bc-all") return tf.neg(tf.mean(logp(mix))) as tf.Scalar;
  const g = cfg.gamma;
  if (cfg.algo === "smodice") {
    const r = constant(() => logit(disc!, bs.obs));
    const vS = vValue(nets.v, bs.obs);
    const vN = vValue(nets.v, bs.next);
    const e = tf.sub(tf.add(r, tf.mul(tf.mul(g, tf.sub(1, bs.term)), vN)), vS) as tf.Tensor1D;
    const lossV = smodiceValueLoss(vS, e, 1 - g);
    const w = constant(() => tf.relu(tf.add(1, tf.div(e, 2))));
    const lossPi = awrPolicyLoss(w as tf.Tensor1D, logp(bs));
    return tf.add(lossV, lossPi) as tf.Scalar;
  }
  const qT = constant(() => minQ(nets.qTarget, mix.obs, mix.act)) as tf.Tensor1D;
  const adv = constant(() => tf.sub(qT, vValue(nets.v, mix.obs))) as tf.Tensor1D;
  const lossPi = awrPolicyLoss(awrWeights(adv, cfg.awrBeta, 100), logp(mix));
  if (cfg.algo === "iqlearn") {
    // V(s) = min Q(s, μ(s)), μ the actor's mean (a constant action), differentiable in Q.
    const v = (obs: tf.Tensor2D) => {
      const mu = constant(() => mlpForward(nets.actor, obs)) as tf.Tensor2D;
      return tf.min(qValues(nets.q, obs, mu), 0) as tf.Tensor1D;
    };
    const rE = tf.sub(
      tf.min(qValues(nets.q, be.obs, be.act), 0),
      tf.mul(tf.mul(g, tf.sub(1, be.term)), v(be.next)),
    );
    const vDiff = tf.sub(v(bs.obs), tf.mul(tf.mul(g, tf.sub(1, bs.term)), v(bs.next)));
    const lossQ = iqLearnLoss(rE as tf.Tensor1D, vDiff as tf.Tensor1D, cfg.iqAlpha);
    const lossV = tf.mean(
      gumbelLoss(
        tf.sub(constant(() => minQ(nets.qTarget, bs.obs, bs.act)), vValue(nets.v, bs.obs)),
        cfg.vBeta,
      ),
    );
    return tf.addN([lossQ, lossV, lossPi]) as tf.Scalar;
  }
  // ReCOIL: implicit-maximiser V on S.
  const qTS = constant(() => minQ(nets.qTarget, bs.obs, bs.act));
  const lossV = tf.mean(gumbelLoss(tf.sub(qTS, vValue(nets.v, bs.obs)), cfg.vBeta)) as tf.Scalar;
  const vNextS = constant(() => vValue(nets.v, bs.next)) as tf.Tensor1D;
  if (cfg.algo === "recoil") {
    const qE = qValues(nets.q, be.obs, be.act);
    const qS = qValues(nets.q, bs.obs, bs.act);
    const lossQ = tf.mul(
      2,
      recoilQLoss(
        tf.reshape(qE, [-1]) as tf.Tensor1D,
        tf.reshape(qS, [-1]) as tf.Tensor1D,
        tf.concat([vNextS, vNextS]) as tf.Tensor1D,
        tf.concat([bs.term, bs.term]) as tf.Tensor1D,
        g,
        { qExpert: cfg.qExpert, rMix: cfg.rMix, vAbsorb: cfg.vAbsorb },
      ),
    ) as tf.Scalar;
    return tf.addN([lossV, lossQ, lossPi]) as tf.Scalar;
  }
  // recoil-chi2: implicit reward r_Q = Q(s, a) − γ(1 − done)·V̄(s′).
  const vNextE = constant(() => vValue(nets.v, be.next)) as tf.Tensor1D;
  const rQ = (q: tf.Tensor2D, term: tf.Tensor1D, vN: tf.Tensor1D) =>
    tf.reshape(tf.sub(q, tf.mul(tf.mul(g, tf.sub(1, term)), vN)), [-1]) as tf.Tensor1D;
  const rE = rQ(qValues(nets.q, be.obs, be.act), be.term, vNextE);
  const rS = rQ(qValues(nets.q, bs.obs, bs.act), bs.term, vNextS);
  const lossQ = recoilChiSquareLoss(rE, rS, tf.concat([rE, rS]) as tf.Tensor1D, cfg.mixBeta);
  return tf.addN([lossV, lossQ, lossPi]) as tf.Scalar;
}

/** `f()` as data: an identity with zero gradient (TensorFlow.js records every op inside `variableGrads`). */
function constant(f: () => tf.Tensor): tf.Tensor {
  return stopGradient(f());
}
