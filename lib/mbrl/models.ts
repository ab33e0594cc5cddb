/**
 * Dynamics models: an ensemble of MLPs mapping a normalised (s, a) to a normalised state delta, either
 * probabilistic (a Gaussian per member with a learned, soft-bounded log-variance, as PETS' "PE" model; Chua et al.
 * 2018) or deterministic (mean only, as VaGraM's models). All members are evaluated in one batched call
 * (lib/tensor `ensembleForward`). Inputs are standardised with the training data's mean and standard deviation, and
 * the target is the standardised delta (s' − s − mean Δ)/std Δ. An optional reward head (MBPO's models predict the
 * reward with the state; VaGraM's code trains that column with plain squared error added to the state loss) adds
 * one mean-only output, the standardised reward.
 *
 * @module
 */
import { checkInteger, checkLength, checkOneOf, checkPositive } from "../core/errors.ts";
import type { ProgressCallback } from "../core/progress.ts";
import type { Rng } from "../core/rng.ts";
import { tf } from "../tensor/backend.ts";
import {
  createEnsemble,
  disposeEnsemble,
  type Ensemble,
  ensembleForward,
  ensembleParams,
} from "../tensor/ensemble.ts";
import type { Activation } from "../tensor/mlp.ts";
import { createAdam } from "../tensor/optim.ts";
import { gaussianNll, iterVamlLoss, mseLoss, softBoundLogVar, vagramLoss } from "./losses.ts";

/** Transitions as flat rows: `size` rows of obs, actions and next observations. */
export interface Transitions {
  /** `size × obsSize` observations. */
  obs: Float32Array;
  /** `size × actionSize` actions. */
  actions: Float32Array;
  /** `size × obsSize` next observations. */
  nextObs: Float32Array;
  /** `size` rewards (needed to train a model with a reward head; the planners otherwise use a known reward). */
  rewards?: Float32Array;
  /** Number of rows. */
  size: number;
}

/** Options of {@link createDynamicsModel}. */
export interface DynamicsModelOptions {
  /** Observation size. */
  obsSize: number;
  /** Action size. */
  actionSize: number;
  /** Ensemble members (default 5, PETS). */
  members?: number;
  /** Hidden widths (default [200, 200, 200], PETS' cartpole model). */
  hiddenSizes?: number[];
  /** Hidden activation (default "relu"; PETS uses swish, which lib/tensor does not offer). */
  activation?: Activation;
  /** Gaussian heads with learned log-variance (default true); false = mean-only deterministic members. */
  probabilistic?: boolean;
  /** Add a reward head: one more mean-only output predicting r(s, a) (default false). */
  rewardHead?: boolean;
  /** Seed of the initial weights (default 0). */
  seed?: number;
}

/** A dynamics-model ensemble with its normalisation (see {@link createDynamicsModel}). */
export interface DynamicsModel {
  /** Observation size. */
  readonly obsSize: number;
  /** Action size. */
  readonly actionSize: number;
  /** Ensemble members. */
  readonly members: number;
  /** Whether members output a Gaussian (mean and log-variance) or only a mean. */
  readonly probabilistic: boolean;
  /** Whether the members also predict the reward (the last output column). */
  readonly rewardHead: boolean;
  /** The member networks: output [Δ mean, raw log-variance] (probabilistic) or [Δ mean], then [reward] if any. */
  readonly net: Ensemble;
  /** PETS' learned upper bound of the log-variance (per state dimension; trainable). */
  readonly maxLogVar: tf.Variable;
  /** PETS' learned lower bound of the log-variance (trainable). */
  readonly minLogVar: tf.Variable;
  /** Input (s, a) mean, `[1, obsSize + actionSize]` (not trainable; set by {@link fitNormalization}). */
  readonly inMean: tf.Variable;
  /** Input (s, a) standard deviation. */
  readonly inStd: tf.Variable;
  /** Mean of the delta s' − s, `[1, obsSize]`. */
  readonly outMean: tf.Variable;
  /** Standard deviation of the delta s' − s. */
  readonly outStd: tf.Variable;
  /** Mean of the reward, `[1, 1]` (0 without a reward head). */
  readonly rewMean: tf.Variable;
  /** Standard deviation of the reward (1 without a reward head). */
  readonly rewStd: tf.Variable;
}

