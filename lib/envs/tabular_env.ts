/**
 * Any tabular MDP (lib/tabular) as a vectorised environment, so deep RL agents run on exactly the MDP the tabular
 * analysis sees, as the effective-horizon paper runs PPO and DQN on its BRIDGE MDPs. Episodes last at most the
 * MDP's horizon T (then `truncated`); a `−1` successor ends the episode (`terminated`). Observations are the one-hot
 * state (default) or the state index. Sampled rewards are the outcome's reward when the MDP has `outcomeRewards`,
 * else r(s, a).
 *
 * @module
 */
import { copyRngs, createStepResult, type StepResult, type VecEnv } from "../core/env.ts";
import { checkInteger, checkOneOf, describe } from "../core/errors.ts";
import type { Rng } from "../core/rng.ts";
import { Box, Discrete } from "../core/spaces.ts";
import type { TabularMdp } from "../tabular/mdp.ts";

/** Options of {@link tabularEnv}. */
export interface TabularEnvOptions {
  /** Number of copies (default 1). */
  numEnvs?: number;
  /**
   * `"onehot"` (default): a length-S one-hot row (all zeros after a terminal step); `"index"`: the state index as
   * one float (−1 after a terminal step).
   */
  obs?: "onehot" | "index";
}

/**
 * A vectorised environment over `mdp`.
 *
 * @example
 * ```ts
 * import { tabularEnv } from "./tabular_env.ts";
 * import { fromDeterministic } from "../tabular/mdp.ts";
 * const mdp = fromDeterministic({ transitions: [1, -1, -1, -1], rewards: [0, 1, 2, 0], numStates: 2, numActions: 2, horizon: 2 });
 * const env = tabularEnv(mdp, { numEnvs: 2 });
 * env.reset(0); // both copies in state 0: rows [1, 0]
 * env.step(new Int32Array([0, 1])).rewards; // [0, 1]; copy 1 terminated
 * ```
 */
export function tabularEnv(mdp: TabularMdp, opts: TabularEnvOptions = {}): VecEnv {
  if (typeof mdp !== "object" || mdp === null || !(mdp.offsets instanceof Int32Array)) {
    throw new TypeError(`mdp must be a TabularMdp, got ${describe(mdp)}`);
  }
  const N = checkInteger("numEnvs", opts.numEnvs ?? 1, { min: 1 });
  const kind = checkOneOf("obs", opts.obs ?? "onehot", ["onehot", "index"] as const);
  const S = mdp.numStates;
  const A = mdp.numActions;
  const T = mdp.horizon;
  const d = kind === "onehot" ? S : 1;
  const state = new Int32Array(N);
  const steps = new Int32Array(N);
  const result: StepResult = createStepResult(N, d);
  let rngs: Rng[] = copyRngs(0, N);

  const write = (buf: Float32Array, i: number, s: number): void => {
    const row = buf.subarray(i * d, (i + 1) * d);
    if (kind === "index") {
      row[0] = s;
      return;
    }
    row.fill(0);
    if (s >= 0) row[s] = 1;
  };
  const start = (i: number): void => {
    let s = mdp.initialState;
    if (s < 0) s = rngs[i].categorical(mdp.initialDistribution);
    state[i] = s;
    steps[i] = 0;
    write(result.observations, i, s);
  };

  return {
    numEnvs: N,
    observationSpace: kind === "onehot" ? new Box(0, 1, { shape: [S] }) : new Box(-1, S - 1, { shape: [1] }),
    actionSpace: new Discrete(A),
    maxEpisodeSteps: T,
    reset(seed: number): Float32Array {
      checkInteger("seed", seed, { min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER });
      rngs = copyRngs(seed, N);
      for (let i = 0; i < N; i++) start(i);
      return result.observations;
    },
    step(actions: Float32Array | Int32Array): StepResult {
      if (actions.length !== N) throw new RangeError(`actions must have length ${N}, got ${actions.length}`);
      for (let i = 0; i < N; i++) {
        const a = actions[i];
        if (!Number.isInteger(a) || a < 0 || a >= A) {
          throw new RangeError(`actions[${i}] must be an integer in [0, ${A}), got ${a}`);
        }
        const row = state[i] * A + a;
        const lo = mdp.offsets[row];
        const hi = mdp.offsets[row + 1];
        let k = lo;
        if (hi - lo > 1) {
          let u = rngs[i].uniform();
          for (; k < hi - 1; k++) {
            u -= mdp.prob[k];
            if (u < 0) break;
          }
        }
        const next = mdp.next[k];
        result.rewards[i] = mdp.outcomeRewards ? mdp.outcomeRewards[k] : mdp.rewards[row];
        steps[i]++;
        const terminated = next < 0;
        const truncated = !terminated && steps[i] >= T;
        result.terminated[i] = terminated ? 1 : 0;
        result.truncated[i] = truncated ? 1 : 0;
        write(result.finalObservations, i, next);
        if (terminated || truncated) start(i);
        else {
          state[i] = next;
          write(result.observations, i, next);
        }
      }
      return result;
    },
  };
}
