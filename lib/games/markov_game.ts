/**
 * Two-player Markov games, vectorised like lib/core/env.ts's VecEnv (struct of typed arrays, `numEnvs` copies,
 * seeded `reset`, same-step auto-reset), plus the agents that play them and the rollouts that measure a pair of
 * agents: per-player returns, their variance, and per-player episode outcomes (e.g. stag / hare, goal / crash).
 *
 * Both players see the game from their own side (observation row = own features first, then the other's), so a
 * policy trained as player 0 plays player 1 unchanged in the symmetric games of this module.
 *
 * @module
 */
import { checkInteger } from "../core/errors.ts";
import type { StepResult, VecEnv } from "../core/env.ts";
import { Rng } from "../core/rng.ts";
import { type Box, Discrete } from "../core/spaces.ts";
import { act, type Policy } from "../agents/policy.ts";

/** What {@link MarkovGame.step} returns; the arrays belong to the game and are overwritten by the next call. */
export interface MarkovStepResult {
  /** Each player's observations (`numEnvs × obsDim`), after same-step auto-reset. */
  observations: readonly [Float32Array, Float32Array];
  /** Each player's observations reached by this step, before auto-reset. */
  finalObservations: readonly [Float32Array, Float32Array];
  /** Each player's rewards of this step. */
  rewards: readonly [Float64Array, Float64Array];
  /** 1 where the episode ended in a terminal state this step. */
  terminated: Uint8Array;
  /** 1 where the episode was cut by the time limit this step. */
  truncated: Uint8Array;
  /**
   * Each player's outcome code (an index into {@link MarkovGame.outcomeNames}) for copies whose episode ended this
   * step; −1 elsewhere.
   */
  outcomes: readonly [Int32Array, Int32Array];
}

/** A vectorised two-player Markov game. */
export interface MarkovGame {
  /** Copies stepped together. */
  readonly numEnvs: number;
  /** One player's observation space (the same for both players). */
  readonly observationSpace: Box;
  /** One player's action space (the same for both players). */
  readonly actionSpace: Discrete;
  /** Episode length limit in steps. */
  readonly maxEpisodeSteps: number;
  /** Names of the per-player episode outcomes (codes index this list). */
  readonly outcomeNames: readonly string[];
  /** Start fresh episodes in every copy from `seed`; returns both players' observations (live buffers). */
  reset(seed: number): readonly [Float32Array, Float32Array];
  /** Step every copy with both players' actions. */
  step(actions0: Int32Array, actions1: Int32Array): MarkovStepResult;
}

/**
 * Allocate the buffers of a {@link MarkovStepResult} (games call it once and overwrite them every step).
 *
 * @example
 * ```ts
 * import { createMarkovStepResult } from "./markov_game.ts";
 * createMarkovStepResult(4, 5).observations[1].length; // 20
 * ```
 */
export function createMarkovStepResult(numEnvs: number, obsDim: number): MarkovStepResult {
  checkInteger("numEnvs", numEnvs, { min: 1 });
  const obs = () => new Float32Array(numEnvs * obsDim);
  return {
    observations: [obs(), obs()],
    finalObservations: [obs(), obs()],
    rewards: [new Float64Array(numEnvs), new Float64Array(numEnvs)],
    terminated: new Uint8Array(numEnvs),
    truncated: new Uint8Array(numEnvs),
    outcomes: [new Int32Array(numEnvs).fill(-1), new Int32Array(numEnvs).fill(-1)],
  };
}

/** An agent of a Markov game: maps a batch of its observations to actions. */
export interface Agent {
  /** Short label (e.g. "random", "ppo#2"). */
  readonly name: string;
  /** Actions for `batch` observation rows; `rng` drives any sampling. */
  act(obs: Float32Array, batch: number, rng: Rng): Int32Array;
}

/**
 * The uniformly random agent over `n` actions (PSRO's usual initial policy).
 *
 * @example
 * ```ts
 * import { Rng } from "../core/rng.ts";
 * import { randomAgent } from "./markov_game.ts";
 * randomAgent(5).act(new Float32Array(18), 2, new Rng(0)).length; // 2
 * ```
 */
export function randomAgent(n: number): Agent {
  checkInteger("n", n, { min: 1 });
  return {
    name: "random",
    act(_obs, batch, rng) {
      const out = new Int32Array(batch);
      for (let b = 0; b < batch; b++) out[b] = rng.integer(n);
      return out;
    },
  };
}

