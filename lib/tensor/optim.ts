/**
 * Adam with global-norm gradient clipping, and target-network updates.
 *
 * Adam (Kingma & Ba 2015, Algorithm 1), as `torch.optim.Adam`:
 *   m ← β₁m + (1−β₁)g,  v ← β₂v + (1−β₂)g²,  θ ← θ − lr · (m/(1−β₁ᵗ)) / (√(v/(1−β₂ᵗ)) + ε).
 * Clipping as `torch.nn.utils.clip_grad_norm_`: with ‖g‖ the 2-norm of all gradients together,
 *   g ← g · min(1, maxNorm / (‖g‖ + 1e-6)).
 *
 * @module
 */
import { checkFunction, checkInRange, checkNumericHealth, checkPositive, describe } from "../core/errors.ts";
import { tf } from "./backend.ts";
import { type Ensemble, ensembleParams } from "./ensemble.ts";
import { type Mlp, mlpParams } from "./mlp.ts";

/** Any network made by lib/tensor. */
export type Network = Mlp | Ensemble;

/** Options of {@link createAdam}. */
export interface AdamOptions {
  /** Learning rate (default 3e-4). */
  lr?: number;
  /** First-moment decay β₁ (default 0.9). */
  beta1?: number;
  /** Second-moment decay β₂ (default 0.999). */
  beta2?: number;
  /** ε added to √v̂ (default 1e-8, torch's; CleanRL's PPO uses 1e-5). */
  eps?: number;
  /** Clip the global gradient norm to this value (default: no clipping; CleanRL's PPO uses 0.5). */
  clipNorm?: number;
}

/** An Adam optimiser over a fixed list of variables. */
export interface Adam {
  /**
   * One update: evaluate `loss`, differentiate it with respect to the parameters, clip, and apply Adam. Returns the
   * loss value (before the update). Throws a RangeError naming the step if the loss is NaN/Inf, leaving the
   * parameters unchanged. Parameters the loss does not depend on are left alone (as torch skips `grad is None`).
   */
  step(loss: () => tf.Scalar): Promise<number>;
  /** Change the learning rate (PPO anneals it linearly). */
  setLearningRate(lr: number): void;
  /** The current learning rate. */
  readonly learningRate: number;
  /** Number of updates applied so far (Adam's t). */
  readonly stepCount: number;
  /** Free the moment estimates (not the parameters). */
  dispose(): void;
}

/**
 * The trainable variables of a network, in its fixed order.
 *
 * @example
 * ```ts
 * import { networkParams } from "./optim.ts";
 * import { createMlp } from "./mlp.ts";
 * networkParams(await createMlp({ inputSize: 2, hiddenSizes: [3], outputSize: 1 })).length; // 4
 * ```
 */
export function networkParams(net: Network): tf.Variable[] {
  return net.kind === "mlp" ? mlpParams(net) : ensembleParams(net);
}

/**
 * Create an Adam optimiser for `params` (e.g. `mlpParams(actor)`, or the parameters of several networks
 * concatenated, as PPO's shared optimiser over actor and critic).
 *
 * @example
 * ```ts
 * import { createAdam } from "./optim.ts";
 * import { createMlp, mlpForward, mlpParams } from "./mlp.ts";
 * import { tf } from "./backend.ts";
 * const net = await createMlp({ inputSize: 2, hiddenSizes: [16], outputSize: 1, seed: 0 });
 * const opt = createAdam(mlpParams(net), { lr: 1e-3, clipNorm: 0.5 });
 * const x = tf.tensor2d([[0, 1], [1, 0]]);
 * const y = tf.tensor2d([[1], [-1]]);
 * const loss = await opt.step(() => tf.losses.meanSquaredError(y, mlpForward(net, x)) as tf.Scalar);
 * opt.dispose();
 * ```
 */
