/**
 * Nash equilibria of two-player games: all equilibria of small nondegenerate games by support enumeration, the
 * exact value and maximin strategies of zero-sum games by linear programming (dense simplex), and the
 * Harsanyi–Selten risk-dominance selection between two strict pure equilibria.
 *
 * @module
 */
import { checkInteger, describe } from "../core/errors.ts";
import { solve } from "../core/linalg.ts";
import { actionMeans, type NormalFormGame, opponentLottery } from "./normal_form.ts";

/** A Nash equilibrium of a two-player game: both strategies and both expected payoffs. */
export interface Equilibrium {
  /** Row then column mixed strategy. */
  strategies: [Float64Array, Float64Array];
  /** Expected payoff of the row then the column player. */
  payoffs: [number, number];
}

function checkTwoPlayer(game: NormalFormGame): void {
  if (game.numPlayers !== 2) throw new RangeError(`game must have 2 players, got ${game.numPlayers}`);
}

function* subsets(n: number, k: number): Generator<number[]> {
  const idx = Array.from({ length: k }, (_, i) => i);
  while (true) {
    yield idx.slice();
    let i = k - 1;
    while (i >= 0 && idx[i] === n - k + i) i--;
    if (i < 0) return;
    idx[i]++;
    for (let j = i + 1; j < k; j++) idx[j] = idx[j - 1] + 1;
  }
}

// Solve for the mixed strategy y on support J making the rows in I indifferent under payoff M (row-major r×c):
// Σ_{j∈J} M[i][j] y_j = v for i ∈ I, Σ y_j = 1. Returns [y (on J), v] or null if singular.
function indifference(M: Float64Array, cols: number, I: number[], J: number[]): [number[], number] | null {
  const k = I.length;
  const S: number[][] = [];
  const b: number[] = [];
  for (let r = 0; r < k; r++) {
    S.push([...J.map((j) => M[I[r] * cols + j]), -1]);
    b.push(0);
  }
  S.push([...J.map(() => 1), 0]);
  b.push(1);
  try {
    const x = solve(S, b);
    if (!Array.from(x).every(Number.isFinite)) return null;
    return [Array.from(x.subarray(0, k)), x[k]];
  } catch {
    return null;
  }
}

/**
 * Every Nash equilibrium of a nondegenerate two-player game by support enumeration (equal-size supports; the
 * indifference system solved on each pair, then checked for non-negativity and no profitable deviation). Cost
 * grows as C(n+m, n): meant for games up to ~10×10. Degenerate games (continua of equilibria) yield the extreme
 * points found with equal-size supports; duplicates are removed.
 *
 * @example
 * ```ts
 * import { supportEnumeration } from "./nash.ts";
 * import { stagHunt } from "./catalog.ts";
 * supportEnumeration(stagHunt(4, 3)).length; // 3: (stag, stag), (hare, hare) and a mixed one
 * ```
 */
export function supportEnumeration(game: NormalFormGame, opts: { tol?: number } = {}): Equilibrium[] {
  checkTwoPlayer(game);
  const tol = opts.tol ?? 1e-9;
  const [n, m] = game.numActions;
  if (n > 14 || m > 14) throw new RangeError(`supportEnumeration is for games up to 14×14, got ${n}×${m}`);
  const A = game.payoffs[0];
  // Column player's payoffs with its own action as the row: Bt[c][r] = B[r][c].
  const Bt = new Float64Array(n * m);
  for (let r = 0; r < n; r++) for (let c = 0; c < m; c++) Bt[c * n + r] = game.payoffs[1][r * m + c];
  const found: Equilibrium[] = [];
  for (let k = 1; k <= Math.min(n, m); k++) {
    for (const I of subsets(n, k)) {
      for (const J of subsets(m, k)) {
        const ys = indifference(A, m, I, J);
        if (!ys) continue;
        const xs = indifference(Bt, n, J, I);
        if (!xs) continue;
        const [yJ, v] = ys, [xI, u] = xs;
        if (yJ.some((p) => p < -tol) || xI.some((p) => p < -tol)) continue;
        const x = new Float64Array(n), y = new Float64Array(m);
        I.forEach((r, t) => (x[r] = Math.max(0, xI[t])));
        J.forEach((c, t) => (y[c] = Math.max(0, yJ[t])));
        const muRow = actionMeans(opponentLottery(game, 0, [x, y]));
        const muCol = actionMeans(opponentLottery(game, 1, [x, y]));
        if (muRow.some((z) => z > v + 1e-7) || muCol.some((z) => z > u + 1e-7)) continue;
        const dup = found.some((e) =>
          e.strategies[0].every((p, i) => Math.abs(p - x[i]) < 1e-7) &&
          e.strategies[1].every((p, i) => Math.abs(p - y[i]) < 1e-7)
        );
        if (!dup) found.push({ strategies: [x, y], payoffs: [v, u] });
      }
    }
  }
  return found;
}

/** Solution of a two-player zero-sum game (row player maximises A). */
export interface ZeroSumSolution {
  /** The row player's maximin strategy. */
  row: Float64Array;
  /** The column player's minimax strategy. */
  col: Float64Array;
  /** The game value for the row player. */
  value: number;
}

