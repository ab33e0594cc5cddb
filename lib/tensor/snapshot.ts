/**
 * Frozen MLPs on typed arrays: a copy of an {@link Mlp}'s weights as `Float32Array`s, and a forward pass over them
 * in plain TypeScript. Acting in an environment evaluates a small net on a few observations per step, where
 * TensorFlow.js's per-op overhead (tens of µs per kernel) dwarfs the arithmetic; a snapshot's forward pass costs
 * microseconds, allocates nothing when given an output buffer, does not depend on the backend, and needs no
 * `dispose`. Trained policies are snapshots, so they are plain data that serialise to JSON.
 *
 * @module
 */
import { checkInteger, checkLength, describe } from "../core/errors.ts";
import { layerSizes, type Mlp, type MlpConfig, resolveMlpConfig } from "./mlp.ts";

/** An MLP's architecture and weights as typed arrays; `weights[l]` is `[in, out]` row-major as in {@link Mlp}. */
export interface MlpSnapshot {
  /** The architecture. */
  readonly config: MlpConfig;
  /** One `[in, out]` row-major matrix per layer. */
  readonly weights: readonly Float32Array[];
  /** One bias vector per layer. */
  readonly biases: readonly Float32Array[];
}

/** {@link MlpSnapshot} as plain JSON (numbers arrays); float32 values survive JSON exactly. */
export interface MlpSnapshotJSON {
  /** The architecture. */
  config: MlpConfig;
  /** Weights per layer, row-major `[in, out]`. */
  weights: number[][];
  /** Biases per layer. */
  biases: number[][];
}

/**
 * Copy an MLP's current weights into a snapshot (async: reading GPU memory is).
 *
 * @example
 * ```ts
 * import { createMlp, snapshotForward, snapshotMlp } from "./mod.ts";
 * const net = await createMlp({ inputSize: 2, hiddenSizes: [8], outputSize: 1, seed: 0 });
 * const snap = await snapshotMlp(net);
 * snapshotForward(snap, new Float32Array([0.5, -1]), 1); // Float32Array [y]
 * ```
 */
export async function snapshotMlp(net: Mlp): Promise<MlpSnapshot> {
  if (net?.kind !== "mlp") throw new TypeError(`net must be an Mlp, got ${describe(net)}`);
  const weights: Float32Array[] = [];
  const biases: Float32Array[] = [];
  for (let l = 0; l < net.weights.length; l++) {
    weights.push(Float32Array.from(await net.weights[l].data() as Float32Array));
    biases.push(Float32Array.from(await net.biases[l].data() as Float32Array));
  }
  return { config: structuredClone(net.config), weights, biases };
}

/**
 * Evaluate a snapshot on `batch` rows of `x` (row-major `batch × inputSize`), writing `batch × outputSize` values
 * into `out` (allocated when omitted). Sums run in float64 and are rounded to float32 per layer, so results match
 * TensorFlow.js's float32 forward pass to ~1e-6 relative.
 *
 * @example
 * ```ts
 * import { snapshotForward, snapshotFromJSON } from "./snapshot.ts";
 * const snap = snapshotFromJSON({
 *   config: { inputSize: 1, hiddenSizes: [], outputSize: 1, activation: "tanh", init: "orthogonal", hiddenGain: 1, outputGain: 1 },
 *   weights: [[2]], biases: [[1]],
 * });
 * snapshotForward(snap, new Float32Array([3]), 1)[0]; // 7
 * ```
 */
export function snapshotForward(
  snap: MlpSnapshot,
  x: Float32Array,
  batch: number,
  out?: Float32Array,
): Float32Array {
  const sizes = layerSizes(snap.config);
  checkInteger("batch", batch, { min: 0 });
  checkLength("x", x, batch * sizes[0]);
  const outSize = sizes[sizes.length - 1];
  const result = out ?? new Float32Array(batch * outSize);
  checkLength("out", result, batch * outSize);
  const relu = snap.config.activation === "relu";
  const last = sizes.length - 2;
  let maxWidth = 0;
  for (const s of sizes) maxWidth = Math.max(maxWidth, s);
  let a = scratch(0, maxWidth);
  let b = scratch(1, maxWidth);
  for (let row = 0; row < batch; row++) {
    for (let i = 0; i < sizes[0]; i++) a[i] = x[row * sizes[0] + i];
    for (let l = 0; l <= last; l++) {
      const nIn = sizes[l];
      const nOut = sizes[l + 1];
      const w = snap.weights[l];
      const bias = snap.biases[l];
      for (let j = 0; j < nOut; j++) b[j] = bias[j];
      for (let i = 0; i < nIn; i++) {
        const ai = a[i];
        if (ai === 0) continue;
        const off = i * nOut;
        for (let j = 0; j < nOut; j++) b[j] += ai * w[off + j];
      }
      if (l < last) {
        if (relu) { for (let j = 0; j < nOut; j++) b[j] = b[j] > 0 ? Math.fround(b[j]) : 0; }
        else for (let j = 0; j < nOut; j++) b[j] = Math.fround(Math.tanh(Math.fround(b[j])));
      }
      const t = a;
      a = b;
      b = t;
    }
    for (let j = 0; j < outSize; j++) result[row * outSize + j] = a[j];
  }
  return result;
}

const scratchBuffers: Float64Array[] = [new Float64Array(256), new Float64Array(256)];

function scratch(which: 0 | 1, size: number): Float64Array {
  if (scratchBuffers[which].length < size) scratchBuffers[which] = new Float64Array(size);
  return scratchBuffers[which];
}

/**
 * A snapshot as plain JSON.
 *
 * @example
 * ```ts
 * import { createMlp, snapshotMlp, snapshotToJSON } from "./mod.ts";
 * const json = JSON.stringify(snapshotToJSON(await snapshotMlp(await createMlp({ inputSize: 1, hiddenSizes: [], outputSize: 1 }))));
 * ```
 */
export function snapshotToJSON(snap: MlpSnapshot): MlpSnapshotJSON {
  return {
    config: structuredClone(snap.config),
    weights: snap.weights.map((w) => Array.from(w)),
    biases: snap.biases.map((b) => Array.from(b)),
  };
}

/**
 * Rebuild a snapshot from {@link snapshotToJSON} output, validating every shape.
 *
 * @example
 * ```ts
 * import { snapshotFromJSON } from "./snapshot.ts";
 * const snap = snapshotFromJSON({
 *   config: { inputSize: 1, hiddenSizes: [], outputSize: 1, activation: "relu", init: "orthogonal", hiddenGain: 1, outputGain: 1 },
 *   weights: [[1]], biases: [[0]],
 * });
 * ```
 */
export function snapshotFromJSON(json: MlpSnapshotJSON): MlpSnapshot {
  if (typeof json !== "object" || json === null) {
    throw new TypeError(`snapshot must be an object, got ${describe(json)}`);
  }
  const config = resolveMlpConfig(json.config);
  const sizes = layerSizes(config);
  checkLength("weights", json.weights, sizes.length - 1);
  checkLength("biases", json.biases, sizes.length - 1);
  const weights = json.weights.map((w, l) =>
    Float32Array.from(checkLength(`weights[${l}]`, w, sizes[l] * sizes[l + 1]))
  );
  const biases = json.biases.map((b, l) => Float32Array.from(checkLength(`biases[${l}]`, b, sizes[l + 1])));
  return { config, weights, biases };
}
