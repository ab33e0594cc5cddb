/**
 * Multi-layer perceptrons: Linear layers with tanh or ReLU between them and a linear output, initialised in
 * JavaScript from an {@link Rng} so that the same seed gives the same weights on every backend.
 *
 * Initialisation follows CleanRL's `layer_init`: `torch.nn.init.orthogonal_(weight, gain)` with zero biases
 * (Saxe et al. 2014; gain √2 for hidden layers, 1 for value heads, 0.01 for policy heads). `init: "uniform"` gives
 * torch's default `nn.Linear` initialisation instead (U(−1/√fan_in, 1/√fan_in) for weights and biases), which
 * CleanRL's DQN and SAC use.
 *
 * @module
 */
import { checkInRange, checkInteger, checkLength, checkOneOf, describe } from "../core/errors.ts";
import { Rng, type Seed, toRng } from "../core/rng.ts";
import { ensureBackend, tf } from "./backend.ts";

/** Hidden-layer nonlinearity. */
export type Activation = "tanh" | "relu";

/** Weight initialisation scheme. */
export type InitScheme = "orthogonal" | "uniform";

/** Options of {@link createMlp}. */
export interface MlpOptions {
  /** Input features. */
  inputSize: number;
  /** Widths of the hidden layers, e.g. `[64, 64]`; `[]` gives a linear model. */
  hiddenSizes: readonly number[];
  /** Output features. */
  outputSize: number;
  /** Hidden nonlinearity (default `"tanh"`, CleanRL's PPO). */
  activation?: Activation;
  /** Initialisation (default `"orthogonal"`). */
  init?: InitScheme;
  /** Orthogonal gain of the hidden layers (default √2). */
  hiddenGain?: number;
  /** Orthogonal gain of the output layer (default 1; CleanRL uses 0.01 for policy heads). */
  outputGain?: number;
  /** Seed (or stream) of the initial weights (default 0). */
  seed?: Seed;
  /** Stream for the initial weights; takes precedence over `seed`. */
  rng?: Rng;
}

/** The architecture of an MLP as plain data (everything needed to rebuild it, except the weights). */
export interface MlpConfig {
  inputSize: number;
  hiddenSizes: number[];
  outputSize: number;
  activation: Activation;
  init: InitScheme;
  hiddenGain: number;
  outputGain: number;
}

/** An MLP: `config` plus one `[in, out]` weight and one `[out]` bias variable per layer. */
export interface Mlp {
  readonly kind: "mlp";
  readonly config: MlpConfig;
  readonly weights: tf.Variable<tf.Rank.R2>[];
  readonly biases: tf.Variable<tf.Rank.R1>[];
}

/** Validate and fill in defaults; shared with ensembles. */
export function resolveMlpConfig(opts: MlpOptions): MlpConfig {
  if (typeof opts !== "object" || opts === null) {
    throw new TypeError(`opts must be an object, got ${describe(opts)}`);
  }
  const inputSize = checkInteger("inputSize", opts.inputSize, { min: 1 });
  checkLength("hiddenSizes", opts.hiddenSizes);
  const hiddenSizes = Array.from(
    opts.hiddenSizes,
    (h, i) => checkInteger(`hiddenSizes[${i}]`, h, { min: 1 }),
  );
  const outputSize = checkInteger("outputSize", opts.outputSize, { min: 1 });
  const activation = checkOneOf("activation", opts.activation ?? "tanh", ["tanh", "relu"] as const);
  const init = checkOneOf("init", opts.init ?? "orthogonal", ["orthogonal", "uniform"] as const);
  const hiddenGain = checkInRange("hiddenGain", opts.hiddenGain ?? Math.SQRT2, { min: 0 });
  const outputGain = checkInRange("outputGain", opts.outputGain ?? 1, { min: 0 });
  return { inputSize, hiddenSizes, outputSize, activation, init, hiddenGain, outputGain };
}

/** Layer widths `[in, h1, ..., out]`. */
export function layerSizes(config: MlpConfig): number[] {
  return [config.inputSize, ...config.hiddenSizes, config.outputSize];
}

/**
 * A `fanIn × fanOut` matrix (row-major, the `[in, out]` layout of {@link Mlp} weights) with orthonormal rows or
 * columns, whichever are fewer, times `gain`: torch's `orthogonal_`. A Gaussian matrix is QR-factorised
 * (modified Gram–Schmidt in float64, with one re-orthogonalisation pass) and the signs are fixed so that
 * diag(R) > 0, which makes Q unique, as torch does with `q *= sign(diag(r))`.
 *
 * @example
 * ```ts
 * import { orthogonalMatrix } from "./mlp.ts";
 * import { Rng, type Seed, toRng } from "../core/rng.ts";
 * const w = orthogonalMatrix(4, 3, 1, new Rng(0)); // columns orthonormal: WᵀW = I₃
 * ```
 */