/**
 * An agent from a trained lib/agents policy; greedy (argmax) by default, as population members act in PSRO here.
 *
 * @example
 * ```ts
 * import { policyFromJSON } from "../agents/policy.ts";
 * import { Rng } from "../core/rng.ts";
 * import { policyAgent } from "./markov_game.ts";
 * const policy = policyFromJSON({
 *   kind: "categorical", obsSize: 1, action: { kind: "discrete", n: 2 },
 *   net: { config: { inputSize: 1, hiddenSizes: [], outputSize: 2, activation: "tanh", init: "orthogonal",
 *     hiddenGain: 1, outputGain: 1 }, weights: [[1, -1]], biases: [[0, 0]] },
 * });
 * policyAgent(policy, "p").act(new Float32Array([2, -2]), 2, new Rng(0)); // Int32Array [0, 1]
 * ```
 */
export function policyAgent(policy: Policy, name: string, opts: { deterministic?: boolean } = {}): Agent {
  const deterministic = opts.deterministic ?? true;
  return {
    name,
    act(obs, batch, rng) {
      return act(policy, obs, batch, { deterministic, rng }) as Int32Array;
    },
  };
}

/**
 * Actions of per-copy agents: copy i is played by `agents[which[i]]`; copies are grouped per agent so each agent
 * acts once on its rows. Writes into and returns `out`.
 *
 * @example
 * ```ts
 * import { Rng } from "../core/rng.ts";
 * import { actPerCopy, type Agent } from "./markov_game.ts";
 * const fixed = (a: number): Agent => ({ name: `${a}`, act: (_o, b) => new Int32Array(b).fill(a) });
 * actPerCopy([fixed(0), fixed(1)], Int32Array.of(1, 0, 1), new Float32Array(3), 1, new Rng(0), new Int32Array(3));
 * // Int32Array [1, 0, 1]
 * ```
 */
export function actPerCopy(
  agents: readonly Agent[],
  which: Int32Array,
  obs: Float32Array,
  obsDim: number,
  rng: Rng,
  out: Int32Array,
): Int32Array {
  const n = which.length;
  for (let k = 0; k < agents.length; k++) {
    let count = 0;
    for (let i = 0; i < n; i++) if (which[i] === k) count++;
    if (count === 0) continue;
    const rows = new Float32Array(count * obsDim);
    const idx = new Int32Array(count);
    let c = 0;
    for (let i = 0; i < n; i++) {
      if (which[i] !== k) continue;
      rows.set(obs.subarray(i * obsDim, (i + 1) * obsDim), c * obsDim);
      idx[c++] = i;
    }
    const a = agents[k].act(rows, count, rng);
    for (let j = 0; j < count; j++) out[idx[j]] = a[j];
  }
  return out;
}

/** Summary of {@link playMatch}: per-player mean return, its variance and outcome frequencies. */
export interface MatchResult {
  /** Episodes played. */
  episodes: number;
  /** Mean episode return of each player. */
  mean: [number, number];
  /** Variance of each player's episode return (population variance over the episodes). */
  variance: [number, number];
  /** `outcomeRates[i][c]`: fraction of episodes in which player i's outcome was code c. */
  outcomeRates: [number[], number[]];
  /** Every episode's return of each player, in finishing order. */
  returns: [number[], number[]];
}

/**
 * Play `episodes` episodes of agent0 (as player 0) against agent1 (as player 1), one per copy and batch until
 * enough have finished (only each copy's first episodes are counted in order, so short episodes are not favoured).
 *
 * @example
 * ```ts
 * import { playMatch, randomAgent } from "./markov_game.ts";
 * import { intersectionGame } from "./driving.ts";
 * const g = intersectionGame({ numEnvs: 8 });
 * playMatch(g, randomAgent(2), randomAgent(2), { episodes: 16, seed: 0 }).outcomeRates[0]; // [timeout, goal, crash]
 * ```
 */
