/**
 * Ensembles of same-shape MLPs evaluated as one batched call: layer l holds weights `[members, in, out]` and biases
 * `[members, 1, out]` (the layout model-based RL ensembles such as PETS/MBPO use). A forward pass is one batched
 * matmul per layer, except on `wasm`, whose batched matmul is slow: there each member runs as an MLP.
 *
 * @module
 */
import { checkInteger, checkLength } from "../core/errors.ts";
import type { Rng } from "../core/rng.ts";
import { ensureBackend, tf } from "./backend.ts";
import {
  dense,
  initialLayerValues,
  type LayerActivation,
  layerSizes,
  type MlpConfig,
  type MlpOptions,
  resolveMlpConfig,
  rngFrom,
} from "./mlp.ts";

/** Options of {@link createEnsemble}: those of an MLP plus the number of members. */
export interface EnsembleOptions extends MlpOptions {
  /** Number of independently initialised members. */
  members: number;
}

/** The architecture of an ensemble as plain data. */
export interface EnsembleConfig extends MlpConfig {
  members: number;
}

/** An ensemble: per layer, weights `[members, in, out]` and biases `[members, 1, out]`. */
export interface Ensemble {
  readonly kind: "ensemble";
  readonly config: EnsembleConfig;
  readonly weights: tf.Variable<tf.Rank.R3>[];
  readonly biases: tf.Variable<tf.Rank.R3>[];
}

/**
 * Build an {@link Ensemble} from a config and per-layer values (`weights[l]` is members × in × out row-major,
 * `biases[l]` members × out).
 */
export function ensembleFromValues(
  config: EnsembleConfig,
  weights: Float32Array[],
  biases: Float32Array[],
): Ensemble {
  const sizes = layerSizes(config);
  const numLayers = sizes.length - 1;
  const m = config.members;
  if (weights.length !== numLayers || biases.length !== numLayers) {
    throw new RangeError(
      `expected ${numLayers} weight and bias arrays, got ${weights.length} and ${biases.length}`,
    );
  }
  for (let l = 0; l < numLayers; l++) {
    checkLength(`weights[${l}]`, weights[l], m * sizes[l] * sizes[l + 1]);
    checkLength(`biases[${l}]`, biases[l], m * sizes[l + 1]);
  }
  const ws: tf.Variable<tf.Rank.R3>[] = [];
  const bs: tf.Variable<tf.Rank.R3>[] = [];
  tf.tidy(() => {
    for (let l = 0; l < numLayers; l++) {
      ws.push(tf.variable(tf.tensor3d(weights[l], [m, sizes[l], sizes[l + 1]], "float32"), true));
      bs.push(tf.variable(tf.tensor3d(biases[l], [m, 1, sizes[l + 1]], "float32"), true));
    }
  });
  return {
    kind: "ensemble",
    config: { ...config, hiddenSizes: [...config.hiddenSizes] },
    weights: ws,
    biases: bs,
  };
}

/**
 * Create an ensemble of `members` MLPs, each initialised like {@link createMlp} from the same stream in member
 * order (member k equals the MLP made from the stream's state after members 0..k−1).
 *
 * @example
 * ```ts
 * import { createEnsemble, ensembleForward } from "./ensemble.ts";
 * import { tf } from "./backend.ts";
 * const ens = await createEnsemble({ members: 5, inputSize: 3, hiddenSizes: [32], outputSize: 2, seed: 0 });
 * const y = ensembleForward(ens, tf.ones([10, 3]) as tf.Tensor2D);
 * y.shape; // [5, 10, 2]
 * ```
 */
export async function createEnsemble(opts: EnsembleOptions): Promise<Ensemble> {
  const base = resolveMlpConfig(opts);
  const members = checkInteger("members", opts.members, { min: 1 });
  const config: EnsembleConfig = { ...base, members };
  const rng: Rng = rngFrom(opts);
  await ensureBackend();
  const sizes = layerSizes(config);
  const numLayers = sizes.length - 1;
  const weights = Array.from(
    { length: numLayers },
    (_, l) => new Float32Array(members * sizes[l] * sizes[l + 1]),
  );
  const biases = Array.from({ length: numLayers }, (_, l) => new Float32Array(members * sizes[l + 1]));
  for (let k = 0; k < members; k++) {
    const one = initialLayerValues(base, rng);
    for (let l = 0; l < numLayers; l++) {
      weights[l].set(one.weights[l], k * one.weights[l].length);
      biases[l].set(one.biases[l], k * one.biases[l].length);
    }
  }
  return ensembleFromValues(config, weights, biases);
}