export function orthogonalMatrix(fanIn: number, fanOut: number, gain: number, rng: Rng): Float32Array {
  checkInteger("fanIn", fanIn, { min: 1 });
  checkInteger("fanOut", fanOut, { min: 1 });
  checkInRange("gain", gain, { min: 0 });
  const n = Math.max(fanIn, fanOut);
  const m = Math.min(fanIn, fanOut);
  // Columns of an n × m Gaussian matrix, orthonormalised in order.
  const q: Float64Array[] = [];
  for (let j = 0; j < m; j++) {
    const v = new Float64Array(n);
    for (let i = 0; i < n; i++) v[i] = rng.normal();
    for (let pass = 0; pass < 2; pass++) {
      for (const u of q) {
        let dot = 0;
        for (let i = 0; i < n; i++) dot += u[i] * v[i];
        for (let i = 0; i < n; i++) v[i] -= dot * u[i];
      }
    }
    let norm = 0;
    for (let i = 0; i < n; i++) norm += v[i] * v[i];
    norm = Math.sqrt(norm);
    if (!(norm > 1e-10)) {
      throw new RangeError("orthogonalMatrix: degenerate Gaussian draw (try another seed)");
    }
    for (let i = 0; i < n; i++) v[i] /= norm;
    q.push(v);
  }
  const out = new Float32Array(fanIn * fanOut);
  for (let r = 0; r < fanIn; r++) {
    for (let c = 0; c < fanOut; c++) {
      // fanIn ≥ fanOut: W = Q (n = fanIn rows); otherwise W = Qᵀ (n = fanOut).
      out[r * fanOut + c] = gain * (fanIn >= fanOut ? q[c][r] : q[r][c]);
    }
  }
  return out;
}

/** torch's default nn.Linear init: U(−1/√fanIn, 1/√fanIn) (kaiming_uniform with a = √5). */
function uniformMatrix(length: number, fanIn: number, rng: Rng): Float32Array {
  const bound = 1 / Math.sqrt(fanIn);
  const out = new Float32Array(length);
  for (let i = 0; i < length; i++) out[i] = rng.uniformIn(-bound, bound);
  return out;
}

/**
 * Initial values of every layer as typed arrays (weights `[in, out]` row-major, biases `[out]`), drawn from `rng`
 * in layer order; shared with ensembles.
 */
export function initialLayerValues(
  config: MlpConfig,
  rng: Rng,
): { weights: Float32Array[]; biases: Float32Array[] } {
  const sizes = layerSizes(config);
  const weights: Float32Array[] = [];
  const biases: Float32Array[] = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    const fanIn = sizes[l];
    const fanOut = sizes[l + 1];
    const last = l + 2 === sizes.length;
    if (config.init === "orthogonal") {
      weights.push(orthogonalMatrix(fanIn, fanOut, last ? config.outputGain : config.hiddenGain, rng));
      biases.push(new Float32Array(fanOut));
    } else {
      weights.push(uniformMatrix(fanIn * fanOut, fanIn, rng));
      biases.push(uniformMatrix(fanOut, fanIn, rng));
    }
  }
  return { weights, biases };
}

/** Resolve `rng`/`seed` options to a stream. */
export function rngFrom(opts: { seed?: Seed; rng?: Rng }): Rng {
  if (opts.rng !== undefined && !(opts.rng instanceof Rng)) {
    throw new TypeError(`rng must be an Rng, got ${describe(opts.rng)}`);
  }
  return toRng(opts.rng ?? opts.seed ?? 0);
}

/** Build an {@link Mlp} from a config and given values (used by {@link createMlp} and weight loading). */
export function mlpFromValues(config: MlpConfig, weights: Float32Array[], biases: Float32Array[]): Mlp {
  const sizes = layerSizes(config);
  const numLayers = sizes.length - 1;
  if (weights.length !== numLayers || biases.length !== numLayers) {
    throw new RangeError(
      `expected ${numLayers} weight and bias arrays, got ${weights.length} and ${biases.length}`,
    );
  }
  for (let l = 0; l < numLayers; l++) {
    checkLength(`weights[${l}]`, weights[l], sizes[l] * sizes[l + 1]);
    checkLength(`biases[${l}]`, biases[l], sizes[l + 1]);
  }
  const ws: tf.Variable<tf.Rank.R2>[] = [];
  const bs: tf.Variable<tf.Rank.R1>[] = [];
  // tidy frees the initial-value tensors; variables survive it.
  tf.tidy(() => {
    for (let l = 0; l < numLayers; l++) {
      ws.push(tf.variable(tf.tensor2d(weights[l], [sizes[l], sizes[l + 1]], "float32"), true));
      bs.push(tf.variable(tf.tensor1d(biases[l], "float32"), true));
    }
  });
  return {
    kind: "mlp",
    config: { ...config, hiddenSizes: [...config.hiddenSizes] },
    weights: ws,
    biases: bs,
  };
}

