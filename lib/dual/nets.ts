/**
 * Networks and batches shared by every dual-module learner: twin Q(s, a) with a Polyak target, V(s), a Gaussian
 * actor with a state-independent log-std (the official f-DVL/IQL actor: no tanh squash, actions clipped by the
 * environment), and a dataset held on the tensor backend so minibatches are one `tf.gather` per column.
 *
 * @module
 */
import { describe } from "../core/errors.ts";
import type { Rng } from "../core/rng.ts";
import type { Dataset, Policy } from "../agents/mod.ts";
import {
  copyWeights,
  createMlp,
  disposeMlp,
  type Mlp,
  mlpForward,
  mlpParams,
  polyakUpdate,
  snapshotMlp,
  tf,
} from "../tensor/mod.ts";

/** A dataset uploaded to the tensor backend (actions clipped to the action box, as the environment applies them). */
export interface TensorDataset {
  /** Number of transitions. */
  size: number;
  /** Observation width. */
  obsSize: number;
  /** Action width. */
  actSize: number;
  /** Lower action bounds. */
  low: number[];
  /** Upper action bounds. */
  high: number[];
  /** `[n, obsSize]`. */
  obs: tf.Tensor2D;
  /** `[n, actSize]`. */
  act: tf.Tensor2D;
  /** `[n]` (scaled rewards). */
  rew: tf.Tensor1D;
  /** `[n, obsSize]`. */
  next: tf.Tensor2D;
  /** `[n]`, 1 at terminals. */
  term: tf.Tensor1D;
  /** Free the tensors. */
  dispose(): void;
}

/** One minibatch (tensors owned by the caller). */
export interface Batch {
  /** Observations `[B, obsSize]`. */
  obs: tf.Tensor2D;
  /** Actions `[B, A]`. */
  act: tf.Tensor2D;
  /** Scaled rewards `[B]`. */
  rew: tf.Tensor1D;
  /** Next observations `[B, obsSize]`. */
  next: tf.Tensor2D;
  /** 1 at terminals `[B]`. */
  term: tf.Tensor1D;
}

/**
 * Upload a continuous-action dataset, multiplying rewards by `rewardScale` and clipping actions to the box.
 *
 * @example
 * ```ts
 * import { uploadDataset } from "./nets.ts";
 * import { collect } from "../agents/mod.ts";
 * import { makeEnv } from "../envs/mod.ts";
 * import { Rng } from "../core/rng.ts";
 * const t = uploadDataset(collect(makeEnv("Pendulum-v1"), "random", 100, new Rng(0)));
 * t.obs.shape; // [100, 3]
 * t.dispose();
 * ```
 */
export function uploadDataset(data: Dataset, rewardScale = 1): TensorDataset {
  if (typeof data !== "object" || data === null || data.action?.kind !== "box") {
    throw new TypeError(`data must be a Dataset with Box actions, got ${describe(data?.action ?? data)}`);
  }
  if (data.size < 1) throw new RangeError("data must hold at least one transition");
  const { size: A, low, high } = data.action;
  const acts = Float32Array.from(data.actions, (x, k) => Math.min(high[k % A], Math.max(low[k % A], x)));
  const obs = tf.tensor2d(data.observations, [data.size, data.obsSize]);
  const act = tf.tensor2d(acts, [data.size, A]);
  const rew = tf.tensor1d(Float32Array.from(data.rewards, (r) => r * rewardScale));
  const next = tf.tensor2d(data.next_observations, [data.size, data.obsSize]);
  const term = tf.tensor1d(Float32Array.from(data.terminals));
  return {
    size: data.size,
    obsSize: data.obsSize,
    actSize: A,
    low: [...low],
    high: [...high],
    obs,
    act,
    rew,
    next,
    term,
    dispose: () => tf.dispose([obs, act, rew, next, term]),
  };
}

/**
 * A uniform minibatch (with replacement) of `batchSize` rows.
 *
 * @example
 * ```ts ignore
 * const b = sampleBatch(t, 256, rng); ... tf.dispose(Object.values(b));
 * ```
 */
export function sampleBatch(data: TensorDataset, batchSize: number, rng: Rng): Batch {
  const idx = new Int32Array(batchSize);
  for (let i = 0; i < batchSize; i++) idx[i] = rng.integer(data.size);
  return tf.tidy(() => {
    const i = tf.tensor1d(idx, "int32");
    return {
      obs: tf.gather(data.obs, i) as tf.Tensor2D,
      act: tf.gather(data.act, i) as tf.Tensor2D,
      rew: tf.gather(data.rew, i) as tf.Tensor1D,
      next: tf.gather(data.next, i) as tf.Tensor2D,
      term: tf.gather(data.term, i) as tf.Tensor1D,
    };
  });
}