/**
 * Create a dynamics-model ensemble (identity normalisation until {@link fitNormalization}).
 *
 * @example
 * ```ts
 * import { createDynamicsModel, disposeDynamicsModel } from "./models.ts";
 * const model = await createDynamicsModel({ obsSize: 3, actionSize: 1, members: 3, hiddenSizes: [32] });
 * disposeDynamicsModel(model);
 * ```
 */
export async function createDynamicsModel(opts: DynamicsModelOptions): Promise<DynamicsModel> {
  const obsSize = checkInteger("obsSize", opts.obsSize, { min: 1 });
  const actionSize = checkInteger("actionSize", opts.actionSize, { min: 1 });
  const members = checkInteger("members", opts.members ?? 5, { min: 1 });
  const probabilistic = opts.probabilistic ?? true;
  const rewardHead = opts.rewardHead ?? false;
  const net = await createEnsemble({
    members,
    inputSize: obsSize + actionSize,
    hiddenSizes: opts.hiddenSizes ?? [200, 200, 200],
    outputSize: (probabilistic ? 2 * obsSize : obsSize) + (rewardHead ? 1 : 0),
    activation: opts.activation ?? "relu",
    seed: opts.seed ?? 0,
  });
  const d = obsSize + actionSize;
  const v = (t: () => tf.Tensor, trainable: boolean) => tf.tidy(() => tf.variable(t(), trainable));
  return {
    obsSize,
    actionSize,
    members,
    probabilistic,
    rewardHead,
    net,
    maxLogVar: v(() => tf.fill([1, obsSize], 0.5), true),
    minLogVar: v(() => tf.fill([1, obsSize], -10), true),
    inMean: v(() => tf.zeros([1, d]), false),
    inStd: v(() => tf.ones([1, d]), false),
    outMean: v(() => tf.zeros([1, obsSize]), false),
    outStd: v(() => tf.ones([1, obsSize]), false),
    rewMean: v(() => tf.zeros([1, 1]), false),
    rewStd: v(() => tf.ones([1, 1]), false),
  };
}

/**
 * Free every tensor of a model.
 *
 * @example
 * ```ts
 * import { createDynamicsModel, disposeDynamicsModel } from "./models.ts";
 * disposeDynamicsModel(await createDynamicsModel({ obsSize: 2, actionSize: 1, hiddenSizes: [8] }));
 * ```
 */
export function disposeDynamicsModel(model: DynamicsModel): void {
  disposeEnsemble(model.net);
  for (
    const v of [
      model.maxLogVar,
      model.minLogVar,
      model.inMean,
      model.inStd,
      model.outMean,
      model.outStd,
      model.rewMean,
      model.rewStd,
    ]
  ) {
    v.dispose();
  }
}

/** Column means and standard deviations (floored at 1e-4) of `rows × dim` values. */
function columnStats(values: (r: number, j: number) => number, rows: number, dim: number) {
  const mean = new Float32Array(dim), std = new Float32Array(dim);
  for (let j = 0; j < dim; j++) {
    let s = 0;
    for (let r = 0; r < rows; r++) s += values(r, j);
    const m = s / rows;
    let v = 0;
    for (let r = 0; r < rows; r++) v += (values(r, j) - m) ** 2;
    mean[j] = m;
    std[j] = Math.max(Math.sqrt(v / rows), 1e-4);
  }
  return { mean, std };
}

/**
 * Set the model's input and output normalisation from transitions: inputs (s, a) and deltas s' − s are
 * standardised per coordinate, and so is the reward when the model has a reward head (`data.rewards` required).
 *
 * @example
 * ```ts
 * import { createDynamicsModel, fitNormalization } from "./models.ts";
 * const model = await createDynamicsModel({ obsSize: 1, actionSize: 1, hiddenSizes: [8] });
 * fitNormalization(model, { obs: new Float32Array([0, 1]), actions: new Float32Array([1, -1]), nextObs: new Float32Array([1, 1]), size: 2 });
 * ```
 */
