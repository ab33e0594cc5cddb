import assert from "node:assert/strict";
import { gridworld } from "../../lib/tabular/gridworld.ts";
import { fromDeterministic, randomMdp } from "../../lib/tabular/mdp.ts";
import { evaluatePolicy, randomPolicyQ } from "../../lib/tabular/policy_evaluation.ts";
import { valueIteration } from "../../lib/tabular/value_iteration.ts";
import { assertClose, threeStateMdp } from "./fixtures.ts";

/*
 * Q^rand of threeStateMdp (fixtures.ts) with T = 2, γ = 1 (V_t(s) = mean_a Q_t(s, a)):
 *   t = 1: Q_1 = [0, 1 | 3, 0 | 0, 0]                       V_1 = [0.5, 1.5, 0]
 *   t = 0: Q_0(s0) = [V_1(s1), 1 + ½V_1(s0) + ½V_1(s2)] = [1.5, 1.25]
 *          Q_0(s1) = [3, 0 + V_1(s1)] = [3, 1.5]             V_0 = [1.375, 2.25, 0]
 */
Deno.test("randomPolicyQ: hand values on the 3-state MDP", () => {
  const res = randomPolicyQ(threeStateMdp(2));
  assertClose(res.q, [1.5, 1.25, 3, 1.5, 0, 0, 0, 1, 3, 0, 0, 0], 0, "q");
  assertClose(res.v, [1.375, 2.25, 0, 0.5, 1.5, 0, 0, 0, 0], 0, "v");
  assert.equal(res.initialValue, 1.375);
});

Deno.test("evaluatePolicy: hand values for a time-indexed deterministic and a stochastic policy", () => {
  const mdp = threeStateMdp(2);
  // π_0 = [a1, a1, a0], π_1 = [a0, a0, a0]:  V_1 = [0, 3, 0]; Q_0(s0, a1) = 1 + ½·0 = 1; Q_0(s1, a1) = 0 + 3
  const det = evaluatePolicy(mdp, new Int32Array([1, 1, 0, 0, 0, 0]));
  assertClose(det.v, [1, 3, 0, 0, 3, 0, 0, 0, 0], 0, "v(det)");
  assertClose(det.q.subarray(0, 6), [3, 1, 3, 3, 0, 0], 0, "q_0(det)");
  // stationary π(a0 | s) = 0.75: V_1 = [0.25, 2.25, 0];
  // Q_0(s0) = [2.25, 1 + ½·0.25] → V_0(s0) = 0.75·2.25 + 0.25·1.125 = 1.96875; Q_0(s1) = [3, 2.25] → 2.8125
  const sto = evaluatePolicy(mdp, new Float64Array([0.75, 0.25, 0.75, 0.25, 0.75, 0.25]));
  assertClose(sto.v, [1.96875, 2.8125, 0, 0.25, 2.25, 0, 0, 0, 0], 0, "v(sto)");
  // the uniform stochastic policy is randomPolicyQ
  const uniform = evaluatePolicy(mdp, new Float64Array(6).fill(0.5));
  assert.deepEqual([...uniform.q], [...randomPolicyQ(mdp).q]);
});

Deno.test("evaluatePolicy: the optimal policy's values equal V* (random MDP and slippery gridworld)", () => {
  const mdps = [
    randomMdp({ numStates: 200, numActions: 4, horizon: 12, successors: 3, terminalProb: 0.05 }, 2),
    gridworld(["S..L", ".#..", "...G"], { horizon: 15, slip: 0.2, stepReward: -0.02 }).mdp,
  ];
  for (const mdp of mdps) {
    const opt = valueIteration(mdp);
    const ev = evaluatePolicy(mdp, opt.policy);
    assert.deepEqual([...ev.v], [...opt.v]);
    assert.deepEqual([...ev.q], [...opt.q]);
    // every other policy is no better: V^π_t ≤ V*_t everywhere (here: the uniform random policy)
    const rand = randomPolicyQ(mdp);
    for (let i = 0; i < opt.v.length; i++) assert.ok(rand.v[i] <= opt.v[i] + 1e-12);
  }
});

Deno.test("evaluatePolicy: a stationary policy equals the same policy repeated over t; keep 'first'", () => {
  const mdp = randomMdp({ numStates: 20, numActions: 3, horizon: 6, terminalProb: 0.1 }, 9);
  const stationary = new Int32Array(20).map((_, s) => s % 3);
  const repeated = new Int32Array(6 * 20).map((_, i) => (i % 20) % 3);
  const a = evaluatePolicy(mdp, stationary);
  const b = evaluatePolicy(mdp, repeated);
  assert.deepEqual([...a.v], [...b.v]);
  const first = evaluatePolicy(mdp, stationary, { keep: "first" });
  assert.deepEqual([...first.q], [...a.q.subarray(0, 60)]);
  assert.deepEqual([...first.v], [...a.v]);
});

Deno.test("evaluatePolicy / randomPolicyQ: bad arguments throw named errors", () => {
  const mdp = fromDeterministic({
    transitions: [0, -1],
    rewards: [1, 2],
    numStates: 1,
    numActions: 2,
    horizon: 3,
  });
  assert.throws(
    () => evaluatePolicy(mdp, new Int32Array([2])),
    /RangeError: policy\[0\] must be an action in \[0, 1\], got 2/,
  );
  assert.throws(
    () => evaluatePolicy(mdp, new Int32Array(2)),
    /RangeError: policy \(deterministic\) must have length 1 \(stationary\) or 3/,
  );
  assert.throws(
    () => evaluatePolicy(mdp, new Float64Array([0.5, 0.6])),
    /RangeError: policy row 0 \(entries 0..1\) must sum to 1, got 1.1/,
  );
  assert.throws(
    () => evaluatePolicy(mdp, [0] as never),
    /TypeError: policy must be an Int32Array \(deterministic\)/,
  );
  assert.throws(() => randomPolicyQ(mdp, { gamma: -0.1 }), /RangeError: gamma must be in \[0, 1\], got -0.1/);
  assert.throws(() => randomPolicyQ(mdp, "all" as never), /TypeError: opts must be an options object/);
});