/**
 * Create an MLP with orthogonal (or torch-default uniform) initial weights and zero biases. Async because it makes
 * sure a backend is running ({@link ensureBackend}).
 *
 * @example
 * ```ts
 * import { createMlp, disposeMlp, mlpForward } from "./mlp.ts";
 * import { tf } from "./backend.ts";
 * const actor = await createMlp({ inputSize: 4, hiddenSizes: [64, 64], outputSize: 2, outputGain: 0.01, seed: 1 });
 * const logits = mlpForward(actor, tf.zeros([8, 4]));
 * logits.shape; // [8, 2]
 * logits.dispose();
 * disposeMlp(actor);
 * ```
 */
export async function createMlp(opts: MlpOptions): Promise<Mlp> {
  const config = resolveMlpConfig(opts);
  const rng = rngFrom(opts);
  await ensureBackend();
  const { weights, biases } = initialLayerValues(config, rng);
  return mlpFromValues(config, weights, biases);
}

/** What one dense layer applies after `x·W + b`: the hidden activation, or nothing (the output layer). */
/** A layer's activation: a hidden activation, or none (the output layer). */
export type LayerActivation = Activation | "linear";

/**
 * Backends whose matmul kernels read transposed operands at full speed; there the backward pass passes matmul's
 * `transposeA`/`transposeB` rather than transposing explicitly. `cpu`: measured, the explicit copies cost 5–20%
 * there; `tensorflow`: native kernels take the flags (not measured here). `webgpu` keeps the explicit transposes,
 * which were faster on a software (llvmpipe) adapter.
 */
const TRANSPOSE_FLAGS_FAST: ReadonlySet<string> = new Set(["cpu", "tensorflow"]);

/**
 * `act(x·W + b)` as before custom gradients were introduced: `tf.fused.matMul` (matmul + bias, + ReLU), then tanh
 * when the activation is tanh. The custom-gradient layer runs exactly this, so the forward numerics are unchanged.
 */
function denseValue(x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D, act: LayerActivation): tf.Tensor2D {
  const z = tf.fused.matMul({
    a: x,
    b: w,
    bias: b,
    activation: act === "relu" ? "relu" : "linear",
  }) as tf.Tensor2D;
  return act === "tanh" ? tf.tanh(z) : z;
}

/**
 * dL/dz from dL/dy for `y = act(z)`, written with the output `y` as tfjs's own gradients are (Tanh: dy·(1 − y²);
 * fused ReLU: dy·step(y)), so that the results agree with autodiff of the plain ops.
 */
function activationGrad(dy: tf.Tensor, y: tf.Tensor, act: LayerActivation): tf.Tensor {
  if (act === "tanh") return tf.mul(dy, tf.sub(tf.scalar(1), tf.square(y)));
  if (act === "relu") return tf.mul(dy, tf.step(y));
  return dy;
}

type DenseFn = (x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D) => tf.Tensor2D;

/**
 * One dense layer `act(x·W + b)` with a hand-written backward pass: with `dz = dy ⊙ act′(z)`, dX = dz·Wᵀ,
 * dW = Xᵀ·dz and db = Σ_batch dz, the transposes done by `tf.transpose` followed by plain matmuls. tfjs's own
 * MatMul gradient uses `transposeA`/`transposeB` matmuls instead, which the wasm backend runs 6–15× slower than
 * plain ones (it sends only untransposed rank-2 products to XNNPACK; 256³: ~2 against ~20–29 GFLOP/s), so this
 * makes a wasm training step 2–6× faster. On {@link TRANSPOSE_FLAGS_FAST} backends the flags are kept.
 *
 * x, W and b are all inputs of the custom function (not closed over): `tf.variableGrads` then gets the gradients
 * of W and b, and gradients flow on to x (SAC's actor loss differentiates a critic with respect to its action
 * input). The tensors the backward pass needs are kept with `save`, which tfjs frees after the backward pass.
 */