export function fitNormalization(model: DynamicsModel, data: Transitions): void {
  checkTransitions(model, data);
  const d = model.obsSize, a = model.actionSize;
  const inp = columnStats(
    (r, j) => j < d ? data.obs[r * d + j] : data.actions[r * a + j - d],
    data.size,
    d + a,
  );
  const out = columnStats((r, j) => data.nextObs[r * d + j] - data.obs[r * d + j], data.size, d);
  const rew = model.rewardHead ? columnStats((r) => data.rewards![r], data.size, 1) : null;
  tf.tidy(() => {
    if (rew !== null) {
      model.rewMean.assign(tf.tensor2d(rew.mean, [1, 1]));
      model.rewStd.assign(tf.tensor2d(rew.std, [1, 1]));
    }
    model.inMean.assign(tf.tensor2d(inp.mean, [1, d + a]));
    model.inStd.assign(tf.tensor2d(inp.std, [1, d + a]));
    model.outMean.assign(tf.tensor2d(out.mean, [1, d]));
    model.outStd.assign(tf.tensor2d(out.std, [1, d]));
  });
}

/**
 * Check that transitions fit the model's sizes (throws a RangeError naming the bad field).
 *
 * @example
 * ```ts
 * import { checkTransitions } from "./models.ts";
 * checkTransitions({ obsSize: 1, actionSize: 1 }, { obs: new Float32Array(1), actions: new Float32Array(1), nextObs: new Float32Array(1), size: 1 });
 * ```
 */
export function checkTransitions(
  model: Pick<DynamicsModel, "obsSize" | "actionSize"> & { rewardHead?: boolean },
  data: Transitions,
): void {
  const n = checkInteger("data.size", data.size, { min: 1 });
  checkLength("data.obs", data.obs, n * model.obsSize);
  checkLength("data.nextObs", data.nextObs, n * model.obsSize);
  checkLength("data.actions", data.actions, n * model.actionSize);
  if (model.rewardHead) {
    if (data.rewards === undefined) {
      throw new TypeError("data.rewards is needed: the model has a reward head");
    }
    checkLength("data.rewards", data.rewards, n);
  }
}

/**
 * The model's heads on raw observations and actions (`[batch, ·]` shared by all members, or `[members, batch, ·]`):
 * the standardised Δ mean and, for a probabilistic model, its soft-bounded log-variance (Chua et al. 2018,
 * App. A.1), each `[members, batch, obsSize]`, and the standardised reward `[members, batch, 1]` when the model has
 * a reward head (else null). Creates intermediate tensors: call inside `tf.tidy`.
 *
 * @example
 * ```ts
 * import { createDynamicsModel, modelHeads } from "./models.ts";
 * import { tf } from "../tensor/backend.ts";
 * const model = await createDynamicsModel({ obsSize: 2, actionSize: 1, members: 3, hiddenSizes: [8] });
 * modelHeads(model, tf.zeros([4, 2]), tf.zeros([4, 1])).mean.shape; // [3, 4, 2]
 * ```
 */
export function modelHeads(
  model: DynamicsModel,
  obs: tf.Tensor,
  actions: tf.Tensor,
): { mean: tf.Tensor3D; logVar: tf.Tensor3D | null; reward: tf.Tensor3D | null } {
  const x = tf.div(tf.sub(tf.concat([obs, actions], -1), model.inMean), model.inStd);
  const out = ensembleForward(model.net, x as tf.Tensor2D | tf.Tensor3D);
  const d = model.obsSize, width = model.probabilistic ? 2 * d : d;
  let y = out, reward: tf.Tensor3D | null = null;
  if (model.rewardHead) [y, reward] = tf.split(out, [width, 1], -1) as [tf.Tensor3D, tf.Tensor3D];
  if (!model.probabilistic) return { mean: y, logVar: null, reward };
  const [mean, raw] = tf.split(y, [d, d], -1) as [tf.Tensor3D, tf.Tensor3D];
  return { mean, logVar: softBoundLogVar(raw, model.maxLogVar, model.minLogVar) as tf.Tensor3D, reward };
}