/**
 * Forward pass of every member: `x` of shape `[members, batch, in]` (one batch per member) or `[batch, in]` (the
 * same batch for all) gives `[members, batch, out]`, one batched matmul per layer.
 *
 * @example
 * ```ts
 * import { createEnsemble, ensembleForward } from "./ensemble.ts";
 * import { tf } from "./backend.ts";
 * const ens = await createEnsemble({ members: 2, inputSize: 1, hiddenSizes: [8], outputSize: 1 });
 * ensembleForward(ens, tf.ones([2, 4, 1]) as tf.Tensor3D).shape; // [2, 4, 1]
 * ```
 */
export function ensembleForward(ens: Ensemble, x: tf.Tensor2D | tf.Tensor3D): tf.Tensor3D {
  const { members, inputSize } = ens.config;
  const ok = (x.rank === 2 && x.shape[1] === inputSize) ||
    (x.rank === 3 && x.shape[0] === members && x.shape[2] === inputSize);
  if (!ok) {
    throw new RangeError(
      `x must have shape [batch, ${inputSize}] or [${members}, batch, ${inputSize}], got [${
        x.shape.join(", ")
      }]`,
    );
  }
  return tf.tidy(() => {
    const xf = x.dtype === "float32" ? x : tf.cast(x, "float32");
    const last = ens.weights.length - 1;
    const act = (l: number): LayerActivation => l < last ? ens.config.activation : "linear";
    if (tf.getBackend() === "wasm") {
      // One MLP per member through lib/tensor's dense layer (XNNPACK matmuls with its fast backward pass): the wasm
      // backend's batched matmul is a plain loop, measured 13x slower for 5 × (500 × 200 · 200 × 200).
      // Member k's block of a [members, …] tensor. Slices, not tf.unstack: unstack's gradient fails when one of
      // its outputs does not reach the loss.
      const member = (t: tf.Tensor, k: number): tf.Tensor => {
        const [, ...rest] = t.shape;
        return tf.reshape(tf.slice(t, [k, ...rest.map(() => 0)], [1, ...rest]), rest);
      };
      const outs = Array.from({ length: members }, (_, k) => {
        let h = (xf.rank === 2 ? xf : member(xf, k)) as tf.Tensor2D;
        for (let l = 0; l <= last; l++) {
          // A copy of the bias: the wasm fused kernel checks the rank of the stored buffer, which slices share.
          const b = tf.add(tf.reshape(member(ens.biases[l], k), [-1]), 0) as tf.Tensor1D;
          h = dense(h, member(ens.weights[l], k) as tf.Tensor2D, b, act(l));
        }
        return h;
      });
      return tf.stack(outs) as tf.Tensor3D;
    }
    // Explicit broadcast (not matmul's implicit one) so gradients with respect to x keep x's shape.
    let h: tf.Tensor3D = xf.rank === 2
      ? tf.broadcastTo(tf.expandDims(xf, 0), [members, xf.shape[0], inputSize]) as tf.Tensor3D
      : xf as tf.Tensor3D;
    for (let l = 0; l <= last; l++) {
      // A plain batched matmul + add: the fused kernels take only rank-1 biases.
      h = tf.add(tf.matMul(h, ens.weights[l]), ens.biases[l]);
      if (l < last) h = ens.config.activation === "relu" ? tf.relu(h) : tf.tanh(h);
    }
    return h;
  });
}

/**
 * The trainable variables in a fixed order `[W₁, b₁, W₂, b₂, …]`.
 *
 * @example
 * ```ts
 * import { createEnsemble, ensembleParams } from "./ensemble.ts";
 * const ens = await createEnsemble({ members: 3, inputSize: 2, hiddenSizes: [4], outputSize: 1 });
 * ensembleParams(ens).length; // 4
 * ```
 */
export function ensembleParams(ens: Ensemble): tf.Variable[] {
  const out: tf.Variable[] = [];
  for (let l = 0; l < ens.weights.length; l++) out.push(ens.weights[l], ens.biases[l]);
  return out;
}

/**
 * Free the ensemble's variables.
 *
 * @example
 * ```ts
 * import { createEnsemble, disposeEnsemble } from "./ensemble.ts";
 * const ens = await createEnsemble({ members: 2, inputSize: 2, hiddenSizes: [4], outputSize: 1 });
 * disposeEnsemble(ens);
 * ```
 */
export function disposeEnsemble(ens: Ensemble): void {
  for (const v of ensembleParams(ens)) v.dispose();
}