function makeDense(act: LayerActivation): DenseFn {
  const f = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [x, w, b] = args as [tf.Tensor2D, tf.Tensor2D, tf.Tensor1D];
    const save = args[3] as tf.GradSaveFunc;
    const y = denseValue(x, w, b, act);
    save([x, w, y]);
    return {
      value: y,
      gradFunc: (dy: tf.Tensor2D, [xs, ws, ys]: tf.Tensor[]): tf.Tensor[] => {
        const dz = activationGrad(dy, ys, act);
        if (TRANSPOSE_FLAGS_FAST.has(tf.getBackend())) {
          return [tf.matMul(dz, ws, false, true), tf.matMul(xs, dz, true, false), tf.sum(dz, 0)];
        }
        // db = 1ᵀ·dz as a [1, batch] × [batch, out] matmul: on wasm ~25× faster than tf.sum over axis 0, which
        // transposes first (256 × 128: 12 µs against 330 µs).
        const [rows, cols] = dz.shape as [number, number];
        const db = tf.reshape(tf.matMul(tf.ones([1, rows]), dz), [cols]);
        return [tf.matMul(dz, tf.transpose(ws)), tf.matMul(tf.transpose(xs), dz), db];
      },
    };
  });
  return (x, w, b) => f(x, w, b) as tf.Tensor2D;
}

const DENSE: Record<LayerActivation, DenseFn> = {
  tanh: makeDense("tanh"),
  relu: makeDense("relu"),
  linear: makeDense("linear"),
};

/**
 * One layer of {@link mlpForward}. Outside gradient recording (rollouts, targets) it is {@link denseValue}
 * itself, sparing the custom-gradient bookkeeping (~25% of a batch-1 forward pass of a small net).
 */
export function dense(x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D, act: LayerActivation): tf.Tensor2D {
  return tf.engine().isTapeOn() ? DENSE[act](x, w, b) : denseValue(x, w, b, act);
}

/**
 * Forward pass `x ↦ W_L·σ(…σ(x·W₁ + b₁)…) + b_L` for a batch `x` of shape `[batch, inputSize]`. Uses
 * `tf.fused.matMul` (matmul + bias, + ReLU when the activation is ReLU) so each layer is one or two kernels, and a
 * hand-written backward pass per layer made of plain matmuls and explicit transposes (several times faster than
 * tfjs's own MatMul gradient on the wasm backend; see {@link makeDense}). Gradients flow to the weights, the
 * biases and `x`. Intermediate tensors are freed; the caller owns the result.
 *
 * @example
 * ```ts
 * import { createMlp, mlpForward } from "./mlp.ts";
 * import { tf } from "./backend.ts";
 * const critic = await createMlp({ inputSize: 3, hiddenSizes: [16], outputSize: 1, seed: 0 });
 * const v = tf.tidy(() => mlpForward(critic, tf.ones([5, 3])).squeeze([1]));
 * v.shape; // [5]
 * ```
 */
export function mlpForward(mlp: Mlp, x: tf.Tensor2D): tf.Tensor2D {
  const { inputSize } = mlp.config;
  if (x.rank !== 2 || x.shape[1] !== inputSize) {
    throw new RangeError(`x must have shape [batch, ${inputSize}], got [${x.shape.join(", ")}]`);
  }
  return tf.tidy(() => {
    let h: tf.Tensor2D = x.dtype === "float32" ? x : tf.cast(x, "float32");
    const last = mlp.weights.length - 1;
    for (let l = 0; l <= last; l++) {
      h = dense(h, mlp.weights[l], mlp.biases[l], l < last ? mlp.config.activation : "linear");
    }
    return h;
  });
}

/**
 * The trainable variables in a fixed order `[W₁, b₁, W₂, b₂, …]` (the order of saved weights).
 *
 * @example
 * ```ts
 * import { createMlp, mlpParams } from "./mlp.ts";
 * const net = await createMlp({ inputSize: 2, hiddenSizes: [4], outputSize: 1 });
 * mlpParams(net).length; // 4
 * ```
 */
export function mlpParams(mlp: Mlp): tf.Variable[] {
  const out: tf.Variable[] = [];
  for (let l = 0; l < mlp.weights.length; l++) out.push(mlp.weights[l], mlp.biases[l]);
  return out;
}

/**
 * Free the MLP's variables.
 *
 * @example
 * ```ts
 * import { createMlp, disposeMlp } from "./mlp.ts";
 * const net = await createMlp({ inputSize: 2, hiddenSizes: [4], outputSize: 1 });
 * disposeMlp(net);
 * ```
 */
export function disposeMlp(mlp: Mlp): void {
  for (const v of mlpParams(mlp)) v.dispose();
}
