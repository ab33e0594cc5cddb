import assert from "node:assert/strict";
import { fromDeterministic, isDeterministic, randomMdp, tabularMdp } from "../../lib/tabular/mdp.ts";
import { randomPolicyQ } from "../../lib/tabular/policy_evaluation.ts";
import { discountedValueIteration, valueIteration } from "../../lib/tabular/value_iteration.ts";
import { assertClose, threeStateMdp } from "./fixtures.ts";

/*
 * Hand solution of threeStateMdp (fixtures.ts), finite horizon T = 3, γ = 1, V_3 = 0:
 *   t = 2: Q_2(s0) = [0, 1]                      V_2 = [1, 3, 0]    π_2 = [a1, a0, a0]
 *          Q_2(s1) = [3, 0]           Q_2(s2) = [0, 0]
 *   t = 1: Q_1(s0) = [0 + V_2(s1), 1 + ½V_2(s0) + ½V_2(s2)] = [3, 1.5]
 *          Q_1(s1) = [3, 0 + V_2(s1)] = [3, 3] (tie → a0)          V_1 = [3, 3, 0]    π_1 = [a0, a0, a0]
 *   t = 0: Q_0(s0) = [3, 1 + ½·3] = [3, 2.5]   Q_0(s1) = [3, 3]    V_0 = [3, 3, 0]    π_0 = [a0, a0, a0]
 */
Deno.test("valueIteration: hand-solved 3-state MDP, T = 3, undiscounted", () => {
  const res = valueIteration(threeStateMdp(3));
  assert.equal(res.keep, "all");
  assertClose(
    res.q,
    [
      ...[3, 2.5, 3, 3, 0, 0], // t = 0
      ...[3, 1.5, 3, 3, 0, 0], // t = 1
      ...[0, 1, 3, 0, 0, 0], // t = 2
    ],
    0,
    "q",
  );
  assertClose(res.v, [3, 3, 0, 3, 3, 0, 1, 3, 0, 0, 0, 0], 0, "v");
  assert.deepEqual([...res.policy], [0, 0, 0, 0, 0, 0, 1, 0, 0]);
  assert.equal(res.initialValue, 3);
});

/*
 * Finite horizon T = 2 with γ = 0.5:
 *   t = 1: Q_1 = [0, 1 | 3, 0 | 0, 0], V_1 = [1, 3, 0]
 *   t = 0: Q_0(s0) = [0.5·3, 1 + 0.5(½·1 + ½·0)] = [1.5, 1.25]; Q_0(s1) = [3, 0.5·3] = [3, 1.5]; V_0 = [1.5, 3, 0]
 */
Deno.test("valueIteration: finite horizon with gamma (option and MDP field agree)", () => {
  const expectedQ = [1.5, 1.25, 3, 1.5, 0, 0, 0, 1, 3, 0, 0, 0];
  assertClose(valueIteration(threeStateMdp(2), { gamma: 0.5 }).q, expectedQ, 0, "q (option)");
  const viaMdp = valueIteration(threeStateMdp(2, 0.5));
  assertClose(viaMdp.q, expectedQ, 0, "q (mdp.gamma)");
  assert.equal(viaMdp.gamma, 0.5);
  assertClose(viaMdp.v, [1.5, 3, 0, 1, 3, 0, 0, 0, 0], 0, "v");
});

/*
 * Discounted, infinite horizon. V(s2) = 0; V(s1) = max(3, γV(s1)) = 3.
 *   γ = 0.5: V(s0) = max(γ·3, 1 + γ·½V(s0)) = max(1.5, 1 + V/4): a1 alone would give 4/3 < 1.5 → a0, V(s0) = 1.5,
 *            Q(s0, a1) = 1 + 0.25·1.5 = 1.375, Q(s1, a1) = 1.5.
 *   γ = 0.2: a0 gives 0.6; a1 gives V = 1/(1 − 0.1) = 10/9 > 0.6 → a1; Q(s1, a1) = 0.6.
 */
