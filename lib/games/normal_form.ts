/**
 * Normal-form games: n players, one payoff tensor per player over joint pure actions, mixed strategies, expected
 * payoffs and the variance of a player's payoff caused by the other players' mixing (the risk measure of the RAE
 * paper, Slumbers et al. 2023).
 *
 * @module
 */
import { checkFiniteArray, checkInteger, checkLength, describe } from "../core/errors.ts";

/**
 * An n-player normal-form game. `payoffs[i]` is player i's payoff tensor, flat and row-major over joint actions
 * (player 0's action is the most significant index): the entry of the joint action (a₀, …, a_{n−1}) is at
 * `Σ_k a_k · strides[k]`.
 */
export interface NormalFormGame {
  /** Number of players (≥ 2). */
  numPlayers: number;
  /** Pure actions of each player. */
  numActions: readonly number[];
  /** Row-major strides of the joint-action index. */
  strides: readonly number[];
  /** One payoff tensor per player, each of length Π numActions. */
  payoffs: readonly Float64Array[];
}

/** A mixed strategy of each player (each a probability vector over that player's actions). */
export type Profile = readonly ArrayLike<number>[];

/**
 * Build an n-player game from its action counts and flat row-major payoff tensors.
 *
 * @example
 * ```ts
 * import { normalFormGame } from "./normal_form.ts";
 * // 3-player game where everyone gets the number of players that chose action 1
 * const sizes = [2, 2, 2];
 * const u = Float64Array.from({ length: 8 }, (_, j) => ((j >> 2) & 1) + ((j >> 1) & 1) + (j & 1));
 * const g = normalFormGame(sizes, [u, u, u]);
 * g.strides; // [4, 2, 1]
 * ```
 */
export function normalFormGame(
  numActions: readonly number[],
  payoffs: readonly ArrayLike<number>[],
): NormalFormGame {
  if (!Array.isArray(numActions) || numActions.length < 2) {
    throw new RangeError(
      `numActions must list at least 2 players' action counts, got ${describe(numActions)}`,
    );
  }
  numActions.forEach((n, i) => checkInteger(`numActions[${i}]`, n, { min: 1 }));
  const total = numActions.reduce((a, b) => a * b, 1);
  checkLength("payoffs", payoffs, numActions.length);
  const tensors = payoffs.map((p, i) => {
    checkLength(`payoffs[${i}]`, p, total);
    checkFiniteArray(`payoffs[${i}]`, p);
    return Float64Array.from(p);
  });
  const strides = new Array<number>(numActions.length);
  let s = 1;
  for (let k = numActions.length - 1; k >= 0; k--) {
    strides[k] = s;
    s *= numActions[k];
  }
  return { numPlayers: numActions.length, numActions: [...numActions], strides, payoffs: tensors };
}

/**
 * A two-player (bimatrix) game: `A[r][c]` is the row player's payoff, `B[r][c]` the column player's
 * (default `B = −A`, a zero-sum game).
 *
 * @example
 * ```ts
 * import { bimatrix } from "./normal_form.ts";
 * const pennies = bimatrix([[1, -1], [-1, 1]]); // zero-sum
 * pennies.payoffs[1][0]; // -1
 * ```
 */
export function bimatrix(
  A: readonly (readonly number[])[],
  B?: readonly (readonly number[])[],
): NormalFormGame {
  const rows = A.length;
  if (rows < 1 || !Array.isArray(A[0])) {
    throw new TypeError(`A must be a non-empty matrix, got ${describe(A)}`);
  }
  const cols = A[0].length;
  const flat = (M: readonly (readonly number[])[], name: string) => {
    checkLength(name, M, rows);
    const out = new Float64Array(rows * cols);
    M.forEach((row, r) => {
      checkLength(`${name}[${r}]`, row, cols);
      row.forEach((v, c) => (out[r * cols + c] = v));
    });
    return out;
  };
  const a = flat(A, "A");
  const b = B === undefined ? a.map((v) => -v) : flat(B, "B");
  return normalFormGame([rows, cols], [a, b]);
}