export function playMatch(
  game: MarkovGame,
  agent0: Agent,
  agent1: Agent,
  opts: { episodes?: number; seed?: number } = {},
): MatchResult {
  const episodes = checkInteger("episodes", opts.episodes ?? 32, { min: 1 });
  const seed = checkInteger("seed", opts.seed ?? 0, { min: 0 });
  const n = game.numEnvs;
  const d = game.observationSpace.size;
  const rng = new Rng(seed).split();
  let [o0, o1] = game.reset(seed);
  const ret = [new Float64Array(n), new Float64Array(n)];
  const perCopy = Math.ceil(episodes / n);
  const done = new Int32Array(n);
  const returns: [number[], number[]] = [[], []];
  const counts = [new Array(game.outcomeNames.length).fill(0), new Array(game.outcomeNames.length).fill(0)];
  const a0 = new Int32Array(n), a1 = new Int32Array(n);
  const zero = new Int32Array(n);
  let finished = 0;
  for (let guard = 0; finished < episodes && guard < 100_000; guard++) {
    actPerCopy([agent0], zero, o0, d, rng, a0);
    actPerCopy([agent1], zero, o1, d, rng, a1);
    const r = game.step(a0, a1);
    o0 = r.observations[0];
    o1 = r.observations[1];
    for (let i = 0; i < n; i++) {
      ret[0][i] += r.rewards[0][i];
      ret[1][i] += r.rewards[1][i];
      if (!r.terminated[i] && !r.truncated[i]) continue;
      if (done[i] < perCopy && finished < episodes) {
        for (const p of [0, 1]) {
          returns[p].push(ret[p][i]);
          if (r.outcomes[p][i] >= 0) counts[p][r.outcomes[p][i]]++;
        }
        finished++;
      }
      done[i]++;
      ret[0][i] = 0;
      ret[1][i] = 0;
    }
  }
  const stats = (xs: number[]) => {
    const m = xs.reduce((a, b) => a + b, 0) / xs.length;
    return { m, v: xs.reduce((a, b) => a + (b - m) ** 2, 0) / xs.length };
  };
  const s0 = stats(returns[0]), s1 = stats(returns[1]);
  return {
    episodes: finished,
    mean: [s0.m, s1.m],
    variance: [s0.v, s1.v],
    outcomeRates: [counts[0].map((c) => c / finished), counts[1].map((c) => c / finished)],
    returns,
  };
}

/**
 * The game as a single-agent {@link VecEnv} over joint actions (action = a₀·|A| + a₁), observing player 0's view
 * and rewarded with player 0's reward: a view for checking a game with lib/envs's `assertEnv`.
 *
 * @example
 * ```ts
 * import { jointEnv } from "./markov_game.ts";
 * import { stagHuntGrid } from "./stag_hunt_grid.ts";
 * jointEnv(stagHuntGrid({ numEnvs: 2 })).actionSpace; // Discrete(25)
 * ```
 */
export function jointEnv(game: MarkovGame): VecEnv {
  const n = game.numEnvs;
  const k = game.actionSpace.n;
  const a0 = new Int32Array(n), a1 = new Int32Array(n);
  const space = new Discrete(k * k);
  let result: StepResult | null = null;
  return {
    numEnvs: n,
    observationSpace: game.observationSpace,
    actionSpace: space,
    maxEpisodeSteps: game.maxEpisodeSteps,
    reset(seed) {
      return game.reset(seed)[0];
    },
    step(actions) {
      for (let i = 0; i < n; i++) {
        const a = actions[i];
        if (!space.contains(a)) throw new RangeError(`actions[${i}] must be in [0, ${k * k}), got ${a}`);
        a0[i] = Math.floor(a / k);
        a1[i] = a % k;
      }
      const r = game.step(a0, a1);
      result ??= {
        observations: r.observations[0],
        finalObservations: r.finalObservations[0],
        rewards: r.rewards[0],
        terminated: r.terminated,
        truncated: r.truncated,
      };
      return result;
    },
  };
}

/**
 * Check one player's action array: an Int32Array of length `numEnvs` with entries in [0, n); throws a
 * TypeError/RangeError naming `name[i]`.
 *
 * @example
 * ```ts
 * import { checkGameActions } from "./markov_game.ts";
 * checkGameActions("actions0", Int32Array.of(0, 4), 2, 5); // ok
 * // checkGameActions("actions0", Int32Array.of(5), 1, 5) throws RangeError: actions0[0] must be an integer in [0, 5), got 5
 * ```
 */
export function checkGameActions(name: string, actions: Int32Array, numEnvs: number, n: number): void {
  if (!(actions instanceof Int32Array) || actions.length !== numEnvs) {
    throw new TypeError(`${name} must be an Int32Array of length ${numEnvs}`);
  }
  for (let i = 0; i < numEnvs; i++) {
    const a = actions[i];
    if (!(a >= 0 && a < n)) throw new RangeError(`${name}[${i}] must be an integer in [0, ${n}), got ${a}`);
  }
}