/**
 * Exact solution of the zero-sum game with row payoffs `A` (n×m, row-major) by linear programming: after shifting
 * A to be positive, the column player's LP max Σy s.t. A y ≤ 1, y ≥ 0 is solved with a dense tableau simplex
 * (Bland's rule, so it terminates); the row strategy is read from the dual (the slacks' reduced costs).
 *
 * @example
 * ```ts
 * import { solveZeroSum } from "./nash.ts";
 * const s = solveZeroSum(Float64Array.of(1, -1, -1, 1), 2, 2); // matching pennies
 * s.value; // 0 (row and col are [0.5, 0.5])
 * ```
 */
export function solveZeroSum(A: ArrayLike<number>, n: number, m: number): ZeroSumSolution {
  checkInteger("n", n, { min: 1 });
  checkInteger("m", m, { min: 1 });
  if (A.length !== n * m) {
    throw new RangeError(`A must have n·m = ${n * m} entries, got ${describe(A.length)}`);
  }
  let min = Infinity;
  for (let i = 0; i < A.length; i++) min = Math.min(min, A[i]);
  const shift = 1 - min; // A + shift ≥ 1 > 0
  // Tableau: n rows of [A+shift | I | 1], objective row [-1…-1 | 0 | 0]. Variables: m structurals + n slacks.
  const W = m + n + 1;
  const T = new Float64Array((n + 1) * W);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < m; c++) T[r * W + c] = A[r * m + c] + shift;
    T[r * W + m + r] = 1;
    T[r * W + W - 1] = 1;
  }
  const obj = n * W;
  for (let c = 0; c < m; c++) T[obj + c] = -1;
  const basis = Array.from({ length: n }, (_, r) => m + r);
  const eps = 1e-12;
  for (let iter = 0; iter < 50 * (n + m) + 1000; iter++) {
    // Bland: entering = lowest index with negative reduced cost.
    let enter = -1;
    for (let c = 0; c < m + n; c++) {
      if (T[obj + c] < -eps) {
        enter = c;
        break;
      }
    }
    if (enter < 0) break;
    let leave = -1, best = Infinity;
    for (let r = 0; r < n; r++) {
      const a = T[r * W + enter];
      if (a > eps) {
        const ratio = T[r * W + W - 1] / a;
        if (ratio < best - 1e-15 || (Math.abs(ratio - best) <= 1e-15 && basis[r] < basis[leave])) {
          best = ratio;
          leave = r;
        }
      }
    }
    if (leave < 0) throw new Error("solveZeroSum: unbounded LP (cannot happen for a positive matrix)");
    const piv = T[leave * W + enter];
    for (let c = 0; c < W; c++) T[leave * W + c] /= piv;
    for (let r = 0; r <= n; r++) {
      if (r === leave) continue;
      const f = T[r * W + enter];
      if (f === 0) continue;
      for (let c = 0; c < W; c++) T[r * W + c] -= f * T[leave * W + c];
    }
    basis[leave] = enter;
  }
  const total = T[obj + W - 1]; // = Σy = 1/(value + shift)
  const y = new Float64Array(m);
  basis.forEach((b, r) => {
    if (b < m) y[b] = T[r * W + W - 1];
  });
  const x = new Float64Array(n);
  for (let r = 0; r < n; r++) x[r] = Math.max(0, T[obj + m + r]);
  const sx = x.reduce((a, b) => a + b, 0), sy = y.reduce((a, b) => a + b, 0);
  for (let r = 0; r < n; r++) x[r] /= sx;
  for (let c = 0; c < m; c++) y[c] /= sy;
  return { row: x, col: y, value: 1 / total - shift };
}

/**
 * The risk-dominant one of two strict pure Nash equilibria of a 2×2 game (Harsanyi & Selten 1988): the one with
 * the larger product of the players' deviation losses. Returns the equilibrium as [row action, column action], or
 * null when the game does not have exactly two strict pure equilibria (or they tie).
 *
 * @example
 * ```ts
 * import { riskDominant } from "./nash.ts";
 * import { stagHunt } from "./catalog.ts";
 * riskDominant(stagHunt(4, 3)); // [1, 1]: hare (losses 3·3 = 9 against stag's 1·1)
 * ```
 */
export function riskDominant(game: NormalFormGame): [number, number] | null {
  checkTwoPlayer(game);
  if (game.numActions[0] !== 2 || game.numActions[1] !== 2) {
    throw new RangeError(`riskDominant needs a 2×2 game, got ${game.numActions.join("×")}`);
  }
  const A = game.payoffs[0], B = game.payoffs[1];
  const a = (r: number, c: number) => A[r * 2 + c], b = (r: number, c: number) => B[r * 2 + c];
  const strict: [number, number, number][] = [];
  for (let r = 0; r < 2; r++) {
    for (let c = 0; c < 2; c++) {
      const lossRow = a(r, c) - a(1 - r, c), lossCol = b(r, c) - b(r, 1 - c);
      if (lossRow > 0 && lossCol > 0) strict.push([r, c, lossRow * lossCol]);
    }
  }
  if (strict.length !== 2 || strict[0][2] === strict[1][2]) return null;
  const win = strict[0][2] > strict[1][2] ? strict[0] : strict[1];
  return [win[0], win[1]];
}