/** The model loss to train with. */
export type ModelLoss = "nll" | "mse" | "vagram" | "itervaml";

/** Options of {@link trainDynamicsModel}. */
export interface TrainModelOptions {
  /** Loss (default "nll" for a probabilistic model, else "mse"). */
  loss?: ModelLoss;
  /** Passes over the data (default 5). */
  epochs?: number;
  /** Minibatch size per member (default 256). */
  batchSize?: number;
  /** Adam learning rate (default 1e-3). */
  lr?: number;
  /** Per-transition weights ω (objective-mismatch reweighting, Lambert et al. 2020 Eq. 2). */
  weights?: Float32Array;
  /** "vagram": value gradients ∇V(s') per transition, `size × obsSize` (already stabilised). */
  valueGrad?: Float32Array;
  /** "itervaml": the value function V (held fixed). */
  value?: (obs: tf.Tensor2D) => tf.Tensor1D;
  /** Each member trains on its own bootstrap resample of the data (default true, as PETS). */
  bootstrap?: boolean;
  /** Stream for the bootstrap and minibatch order. */
  rng: Rng;
  /** Stop request, checked between minibatches. */
  signal?: AbortSignal;
  /** Progress in epochs. */
  onProgress?: ProgressCallback;
}

/**
 * Train a model on transitions for some epochs with the chosen loss, each member on its own minibatches in one
 * batched call; returns the mean training loss per epoch. Losses ("nll": {@link gaussianNll} plus PETS'
 * 0.01·(Σ max log-var − Σ min log-var) bound penalty; "mse": {@link mseLoss}; "vagram": {@link vagramLoss} with the
 * value gradient rescaled to standardised Δ units; "itervaml": {@link iterVamlLoss} on V(s + Δ̂) vs V(s')) are
 * taken on the standardised delta. A reward head adds the squared error of the standardised reward to whichever
 * loss (VaGraM's code does so; MBPO's NLL models would model the reward's variance too). Call
 * {@link fitNormalization} first.
 *
 * @example
 * ```ts
 * import { createDynamicsModel, fitNormalization, trainDynamicsModel } from "./models.ts";
 * import { Rng } from "../core/rng.ts";
 * const model = await createDynamicsModel({ obsSize: 1, actionSize: 1, members: 2, hiddenSizes: [16] });
 * const data = { obs: new Float32Array([0, 1, 2]), actions: new Float32Array([1, 1, -1]), nextObs: new Float32Array([1, 2, 1]), size: 3 };
 * fitNormalization(model, data);
 * const losses = await trainDynamicsModel(model, data, { epochs: 2, rng: new Rng(0) });
 * ```
 */
