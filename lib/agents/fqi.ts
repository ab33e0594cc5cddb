/**
 * Fitted Q iteration (Ernst et al. 2005; with neural networks, Riedmiller 2005 "Neural Fitted Q Iteration") on an
 * offline dataset with discrete actions: for k = 1..K, freeze Q_k, form the regression targets
 *   y_i = r_i + γ(1 − terminal_i)·max_a' Q_k(s'_i, a'),
 * and fit Q_{k+1}(s_i, a_i) to them by minibatch Adam on the squared error (warm-started from Q_k). The targets of
 * one iteration are computed once, over the whole dataset, with a frozen copy of the network (typed arrays, no
 * tensors). Time-limit truncations (`timeouts`) are bootstrapped like any non-terminal transition.
 *
 * @module
 */
import { checkInRange, checkInteger, checkPositive, describe } from "../core/errors.ts";
import { tf } from "../tensor/backend.ts";
import { type Activation, createMlp, disposeMlp, mlpForward, mlpParams } from "../tensor/mlp.ts";
import { createAdam } from "../tensor/optim.ts";
import { snapshotForward, snapshotMlp } from "../tensor/snapshot.ts";
import { gatherInts, gatherRows, sampleIndices } from "./_batch.ts";
import { prepareBackend, TrainLog, type TrainOptions, type TrainResult } from "./_train.ts";
import type { Dataset } from "./dataset.ts";
import type { Policy } from "./policy.ts";

/** Fitted-Q-iteration hyperparameters (all optional). */
export interface FqiConfig {
  /** Outer iterations K (default 50). */
  iterations?: number;
  /** Gradient steps fitting each iteration's targets (default 200). */
  stepsPerIteration?: number;
  /** Minibatch size (default 256). */
  batchSize?: number;
  /** Adam learning rate (default 1e-3). */
  lr?: number;
  /** Discount γ (default 0.99). */
  gamma?: number;
  /** Hidden widths (default [64, 64]). */
  hiddenSizes?: number[];
  /** Hidden activation (default "relu"). */
  activation?: Activation;
}

/**
 * Run fitted Q iteration on `data` (discrete actions). Records per iteration (`step` = iteration): `fit_loss`
 * (mean squared error of the last minibatch), `q_mean` (mean max-Q over the dataset), and `eval_return` with
 * `opts.evalEnv` or `opts.evaluate` (set `evalEvery: 1` to evaluate every iteration). The policy is greedy in Q.
 *
 * @example
 * ```ts
 * import { trainFqi } from "./fqi.ts";
 * import { collect } from "./dataset.ts";
 * import { Rng } from "../core/rng.ts";
 * import { makeEnv } from "../envs/mod.ts";
 * const data = collect(makeEnv("CartPole-v1"), "random", 500, new Rng(0));
 * const { policy } = await trainFqi(data, { iterations: 2, stepsPerIteration: 10 });
 * ```
 */
export async function trainFqi(
  data: Dataset,
  config: FqiConfig = {},
  opts: TrainOptions = {},
): Promise<TrainResult> {
  if (typeof data !== "object" || data === null || !(data.observations instanceof Float32Array)) {
    throw new TypeError(`data must be a Dataset, got ${describe(data)}`);
  }
  if (data.action.kind !== "discrete") throw new RangeError("fitted Q iteration needs discrete actions");
  if (data.size < 1) throw new RangeError("data must hold at least one transition");
  const K = checkInteger("iterations", config.iterations ?? 50, { min: 1 });
  const steps = checkInteger("stepsPerIteration", config.stepsPerIteration ?? 200, { min: 1 });
  const B = checkInteger("batchSize", config.batchSize ?? 256, { min: 1 });
  const lr = checkPositive("lr", config.lr ?? 1e-3);
  const gamma = checkInRange("gamma", config.gamma ?? 0.99, { min: 0, max: 1 });
  await prepareBackend(opts.backend);
  const log = new TrainLog("fqi", K, { evalEvery: 1, ...opts });
  const n = data.size;
  const d = data.obsSize;
  const nA = data.action.n;
  const root = log.rng;
  const q = await createMlp({
    inputSize: d,
    hiddenSizes: config.hiddenSizes ?? [64, 64],
    outputSize: nA,
    activation: config.activation ?? "relu",
    rng: root.split(),
  });
  const sampleRng = root.split();
  const opt = createAdam(mlpParams(q), { lr });
  const actions = data.actions as Int32Array;
  const makePolicy = async (): Promise<Policy> => ({
    kind: "greedy-q",
    obsSize: d,
    action: structuredClone(data.action),
    net: await snapshotMlp(q),
  });
  const targets = new Float32Array(n);
  try {
    let k = 0;
    for (k = 1; k <= K; k++) {
      if (log.aborted) break;
      const frozen = await snapshotMlp(q);
      const nextQ = snapshotForward(frozen, data.next_observations, n);
      let qMean = 0;
      for (let i = 0; i < n; i++) {
        let best = -Infinity;
        for (let a = 0; a < nA; a++) best = Math.max(best, nextQ[i * nA + a]);
        qMean += best;
        targets[i] = data.rewards[i] + (data.terminals[i] ? 0 : gamma * best);
      }
      let loss = 0;
      for (let s = 0; s < steps; s++) {
        const idx = sampleIndices(n, B, sampleRng);
        const obs = gatherRows(data.observations, d, idx, 0, B);
        const act = gatherInts(actions, idx, 0, B);
        const y = gatherRows(targets, 1, idx, 0, B);
        const t = tf.tidy(() => ({
          obs: tf.tensor2d(obs, [B, d]),
          act: tf.tensor1d(act, "int32"),
          y: tf.tensor1d(y),
        }));
        loss = await opt.step(() =>
          tf.losses.meanSquaredError(
            t.y,
            tf.sum(tf.mul(mlpForward(q, t.obs), tf.oneHot(t.act, nA)), 1),
          ) as tf.Scalar
        );
        tf.dispose(Object.values(t));
      }
      log.log(k, { fit_loss: loss, q_mean: qMean / n });
      log.progress(k);
      if (await log.maybeEvaluate(k, makePolicy, k === K)) break;
    }
    return log.result(await makePolicy(), Math.min(k, K));
  } finally {
    opt.dispose();
    disposeMlp(q);
  }
}