Deno.test("discountedValueIteration: hand-solved 3-state MDP at gamma 0.5 and 0.2", () => {
  const mdp = threeStateMdp(1);
  const half = discountedValueIteration(mdp, { gamma: 0.5, tol: 1e-13 });
  assert.ok(half.converged);
  assertClose(half.v, [1.5, 3, 0], 1e-12, "v(0.5)");
  assertClose(half.q, [1.5, 1.375, 3, 1.5, 0, 0], 1e-12, "q(0.5)");
  assert.deepEqual([...half.policy], [0, 0, 0]);
  const fifth = discountedValueIteration(mdp, { gamma: 0.2, tol: 1e-13 });
  assertClose(fifth.v, [10 / 9, 3, 0], 1e-12, "v(0.2)");
  assertClose(fifth.q, [0.6, 10 / 9, 3, 0.6, 0, 0], 1e-12, "q(0.2)");
  assert.deepEqual([...fifth.policy], [1, 0, 0]);
  assert.ok(Math.abs(fifth.initialValue - 10 / 9) < 1e-12);
});

Deno.test("discountedValueIteration: stopping rule bounds the error; maxIters reports non-convergence", () => {
  // self-loop paying 1: V* = 1/(1 − γ) = 10
  const loop = fromDeterministic({ transitions: [0], rewards: [1], numStates: 1, numActions: 1, horizon: 1 });
  const res = discountedValueIteration(loop, { gamma: 0.9, tol: 1e-6 });
  assert.ok(res.converged);
  assert.ok(Math.abs(res.v[0] - 10) <= 1e-6, `|V − V*| = ${Math.abs(res.v[0] - 10)}`);
  const capped = discountedValueIteration(loop, { gamma: 0.9, maxIters: 3 });
  assert.equal(capped.converged, false);
  assert.equal(capped.iterations, 3);
  assertClose(capped.v, [1 + 0.9 + 0.81], 1e-12, "v after 3 sweeps");
});

Deno.test("valueIteration: finite-horizon V_0 approaches discounted V* as T grows (γ^T bound)", () => {
  const mdp = randomMdp({ numStates: 40, numActions: 3, horizon: 60, terminalProb: 0.1 }, 5);
  const gamma = 0.8;
  const inf = discountedValueIteration(mdp, { gamma, tol: 1e-12 });
  const fin = valueIteration(mdp, { gamma });
  const bound = gamma ** 60 / (1 - gamma) + 1e-12; // rewards in [0, 1)
  for (let s = 0; s < 40; s++) assert.ok(Math.abs(fin.v[s] - inf.v[s]) <= bound, `state ${s}`);
});

Deno.test("valueIteration: matches an independent dense backward induction on a random MDP", () => {
  const S = 30, A = 4, T = 7;
  const mdp = randomMdp({ numStates: S, numActions: A, horizon: T, successors: 3, terminalProb: 0.2 }, 11);
  // dense P[s][a][s'] and terminal mass, then the textbook recursion
  const P = Array.from({ length: S * A }, () => new Float64Array(S));
  for (let i = 0; i < S * A; i++) {
    for (let k = mdp.offsets[i]; k < mdp.offsets[i + 1]; k++) {
      if (mdp.next[k] >= 0) P[i][mdp.next[k]] += mdp.prob[k];
    }
  }
  let vNext = new Float64Array(S);
  const res = valueIteration(mdp);
  for (let t = T - 1; t >= 0; t--) {
    const v = new Float64Array(S);
    for (let s = 0; s < S; s++) {
      let best = -Infinity;
      for (let a = 0; a < A; a++) {
        let x = mdp.rewards[s * A + a];
        for (let sp = 0; sp < S; sp++) x += P[s * A + a][sp] * vNext[sp];
        assert.ok(Math.abs(res.q[(t * S + s) * A + a] - x) < 1e-12);
        best = Math.max(best, x);
      }
      v[s] = best;
    }
    assertClose(res.v.subarray(t * S, (t + 1) * S), v, 1e-12, `v_${t}`);
    vNext = v;
  }
  // greedy policy attains the max at every (t, s)
  for (let t = 0; t < T; t++) {
    for (let s = 0; s < S; s++) {
      assert.equal(res.q[(t * S + s) * A + res.policy[t * S + s]], res.v[t * S + s]);
    }
  }
});

