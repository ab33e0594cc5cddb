/**
 * Behaviour cloning (Pomerleau 1991; the BC baseline of offline RL, e.g. Fujimoto & Gu 2021): supervised learning
 * of actions from a dataset's observations. Discrete actions: cross-entropy of a categorical policy,
 * L = −mean(log π(a|s)); continuous actions: mean squared error of a deterministic policy, L = mean(‖π(s) − a‖²).
 * Minibatches are drawn uniformly with replacement, as offline-RL codebases do.
 *
 * @module
 */
import { checkInteger, checkPositive, describe } from "../core/errors.ts";
import { tf } from "../tensor/backend.ts";
import { categoricalLogProb } from "../tensor/heads.ts";
import { type Activation, createMlp, disposeMlp, mlpForward, mlpParams } from "../tensor/mlp.ts";
import { createAdam } from "../tensor/optim.ts";
import { snapshotMlp } from "../tensor/snapshot.ts";
import { gatherInts, gatherRows, sampleIndices } from "./_batch.ts";
import { prepareBackend, TrainLog, type TrainOptions, type TrainResult } from "./_train.ts";
import type { Dataset } from "./dataset.ts";
import type { Policy } from "./policy.ts";

/** BC hyperparameters (all optional). */
export interface BcConfig {
  /** Gradient steps (default 5000). */
  gradientSteps?: number;
  /** Minibatch size (default 256). */
  batchSize?: number;
  /** Adam learning rate (default 1e-3). */
  lr?: number;
  /** Hidden widths (default [64, 64]). */
  hiddenSizes?: number[];
  /** Hidden activation (default "relu"). */
  activation?: Activation;
  /** Gradient steps between logged losses (default 100). */
  logEvery?: number;
}

/**
 * Clone the behaviour in `data`. `records` hold `bc_loss` every `logEvery` steps (and `eval_return` with
 * `opts.evalEnv`; `step` counts gradient steps here). The policy is `categorical` for discrete actions (act with
 * `deterministic: true` for the argmax) and `deterministic` for Box actions.
 *
 * @example
 * ```ts
 * import { trainBc } from "./bc.ts";
 * import { collect } from "./dataset.ts";
 * import { Rng } from "../core/rng.ts";
 * import { makeEnv } from "../envs/mod.ts";
 * const data = collect(makeEnv("CartPole-v1"), "random", 500, new Rng(0));
 * const { policy } = await trainBc(data, { gradientSteps: 50 });
 * ```
 */
export async function trainBc(
  data: Dataset,
  config: BcConfig = {},
  opts: TrainOptions = {},
): Promise<TrainResult> {
  if (typeof data !== "object" || data === null || !(data.observations instanceof Float32Array)) {
    throw new TypeError(`data must be a Dataset, got ${describe(data)}`);
  }
  if (data.size < 1) throw new RangeError("data must hold at least one transition");
  const steps = checkInteger("gradientSteps", config.gradientSteps ?? 5000, { min: 1 });
  const B = checkInteger("batchSize", config.batchSize ?? 256, { min: 1 });
  const lr = checkPositive("lr", config.lr ?? 1e-3);
  const logEvery = checkInteger("logEvery", config.logEvery ?? 100, { min: 1 });
  await prepareBackend(opts.backend);
  const log = new TrainLog("bc", steps, opts);
  const discrete = data.action.kind === "discrete";
  const d = data.obsSize;
  const a = data.action.kind === "discrete" ? 1 : data.action.size;
  const nOut = data.action.kind === "discrete" ? data.action.n : data.action.size;
  const root = log.rng;
  const net = await createMlp({
    inputSize: d,
    hiddenSizes: config.hiddenSizes ?? [64, 64],
    outputSize: nOut,
    activation: config.activation ?? "relu",
    rng: root.split(),
  });
  const sampleRng = root.split();
  const opt = createAdam(mlpParams(net), { lr });
  const makePolicy = async (): Promise<Policy> => ({
    kind: discrete ? "categorical" : "deterministic",
    obsSize: d,
    action: structuredClone(data.action),
    net: await snapshotMlp(net),
  });
  try {
    let step = 0;
    for (step = 1; step <= steps; step++) {
      if (log.aborted) break;
      const idx = sampleIndices(data.size, B, sampleRng);
      const obs = gatherRows(data.observations, d, idx, 0, B);
      const acts = discrete
        ? gatherInts(data.actions as Int32Array, idx, 0, B)
        : gatherRows(data.actions, a, idx, 0, B);
      const x = tf.tensor2d(obs, [B, d]);
      const y = discrete
        ? tf.tensor1d(acts as Int32Array, "int32")
        : tf.tensor2d(acts as Float32Array, [B, a]);
      const loss = await opt.step(() =>
        discrete
          ? tf.neg(tf.mean(categoricalLogProb(mlpForward(net, x), y as tf.Tensor1D))) as tf.Scalar
          : tf.mean(tf.sum(tf.square(tf.sub(mlpForward(net, x), y)), 1)) as tf.Scalar
      );
      tf.dispose([x, y]);
      if (step % logEvery === 0 || step === steps) {
        log.log(step, { bc_loss: loss });
        log.progress(step);
      }
      if (await log.maybeEvaluate(step, makePolicy, step === steps)) break;
    }
    return log.result(await makePolicy(), Math.min(step, steps));
  } finally {
    opt.dispose();
    disposeMlp(net);
  }
}
