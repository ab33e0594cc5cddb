/**
 * The best-response view of a two-player Markov game: one player learns, the other is drawn, once per episode and
 * per copy, from a fixed population with the meta-strategy's probabilities (PSRO's oracle step: the responder faces
 * the opponents' meta-strategy mixture, so from its side the game is a single-agent {@link VecEnv}).
 *
 * Optional risk-averse oracle: with `riskAversion` γ > 0 the learner's reward at each episode's last step is
 * shifted by −γ·(G − m)², where G is the episode's return and m a running mean of past returns. Its expectation is
 * −γ·Var[G] (plus a term that vanishes as m tracks E[G]), so a policy-gradient learner on the shifted reward
 * ascends the mean–variance objective E[G] − γ·Var[G] — the likelihood-ratio form of Tamar, Di Castro & Mannor's
 * (2012) variance-penalised policy gradient. The variance it sees comes from the opponent draw (the RAE paper's
 * risk) and also from start states and the learner's own exploration; this is our reconstruction of a learned
 * RAE oracle, not the paper's (unread) one.
 *
 * @module
 */
import { copyRngs, type StepResult, type VecEnv } from "../core/env.ts";
import { checkInRange, checkInteger, checkLength } from "../core/errors.ts";
import { Rng } from "../core/rng.ts";
import { actPerCopy, type Agent, type MarkovGame } from "./markov_game.ts";

/** Options of {@link opponentMixtureEnv}. */
export interface OpponentMixtureOptions {
  /** Which player learns (0 or 1); default 0. */
  player?: 0 | 1;
  /** Mean–variance risk aversion γ ≥ 0 of the learner's shifted reward; default 0 (risk-neutral). */
  riskAversion?: number;
  /** Rate of the running mean m of episode returns used by the risk term; default 0.05. */
  meanRate?: number;
}

/** Counters of an {@link opponentMixtureEnv} since its last reset. */
export interface OpponentMixtureStats {
  /** Episodes started against each opponent. */
  opponentCounts: number[];
  /** Episodes finished. */
  episodes: number;
  /** The learner's outcome counts (codes of the game's `outcomeNames`). */
  outcomeCounts: number[];
}

/**
 * A {@link VecEnv} in which `player` acts and the other player is `opponents[k]` with k ∼ `weights`, drawn afresh
 * for every episode of every copy. Rewards are the learner's (with the optional risk term, see the module doc).
 *
 * @example
 * ```ts
 * import { intersectionGame } from "./driving.ts";
 * import { randomAgent } from "./markov_game.ts";
 * import { opponentMixtureEnv } from "./opponent_env.ts";
 * const env = opponentMixtureEnv(intersectionGame({ numEnvs: 4 }), [randomAgent(2)], [1]);
 * env.reset(0).length; // 4 · 5
 * ```
 */
export function opponentMixtureEnv(
  game: MarkovGame,
  opponents: readonly Agent[],
  weights: ArrayLike<number>,
  opts: OpponentMixtureOptions = {},
): VecEnv & { stats(): OpponentMixtureStats } {
  if (opponents.length < 1) throw new RangeError("opponents must hold at least one agent");
  checkLength("weights", weights, opponents.length);
  let total = 0;
  for (let k = 0; k < weights.length; k++) {
    checkInRange(`weights[${k}]`, weights[k], { min: 0 });
    total += weights[k];
  }
  if (!(total > 0)) throw new RangeError("weights must have a positive sum");
  const w = Array.from(weights, (x) => x / total);
  const player = checkInteger("player", opts.player ?? 0, { min: 0, max: 1 });
  const gamma = checkInRange("riskAversion", opts.riskAversion ?? 0, { min: 0 });
  const rate = checkInRange("meanRate", opts.meanRate ?? 0.05, { min: 1e-6, max: 1 });
  const n = game.numEnvs;
  const d = game.observationSpace.size;
  const which = new Int32Array(n);
  const oppActions = new Int32Array(n);
  const episodeReturn = new Float64Array(n);
  const rewards = new Float64Array(n);
  let rng = new Rng(0);
  let mean = NaN;
  let oppObs: Float32Array = new Float32Array(n * d);
  let result: StepResult | null = null;
  const counts = new Array<number>(opponents.length).fill(0);
  const outcomes = new Array<number>(game.outcomeNames.length).fill(0);
  let episodes = 0;
  const draw = (i: number) => {
    which[i] = rng.categorical(w);
    counts[which[i]]++;
  };
  return {
    numEnvs: n,
    observationSpace: game.observationSpace,
    actionSpace: game.actionSpace,
    maxEpisodeSteps: game.maxEpisodeSteps,
    reset(seed: number) {
      const obs = game.reset(seed);
      rng = copyRngs(seed, n + 1)[n];
      counts.fill(0);
      outcomes.fill(0);
      episodes = 0;
      mean = NaN;
      episodeReturn.fill(0);
      for (let i = 0; i < n; i++) draw(i);
      oppObs = obs[1 - player];
      return obs[player];
    },
    step(actions: Float32Array | Int32Array): StepResult {
      if (!(actions instanceof Int32Array)) throw new TypeError("actions must be an Int32Array");
      actPerCopy(opponents, which, oppObs, d, rng, oppActions);
      const r = player === 0 ? game.step(actions, oppActions) : game.step(oppActions, actions);
      oppObs = r.observations[1 - player];
      const own = r.rewards[player];
      for (let i = 0; i < n; i++) {
        rewards[i] = own[i];
        episodeReturn[i] += own[i];
        if (!r.terminated[i] && !r.truncated[i]) continue;
        const G = episodeReturn[i];
        if (gamma > 0) {
          if (Number.isNaN(mean)) mean = G;
          rewards[i] -= gamma * (G - mean) ** 2;
          mean += rate * (G - mean);
        }
        episodeReturn[i] = 0;
        episodes++;
        const o = r.outcomes[player][i];
        if (o >= 0) outcomes[o]++;
        draw(i);
      }
      result ??= {
        observations: r.observations[player],
        finalObservations: r.finalObservations[player],
        rewards,
        terminated: r.terminated,
        truncated: r.truncated,
      };
      return result;
    },
    stats() {
      return { opponentCounts: [...counts], episodes, outcomeCounts: [...outcomes] };
    },
  };
}