/**
 * Uniform actions in the box, `[n, A]`, from `rng` (same on every backend).
 *
 * @example
 * ```ts
 * import { createDualNets, disposeDualNets, minQ, qValues, vValue } from "./nets.ts";
 * import { Rng } from "../core/rng.ts";
 * import { tf } from "../tensor/mod.ts";
 * const nets = await createDualNets(3, 1, [8], new Rng(0));
 * const s = tf.zeros([2, 3]) as tf.Tensor2D;
 * const a = tf.zeros([2, 1]) as tf.Tensor2D;
 * qValues(nets.q, s, a).shape; // [2, 2]
 * minQ(nets.q, s, a).shape; // [2]
 * vValue(nets.v, s).shape; // [2]
 * disposeDualNets(nets);
 * ```
 */
export function uniformActions(n: number, low: number[], high: number[], rng: Rng): tf.Tensor2D {
  const A = low.length;
  const out = new Float32Array(n * A);
  for (let k = 0; k < out.length; k++) out[k] = rng.uniformIn(low[k % A], high[k % A]);
  return tf.tensor2d(out, [n, A]);
}

/**
 * Standard normal noise `[n, A]` from `rng`.
 *
 * @example
 * ```ts
 * import { createDualNets, disposeDualNets, minQ, qValues, vValue } from "./nets.ts";
 * import { Rng } from "../core/rng.ts";
 * import { tf } from "../tensor/mod.ts";
 * const nets = await createDualNets(3, 1, [8], new Rng(0));
 * const s = tf.zeros([2, 3]) as tf.Tensor2D;
 * const a = tf.zeros([2, 1]) as tf.Tensor2D;
 * qValues(nets.q, s, a).shape; // [2, 2]
 * minQ(nets.q, s, a).shape; // [2]
 * vValue(nets.v, s).shape; // [2]
 * disposeDualNets(nets);
 * ```
 */
export function normalNoise(n: number, A: number, rng: Rng): tf.Tensor2D {
  const out = new Float32Array(n * A);
  for (let k = 0; k < out.length; k++) out[k] = rng.normal();
  return tf.tensor2d(out, [n, A]);
}

/** The networks of a dual-module learner. */
export interface DualNets {
  /** Q₁(s, a), Q₂(s, a) (two MLPs: on the wasm backend a two-member ensemble's batched matmul is ~4× slower). */
  q: [Mlp, Mlp];
  /** Polyak targets of `q`. */
  qTarget: [Mlp, Mlp];
  /** V(s). */
  v: Mlp;
  /** Actor: the Gaussian mean (or, with `tanhActor`, mean and raw log-std). */
  actor: Mlp;
  /** State-independent log-std of the Gaussian actor `[A]`. */
  logStd: tf.Variable<tf.Rank.R1>;
  /** The actor is a tanh-squashed Gaussian with state-dependent std (CQL's SAC actor). */
  tanhActor: boolean;
}

/**
 * Create twin Q (+ targets, copied), V and the actor, with ReLU hidden layers (as the official JAX code).
 *
 * @example
 * ```ts
 * import { createDualNets, disposeDualNets } from "./nets.ts";
 * import { Rng } from "../core/rng.ts";
 * const nets = await createDualNets(3, 1, [32, 32], new Rng(0));
 * disposeDualNets(nets);
 * ```
 */
export async function createDualNets(
  obsSize: number,
  actSize: number,
  hiddenSizes: number[],
  rng: Rng,
  opts: { tanhActor?: boolean } = {},
): Promise<DualNets> {
  const mk = (inputSize: number, outputSize: number, r: Rng, outputGain = 1) =>
    createMlp({ inputSize, hiddenSizes, outputSize, activation: "relu", rng: r, outputGain });
  const q: [Mlp, Mlp] = [
    await mk(obsSize + actSize, 1, rng.split()),
    await mk(obsSize + actSize, 1, rng.split()),
  ];
  const qTarget: [Mlp, Mlp] = [
    await mk(obsSize + actSize, 1, rng.split()),
    await mk(obsSize + actSize, 1, rng.split()),
  ];
  copyWeights(qTarget[0], q[0]);
  copyWeights(qTarget[1], q[1]);
  const v = await mk(obsSize, 1, rng.split());
  const tanhActor = opts.tanhActor ?? false;
  const actor = await mk(obsSize, tanhActor ? 2 * actSize : actSize, rng.split(), 0.01);
  const logStd = tf.tidy(() => tf.variable(tf.zeros([actSize]) as tf.Tensor1D, true));
  return { q, qTarget, v, actor, logStd, tanhActor };
}