/**
 * Check that `strategies` is a valid mixed-strategy profile of `game` (non-negative, sums to 1 within 1e-6).
 *
 * @example
 * ```ts
 * import { bimatrix, checkProfile } from "./normal_form.ts";
 * checkProfile(bimatrix([[1, 0], [0, 1]]), [[0.5, 0.5], [1, 0]]); // ok
 * ```
 */
export function checkProfile(game: NormalFormGame, strategies: Profile, name = "strategies"): void {
  checkLength(name, strategies, game.numPlayers);
  strategies.forEach((s, i) => checkStrategy(`${name}[${i}]`, s, game.numActions[i]));
}

/**
 * Check one mixed strategy over `n` actions.
 *
 * @example
 * ```ts
 * import { checkStrategy } from "./normal_form.ts";
 * checkStrategy("pi", [0.25, 0.75], 2); // ok
 * ```
 */
export function checkStrategy(name: string, s: ArrayLike<number>, n: number): void {
  checkLength(name, s, n);
  let sum = 0;
  for (let a = 0; a < n; a++) {
    if (!(s[a] >= -1e-12) || !Number.isFinite(s[a])) {
      throw new RangeError(`${name}[${a}] must be a probability, got ${describe(s[a])}`);
    }
    sum += s[a];
  }
  if (Math.abs(sum - 1) > 1e-6) throw new RangeError(`${name} must sum to 1, got sum ${sum}`);
}

/**
 * The uniform mixed strategy over `n` actions.
 *
 * @example
 * ```ts
 * import { uniformStrategy } from "./normal_form.ts";
 * uniformStrategy(4); // Float64Array [0.25, 0.25, 0.25, 0.25]
 * ```
 */
export function uniformStrategy(n: number): Float64Array {
  checkInteger("n", n, { min: 1 });
  return new Float64Array(n).fill(1 / n);
}

/**
 * The pure strategy playing action `a` of `n`.
 *
 * @example
 * ```ts
 * import { pureStrategy } from "./normal_form.ts";
 * pureStrategy(1, 3); // Float64Array [0, 1, 0]
 * ```
 */
export function pureStrategy(a: number, n: number): Float64Array {
  checkInteger("a", a, { min: 0, max: n - 1 });
  const s = new Float64Array(n);
  s[a] = 1;
  return s;
}

/**
 * The random payoff player `i` faces when the others mix: a lottery over the others' joint pure actions j with
 * probability `weights[j]`, paying `values[a · J + j]` to own pure action a (J = number of joint profiles of the
 * others). For two players this is player i's own-view payoff matrix and the opponent's strategy. It is what
 * {@link payoffMoments} and the RAE best response need: mean μ = V w, covariance Σ = V diag(w) Vᵀ − μμᵀ.
 */
export interface OpponentLottery {
  /** Own pure actions. */
  numOwn: number;
  /** Joint pure profiles of the other players (J). */
  numJoint: number;
  /** Own-action × joint-profile payoffs, row-major (numOwn × numJoint). */
  values: Float64Array;
  /** Probability of each joint profile of the others (length J). */
  weights: Float64Array;
}

/**
 * Player `player`'s own-view payoff matrix (own action × joint profile of the others, others in player order),
 * independent of strategies; pair it with {@link opponentWeights} to get an {@link OpponentLottery}.
 *
 * @example
 * ```ts
 * import { bimatrix, ownView } from "./normal_form.ts";
 * const g = bimatrix([[1, 2], [3, 4]], [[5, 6], [7, 8]]);
 * ownView(g, 1); // column player's view: rows = own actions → [5, 7, 6, 8]
 * ```
 */
export function ownView(game: NormalFormGame, player: number): Float64Array {
  checkInteger("player", player, { min: 0, max: game.numPlayers - 1 });
  const n = game.numActions[player];
  const total = game.payoffs[player].length;
  const J = total / n;
  const out = new Float64Array(total);
  const u = game.payoffs[player];
  const stride = game.strides[player];
  // Enumerate joint indices; the others' joint index is the joint index with player's digit removed.
  for (let idx = 0; idx < total; idx++) {
    const a = Math.floor(idx / stride) % n;
    const high = Math.floor(idx / (stride * n));
    const low = idx % stride;
    const j = high * stride + low;
    out[a * J + j] = u[idx];
  }
  return out;
}