export function createAdam(params: readonly tf.Variable[], opts: AdamOptions = {}): Adam {
  if (!Array.isArray(params) || params.length === 0) {
    throw new RangeError(`params must be a non-empty array of tf.Variable, got ${describe(params)}`);
  }
  params.forEach((p, i) => {
    if (!(p instanceof tf.Variable)) {
      throw new TypeError(`params[${i}] must be a tf.Variable, got ${describe(p)}`);
    }
  });
  let lr = checkPositive("lr", opts.lr ?? 3e-4);
  const beta1 = checkInRange("beta1", opts.beta1 ?? 0.9, { min: 0, max: 1, maxOpen: true });
  const beta2 = checkInRange("beta2", opts.beta2 ?? 0.999, { min: 0, max: 1, maxOpen: true });
  const eps = checkPositive("eps", opts.eps ?? 1e-8);
  const clipNorm = opts.clipNorm === undefined ? undefined : checkPositive("clipNorm", opts.clipNorm);

  const vars = [...params];
  // The moments of all parameters in two flat variables, so that one step is a few kernels over every parameter at
  // once rather than a dozen per parameter (TensorFlow.js's per-kernel overhead dominates small networks). The
  // arithmetic is elementwise, so the values are exactly those of a per-parameter update.
  const sizes = vars.map((p) => p.size);
  const total = sizes.reduce((a, b) => a + b, 0);
  const m = tf.tidy(() => tf.variable(tf.zeros([total]), false));
  const v = tf.tidy(() => tf.variable(tf.zeros([total]), false));
  let t = 0;
  let disposed = false;

  async function step(loss: () => tf.Scalar): Promise<number> {
    if (disposed) throw new Error("this Adam optimiser was disposed");
    checkFunction("loss", loss);
    const stepNumber = t + 1;
    const { value, grads } = tf.variableGrads(loss, vars);
    let lossValue: number;
    try {
      lossValue = (await value.data())[0];
      checkNumericHealth("loss", lossValue, stepNumber);
    } catch (e) {
      value.dispose();
      tf.dispose(grads);
      throw e;
    }
    t = stepNumber;
    const bc1 = 1 - Math.pow(beta1, t);
    const bc2 = 1 - Math.pow(beta2, t);
    tf.tidy(() => {
      const present = vars.map((p) => grads[p.name] !== undefined);
      let scale: tf.Scalar | null = null;
      if (clipNorm !== undefined) {
        const sq = vars.filter((_, i) => present[i]).map((p) => tf.sum(tf.square(grads[p.name])));
        if (sq.length > 0) {
          const norm = tf.sqrt(tf.addN(sq));
          scale = tf.minimum(tf.scalar(1), tf.div(tf.scalar(clipNorm), tf.add(norm, tf.scalar(1e-6))));
        }
      }
      const flat = tf.concat(
        vars.map((p, i) => present[i] ? tf.reshape(grads[p.name], [sizes[i]]) : tf.zeros([sizes[i]])),
      );
      const g = scale === null ? flat : tf.mul(flat, scale);
      let mi: tf.Tensor = tf.add(tf.mul(tf.scalar(beta1), m), tf.mul(tf.scalar(1 - beta1), g));
      let vi: tf.Tensor = tf.add(tf.mul(tf.scalar(beta2), v), tf.mul(tf.scalar(1 - beta2), tf.square(g)));
      if (present.includes(false)) {
        // Parameters without a gradient keep their moments (torch skips them).
        const keep = tf.concat(vars.map((_, i) => tf.fill([sizes[i]], present[i] ? 1 : 0, "bool")));
        mi = tf.where(keep, mi, m);
        vi = tf.where(keep, vi, v);
      }
      m.assign(mi);
      v.assign(vi);
      // torch: denom = √v / √(1−β₂ᵗ) + ε; θ −= (lr/(1−β₁ᵗ)) · m / denom.
      const denom = tf.add(tf.div(tf.sqrt(vi), tf.scalar(Math.sqrt(bc2))), tf.scalar(eps));
      const update = tf.split(tf.mul(tf.scalar(lr / bc1), tf.div(mi, denom)), sizes);
      for (let i = 0; i < vars.length; i++) {
        if (present[i]) vars[i].assign(tf.sub(vars[i], tf.reshape(update[i], vars[i].shape)));
      }
    });
    value.dispose();
    tf.dispose(grads);
    return lossValue;
  }

  return {
    step,
    setLearningRate(newLr: number): void {
      lr = checkPositive("lr", newLr);
    },
    get learningRate(): number {
      return lr;
    },
    get stepCount(): number {
      return t;
    },
    dispose(): void {
      if (disposed) return;
      disposed = true;
      tf.dispose([m, v]);
    },
  };
}

function checkSameShapes(target: Network, source: Network): [tf.Variable[], tf.Variable[]] {
  const tp = networkParams(target);
  const sp = networkParams(source);
  if (target.kind !== source.kind || tp.length !== sp.length) {
    throw new RangeError(
      `target and source must have the same architecture, got ${target.kind} and ${source.kind}`,
    );
  }
  tp.forEach((p, i) => {
    if (!tf.util.arraysEqual(p.shape, sp[i].shape)) {
      throw new RangeError(
        `target and source parameter ${i} shapes differ: [${p.shape.join(", ")}] vs [${
          sp[i].shape.join(", ")
        }]`,
      );
    }
  });
  return [tp, sp];
}

/**
 * Polyak (soft) target update θ_target ← τ·θ_source + (1−τ)·θ_target (Lillicrap et al. 2016, DDPG; SAC, DQN
 * with τ = 1 every N steps).
 *
 * @example
 * ```ts
 * import { polyakUpdate } from "./optim.ts";
 * import { createMlp } from "./mlp.ts";
 * const q = await createMlp({ inputSize: 3, hiddenSizes: [8], outputSize: 1, seed: 0 });
 * const qTarget = await createMlp({ inputSize: 3, hiddenSizes: [8], outputSize: 1, seed: 1 });
 * polyakUpdate(qTarget, q, 0.005);
 * ```
 */
export function polyakUpdate(target: Network, source: Network, tau: number): void {
  checkInRange("tau", tau, { min: 0, max: 1 });
  const [tp, sp] = checkSameShapes(target, source);
  tf.tidy(() => {
    const a = tf.scalar(tau);
    const b = tf.scalar(1 - tau);
    tp.forEach((p, i) => p.assign(tf.add(tf.mul(a, sp[i]), tf.mul(b, p))));
  });
}

/**
 * Copy every parameter of `source` into `target` exactly (hard target update).
 *
 * @example
 * ```ts
 * import { copyWeights } from "./optim.ts";
 * import { createMlp } from "./mlp.ts";
 * const q = await createMlp({ inputSize: 3, hiddenSizes: [8], outputSize: 1, seed: 0 });
 * const qTarget = await createMlp({ inputSize: 3, hiddenSizes: [8], outputSize: 1, seed: 1 });
 * copyWeights(qTarget, q);
 * ```
 */
export function copyWeights(target: Network, source: Network): void {
  const [tp, sp] = checkSameShapes(target, source);
  tf.tidy(() => tp.forEach((p, i) => p.assign(tf.clone(sp[i]))));
}