export async function trainDynamicsModel(
  model: DynamicsModel,
  data: Transitions,
  opts: TrainModelOptions,
): Promise<number[]> {
  checkTransitions(model, data);
  const loss = checkOneOf(
    "loss",
    opts.loss ?? (model.probabilistic ? "nll" : "mse"),
    ["nll", "mse", "vagram", "itervaml"] as const,
  );
  if (loss === "nll" && !model.probabilistic) throw new RangeError(`loss "nll" needs a probabilistic model`);
  const epochs = checkInteger("epochs", opts.epochs ?? 5, { min: 1 });
  const n = data.size, d = model.obsSize, a = model.actionSize, m = model.members;
  const batch = Math.min(n, checkInteger("batchSize", opts.batchSize ?? 256, { min: 1 }));
  const lr = checkPositive("lr", opts.lr ?? 1e-3);
  if (opts.weights) checkLength("weights", opts.weights, n);
  if (loss === "vagram") checkLength("valueGrad", opts.valueGrad ?? [], n * d);
  if (loss === "itervaml" && typeof opts.value !== "function") {
    throw new TypeError(`loss "itervaml" needs opts.value, a value function`);
  }
  const rng = opts.rng;
  const bootstrap = opts.bootstrap ?? true;
  const pools = Array.from({ length: m }, () => {
    const idx = new Int32Array(n);
    for (let i = 0; i < n; i++) idx[i] = bootstrap ? rng.integer(n) : i;
    return idx;
  });
  const params = [...ensembleParams(model.net)];
  if (loss === "nll") params.push(model.maxLogVar, model.minLogVar);
  const opt = createAdam(params, { lr });
  const stepsPerEpoch = Math.ceil(n / batch);
  const bo = new Float32Array(m * batch * d), ba = new Float32Array(m * batch * a);
  const bn = new Float32Array(m * batch * d),
    bw = new Float32Array(m * batch),
    bg = new Float32Array(m * batch * d),
    br = new Float32Array(m * batch);
  const history: number[] = [];
  try {
    for (let e = 0; e < epochs; e++) {
      for (const p of pools) rng.shuffle(p);
      let total = 0;
      for (let s = 0; s < stepsPerEpoch; s++) {
        if (opts.signal?.aborted) throw opts.signal.reason ?? new Error("aborted");
        for (let k = 0; k < m; k++) {
          for (let b = 0; b < batch; b++) {
            const i = pools[k][(s * batch + b) % n], r = k * batch + b;
            bo.set(data.obs.subarray(i * d, (i + 1) * d), r * d);
            bn.set(data.nextObs.subarray(i * d, (i + 1) * d), r * d);
            ba.set(data.actions.subarray(i * a, (i + 1) * a), r * a);
            bw[r] = opts.weights ? opts.weights[i] : 1;
            if (model.rewardHead) br[r] = data.rewards![i];
            if (loss === "vagram") bg.set(opts.valueGrad!.subarray(i * d, (i + 1) * d), r * d);
          }
        }
        total += await opt.step(() =>
          tf.tidy(() => {
            const o = tf.tensor3d(bo, [m, batch, d]), act = tf.tensor3d(ba, [m, batch, a]);
            const next = tf.tensor3d(bn, [m, batch, d]);
            const w = opts.weights ? tf.tensor2d(bw, [m, batch]) : undefined;
            const heads = modelHeads(model, o, act);
            const target = tf.div(tf.sub(tf.sub(next, o), model.outMean), model.outStd);
            const stateLoss = lossOf(loss, heads, target, o, next, w);
            if (heads.reward === null) return stateLoss;
            const rTarget = tf.div(tf.sub(tf.tensor3d(br, [m, batch, 1]), model.rewMean), model.rewStd);
            return tf.add(stateLoss, mseLoss(heads.reward, rTarget, w)) as tf.Scalar;
          })
        );
      }
      history.push(total / stepsPerEpoch);
      opts.onProgress?.({ done: e + 1, total: epochs, loss: total / stepsPerEpoch });
    }
  } finally {
    opt.dispose();
  }
  return history;

  /** The state part of the loss on one minibatch (tensors `[members, batch, ·]`). */
  function lossOf(
    loss: ModelLoss,
    heads: ReturnType<typeof modelHeads>,
    target: tf.Tensor,
    o: tf.Tensor,
    next: tf.Tensor,
    w: tf.Tensor | undefined,
  ): tf.Scalar {
    switch (loss) {
      case "nll": {
        const nll = gaussianNll(heads.mean, heads.logVar!, target, w);
        const bound = tf.mul(0.01, tf.sub(tf.sum(model.maxLogVar), tf.sum(model.minLogVar)));
        return tf.add(nll, bound) as tf.Scalar;
      }
      case "mse":
        return mseLoss(heads.mean, target, w);
      case "vagram": {
        // g in raw units times std Δ: the raw error is std Δ ⊙ (standardised error)
        const g = tf.mul(tf.tensor3d(bg, [m, batch, d]), model.outStd);
        return vagramLoss(heads.mean, target, g, w);
      }
      case "itervaml": {
        const predNext = tf.add(o, tf.add(model.outMean, tf.mul(model.outStd, heads.mean)));
        const vPred = opts.value!(tf.reshape(predNext, [m * batch, d]) as tf.Tensor2D);
        const vTrue = opts.value!(tf.reshape(next, [m * batch, d]) as tf.Tensor2D);
        return iterVamlLoss(vPred, vTrue);
      }
    }
  }
}

