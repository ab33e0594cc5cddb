/**
 * Distance reward shaping, as BRIDGE's reward-shaped MiniGrid variants ("…-DistanceShaped-v0"): each step pays
 * `scale · (d(s) − d(s'))` on top of its reward, where d is a distance to the goal (BRIDGE: scale 0.1, d = Manhattan
 * distance plus the turns needed, ignoring walls). The bonus telescopes along an episode to
 * `scale · (d(s₀) − d(s_T))`, so every path that reaches the goal gains the same `scale · d(s₀)`: the set of optimal
 * policies is unchanged, but the immediate rewards now point toward the goal, which is what lowers the effective
 * horizon (the paper's claim that the effective horizon predicts the effect of shaping).
 *
 * @module
 */
import { checkFinite, checkFiniteArray, checkLength, describe } from "../core/errors.ts";
import { checkMdp, type TabularMdp, tabularMdp } from "../tabular/mdp.ts";
import type { Gridworld } from "../tabular/gridworld.ts";

/** Options of {@link distanceShaped}. */
export interface DistanceShapingOptions {
  /** Bonus per unit of distance gained; BRIDGE uses 0.1. Default 0.1. */
  scale?: number;
}

/**
 * The MDP with distance shaping added to every outcome's reward: `r'(s, a, s') = r(s, a, s') + scale · (d(s) − d(s'))`.
 * A terminal outcome that pays a positive reward is the goal (d = 0); any other terminal outcome (lava, a dead end)
 * gets no bonus. Expected rewards are recomputed from the shaped outcome rewards.
 *
 * @example
 * ```ts
 * import { gridworld } from "../tabular/gridworld.ts";
 * import { distanceShaped, gridGoalDistance } from "./shaping.ts";
 * const grid = gridworld(["S..G"], { horizon: 5 });
 * const shaped = distanceShaped(grid.mdp, gridGoalDistance(grid));
 * shaped.rewards[0 * 4 + 1]; // moving right from S: 0 + 0.1 · (3 − 2) = 0.1
 * ```
 */
export function distanceShaped(
  mdp: TabularMdp,
  distance: ArrayLike<number>,
  opts: DistanceShapingOptions = {},
): TabularMdp {
  checkMdp("mdp", mdp);
  checkLength("distance", distance, mdp.numStates);
  checkFiniteArray("distance", distance);
  if (typeof opts !== "object" || opts === null) {
    throw new TypeError(`opts must be an object, got ${describe(opts)}`);
  }
  const scale = checkFinite("scale", opts.scale ?? 0.1);
  const { numStates: S, numActions: A, offsets, next, prob } = mdp;
  const outcome = new Float64Array(next.length);
  const rewards = new Float64Array(S * A);
  for (let s = 0; s < S; s++) {
    for (let a = 0; a < A; a++) {
      const i = s * A + a;
      let expected = 0;
      for (let k = offsets[i]; k < offsets[i + 1]; k++) {
        const base = mdp.outcomeRewards === undefined ? mdp.rewards[i] : mdp.outcomeRewards[k];
        const sNext = next[k];
        const dNext = sNext >= 0 ? distance[sNext] : base > 0 ? 0 : distance[s];
        outcome[k] = base + scale * (distance[s] - dNext);
        expected += prob[k] * outcome[k];
      }
      rewards[i] = expected;
    }
  }
  return tabularMdp({
    numStates: S,
    numActions: A,
    horizon: mdp.horizon,
    gamma: mdp.gamma,
    ...(mdp.initialState >= 0
      ? { initialState: mdp.initialState }
      : { initialDistribution: mdp.initialDistribution }),
    offsets,
    next,
    prob,
    rewards,
    outcomeRewards: outcome,
  });
}

/**
 * Manhattan distance of each gridworld state to the nearest goal cell, ignoring walls (as BRIDGE's Distance shaping,
 * which has no turns to count here: our gridworld agents move in 4 directions without an orientation).
 *
 * @example
 * ```ts
 * import { gridworld } from "../tabular/gridworld.ts";
 * import { gridGoalDistance } from "./shaping.ts";
 * gridGoalDistance(gridworld(["S#G", "..."], { horizon: 4 })); // Float64Array [2, 0, 3, 2, 1]
 * ```
 */
export function gridGoalDistance(grid: Gridworld): Float64Array {
  const goals: [number, number][] = [];
  grid.map.forEach((row, r) => {
    for (let c = 0; c < row.length; c++) if (row[c] === "G") goals.push([r, c]);
  });
  if (goals.length === 0) throw new RangeError("grid must have at least one goal cell G, got none");
  const d = new Float64Array(grid.mdp.numStates);
  for (let s = 0; s < d.length; s++) {
    const [r, c] = grid.cellOf(s);
    let best = Infinity;
    for (const [gr, gc] of goals) best = Math.min(best, Math.abs(r - gr) + Math.abs(c - gc));
    d[s] = best;
  }
  return d;
}
