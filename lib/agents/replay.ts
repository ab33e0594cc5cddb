/**
 * A uniform replay buffer over flat typed arrays (a ring: the oldest transitions are overwritten), storing what
 * one-step TD targets need: observation, action, reward, next observation and the `terminated` flag. Time-limit
 * truncations are stored with `terminated = 0` and the true final observation, so they are bootstrapped (as
 * Stable-Baselines3's `handle_timeout_termination`).
 *
 * @module
 */
import { checkInteger, checkLength } from "../core/errors.ts";
import type { Rng } from "../core/rng.ts";
import { gatherInts, gatherRows, sampleIndices } from "./_batch.ts";

/** A sampled minibatch (fresh arrays). */
export interface ReplayBatch {
  /** `batch × obsSize` observations. */
  obs: Float32Array;
  /** Int32Array of indices (discrete) or Float32Array rows of `actionSize`. */
  actions: Int32Array | Float32Array;
  /** Rewards. */
  rewards: Float32Array;
  /** `batch × obsSize` next observations. */
  nextObs: Float32Array;
  /** 1 where the transition ended in a terminal state. */
  terminated: Float32Array;
}

/** The buffer; see {@link replayBuffer}. */
export interface ReplayBuffer {
  /** Largest number of transitions kept. */
  readonly capacity: number;
  /** Transitions stored (≤ capacity). */
  readonly size: number;
  /**
   * Add one transition per copy: `obs`/`nextObs` are `numEnvs × obsSize`, `actions` `numEnvs` indices or
   * `numEnvs × actionSize` values.
   */
  add(
    obs: Float32Array,
    actions: Int32Array | Float32Array,
    rewards: ArrayLike<number>,
    nextObs: Float32Array,
    terminated: ArrayLike<number>,
    numEnvs: number,
  ): void;
  /** `batchSize` transitions drawn uniformly with replacement. */
  sample(batchSize: number, rng: Rng): ReplayBatch;
}

/**
 * A replay buffer of `capacity` transitions.
 *
 * @example
 * ```ts
 * import { replayBuffer } from "./replay.ts";
 * import { Rng } from "../core/rng.ts";
 * const buf = replayBuffer({ capacity: 100, obsSize: 2, discrete: true });
 * buf.add(new Float32Array([0, 1]), new Int32Array([1]), [1], new Float32Array([1, 1]), [0], 1);
 * buf.sample(4, new Rng(0)).rewards; // Float32Array [1, 1, 1, 1]
 * ```
 */
export function replayBuffer(opts: {
  capacity: number;
  obsSize: number;
  discrete: boolean;
  actionSize?: number;
}): ReplayBuffer {
  const capacity = checkInteger("capacity", opts.capacity, { min: 1 });
  const d = checkInteger("obsSize", opts.obsSize, { min: 1 });
  const a = opts.discrete ? 1 : checkInteger("actionSize", opts.actionSize ?? 0, { min: 1 });
  const obs = new Float32Array(capacity * d);
  const next = new Float32Array(capacity * d);
  const actions = opts.discrete ? new Int32Array(capacity) : new Float32Array(capacity * a);
  const rewards = new Float32Array(capacity);
  const terminated = new Float32Array(capacity);
  let pos = 0;
  let size = 0;
  return {
    capacity,
    get size() {
      return size;
    },
    add(o, act, r, n, term, numEnvs): void {
      checkLength("obs", o, numEnvs * d);
      checkLength("nextObs", n, numEnvs * d);
      checkLength("actions", act, numEnvs * a);
      for (let i = 0; i < numEnvs; i++) {
        obs.set(o.subarray(i * d, (i + 1) * d), pos * d);
        next.set(n.subarray(i * d, (i + 1) * d), pos * d);
        for (let j = 0; j < a; j++) actions[pos * a + j] = act[i * a + j];
        rewards[pos] = r[i];
        terminated[pos] = term[i];
        pos = (pos + 1) % capacity;
        size = Math.min(size + 1, capacity);
      }
    },
    sample(batchSize: number, rng: Rng): ReplayBatch {
      checkInteger("batchSize", batchSize, { min: 1 });
      if (size === 0) throw new RangeError("cannot sample from an empty replay buffer");
      const idx = sampleIndices(size, batchSize, rng);
      const out: ReplayBatch = {
        obs: gatherRows(obs, d, idx, 0, batchSize),
        actions: opts.discrete
          ? gatherInts(actions as Int32Array, idx, 0, batchSize)
          : gatherRows(actions, a, idx, 0, batchSize),
        rewards: gatherRows(rewards, 1, idx, 0, batchSize),
        nextObs: gatherRows(next, d, idx, 0, batchSize),
        terminated: gatherRows(terminated, 1, idx, 0, batchSize),
      };
      return out;
    },
  };
}