/** Per-transition Gaussian NLL Σ_i ½[(μ − y)² e^{−v} + v + log 2π] (the summand of {@link gaussianNll}). */
function perTransitionNll(mean: tf.Tensor, logVar: tf.Tensor, target: tf.Tensor): tf.Tensor {
  return tf.tidy(() =>
    tf.sum(
      tf.mul(
        0.5,
        tf.add(
          tf.add(tf.mul(tf.square(tf.sub(mean, target)), tf.exp(tf.neg(logVar))), logVar),
          Math.log(2 * Math.PI),
        ),
      ),
      -1,
    )
  );
}

/** What {@link evaluateModel} returns. */
export interface ModelEvaluation {
  /** Mean over members and transitions of the Gaussian NLL of s' − s in raw units (NaN for deterministic models). */
  nll: number;
  /** Mean over members and transitions of Σ_i (Δ̂_i − Δ_i)² in raw units. */
  mse: number;
  /** Mean over members and transitions of (r̂ − r)² in raw units (NaN without a reward head). */
  rewardMse: number;
}

/**
 * One-step NLL and MSE of the model's Δ prediction on held-out transitions, in raw (unnormalised) units, so models
 * with different normalisations compare (Lambert et al. 2020 plot this NLL against the PETS return).
 *
 * @example
 * ```ts
 * import { createDynamicsModel, evaluateModel } from "./models.ts";
 * const model = await createDynamicsModel({ obsSize: 1, actionSize: 1, members: 2, hiddenSizes: [8] });
 * evaluateModel(model, { obs: new Float32Array([0]), actions: new Float32Array([0]), nextObs: new Float32Array([1]), size: 1 });
 * ```
 */
export function evaluateModel(model: DynamicsModel, data: Transitions): ModelEvaluation {
  checkTransitions(model, data);
  const d = model.obsSize, a = model.actionSize, chunk = 4096;
  let nll = 0, mse = 0, rewardMse = 0;
  for (let start = 0; start < data.size; start += chunk) {
    const rows = Math.min(chunk, data.size - start);
    const [c1, c2, c3] = tf.tidy(() => {
      const o = tf.tensor2d(data.obs.subarray(start * d, (start + rows) * d), [rows, d]);
      const act = tf.tensor2d(data.actions.subarray(start * a, (start + rows) * a), [rows, a]);
      const delta = tf.sub(tf.tensor2d(data.nextObs.subarray(start * d, (start + rows) * d), [rows, d]), o);
      const heads = modelHeads(model, o, act);
      const mean = tf.add(model.outMean, tf.mul(model.outStd, heads.mean));
      const sq = tf.sum(tf.sum(tf.mean(tf.square(tf.sub(mean, delta)), 0), -1));
      let rsq: tf.Tensor = tf.scalar(NaN);
      if (heads.reward !== null) {
        const r = tf.tensor2d(data.rewards!.subarray(start, start + rows), [rows, 1]);
        const rHat = tf.add(model.rewMean, tf.mul(model.rewStd, heads.reward));
        rsq = tf.sum(tf.mean(tf.square(tf.sub(rHat, r)), 0));
      }
      if (heads.logVar === null) return [tf.scalar(NaN), sq, rsq];
      const logVar = tf.add(heads.logVar, tf.mul(2, tf.log(model.outStd)));
      return [tf.sum(tf.mean(perTransitionNll(mean, logVar, delta), 0)), sq, rsq];
    });
    nll += c1.dataSync()[0];
    mse += c2.dataSync()[0];
    rewardMse += c3.dataSync()[0];
    for (const c of [c1, c2, c3]) c.dispose();
  }
  return { nll: nll / data.size, mse: mse / data.size, rewardMse: rewardMse / data.size };
}

