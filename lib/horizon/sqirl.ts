/**
 * SQIRL, Shallow Q-Iteration via Reinforcement Learning (Laidlaw, Zhu, Russell, Dragan, ICLR 2024, "The Effective
 * Horizon Explains Deep RL Performance in Stochastic Environments", Algorithm 1; official
 * `effective_horizon/sb3/algorithms/sqirl.py`). It learns a non-stationary policy π_1..π_T one timestep at a time:
 *
 * for i = 1..T:
 *   1. collect m episodes that follow the frozen π_1..π_{i−1} for t < i and act uniformly at random from t = i on,
 *      keeping the transitions with t ≥ i and their Monte-Carlo reward-to-go G_t = Σ_{j ≥ t} γ^{j−t} r_j;
 *   2. regress (one network with k heads Q̂^1..Q̂^k over the replay of all iterations):
 *        head 1: Q̂^1(s_t, a_t) ≈ G_t                      (the random policy's Q, Q^1 = Q^rand)
 *        head j: Q̂^j(s_t, a_t) ≈ r_t + γ·max_a' Q̂^{j−1}(s_{t+1}, a')   (0 after the last step: k − 1 fitted-Q steps)
 *      with `ceil(new transitions · epochs / batch)` Adam steps on the mean squared error over heads;
 *   3. freeze π_i(s) = argmax_a Q̂^k(s, a).
 * It stops early, copying the last policy forward, once `patience` iterations in a row collected no transition
 * (every episode ended before step i).
 *
 * The network sees observations only (not t), as the official code; with `gamma = 1` the returns are undiscounted
 * (the paper's setting, except sticky MiniGrid where it used 0.99).
 *
 * @module
 */
import { checkVecEnv, episodeTracker, obsDim, type VecEnv } from "../core/env.ts";
import { checkInRange, checkInteger, checkPositive, describe } from "../core/errors.ts";
import type { ProgressCallback } from "../core/progress.ts";
import { Rng } from "../core/rng.ts";
import { Discrete } from "../core/spaces.ts";
import { type BackendName, ensureBackend, setBackend, tf } from "../tensor/backend.ts";
import { createMlp, disposeMlp, mlpForward, mlpParams } from "../tensor/mlp.ts";
import { createAdam } from "../tensor/optim.ts";
import { type MlpSnapshot, snapshotForward, snapshotMlp } from "../tensor/snapshot.ts";

/** SQIRL's parameters. */
export interface SqirlConfig {
  /** Planning depth k: number of Q heads (1 = greedy on Q^rand). */
  k: number;
  /** Episodes collected per timestep. */
  m: number;
  /** Horizon T (default and maximum: the env's `maxEpisodeSteps`, which must be finite). */
  horizon?: number;
  /** Discount γ of the targets (default 1). */
  gamma?: number;
  /** Hidden widths of the Q network (default [64, 64], the official MLP). */
  hiddenSizes?: number[];
  /** Adam learning rate (default 1e-3). */
  lr?: number;
  /** Minibatch size (default 256). */
  batchSize?: number;
  /** Passes over each iteration's new transitions (default 1). */
  epochs?: number;
  /** Replay capacity in transitions (default 200 000). */
  bufferSize?: number;
  /** Iterations without new transitions before stopping (default 10). */
  patience?: number;
  /** Episodes of the final evaluation (default 100). */
  evalEpisodes?: number;
}

/** What {@link sqirl} returns. */
export interface SqirlResult {
  /** The frozen Q network of each timestep (act with {@link sqirlAction}); length T. */
  policies: MlpSnapshot[];
  /** Planning depth (the head the policies act on). */
  k: number;
  /** Mean return of the learned policy over `evalEpisodes` episodes. */
  finalReturn: number;
  /** Env steps used for learning (summed over copies, evaluation excluded). */
  timesteps: number;
  /** Iterations run before stopping (≤ T). */
  iterations: number;
  /** One row per iteration: `{ step: i, transitions, loss }`. */
  records: { step: number; transitions: number; loss: number | null }[];
}

/**
 * The action of the learned non-stationary policy at timestep `t` (0-based) for one observation: the argmax of
 * head k of `policies[t]`.
 *
 * @example
 * ```ts
 * import { sqirlAction } from "./sqirl.ts";
 * // const a = sqirlAction(result, 0, observationRow);
 * ```
 */
export function sqirlAction(
  result: Pick<SqirlResult, "policies" | "k">,
  t: number,
  obs: Float32Array,
): number {
  checkInteger("t", t, { min: 0, max: result.policies.length - 1 });
  const net = result.policies[t];
  const A = net.config.outputSize / result.k;
  const q = snapshotForward(net, obs, 1);
  let best = 0;
  for (let a = 1; a < A; a++) if (q[(result.k - 1) * A + a] > q[(result.k - 1) * A + best]) best = a;
  return best;
}

