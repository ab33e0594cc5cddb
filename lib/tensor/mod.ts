/**
 * Tensors for reprl: the TensorFlow.js backend choice (the only place that makes it), MLPs with CleanRL's
 * orthogonal initialisation, ensembles evaluated as one batched call, Adam with gradient clipping, target-network
 * updates, categorical and Gaussian policy heads, and weight save/load as JSON.
 *
 * Every function that creates tensors from nothing awaits {@link ensureBackend}, which picks `auto` (or
 * `REPRL_BACKEND`): `tensorflow` when `@tensorflow/tfjs-node-gpu` is installed, else `webgpu` on a real GPU, else
 * `wasm`. Other reprl modules import TensorFlow.js only as `tf` from here. Training steps free their tensors: the
 * optimiser's step runs inside `tf.tidy`, and tests check that `tf.memory().numTensors` does not grow.
 *
 * @example
 * ```ts
 * import { backendInfo, createAdam, createMlp, mlpForward, mlpParams, setBackend, tf } from "./mod.ts";
 * await setBackend("wasm");
 * const net = await createMlp({ inputSize: 2, hiddenSizes: [32, 32], outputSize: 1, activation: "tanh", seed: 0 });
 * const opt = createAdam(mlpParams(net), { lr: 1e-2, clipNorm: 1 });
 * const x = tf.tensor2d([[0, 0], [0, 1], [1, 0], [1, 1]]);
 * const y = tf.tensor2d([[0], [1], [1], [0]]);
 * for (let i = 0; i < 200; i++) {
 *   await opt.step(() => tf.mean(tf.square(tf.sub(mlpForward(net, x), y))) as tf.Scalar);
 * }
 * console.log(backendInfo());
 * ```
 *
 * @module
 */
export {
  type BackendInfo,
  backendInfo,
  type BackendName,
  type ConcreteBackend,
  ensureBackend,
  setBackend,
  type SetBackendOptions,
  tf,
} from "./backend.ts";
export {
  type Activation,
  createMlp,
  disposeMlp,
  type InitScheme,
  type Mlp,
  type MlpConfig,
  mlpForward,
  mlpFromValues,
  type MlpOptions,
  mlpParams,
  orthogonalMatrix,
} from "./mlp.ts";
export {
  createEnsemble,
  disposeEnsemble,
  type Ensemble,
  type EnsembleConfig,
  ensembleForward,
  ensembleFromValues,
  type EnsembleOptions,
  ensembleParams,
} from "./ensemble.ts";
export {
  type Adam,
  type AdamOptions,
  copyWeights,
  createAdam,
  type Network,
  networkParams,
  polyakUpdate,
} from "./optim.ts";
export {
  categoricalEntropy,
  categoricalLogProb,
  gaussianEntropy,
  gaussianLogProb,
  sampleCategorical,
  sampleGaussian,
  tanhGaussianLogProb,
} from "./heads.ts";
export {
  type EnsembleWeights,
  loadWeights,
  type MlpWeights,
  type NetworkWeights,
  saveWeights,
} from "./weights.ts";
export {
  type MlpSnapshot,
  type MlpSnapshotJSON,
  snapshotForward,
  snapshotFromJSON,
  snapshotMlp,
  snapshotToJSON,
} from "./snapshot.ts";