/**
 * Predict next observations for `rows` inputs per member (`obs` and `actions` member-major, `members × rows` rows,
 * or `rows` rows shared by all members), sampling from each member's Gaussian when `rng` is given (probabilistic
 * models), else returning the mean. Returns `members × rows × obsSize` ({@link predictTransition} also gives the
 * predicted reward).
 *
 * @example
 * ```ts
 * import { createDynamicsModel, predictNext } from "./models.ts";
 * const model = await createDynamicsModel({ obsSize: 2, actionSize: 1, members: 3, hiddenSizes: [8] });
 * predictNext(model, new Float32Array(4), new Float32Array(2), 2).length; // 3 × 2 × 2
 * ```
 */
export function predictNext(
  model: DynamicsModel,
  obs: Float32Array,
  actions: Float32Array,
  rows: number,
  rng?: Rng,
): Float32Array {
  return predictTransition(model, obs, actions, rows, rng).next;
}

/** What {@link predictTransition} returns. */
export interface PredictedTransition {
  /** `members × rows × obsSize` next observations. */
  next: Float32Array;
  /** `members × rows` predicted rewards (raw units; the reward head's mean), or null without a reward head. */
  reward: Float32Array | null;
}

/**
 * {@link predictNext} and, for a model with a reward head, each member's predicted reward, from one forward pass.
 *
 * @example
 * ```ts
 * import { createDynamicsModel, predictTransition } from "./models.ts";
 * const model = await createDynamicsModel({ obsSize: 2, actionSize: 1, members: 3, hiddenSizes: [8], rewardHead: true });
 * predictTransition(model, new Float32Array(4), new Float32Array(2), 2).reward!.length; // 3 × 2
 * ```
 */
export function predictTransition(
  model: DynamicsModel,
  obs: Float32Array,
  actions: Float32Array,
  rows: number,
  rng?: Rng,
): PredictedTransition {
  const d = model.obsSize, a = model.actionSize, m = model.members;
  const perMember = obs.length === m * rows * d;
  if (!perMember) checkLength("obs", obs, rows * d);
  const actPerMember = actions.length === m * rows * a;
  if (!actPerMember) checkLength("actions", actions, rows * a);
  const [meanT, stdT, rewT] = tf.tidy(() => {
    const o = perMember ? tf.tensor3d(obs, [m, rows, d]) : tf.tensor2d(obs, [rows, d]);
    const act = actPerMember
      ? tf.tensor3d(actions, [m, rows, a])
      : perMember
      ? tf.broadcastTo(tf.tensor3d(actions, [1, rows, a]), [m, rows, a])
      : tf.tensor2d(actions, [rows, a]);
    const heads = modelHeads(model, o, act);
    const mu = tf.add(tf.add(o, model.outMean), tf.mul(model.outStd, heads.mean));
    const sd = heads.logVar === null || rng === undefined
      ? null
      : tf.mul(model.outStd, tf.exp(tf.mul(0.5, heads.logVar)));
    const r = heads.reward === null ? null : tf.add(model.rewMean, tf.mul(model.rewStd, heads.reward));
    return [mu, sd ?? tf.zeros([1]), r ?? tf.zeros([1])];
  });
  const mean = (meanT.dataSync() as Float32Array).slice();
  const std = readIf(stdT, rng !== undefined && model.probabilistic);
  const reward = model.rewardHead ? (rewT.dataSync() as Float32Array).slice() : null;
  for (const t of [meanT, stdT, rewT]) t.dispose();
  if (std !== null && rng !== undefined) {
    for (let k = 0; k < mean.length; k++) mean[k] += std[k] * rng.normal();
  }
  return { next: mean, reward };
}

/** The tensor's values when `use`, else null. */
function readIf(t: tf.Tensor, use: boolean): Float32Array | null {
  return use ? t.dataSync() as Float32Array : null;
}