Deno.test("valueIteration: keep 'first' equals keep 'all' at t = 0 and keeps every V_t and policy", () => {
  const mdp = randomMdp({ numStates: 50, numActions: 3, horizon: 9, terminalProb: 0.1 }, 3);
  const all = valueIteration(mdp, { keep: "all" });
  const first = valueIteration(mdp, { keep: "first" });
  assert.equal(first.keep, "first");
  assert.equal(first.q.length, 50 * 3);
  assert.deepEqual([...first.q], [...all.q.subarray(0, 150)]);
  assert.deepEqual([...first.v], [...all.v]);
  assert.deepEqual([...first.policy], [...all.policy]);
  assert.equal(first.initialValue, all.initialValue);
  // horizon 1: t = 0 is the only step
  const one = tabularMdp({ ...mdp, horizon: 1, initialDistribution: undefined });
  assert.deepEqual([...valueIteration(one, { keep: "first" }).q], [...valueIteration(one).q]);
});

Deno.test("valueIteration / randomPolicyQ: deterministic fast path is bitwise equal to the general CSR path", () => {
  const S = 300, A = 5, T = 20;
  const base = randomMdp({ numStates: S, numActions: A, horizon: T, successors: 1, terminalProb: 0.1 }, 21);
  assert.ok(isDeterministic(base));
  // same MDP with a zero-probability second entry per (s, a): not deterministic in layout, same values
  const offsets = new Int32Array(S * A + 1).map((_, i) => 2 * i);
  const next = new Int32Array(2 * S * A).map((_, k) => (k % 2 === 0 ? base.next[k / 2] : (k * 7) % S));
  const prob = new Float64Array(2 * S * A).map((_, k) => (k % 2 === 0 ? 1 : 0));
  const padded = tabularMdp({ ...base, offsets, next, prob, initialDistribution: undefined });
  assert.ok(!isDeterministic(padded));
  for (const gamma of [1, 0.9]) {
    assert.deepEqual([...valueIteration(base, { gamma }).q], [...valueIteration(padded, { gamma }).q]);
    assert.deepEqual([...randomPolicyQ(base, { gamma }).v], [...randomPolicyQ(padded, { gamma }).v]);
    const da = discountedValueIteration(base, { gamma: gamma * 0.5 });
    const db = discountedValueIteration(padded, { gamma: gamma * 0.5 });
    assert.deepEqual([...da.v], [...db.v]);
  }
});

Deno.test("valueIteration: ties go to the lowest action index", () => {
  const mdp = fromDeterministic({
    transitions: [-1, -1, -1],
    rewards: [1, 2, 2],
    numStates: 1,
    numActions: 3,
    horizon: 1,
  });
  assert.deepEqual([...valueIteration(mdp).policy], [1]);
});

Deno.test("valueIteration / discountedValueIteration: bad arguments throw named errors", () => {
  const mdp = threeStateMdp(3);
  assert.throws(() => valueIteration(mdp, { gamma: 1.2 }), /RangeError: gamma must be in \[0, 1\], got 1.2/);
  assert.throws(() => valueIteration(mdp, { keep: "some" as "all" }), /RangeError: keep must be one of/);
  assert.throws(() => valueIteration({} as never), /TypeError: numStates must be an integer/);
  // T·S·A > 2^25 needs an explicit keep (checked before allocating)
  const long = fromDeterministic({
    transitions: [0],
    rewards: [0],
    numStates: 1,
    numActions: 1,
    horizon: 2 ** 25 + 1,
  });
  assert.throws(() => valueIteration(long), /RangeError: keep must be given explicitly/);
  assert.throws(
    () => discountedValueIteration(mdp),
    /RangeError: gamma \(from mdp.gamma\) must be in \[0, 1\), got 1/,
  );
  assert.throws(
    () => discountedValueIteration(mdp, { gamma: 1 }),
    /RangeError: gamma must be in \[0, 1\), got 1/,
  );
  assert.throws(
    () => discountedValueIteration(mdp, { gamma: 0.5, tol: 0 }),
    /RangeError: tol must be in \(0, inf\)/,
  );
  assert.throws(() => discountedValueIteration(mdp, { gamma: 0.5, maxIters: 1.5 }), /RangeError: maxIters/);
});
