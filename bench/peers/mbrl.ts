/**
 * Dynamics-ensemble throughput (samples/s), lib/mbrl on lib/tensor against PyTorch on the CPU with one thread
 * (Debian's /usr/bin/python3 with python3-torch; bench/peers/mbrl.py), for PETS' ensemble shape: 5 members of
 * 5-200-200-200-8 (a CartPole state and action in, Δ mean and log-variance out), ReLU:
 *
 * - train: one Adam step on the Gaussian NLL with 256 samples per member (M × 256 samples per step);
 * - forward: one forward pass of 500 planning rows per member (CEM population × TS∞ particles), read back.
 *
 * Ours runs on the `wasm` and `cpu` backends (one row each per case). Ours trains through
 * `trainDynamicsModel`-equivalent pieces (`modelHeads` + `gaussianNll` + lib/tensor's Adam, loss read back every
 * step) and forwards through `modelHeads` with the result read back. Warm-up, then the best of {@link WINDOWS}
 * windows over {@link MEASURE_S} s; torch and ours never run at the same time.
 *
 * `deno run -A bench/peers/mbrl.ts`
 *
 * @module
 */
import { backendInfo, type ConcreteBackend, createAdam, setBackend, tf } from "../../lib/tensor/mod.ts";
import { createDynamicsModel, disposeDynamicsModel, gaussianNll, modelHeads } from "../../lib/mbrl/mod.ts";
import { ensembleParams } from "../../lib/tensor/mod.ts";
import { bestRate, printPeerRows, runPython } from "./_common.ts";
import type { PeerRow } from "./types.ts";

const SCRIPT = new URL("./mbrl.py", import.meta.url);
/** Seconds of untimed steps before each measurement. */
export const WARMUP_S = 0.5;
/** Seconds of wall time per case, split into {@link WINDOWS} windows. */
export const MEASURE_S = 2;
/** Timing windows; the best is reported. */
export const WINDOWS = 4;
/** The benchmarked ensemble. */
export const CASE = { members: 5, sizes: [5, 200, 200, 200, 8], batch: 256, plan: 500 } as const;
const BACKENDS: readonly ConcreteBackend[] = ["wasm", "cpu"];

const TIMING = { warmupS: WARMUP_S, measureS: MEASURE_S, windows: WINDOWS };

/**
 * Ours on the current backend: [train samples/s, forward samples/s] for {@link CASE}; throws if tensors leak.
 *
 * @example
 * ```ts
 * import { ensembleRates } from "./mbrl.ts";
 * const [train, forward] = await ensembleRates();
 * ```
 */
export async function ensembleRates(): Promise<[number, number]> {
  const { members: m, batch, plan } = CASE;
  const model = await createDynamicsModel({
    obsSize: 4,
    actionSize: 1,
    members: m,
    hiddenSizes: [200, 200, 200],
    seed: 0,
  });
  const obs = tf.randomNormal([m, batch, 4], 0, 1, "float32", 1);
  const act = tf.randomNormal([m, batch, 1], 0, 1, "float32", 2);
  const y = tf.randomNormal([m, batch, 4], 0, 1, "float32", 3);
  const pObs = tf.randomNormal([m, plan, 4], 0, 1, "float32", 4);
  const pAct = tf.randomNormal([m, plan, 1], 0, 1, "float32", 5);
  const opt = createAdam([...ensembleParams(model.net), model.maxLogVar, model.minLogVar], { lr: 1e-3 });
  const loss = () =>
    tf.tidy(() => {
      const h = modelHeads(model, obs, act);
      return gaussianNll(h.mean, h.logVar!, y);
    });
  const forward = async () => {
    const out = tf.tidy(() => modelHeads(model, pObs, pAct).mean);
    await out.data();
    out.dispose();
  };
  await opt.step(loss);
  const before = tf.memory().numTensors;
  const train = await bestRate(() => opt.step(loss), m * batch, TIMING);
  const fwd = await bestRate(forward, m * plan, TIMING);
  const leaked = tf.memory().numTensors - before;
  opt.dispose();
  disposeDynamicsModel(model);
  tf.dispose([obs, act, y, pObs, pAct]);
  if (leaked !== 0) throw new Error(`mbrl bench: ${leaked} tensors leaked`);
  return [train, fwd];
}

async function torchRates(): Promise<{ version: string; train: number; forward: number } | string> {
  const args = [
    decodeURIComponent(SCRIPT.pathname),
    JSON.stringify(CASE),
    String(WARMUP_S),
    String(MEASURE_S),
  ];
  const out = await runPython([...args, String(WINDOWS)]);
  if (typeof out === "string") return `torch run failed (install python3-torch): ${out}`;
  return { version: out.torch as string, train: out.train as number, forward: out.forward as number };
}

/**
 * The ensemble's train and forward throughput with reprl (wasm, cpu) and with PyTorch (CPU, one thread), one row per
 * case and backend, ratio = ours / torch; `[]` (and logs why) when /usr/bin/python3 or torch is missing. Leaves the
 * `wasm` backend active.
 *
 * @example
 * ```ts
 * import { compare } from "./mbrl.ts";
 * for (const row of await compare()) console.log(row.name, row.ratio.toFixed(2));
 * ```
 */
export async function compare(): Promise<PeerRow[]> {
  const peer = await torchRates();
  if (typeof peer === "string") {
    console.error(`bench/peers/mbrl.ts: skipping the PyTorch comparison (${peer})`);
    return [];
  }
  const rows: PeerRow[] = [];
  const shape = `${CASE.members}×${CASE.sizes.join("-")}`;
  for (const backend of BACKENDS) {
    await setBackend(backend, { respectEnv: false });
    if (backendInfo().name !== backend) continue;
    const [train, fwd] = await ensembleRates();
    rows.push({
      name: `ensemble NLL train ${shape} b${CASE.batch} (${backend}) vs torch ${peer.version}`,
      ours: train,
      peer: peer.train,
      unit: "samples/s",
      ratio: train / peer.train,
    });
    rows.push({
      name: `ensemble forward ${shape} p${CASE.plan} (${backend}) vs torch ${peer.version}`,
      ours: fwd,
      peer: peer.forward,
      unit: "samples/s",
      ratio: fwd / peer.forward,
    });
  }
  await setBackend("wasm", { respectEnv: false });
  return rows;
}

if (import.meta.main) printPeerRows(await compare());
