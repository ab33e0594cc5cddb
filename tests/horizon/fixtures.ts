/** Small deterministic MDPs with hand-derived effective-horizon values, shared by the horizon tests. */
import { fromDeterministic, type TabularMdp } from "../../lib/tabular/mdp.ts";

/**
 * Trap: s0 -a0-> G (r 0), s0 -a1-> B (r 0); in G a0 pays 1 and a1 pays 0; in B both pay 0.6; then the episode ends.
 * Q^rand at the start is [0.5, 0.6] but Q* is [1, 0.6]: min k = 2.
 */
export const trap: TabularMdp = fromDeterministic({
  transitions: [1, 2, -1, -1, -1, -1],
  rewards: [0, 0, 1, 0, 0.6, 0.6],
  numStates: 3,
  numActions: 2,
  horizon: 2,
});

/** One state looping on itself, 10 actions, action 0 pays 1, T = 10: H = 1 + log10 687. */
export const bandit: TabularMdp = fromDeterministic({
  transitions: new Array(10).fill(0),
  rewards: [1, 0, 0, 0, 0, 0, 0, 0, 0, 0],
  numStates: 1,
  numActions: 10,
  horizon: 10,
});

/**
 * Combination lock of length T with A actions: only action `code` continues; reward 1 for it at the last step.
 * With `code` = A − 1, GORP's tie-break towards action 0 does not help it.
 */
export function lock(T: number, A: number, code = 0): TabularMdp {
  const transitions: number[] = [], rewards: number[] = [];
  for (let s = 0; s < T; s++) {
    for (let a = 0; a < A; a++) {
      transitions.push(a === code && s < T - 1 ? s + 1 : -1);
      rewards.push(a === code && s === T - 1 ? 1 : 0);
    }
  }
  return fromDeterministic({ transitions, rewards, numStates: T, numActions: A, horizon: T });
}