/**
 * Free every network.
 *
 * @example
 * ```ts
 * import { createDualNets, disposeDualNets, minQ, qValues, vValue } from "./nets.ts";
 * import { Rng } from "../core/rng.ts";
 * import { tf } from "../tensor/mod.ts";
 * const nets = await createDualNets(3, 1, [8], new Rng(0));
 * const s = tf.zeros([2, 3]) as tf.Tensor2D;
 * const a = tf.zeros([2, 1]) as tf.Tensor2D;
 * qValues(nets.q, s, a).shape; // [2, 2]
 * minQ(nets.q, s, a).shape; // [2]
 * vValue(nets.v, s).shape; // [2]
 * disposeDualNets(nets);
 * ```
 */
export function disposeDualNets(nets: DualNets): void {
  for (const m of [...nets.q, ...nets.qTarget]) disposeMlp(m);
  disposeMlp(nets.v);
  disposeMlp(nets.actor);
  nets.logStd.dispose();
}

/**
 * Parameters of twin Q.
 *
 * @example
 * ```ts
 * import { createDualNets, disposeDualNets, minQ, qValues, vValue } from "./nets.ts";
 * import { Rng } from "../core/rng.ts";
 * import { tf } from "../tensor/mod.ts";
 * const nets = await createDualNets(3, 1, [8], new Rng(0));
 * const s = tf.zeros([2, 3]) as tf.Tensor2D;
 * const a = tf.zeros([2, 1]) as tf.Tensor2D;
 * qValues(nets.q, s, a).shape; // [2, 2]
 * minQ(nets.q, s, a).shape; // [2]
 * vValue(nets.v, s).shape; // [2]
 * disposeDualNets(nets);
 * ```
 */
export function qParams(nets: DualNets): tf.Variable[] {
  return [...mlpParams(nets.q[0]), ...mlpParams(nets.q[1])];
}

/**
 * Parameters of the actor (with the log-std of the Gaussian actor).
 *
 * @example
 * ```ts
 * import { createDualNets, disposeDualNets, minQ, qValues, vValue } from "./nets.ts";
 * import { Rng } from "../core/rng.ts";
 * import { tf } from "../tensor/mod.ts";
 * const nets = await createDualNets(3, 1, [8], new Rng(0));
 * const s = tf.zeros([2, 3]) as tf.Tensor2D;
 * const a = tf.zeros([2, 1]) as tf.Tensor2D;
 * qValues(nets.q, s, a).shape; // [2, 2]
 * minQ(nets.q, s, a).shape; // [2]
 * vValue(nets.v, s).shape; // [2]
 * disposeDualNets(nets);
 * ```
 */
export function actorParams(nets: DualNets): tf.Variable[] {
  return nets.tanhActor ? mlpParams(nets.actor) : [...mlpParams(nets.actor), nets.logStd];
}

/**
 * Q₁, Q₂ at (s, a), `[2, batch]`.
 *
 * @example
 * ```ts
 * import { createDualNets, disposeDualNets, minQ, qValues, vValue } from "./nets.ts";
 * import { Rng } from "../core/rng.ts";
 * import { tf } from "../tensor/mod.ts";
 * const nets = await createDualNets(3, 1, [8], new Rng(0));
 * const s = tf.zeros([2, 3]) as tf.Tensor2D;
 * const a = tf.zeros([2, 1]) as tf.Tensor2D;
 * qValues(nets.q, s, a).shape; // [2, 2]
 * minQ(nets.q, s, a).shape; // [2]
 * vValue(nets.v, s).shape; // [2]
 * disposeDualNets(nets);
 * ```
 */
export function qValues(q: [Mlp, Mlp], obs: tf.Tensor2D, act: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    const x = tf.concat([obs, act], 1) as tf.Tensor2D;
    return tf.concat([tf.transpose(mlpForward(q[0], x)), tf.transpose(mlpForward(q[1], x))]) as tf.Tensor2D;
  });
}

/**
 * Polyak update of both target critics.
 *
 * @example
 * ```ts
 * import { createDualNets, disposeDualNets, minQ, qValues, vValue } from "./nets.ts";
 * import { Rng } from "../core/rng.ts";
 * import { tf } from "../tensor/mod.ts";
 * const nets = await createDualNets(3, 1, [8], new Rng(0));
 * const s = tf.zeros([2, 3]) as tf.Tensor2D;
 * const a = tf.zeros([2, 1]) as tf.Tensor2D;
 * qValues(nets.q, s, a).shape; // [2, 2]
 * minQ(nets.q, s, a).shape; // [2]
 * vValue(nets.v, s).shape; // [2]
 * disposeDualNets(nets);
 * ```
 */
export function polyakTwin(target: [Mlp, Mlp], source: [Mlp, Mlp], tau: number): void {
  polyakUpdate(target[0], source[0], tau);
  polyakUpdate(target[1], source[1], tau);
}

