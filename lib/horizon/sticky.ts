/**
 * Sticky actions (Laidlaw et al., ICLR 2024, "The Effective Horizon Explains Deep RL Performance in Stochastic
 * Environments"): after the first step, with probability p (0.25 in the paper) the environment repeats the previous
 * action instead of the chosen one. The sticky MDP's state is (state, previous action); this module builds it
 * exactly and runs the stochastic analysis (official `analyze_sticky_actions`): optimal, random and worst returns,
 * the returns J_1..J_n of the policies greedy on Q^1..Q^n, `minK` and the planning window.
 *
 * @module
 */
import { checkInRange, checkInteger } from "../core/errors.ts";
import { type TabularMdp, tabularMdp } from "../tabular/mdp.ts";
import { valueIteration } from "../tabular/value_iteration.ts";
import { evaluatePolicy, randomPolicyQ } from "../tabular/policy_evaluation.ts";
import { deterministicTransitions } from "./layers.ts";
import { REWARD_PRECISION } from "./analysis.ts";

/**
 * The sticky-action MDP of a deterministic MDP: state `s * A + prev` is "in s, previous action prev", and the extra
 * last state `S * A` is the start (no previous action, so the first step is never sticky). Choosing a in (s, prev)
 * executes a with probability 1 − p and prev with probability p.
 *
 * @example
 * ```ts
 * import { fromDeterministic } from "../tabular/mdp.ts";
 * import { stickyMdp } from "./sticky.ts";
 * const mdp = fromDeterministic({ transitions: [0, -1], rewards: [0, 1], numStates: 1, numActions: 2, horizon: 3 });
 * stickyMdp(mdp, 0.25).numStates; // 1 · 2 + 1
 * ```
 */
export function stickyMdp(mdp: TabularMdp, p = 0.25): TabularMdp {
  checkInRange("p", p, { min: 0, max: 1, maxOpen: true });
  const tr = deterministicTransitions(mdp);
  const S = mdp.numStates, A = mdp.numActions, start = S * A;
  const offsets = [0],
    next: number[] = [],
    prob: number[] = [],
    outcome: number[] = [],
    rewards: number[] = [];
  const push = (s: number, a: number, w: number) => {
    const s2 = tr[s * A + a];
    next.push(s2 < 0 ? -1 : s2 * A + a);
    prob.push(w);
    outcome.push(mdp.rewards[s * A + a]);
  };
  for (let x = 0; x <= start; x++) {
    const s = x === start ? mdp.initialState : Math.floor(x / A);
    const prev = x === start ? -1 : x % A;
    for (let a = 0; a < A; a++) {
      if (prev < 0 || prev === a || p === 0) {
        push(s, a, 1);
        rewards.push(mdp.rewards[s * A + a]);
      } else {
        push(s, a, 1 - p);
        push(s, prev, p);
        rewards.push((1 - p) * mdp.rewards[s * A + a] + p * mdp.rewards[s * A + prev]);
      }
      offsets.push(next.length);
    }
  }
  return tabularMdp({
    numStates: start + 1,
    numActions: A,
    horizon: mdp.horizon,
    initialState: start,
    offsets,
    next,
    prob,
    rewards,
    outcomeRewards: outcome,
  });
}

/** Result of {@link stickyAnalysis}. */
export interface StickyAnalysis {
  /** Sticky-action probability. */
  p: number;
  /**
   * (state, previous action) pairs where an action is taken within the horizon, the start and the (done, a) pairs
   * of ended episodes included (the official count).
   */
  numStates: number;
  /** Optimal expected return. */
  optimalReturn: number;
  /** Expected return of the uniformly random policy. */
  randomReturn: number;
  /** Worst expected return. */
  worstReturn: number;
  /** J_i: expected return of the policy greedy on Q^i (first maximal action), i = 1..numGreedy. */
  greedyReturns: number[];
  /** Smallest k with every Q^k-greedy policy optimal. */
  minK: number;
  /** Effective planning window (Q^1 = r). */
  epw: number;
}

/** One Q-iteration step in place on time-indexed Q (t · S · A layout): Q_t ← r + Σ p max Q_{t+1}, t < T − 1. */
function backup(mdp: TabularMdp, q: Float64Array): void {
  const { numStates: S, numActions: A, horizon: T, offsets, next, prob, rewards } = mdp;
  const SA = S * A;
  const w = new Float64Array(S);
  for (let t = 0; t < T - 1; t++) {
    const qn = q.subarray((t + 1) * SA, (t + 2) * SA);
    for (let s = 0; s < S; s++) {
      let m = -Infinity;
      for (let a = 0; a < A; a++) if (qn[s * A + a] > m) m = qn[s * A + a];
      w[s] = m;
    }
    for (let i = 0; i < SA; i++) {
      let acc = 0;
      for (let k = offsets[i]; k < offsets[i + 1]; k++) if (next[k] >= 0) acc += prob[k] * w[next[k]];
      q[t * SA + i] = rewards[i] + acc;
    }
  }
}

