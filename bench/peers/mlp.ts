/**
 * MLP training throughput (samples/s), lib/tensor against PyTorch on the CPU with one thread (Debian's
 * /usr/bin/python3 with python3-torch), for two nets with tanh hidden layers, Adam (lr 1e-3) and an MSE loss on
 * one fixed random batch:
 *
 * - wide: 64-256-256-8 at batch 256;
 * - rl: 8-64-64-2 at batch 128 (CleanRL-sized).
 *
 * Ours runs on the `wasm` and on the `cpu` (plain JavaScript) backends, one row each. Both sides read the loss
 * back every step (reprl's `Adam.step` does; torch's `loss.item()`), warm up for {@link WARMUP_S} s, then count
 * steps for {@link MEASURE_S} s of wall time in {@link WINDOWS} windows and report the best window (the machine
 * may be shared). Torch and ours never run at the same time; torch's side is bench/peers/mlp_torch.py. One extra
 * row times the rl net with tfjs's own `tf.train.adam().minimize` (one call per step, no loss read back) to show
 * how much of our step is reprl's optimiser rather than tfjs's kernels.
 *
 * `deno run -A bench/peers/mlp.ts`
 *
 * @module
 */
import {
  backendInfo,
  type ConcreteBackend,
  createAdam,
  createMlp,
  disposeMlp,
  type Mlp,
  mlpForward,
  mlpParams,
  setBackend,
  tf,
} from "../../lib/tensor/mod.ts";
import type { PeerRow } from "./types.ts";
import { bestRate, printPeerRows, runPython } from "./_common.ts";

const TORCH_SCRIPT = new URL("./mlp_torch.py", import.meta.url);

/** Seconds of untimed training before each measurement. */
export const WARMUP_S = 0.5;
/** Seconds of wall time each case is measured for, split into {@link WINDOWS} windows. */
export const MEASURE_S = 2;
/** Timing windows per case; the best window's rate is reported, so brief load from other processes is ignored. */
export const WINDOWS = 4;

/** One benchmarked net: layer widths `[in, ...hidden, out]` and the batch size. */
export interface MlpCase {
  sizes: number[];
  batch: number;
}

/** The two nets compared: a wide one and a CleanRL-sized one. */
export const CASES: readonly MlpCase[] = [
  { sizes: [64, 256, 256, 8], batch: 256 },
  { sizes: [8, 64, 64, 2], batch: 128 },
];

const BACKENDS: readonly ConcreteBackend[] = ["wasm", "cpu"];

function caseName(c: MlpCase): string {
  return `MLP train ${c.sizes.join("-")} b${c.batch}`;
}

const TIMING = { warmupS: WARMUP_S, measureS: MEASURE_S, windows: WINDOWS };

/** A net of `c`'s shape (torch's default uniform init, as the peer) with a fixed random batch. */
async function setup(c: MlpCase): Promise<{ net: Mlp; x: tf.Tensor2D; y: tf.Tensor2D }> {
  const net = await createMlp({
    inputSize: c.sizes[0],
    hiddenSizes: c.sizes.slice(1, -1),
    outputSize: c.sizes[c.sizes.length - 1],
    activation: "tanh",
    init: "uniform",
    seed: 0,
  });
  const x = tf.randomNormal([c.batch, c.sizes[0]], 0, 1, "float32", 1) as tf.Tensor2D;
  const y = tf.randomNormal([c.batch, c.sizes[c.sizes.length - 1]], 0, 1, "float32", 2) as tf.Tensor2D;
  return { net, x, y };
}

/** Ours: reprl's `createAdam(...).step` on the current backend. Checks that no tensors leak. */
async function oursRate(c: MlpCase): Promise<number> {
  const { net, x, y } = await setup(c);
  const opt = createAdam(mlpParams(net), { lr: 1e-3 });
  const loss = (): tf.Scalar => tf.losses.meanSquaredError(y, mlpForward(net, x)) as tf.Scalar;
  await opt.step(loss);
  const before = tf.memory().numTensors;
  const rate = await bestRate(() => opt.step(loss), c.batch, TIMING);
  const leaked = tf.memory().numTensors - before;
  if (leaked !== 0) throw new Error(`${caseName(c)}: ${leaked} tensors leaked over the timed steps`);
  opt.dispose();
  disposeMlp(net);
  tf.dispose([x, y]);
  return rate;
}

/** Ours through tfjs's own Adam: `minimize` in one call per step, the loss not read back. */
async function tfjsAdamRate(c: MlpCase): Promise<number> {
  const { net, x, y } = await setup(c);
  const opt = tf.train.adam(1e-3);
  const vars = mlpParams(net);
  const step = (): Promise<void> => {
    opt.minimize(() => tf.losses.meanSquaredError(y, mlpForward(net, x)) as tf.Scalar, false, vars);
    return Promise.resolve();
  };
  const rate = await bestRate(step, c.batch, TIMING);
  // wasm and cpu kernels run when called, but read one value so nothing is left queued.
  await net.biases[0].data();
  opt.dispose();
  disposeMlp(net);
  tf.dispose([x, y]);
  return rate;
}

/** Torch's samples/s per case, or why it could not run. */
async function torchRates(): Promise<{ version: string; rates: number[] } | string> {
  const args = [decodeURIComponent(TORCH_SCRIPT.pathname), JSON.stringify(CASES), String(WARMUP_S)];
  const out = await runPython([...args, String(MEASURE_S), String(WINDOWS)]);
  if (typeof out === "string") return `torch run failed (install python3-torch): ${out}`;
  return { version: out.torch as string, rates: out.rates as number[] };
}

/**
 * Train the {@link CASES} nets with reprl (wasm and cpu backends, plus the rl net through tfjs's own Adam on wasm)
 * and with PyTorch (CPU, one thread) in turn, never at the same time. Returns one row per case and backend, ratio
 * = ours / torch in samples/s; `[]` (and logs why) when /usr/bin/python3 or torch is missing. Leaves the `wasm`
 * backend active. Takes about 20 s.
 *
 * @example
 * ```ts
 * import { compare } from "./mlp.ts";
 * for (const row of await compare()) console.log(row.name, row.ratio.toFixed(2));
 * ```
 */
export async function compare(): Promise<PeerRow[]> {
  const peer = await torchRates();
  if (typeof peer === "string") {
    console.error(`bench/peers/mlp.ts: skipping the PyTorch comparison (${peer})`);
    return [];
  }
  const rows: PeerRow[] = [];
  const row = (name: string, ours: number, torch: number): PeerRow => ({
    name: `${name} vs torch ${peer.version}`,
    ours,
    peer: torch,
    unit: "samples/s",
    ratio: ours / torch,
  });
  for (const backend of BACKENDS) {
    await setBackend(backend, { respectEnv: false });
    const info = backendInfo();
    if (info.name === "wasm") {
      console.error(`bench/peers/mlp.ts: wasm simd=${info.simd} threads=${info.threads}`);
    }
    for (const [i, c] of CASES.entries()) {
      rows.push(row(`${caseName(c)} (${backend})`, await oursRate(c), peer.rates[i]));
    }
  }
  await setBackend("wasm", { respectEnv: false });
  const rl = CASES.length - 1;
  rows.push(
    row(`${caseName(CASES[rl])} (wasm, tf.train.adam)`, await tfjsAdamRate(CASES[rl]), peer.rates[rl]),
  );
  return rows;
}

if (import.meta.main) printPeerRows(await compare());
