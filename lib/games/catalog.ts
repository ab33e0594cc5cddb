/**
 * Classic matrix games used in tests and experiments, and games with high-risk (low-probability catastrophic)
 * outcomes like those the RAE paper's matrix-game section studies.
 *
 * @module
 */
import { checkInRange, checkInteger, checkPositive } from "../core/errors.ts";
import type { Rng } from "../core/rng.ts";
import { bimatrix, type NormalFormGame } from "./normal_form.ts";

/**
 * Matching pennies: zero-sum, unique Nash equilibrium (½, ½) for both players, value 0.
 *
 * @example
 * ```ts
 * import { matchingPennies } from "./catalog.ts";
 * matchingPennies().numActions; // [2, 2]
 * ```
 */
export function matchingPennies(): NormalFormGame {
  return bimatrix([[1, -1], [-1, 1]]);
}

/**
 * Prisoner's dilemma (actions: cooperate, defect): R = 3, S = 0, T = 5, P = 1; defect is strictly dominant, the
 * unique equilibrium is (D, D).
 *
 * @example
 * ```ts
 * import { prisonersDilemma } from "./catalog.ts";
 * prisonersDilemma().payoffs[0]; // [3, 0, 5, 1]
 * ```
 */
export function prisonersDilemma(): NormalFormGame {
  return bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]]);
}

/**
 * Chicken (actions: swerve, straight): swerve/swerve 0, straight vs swerve +1/−1, crash −10 each. Equilibria:
 * (straight, swerve), (swerve, straight) and the mixed one where each goes straight with probability 1/10.
 *
 * @example
 * ```ts
 * import { chicken } from "./catalog.ts";
 * chicken().payoffs[0]; // [0, -1, 1, -10]
 * ```
 */
export function chicken(crash = -10): NormalFormGame {
  checkInRange("crash", crash, { max: -1, maxOpen: true });
  return bimatrix([[0, -1], [1, crash]], [[0, 1], [-1, crash]]);
}

/**
 * Stag hunt / trust dilemma (actions: stag, hare): stag/stag pays `stag` to both, hare always pays `hare`, stag
 * against hare pays 0. Both pure profiles are equilibria; (hare, hare) is risk dominant when stag < 2·hare.
 *
 * @example
 * ```ts
 * import { stagHunt } from "./catalog.ts";
 * stagHunt(4, 3).payoffs[0]; // [4, 0, 3, 3]
 * ```
 */
export function stagHunt(stag = 4, hare = 3): NormalFormGame {
  checkPositive("hare", hare);
  checkInRange("stag", stag, { min: hare, minOpen: true });
  return bimatrix([[stag, 0], [hare, hare]], [[stag, hare], [0, hare]]);
}

/**
 * The minimum-effort (weakest-link) coordination game with `levels` effort levels e ∈ {1, …, levels}: each player
 * gets `a·min(e₁, e₂) − b·e_own + c`. Every symmetric profile (e, e) is a Nash equilibrium; higher effort pays
 * more but is riskier, and the lowest effort is the risk-dominant one. With 2 levels it is a stag hunt: the
 * K-action trust dilemma used for PSRO here. Defaults are Van Huyck, Battalio & Beil (1990): a = 0.2, b = 0.1,
 * c = 0.6 with 7 levels.
 *
 * @example
 * ```ts
 * import { minimumEffort } from "./catalog.ts";
 * const g = minimumEffort(7);
 * g.payoffs[0][6 * 7 + 6]; // 0.2·7 − 0.1·7 + 0.6 = 1.3
 * ```
 */
export function minimumEffort(levels = 7, a = 0.2, b = 0.1, c = 0.6): NormalFormGame {
  checkInteger("levels", levels, { min: 2 });
  checkPositive("a", a);
  checkInRange("b", b, { min: 0, max: a, minOpen: true, maxOpen: true });
  const A: number[][] = [], B: number[][] = [];
  for (let r = 0; r < levels; r++) {
    A.push([]);
    B.push([]);
    for (let s = 0; s < levels; s++) {
      const m = Math.min(r, s) + 1;
      A[r].push(a * m - b * (r + 1) + c);
      B[r].push(a * m - b * (s + 1) + c);
    }
  }
  return bimatrix(A, B);
}

/**
 * A "risky shortcut" game with a high-risk outcome: the row player chooses Risky (pays `win` against Cooperate
 * and `crash` against Defect) or Safe (always `safe`); the column player gets 1 for Defect against Risky and for
 * Cooperate against Safe (it punishes risk takers), 0 otherwise. Its Nash equilibrium is interior; the RAE moves
 * the row player towards Safe. The hand-solved test case in tests/games/rae.test.ts.
 *
 * @example
 * ```ts
 * import { riskyShortcut } from "./catalog.ts";
 * riskyShortcut().payoffs[0]; // [4, -6, 1, 1]
 * ```
 */
export function riskyShortcut(win = 4, crash = -6, safe = 1): NormalFormGame {
  if (!(crash < safe && safe < win)) {
    throw new RangeError(`need crash < safe < win, got crash ${crash}, safe ${safe}, win ${win}`);
  }
  return bimatrix([[win, crash], [safe, safe]], [[0, 1], [1, 0]]);
}

/**
 * A random n×m general-sum game with a high-risk outcome: payoffs uniform in [0, 1] for both players, and in each
 * of the row player's actions except the last, one column (the opponent's rare "mistake") pays `crash` to the
 * row player. The last row is safe (no crash cell). Used to compare the payoff variance of RAE and Nash.
 *
 * @example
 * ```ts
 * import { Rng } from "../core/rng.ts";
 * import { randomRiskGame } from "./catalog.ts";
 * const g = randomRiskGame(4, 4, new Rng(0));
 * g.numActions; // [4, 4]
 * ```
 */
export function randomRiskGame(n: number, m: number, rng: Rng, crash = -10): NormalFormGame {
  checkInteger("n", n, { min: 2 });
  checkInteger("m", m, { min: 2 });
  checkInRange("crash", crash, { max: 0, maxOpen: true });
  const A: number[][] = [], B: number[][] = [];
  for (let r = 0; r < n; r++) {
    A.push([]);
    B.push([]);
    for (let c = 0; c < m; c++) {
      A[r].push(r < n - 1 ? 0.5 + rng.uniform() : 0.5 + 0.5 * rng.uniform());
      B[r].push(rng.uniform());
    }
    if (r < n - 1) A[r][rng.integer(m)] = crash;
  }
  return bimatrix(A, B);
}

/**
 * A random zero-sum game with payoffs uniform in [−1, 1].
 *
 * @example
 * ```ts
 * import { Rng } from "../core/rng.ts";
 * import { randomZeroSum } from "./catalog.ts";
 * randomZeroSum(5, 5, new Rng(1)).numActions; // [5, 5]
 * ```
 */
export function randomZeroSum(n: number, m: number, rng: Rng): NormalFormGame {
  checkInteger("n", n, { min: 1 });
  checkInteger("m", m, { min: 1 });
  const A = Array.from({ length: n }, () => Array.from({ length: m }, () => 2 * rng.uniform() - 1));
  return bimatrix(A);
}