function greedyOptimal(mdp: TabularMdp, q: Float64Array, qStar: Float64Array): boolean {
  const { numStates: S, numActions: A, horizon: T, offsets, next, prob } = mdp;
  let visited = new Uint8Array(S);
  visited[mdp.initialState] = 1;
  for (let t = 0; t < T; t++) {
    const nextVisited = new Uint8Array(S);
    for (let s = 0; s < S; s++) {
      if (!visited[s]) continue;
      const base = t * S * A + s * A;
      let maxQ = -Infinity, vStar = -Infinity;
      for (let a = 0; a < A; a++) {
        if (q[base + a] > maxQ) maxQ = q[base + a];
        if (qStar[base + a] > vStar) vStar = qStar[base + a];
      }
      for (let a = 0; a < A; a++) {
        if (q[base + a] < maxQ) continue;
        if (qStar[base + a] < vStar - REWARD_PRECISION) return false;
        for (let k = offsets[s * A + a]; k < offsets[s * A + a + 1]; k++) {
          if (next[k] >= 0 && prob[k] > 0) nextVisited[next[k]] = 1;
        }
      }
    }
    visited = nextVisited;
  }
  return true;
}

function greedyPolicyOf(mdp: TabularMdp, q: Float64Array): Int32Array {
  const { numStates: S, numActions: A, horizon: T } = mdp;
  const policy = new Int32Array(T * S);
  for (let x = 0; x < T * S; x++) {
    let best = 0;
    for (let a = 1; a < A; a++) if (q[x * A + a] > q[x * A + best]) best = a;
    policy[x] = best;
  }
  return policy;
}

/**
 * (state, previous action) pairs at which an action is taken within the horizon, counted as the official analysis
 * does: an ended episode sits in an absorbing "done" state whose actions loop, so (done, a) pairs count too.
 */
function countReachable(mdp: TabularMdp, p: number): number {
  const tr = deterministicTransitions(mdp);
  const S = mdp.numStates, A = mdp.numActions, T = mdp.horizon, done = S;
  const seen = new Uint8Array((S + 1) * A);
  let frontier: number[] = [];
  for (let a = 0; a < A; a++) {
    const s2 = tr[mdp.initialState * A + a];
    frontier.push((s2 < 0 ? done : s2) * A + a);
  }
  let count = 1; // the start, with no previous action
  for (let t = 1; t < T; t++) {
    const fresh: number[] = [];
    for (const x of frontier) {
      if (!seen[x]) {
        seen[x] = 1;
        count++;
        fresh.push(x);
      }
    }
    if (t === T - 1) break;
    const nf: number[] = [];
    for (const x of fresh) {
      const s = Math.floor(x / A), prev = x % A;
      for (let a = 0; a < A; a++) {
        for (const e of p > 0 && a !== prev ? [a, prev] : [a]) {
          const s2 = s === done ? -1 : tr[s * A + e];
          nf.push((s2 < 0 ? done : s2) * A + e);
        }
      }
    }
    frontier = nf;
  }
  return count;
}

/**
 * The sticky-action analysis of a deterministic MDP (dense time-indexed Q over the S·A + 1 sticky states: meant for
 * MDPs up to ~10^5 states × horizon).
 *
 * @example
 * ```ts
 * import { fromDeterministic } from "../tabular/mdp.ts";
 * import { stickyAnalysis } from "./sticky.ts";
 * const mdp = fromDeterministic({ transitions: [0, 0], rewards: [1, 0], numStates: 1, numActions: 2, horizon: 3 });
 * stickyAnalysis(mdp).minK; // 1
 * ```
 */
export function stickyAnalysis(
  mdp: TabularMdp,
  opts: { p?: number; numGreedy?: number } = {},
): StickyAnalysis {
  const p = opts.p ?? 0.25;
  const numGreedy = checkInteger("numGreedy", opts.numGreedy ?? 5, { min: 1 });
  const sticky = stickyMdp(mdp, p);
  const star = valueIteration(sticky, { keep: "all" });
  const rand = randomPolicyQ(sticky, { keep: "all" });
  const negated = tabularMdp({
    numStates: sticky.numStates,
    numActions: sticky.numActions,
    horizon: sticky.horizon,
    initialState: sticky.initialState,
    offsets: sticky.offsets,
    next: sticky.next,
    prob: sticky.prob,
    rewards: sticky.rewards.map((r) => -r),
  });
  const worstReturn = 0 - valueIteration(negated, { keep: "first" }).initialValue; // 0 − x: no −0
  const q = rand.q.slice();
  const greedyReturns: number[] = [];
  for (let i = 1; i <= numGreedy; i++) {
    greedyReturns.push(evaluatePolicy(sticky, greedyPolicyOf(sticky, q), { keep: "first" }).initialValue);
    if (i < numGreedy) backup(sticky, q);
  }
  const search = (initial: Float64Array): number => {
    const qk = initial.slice();
    for (let k = 1;; k++) {
      if (greedyOptimal(sticky, qk, star.q) || k >= sticky.horizon) return k;
      backup(sticky, qk);
    }
  };
  const rewardsOnly = new Float64Array(rand.q.length);
  for (let t = 0; t < sticky.horizon; t++) rewardsOnly.set(sticky.rewards, t * sticky.rewards.length);
  return {
    p,
    numStates: countReachable(mdp, p),
    optimalReturn: star.initialValue,
    randomReturn: rand.initialValue,
    worstReturn,
    greedyReturns,
    minK: search(rand.q),
    epw: search(rewardsOnly),
  };
}