/**
 * Probability of each joint pure profile of the players other than `player` (product of their strategies, in the
 * order {@link ownView} uses).
 *
 * @example
 * ```ts
 * import { bimatrix, opponentWeights } from "./normal_form.ts";
 * const g = bimatrix([[1, 2], [3, 4]]);
 * opponentWeights(g, 0, [[1, 0], [0.3, 0.7]]); // Float64Array [0.3, 0.7]
 * ```
 */
export function opponentWeights(game: NormalFormGame, player: number, strategies: Profile): Float64Array {
  const others = game.numActions.map((_, k) => k).filter((k) => k !== player);
  const J = others.reduce((p, k) => p * game.numActions[k], 1);
  const w = new Float64Array(J).fill(1);
  // Row-major over the others in player order: the last other varies fastest.
  let block = J;
  for (const k of others) {
    const nk = game.numActions[k];
    block /= nk;
    const s = strategies[k];
    for (let j = 0; j < J; j++) w[j] *= s[Math.floor(j / block) % nk];
  }
  return w;
}

/**
 * The lottery player `player` faces under a strategy profile (see {@link OpponentLottery}).
 *
 * @example
 * ```ts
 * import { bimatrix, opponentLottery } from "./normal_form.ts";
 * const g = bimatrix([[4, -6], [1, 1]]);
 * const lot = opponentLottery(g, 0, [[1, 0], [0.9, 0.1]]);
 * lot.values; // [4, -6, 1, 1]
 * ```
 */
export function opponentLottery(game: NormalFormGame, player: number, strategies: Profile): OpponentLottery {
  checkProfile(game, strategies);
  const values = ownView(game, player);
  const weights = opponentWeights(game, player, strategies);
  return { numOwn: game.numActions[player], numJoint: weights.length, values, weights };
}

/**
 * Expected payoff μ_a of each own pure action a against the lottery: μ = V w.
 *
 * @example
 * ```ts
 * import { actionMeans, bimatrix, opponentLottery } from "./normal_form.ts";
 * const g = bimatrix([[4, -6], [1, 1]]);
 * actionMeans(opponentLottery(g, 0, [[1, 0], [0.9, 0.1]])); // [3, 1]
 * ```
 */
export function actionMeans(lot: OpponentLottery): Float64Array {
  const { numOwn: n, numJoint: J, values: V, weights: w } = lot;
  const mu = new Float64Array(n);
  for (let a = 0; a < n; a++) {
    let s = 0;
    const o = a * J;
    for (let j = 0; j < J; j++) s += V[o + j] * w[j];
    mu[a] = s;
  }
  return mu;
}

/**
 * Σπ, where Σ[a][b] = Σ_j w_j (V[a,j] − μ_a)(V[b,j] − μ_b) is the covariance of the own pure actions' payoffs
 * under the others' mixing: computed as V diag(w) (Vᵀπ) − μ (μᵀπ) in O(n·J) without forming Σ.
 *
 * @example
 * ```ts
 * import { actionMeans, bimatrix, covarianceTimes, opponentLottery } from "./normal_form.ts";
 * const lot = opponentLottery(bimatrix([[4, -6], [1, 1]]), 0, [[1, 0], [0.9, 0.1]]);
 * covarianceTimes(lot, actionMeans(lot), [1, 0]); // [9, 0]: Var(Risky) = 0.9·0.1·10²
 * ```
 */
export function covarianceTimes(
  lot: OpponentLottery,
  mu: ArrayLike<number>,
  pi: ArrayLike<number>,
  out: Float64Array = new Float64Array(lot.numOwn),
  scratch: Float64Array = new Float64Array(lot.numJoint),
): Float64Array {
  const { numOwn: n, numJoint: J, values: V, weights: w } = lot;
  // scratch_j = w_j · (Vᵀπ)_j
  scratch.fill(0);
  let mp = 0;
  for (let a = 0; a < n; a++) {
    const p = pi[a];
    mp += mu[a] * p;
    if (p === 0) continue;
    const o = a * J;
    for (let j = 0; j < J; j++) scratch[j] += V[o + j] * p;
  }
  for (let j = 0; j < J; j++) scratch[j] *= w[j];
  for (let a = 0; a < n; a++) {
    let s = 0;
    const o = a * J;
    for (let j = 0; j < J; j++) s += V[o + j] * scratch[j];
    out[a] = s - mu[a] * mp;
  }
  return out;
}

