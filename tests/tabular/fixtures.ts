/**
 * Shared hand-solved MDPs for the tabular tests.
 *
 * @module
 */
import { fromDense, type TabularMdp } from "../../lib/tabular/mdp.ts";

/**
 * The 3-state MDP of the hand-solved tests (states s0, s1, s2; actions a0, a1):
 *   s0: a0 → s1 (r 0);        a1 → s0 w.p. 0.5, s2 w.p. 0.5 (r 1)
 *   s1: a0 → terminal (r 3);  a1 → s1 (r 0)
 *   s2: a0, a1 → s2 (r 0)     (absorbing, zero reward)
 */
export function threeStateMdp(horizon: number, gamma?: number): TabularMdp {
  return fromDense(
    [
      [[0, 1, 0], [0.5, 0, 0.5]],
      [[0, 0, 0], [0, 1, 0]],
      [[0, 0, 1], [0, 0, 1]],
    ],
    [[0, 1], [3, 0], [0, 0]],
    { horizon, gamma },
  );
}

/** Assert two arrays agree entrywise within `tol`, naming the first bad index. */
export function assertClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  tol = 1e-12,
  what = "",
): void {
  if (actual.length !== expected.length) {
    throw new Error(`${what} length ${actual.length} != expected ${expected.length}`);
  }
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i];
    const e = expected[i];
    const same = Number.isNaN(e) ? Number.isNaN(a) : Math.abs(a - e) <= tol;
    if (!same) throw new Error(`${what}[${i}] = ${a}, expected ${e} (tol ${tol})`);
  }
}