/**
 * Run SQIRL on an environment with a Discrete action space (any number of copies; episodes start at the env's
 * seeded resets, so stochastic envs such as sticky-action MiniGrid are fine).
 *
 * @example
 * ```ts
 * import { sqirl } from "./sqirl.ts";
 * import { minigridEmpty } from "../envs/minigrid.ts";
 * const env = minigridEmpty({ size: 5, sticky: 0.25, reward: "bridge", obs: "onehot", numEnvs: 8, maxSteps: 12 });
 * const { finalReturn } = await sqirl(env, { k: 1, m: 32 }, { seed: 0 });
 * ```
 */
export async function sqirl(
  env: VecEnv,
  config: SqirlConfig,
  opts: { seed?: number; onProgress?: ProgressCallback; signal?: AbortSignal; backend?: BackendName } = {},
): Promise<SqirlResult> {
  checkVecEnv("env", env);
  if (!(env.actionSpace instanceof Discrete)) {
    throw new TypeError(`env.actionSpace must be Discrete for SQIRL, got ${describe(env.actionSpace)}`);
  }
  if (!Number.isFinite(env.maxEpisodeSteps)) {
    throw new RangeError("SQIRL needs an env with a finite maxEpisodeSteps");
  }
  const k = checkInteger("k", config.k, { min: 1 });
  const m = checkInteger("m", config.m, { min: 1 });
  const T = checkInteger("horizon", config.horizon ?? env.maxEpisodeSteps, {
    min: 1,
    max: env.maxEpisodeSteps,
  });
  const gamma = checkInRange("gamma", config.gamma ?? 1, { min: 0, max: 1 });
  const lr = checkPositive("lr", config.lr ?? 1e-3);
  const B = checkInteger("batchSize", config.batchSize ?? 256, { min: 1 });
  const epochs = checkPositive("epochs", config.epochs ?? 1);
  const capacity = checkInteger("bufferSize", config.bufferSize ?? 200_000, { min: 1 });
  const patience = checkInteger("patience", config.patience ?? 10, { min: 1 });
  const evalEpisodes = checkInteger("evalEpisodes", config.evalEpisodes ?? 100, { min: 1 });
  const seed = checkInteger("seed", opts.seed ?? 0, { min: 0 });
  if (opts.backend !== undefined) await setBackend(opts.backend);
  await ensureBackend();

  const A = env.actionSpace.n;
  const start = env.actionSpace.start;
  const d = obsDim(env.observationSpace);
  const N = env.numEnvs;
  const root = new Rng(seed);
  const net = await createMlp({
    inputSize: d,
    hiddenSizes: config.hiddenSizes ?? [64, 64],
    outputSize: k * A,
    activation: "relu",
    rng: root.split(),
  });
  const opt = createAdam(mlpParams(net), { lr, clipNorm: 10 });
  const actRng = root.split();
  const sampleRng = root.split();

  // Replay (ring) of transitions with their reward-to-go.
  const bObs = new Float32Array(capacity * d);
  const bNext = new Float32Array(capacity * d);
  const bAct = new Int32Array(capacity);
  const bRew = new Float32Array(capacity);
  const bDone = new Float32Array(capacity);
  const bRet = new Float32Array(capacity);
  let pos = 0;
  let size = 0;

  const policies: MlpSnapshot[] = [];
  const records: SqirlResult["records"] = [];
  let timesteps = 0;
  let idle = 0;
  const actions = new Int32Array(N);

  /** Run episodes until `count` have finished; `choose(t, row)` picks copy actions. Returns finished returns. */
  const runEpisodes = (
    count: number,
    envSeed: number,
    choose: (t: number, row: Float32Array) => number,
    onStep?: (
      i: number,
      t: number,
      row: Float32Array,
      a: number,
      r: number,
      next: Float32Array,
      done: boolean,
    ) => void,
    onEnd?: (i: number) => void,
  ): number[] => {
    const tracker = episodeTracker(N);
    const t = new Int32Array(N);
    const returns: number[] = [];
    const obs = env.reset(envSeed); // the env overwrites this buffer on every step
    while (returns.length < count) {
      for (let c = 0; c < N; c++) actions[c] = start + choose(t[c], obs.subarray(c * d, (c + 1) * d));
      const prev = Float32Array.from(obs);
      const res = env.step(actions);
      const finished = tracker.record(res);
      for (let c = 0; c < N; c++) {
        const ended = res.terminated[c] === 1 || res.truncated[c] === 1 || t[c] + 1 >= T;
        onStep?.(
          c,
          t[c],
          prev.subarray(c * d, (c + 1) * d),
          actions[c] - start,
          res.rewards[c],
          res.finalObservations.subarray(c * d, (c + 1) * d),
          res.terminated[c] === 1 || t[c] + 1 >= T,
        );
        t[c]++;
        if (ended) {
          if (!(res.terminated[c] || res.truncated[c])) {
            throw new RangeError(`horizon ${T} must equal the env's episode limit (copy ${c} did not reset)`);
          }
          onEnd?.(c);
          t[c] = 0;
        }
      }
      for (const ep of finished) if (returns.length < count) returns.push(ep.return);
    }
    return returns;
  };

  const greedy = (t: number, row: Float32Array): number => sqirlAction({ policies, k }, t, row);

  try {
    let i = 0;
    for (; i < T; i++) {
      if (opts.signal?.aborted) break;
      // 1. Collect m episodes: frozen policies before step i, uniform actions from step i on.
      const pending: { obs: Float32Array; next: Float32Array; a: number; r: number; done: boolean }[][] =
        Array.from(
          { length: N },
          () => [],
        );
      let added = 0;
      let episodesSeen = 0;
      runEpisodes(
        m,
        root.nextUint32(),
        (t, row) => t < i ? greedy(t, row) : actRng.integer(A),
        (c, t, row, a, r, next, done) => {
          timesteps++;
          if (t >= i) {
            pending[c].push({ obs: Float32Array.from(row), next: Float32Array.from(next), a, r, done });
          }
        },
        (c) => {
          if (episodesSeen++ >= m) {
            pending[c] = [];
            return;
          }
          let g = 0;
          const ep = pending[c];
          for (let j = ep.length - 1; j >= 0; j--) {
            g = ep[j].r + gamma * g;
            bObs.set(ep[j].obs, pos * d);
            bNext.set(ep[j].next, pos * d);
            bAct[pos] = ep[j].a;
            bRew[pos] = ep[j].r;
            bDone[pos] = ep[j].done ? 1 : 0;
            bRet[pos] = g;
            pos = (pos + 1) % capacity;
            size = Math.min(size + 1, capacity);
            added++;
          }
          pending[c] = [];
        },
      );

      // 2. Regress the k heads on the replay.
      let loss: number | null = null;
      const steps = added > 0 ? Math.ceil(added * epochs / B) : 0;
      for (let s = 0; s < steps; s++) {
        const obs = new Float32Array(B * d);
        const next = new Float32Array(B * d);
        const act = new Int32Array(B);
        const rew = new Float32Array(B);
        const done = new Float32Array(B);
        const ret = new Float32Array(B);
        for (let b = 0; b < B; b++) {
          const j = sampleRng.integer(size);
          obs.set(bObs.subarray(j * d, (j + 1) * d), b * d);
          next.set(bNext.subarray(j * d, (j + 1) * d), b * d);
          act[b] = bAct[j];
          rew[b] = bRew[j];
          done[b] = bDone[j];
          ret[b] = bRet[j];
        }
        const x = tf.tensor2d(obs, [B, d]);
        const targets = tf.tidy(() => {
          const g = tf.tensor2d(ret, [B, 1]);
          if (k === 1) return g;
          // r + γ(1 − done)·max_a' Q̂^{j−1}(s', a') for heads 2..k, from the current network (no gradient).
          const nextQ = tf.reshape(mlpForward(net, tf.tensor2d(next, [B, d])), [B, k, A]);
          const best = tf.slice(tf.max(nextQ, 2), [0, 0], [B, k - 1]);
          const boot = tf.add(
            tf.tensor2d(rew, [B, 1]),
            tf.mul(tf.tensor2d(done.map((v) => gamma * (1 - v)), [B, 1]), best),
          );
          return tf.concat([g, boot], 1);
        });
        const mask = tf.tidy(() => tf.reshape(tf.oneHot(tf.tensor1d(act, "int32"), A), [B, 1, A]));
        loss = await opt.step(() => {
          const q = tf.reshape(mlpForward(net, x), [B, k, A]);
          const taken = tf.sum(tf.mul(q, mask), 2);
          return tf.mean(tf.square(tf.sub(taken, targets))) as tf.Scalar;
        });
        tf.dispose([x, targets, mask]);
      }

      // 3. Freeze π_i.
      policies.push(await snapshotMlp(net));
      records.push({ step: i, transitions: added, loss });
      opts.onProgress?.({ done: i + 1, total: T, transitions: added });
      idle = added === 0 ? idle + 1 : 0;
      if (idle >= patience) {
        i++;
        break;
      }
    }
    const iterations = i;
    while (policies.length < T) policies.push(policies[policies.length - 1]);
    const returns = runEpisodes(evalEpisodes, root.nextUint32(), greedy);
    return {
      policies,
      k,
      finalReturn: returns.reduce((s, r) => s + r, 0) / returns.length,
      timesteps,
      iterations,
      records,
    };
  } finally {
    opt.dispose();
    disposeMlp(net);
  }
}