/**
 * min(Q₁, Q₂)(s, a), `[batch]`.
 *
 * @example
 * ```ts
 * import { createDualNets, disposeDualNets, minQ, qValues, vValue } from "./nets.ts";
 * import { Rng } from "../core/rng.ts";
 * import { tf } from "../tensor/mod.ts";
 * const nets = await createDualNets(3, 1, [8], new Rng(0));
 * const s = tf.zeros([2, 3]) as tf.Tensor2D;
 * const a = tf.zeros([2, 1]) as tf.Tensor2D;
 * qValues(nets.q, s, a).shape; // [2, 2]
 * minQ(nets.q, s, a).shape; // [2]
 * vValue(nets.v, s).shape; // [2]
 * disposeDualNets(nets);
 * ```
 */
export function minQ(q: [Mlp, Mlp], obs: tf.Tensor2D, act: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => tf.min(qValues(q, obs, act), 0) as tf.Tensor1D);
}

/**
 * V(s), `[batch]`.
 *
 * @example
 * ```ts
 * import { createDualNets, disposeDualNets, minQ, qValues, vValue } from "./nets.ts";
 * import { Rng } from "../core/rng.ts";
 * import { tf } from "../tensor/mod.ts";
 * const nets = await createDualNets(3, 1, [8], new Rng(0));
 * const s = tf.zeros([2, 3]) as tf.Tensor2D;
 * const a = tf.zeros([2, 1]) as tf.Tensor2D;
 * qValues(nets.q, s, a).shape; // [2, 2]
 * minQ(nets.q, s, a).shape; // [2]
 * vValue(nets.v, s).shape; // [2]
 * disposeDualNets(nets);
 * ```
 */
export function vValue(net: Mlp, obs: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => tf.squeeze(mlpForward(net, obs), [1]) as tf.Tensor1D);
}

/**
 * SAC's log-std bounds (CleanRL), matching lib/agents' `tanh-gaussian` policy.
 *
 * @example
 * ```ts
 * import { LOG_STD_RANGE } from "./nets.ts";
 * LOG_STD_RANGE[0]; // -5
 * ```
 */
export const LOG_STD_RANGE: readonly [number, number] = [-5, 2];

/**
 * The tanh actor's mean and bounded log-std `[batch, A]` each.
 *
 * @example
 * ```ts
 * import { createDualNets, disposeDualNets, minQ, qValues, vValue } from "./nets.ts";
 * import { Rng } from "../core/rng.ts";
 * import { tf } from "../tensor/mod.ts";
 * const nets = await createDualNets(3, 1, [8], new Rng(0));
 * const s = tf.zeros([2, 3]) as tf.Tensor2D;
 * const a = tf.zeros([2, 1]) as tf.Tensor2D;
 * qValues(nets.q, s, a).shape; // [2, 2]
 * minQ(nets.q, s, a).shape; // [2]
 * vValue(nets.v, s).shape; // [2]
 * disposeDualNets(nets);
 * ```
 */
export function tanhActorHead(nets: DualNets, obs: tf.Tensor2D): { mean: tf.Tensor2D; logStd: tf.Tensor2D } {
  return tf.tidy(() => {
    const y = mlpForward(nets.actor, obs);
    const A = y.shape[1] / 2;
    const mean = tf.slice(y, [0, 0], [-1, A]) as tf.Tensor2D;
    const raw = tf.slice(y, [0, A], [-1, A]);
    const [lo, hi] = LOG_STD_RANGE;
    const logStd = tf.add(lo, tf.mul(0.5 * (hi - lo), tf.add(tf.tanh(raw), 1))) as tf.Tensor2D;
    return { mean, logStd };
  });
}

/**
 * The actor as a lib/agents {@link Policy} (plain data): `gaussian` (mean net + log-std) or `tanh-gaussian`.
 * Evaluations act with the mode (deterministic).
 *
 * @example
 * ```ts
 * import { actorPolicy, createDualNets } from "./nets.ts";
 * import { Rng } from "../core/rng.ts";
 * const nets = await createDualNets(3, 1, [8], new Rng(0));
 * (await actorPolicy(nets, 3, [-2], [2])).kind; // "gaussian"
 * ```
 */
export async function actorPolicy(
  nets: DualNets,
  obsSize: number,
  low: number[],
  high: number[],
): Promise<Policy> {
  const action = { kind: "box" as const, size: low.length, low: [...low], high: [...high] };
  if (nets.tanhActor) {
    return {
      kind: "tanh-gaussian",
      obsSize,
      action,
      net: await snapshotMlp(nets.actor),
      logStdRange: LOG_STD_RANGE,
    };
  }
  return {
    kind: "gaussian",
    obsSize,
    action,
    net: await snapshotMlp(nets.actor),
    logStd: new Float32Array(await nets.logStd.data()),
  };
}
