/**
 * Elite members of a dynamics ensemble (MBPO, Janner et al. 2019, App. C; the official code and VaGraM's keep the 5
 * of 7 members with the lowest held-out error and sample rollout members among them): a held-out split of the real
 * transitions, each member's error on it, and the indices of the best members.
 *
 * @module
 */
import { checkInRange, checkInteger } from "../core/errors.ts";
import type { Rng } from "../core/rng.ts";
import { tf } from "../tensor/backend.ts";
import { checkTransitions, type DynamicsModel, modelHeads, type Transitions } from "./models.ts";

/** The training and held-out parts of some transitions (see {@link holdoutSplit}). */
export interface HoldoutSplit {
  /** Transitions to train on. */
  train: Transitions;
  /** Held-out transitions to rank members by. */
  holdout: Transitions;
}

/** Rows `idx` of `data` as new transitions. */
function takeRows(data: Transitions, idx: Int32Array, d: number, a: number): Transitions {
  const n = idx.length;
  const obs = new Float32Array(n * d), next = new Float32Array(n * d), act = new Float32Array(n * a);
  const rewards = data.rewards ? new Float32Array(n) : undefined;
  for (let k = 0; k < n; k++) {
    const i = idx[k];
    obs.set(data.obs.subarray(i * d, (i + 1) * d), k * d);
    next.set(data.nextObs.subarray(i * d, (i + 1) * d), k * d);
    act.set(data.actions.subarray(i * a, (i + 1) * a), k * a);
    if (rewards) rewards[k] = data.rewards![i];
  }
  return { obs, actions: act, nextObs: next, rewards, size: n };
}

/**
 * Split transitions at random into a training part and a held-out part of `fraction` of the rows (at most
 * `maxHoldout`, at least 1, and leaving at least 1 to train on), as MBPO does before each model fit (20 %, at most
 * 5000).
 *
 * @example
 * ```ts
 * import { holdoutSplit } from "./elites.ts";
 * import { Rng } from "../core/rng.ts";
 * const data = { obs: new Float32Array(10), actions: new Float32Array(10), nextObs: new Float32Array(10), size: 10 };
 * const { train, holdout } = holdoutSplit(data, { obsSize: 1, actionSize: 1 }, new Rng(0));
 * [train.size, holdout.size]; // [8, 2]
 * ```
 */
export function holdoutSplit(
  data: Transitions,
  sizes: { obsSize: number; actionSize: number },
  rng: Rng,
  opts: { fraction?: number; maxHoldout?: number } = {},
): HoldoutSplit {
  checkTransitions(sizes, data);
  const n = data.size;
  if (n < 2) throw new RangeError(`data.size must be at least 2 to hold some out, got ${n}`);
  const fraction = checkInRange("fraction", opts.fraction ?? 0.2, { min: 0, max: 1 });
  const maxHoldout = checkInteger("maxHoldout", opts.maxHoldout ?? 5000, { min: 1 });
  const h = Math.min(n - 1, maxHoldout, Math.max(1, Math.round(fraction * n)));
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  rng.shuffle(order);
  const d = sizes.obsSize, a = sizes.actionSize;
  return {
    holdout: takeRows(data, order.subarray(0, h), d, a),
    train: takeRows(data, order.subarray(h), d, a),
  };
}

/**
 * Each member's held-out error: the mean over transitions of the squared error of its standardised Δ mean, averaged
 * over state dimensions, plus (with a reward head) that of its standardised reward: the quantity MBPO ranks members
 * by (its validation MSE on normalised targets). Returns one number per member.
 *
 * @example
 * ```ts
 * import { memberErrors } from "./elites.ts";
 * import { createDynamicsModel } from "./models.ts";
 * const model = await createDynamicsModel({ obsSize: 1, actionSize: 1, members: 3, hiddenSizes: [8] });
 * memberErrors(model, { obs: new Float32Array([0]), actions: new Float32Array([0]), nextObs: new Float32Array([1]), size: 1 }).length; // 3
 * ```
 */
export function memberErrors(model: DynamicsModel, data: Transitions): Float64Array {
  checkTransitions(model, data);
  const d = model.obsSize, a = model.actionSize, m = model.members, chunk = 4096;
  const out = new Float64Array(m);
  for (let start = 0; start < data.size; start += chunk) {
    const rows = Math.min(chunk, data.size - start);
    const t = tf.tidy(() => {
      const o = tf.tensor2d(data.obs.subarray(start * d, (start + rows) * d), [rows, d]);
      const act = tf.tensor2d(data.actions.subarray(start * a, (start + rows) * a), [rows, a]);
      const next = tf.tensor2d(data.nextObs.subarray(start * d, (start + rows) * d), [rows, d]);
      const heads = modelHeads(model, o, act);
      const target = tf.div(tf.sub(tf.sub(next, o), model.outMean), model.outStd);
      let err = tf.sum(tf.mean(tf.square(tf.sub(heads.mean, target)), -1), -1); // [members]
      if (heads.reward !== null) {
        const r = tf.tensor2d(data.rewards!.subarray(start, start + rows), [rows, 1]);
        const rTarget = tf.div(tf.sub(r, model.rewMean), model.rewStd);
        err = tf.add(err, tf.sum(tf.sum(tf.square(tf.sub(heads.reward, rTarget)), -1), -1));
      }
      return err;
    });
    const v = t.dataSync();
    for (let k = 0; k < m; k++) out[k] += v[k];
    t.dispose();
  }
  for (let k = 0; k < m; k++) out[k] /= data.size;
  return out;
}

/**
 * Indices of the `count` smallest errors, best first (ties by index).
 *
 * @example
 * ```ts
 * import { selectElites } from "./elites.ts";
 * selectElites([0.3, 0.1, 0.2, 0.9], 2); // Int32Array [1, 2]
 * ```
 */
export function selectElites(errors: ArrayLike<number>, count: number): Int32Array {
  const m = errors.length;
  checkInteger("count", count, { min: 1, max: m });
  for (let k = 0; k < m; k++) {
    if (Number.isNaN(errors[k])) throw new RangeError(`errors[${k}] is NaN`);
  }
  const idx = Array.from({ length: m }, (_, k) => k);
  idx.sort((x, y) => errors[x] - errors[y] || x - y);
  return Int32Array.from(idx.slice(0, count));
}