/** Mean and variance of one player's payoff under a profile; the variance is the part caused by the others. */
export interface PayoffMoments {
  /** Expected payoff πᵀμ. */
  mean: number;
  /**
   * Variance of the payoff over the others' pure actions with the player's own mixed strategy held as weights:
   * Var_{a₋ᵢ ∼ σ₋ᵢ}[Σ_a π(a) u(a, a₋ᵢ)] = πᵀΣπ (the RAE paper's risk: variance caused by the others' strategies).
   */
  variance: number;
  /**
   * Total variance of the realised payoff when the player's own action is also drawn from π:
   * Σ_a π(a) E[u(a, ·)²] − mean². Reported beside `variance` for comparison.
   */
  totalVariance: number;
}

/**
 * Expected payoff and the opponent-induced variance (πᵀΣπ) of player `player` under a profile.
 *
 * @example
 * ```ts
 * import { bimatrix, payoffMoments } from "./normal_form.ts";
 * const g = bimatrix([[4, -6], [1, 1]]);
 * payoffMoments(g, 0, [[1, 0], [0.9, 0.1]]); // { mean: 3, variance: 9, totalVariance: 9 }
 * ```
 */
export function payoffMoments(game: NormalFormGame, player: number, strategies: Profile): PayoffMoments {
  const lot = opponentLottery(game, player, strategies);
  const pi = strategies[player];
  const mu = actionMeans(lot);
  const sp = covarianceTimes(lot, mu, pi);
  let mean = 0, variance = 0, second = 0;
  const { numOwn: n, numJoint: J, values: V, weights: w } = lot;
  for (let a = 0; a < n; a++) {
    mean += pi[a] * mu[a];
    variance += pi[a] * sp[a];
    let s2 = 0;
    for (let j = 0; j < J; j++) s2 += w[j] * V[a * J + j] * V[a * J + j];
    second += pi[a] * s2;
  }
  return { mean, variance: Math.max(0, variance), totalVariance: Math.max(0, second - mean * mean) };
}

/**
 * Expected payoff of every player under a profile.
 *
 * @example
 * ```ts
 * import { bimatrix, expectedPayoffs } from "./normal_form.ts";
 * expectedPayoffs(bimatrix([[1, -1], [-1, 1]]), [[0.5, 0.5], [0.5, 0.5]]); // [0, 0]
 * ```
 */
export function expectedPayoffs(game: NormalFormGame, strategies: Profile): number[] {
  checkProfile(game, strategies);
  return game.payoffs.map((_, i) => {
    const mu = actionMeans(opponentLottery(game, i, strategies));
    let s = 0;
    for (let a = 0; a < mu.length; a++) s += mu[a] * strategies[i][a];
    return s;
  });
}

/**
 * NashConv: Σ_i (max_a μ_i(a) − πᵢᵀμᵢ), the total gain of unilateral best responses; 0 exactly at a Nash
 * equilibrium. For two-player zero-sum games it is twice the usual exploitability.
 *
 * @example
 * ```ts
 * import { bimatrix, nashConv } from "./normal_form.ts";
 * nashConv(bimatrix([[1, -1], [-1, 1]]), [[1, 0], [1, 0]]); // 2: the column player gains 2 by switching
 * ```
 */
export function nashConv(game: NormalFormGame, strategies: Profile): number {
  checkProfile(game, strategies);
  let total = 0;
  for (let i = 0; i < game.numPlayers; i++) {
    const mu = actionMeans(opponentLottery(game, i, strategies));
    let best = -Infinity, cur = 0;
    for (let a = 0; a < mu.length; a++) {
      best = Math.max(best, mu[a]);
      cur += mu[a] * strategies[i][a];
    }
    total += best - cur;
  }
  return total;
}
