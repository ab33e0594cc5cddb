import assert from "node:assert/strict";
import {
  checkMdp,
  fromDense,
  fromDeterministic,
  isDeterministic,
  randomMdp,
  reachableStates,
  successors,
  tabularMdp,
} from "../../lib/tabular/mdp.ts";
import { valueIteration } from "../../lib/tabular/value_iteration.ts";
import { assertClose, threeStateMdp } from "./fixtures.ts";

Deno.test("fromDense: CSR layout, zero probabilities dropped, all-zero rows terminate", () => {
  const mdp = threeStateMdp(3);
  assert.equal(mdp.numStates, 3);
  assert.equal(mdp.numActions, 2);
  assert.equal(mdp.gamma, 1);
  assert.equal(mdp.initialState, 0);
  assert.deepEqual([...mdp.initialDistribution], [1, 0, 0]);
  assert.deepEqual([...mdp.offsets], [0, 1, 3, 4, 5, 6, 7]);
  assert.deepEqual([...mdp.next], [1, 0, 2, -1, 1, 2, 2]);
  assert.deepEqual([...mdp.prob], [1, 0.5, 0.5, 1, 1, 1, 1]);
  assert.deepEqual([...mdp.rewards], [0, 1, 3, 0, 0, 0]);
  const s01 = successors(mdp, 0, 1);
  assert.deepEqual([...s01.next], [0, 2]);
  assert.deepEqual([...s01.prob], [0.5, 0.5]);
  assert.equal(s01.outcomeRewards, undefined);
  assert.equal(isDeterministic(mdp), false);
});

Deno.test("fromDeterministic: BRIDGE layout (transitions[s, a], −1 terminal, start 0), no copy of Int32Array", () => {
  // 3 states × 2 actions, row-major as in consolidated.npz
  const transitions = new Int32Array([1, 2, -1, 2, -1, -1]);
  const rewards = new Float64Array([0, 0.5, 1, 0, 0, 2]);
  const mdp = fromDeterministic({ transitions, rewards, numStates: 3, numActions: 2, horizon: 2 });
  assert.equal(mdp.next, transitions);
  assert.equal(mdp.rewards, rewards);
  assert.deepEqual([...mdp.offsets], [0, 1, 2, 3, 4, 5, 6]);
  assert.deepEqual([...mdp.prob], [1, 1, 1, 1, 1, 1]);
  assert.ok(isDeterministic(mdp));
  assert.equal(mdp.initialState, 0);
  // V_1 = [0.5, 1, 2]; V_0(s0) = max(0 + V_1(s1), 0.5 + V_1(s2)) = max(1, 2.5)
  assert.equal(valueIteration(mdp).initialValue, 2.5);
  // int64 arrays (as read from .npy) convert
  const big = fromDeterministic({
    transitions: BigInt64Array.from([1n, 2n, -1n, 2n, -1n, -1n]) as unknown as ArrayLike<number>,
    rewards: [0, 0.5, 1, 0, 0, 2],
    numStates: 3,
    numActions: 2,
    horizon: 2,
  });
  assert.deepEqual([...big.next], [...transitions]);
});

Deno.test("tabularMdp: start distribution, gamma and outcome rewards", () => {
  const mdp = tabularMdp({
    numStates: 2,
    numActions: 1,
    horizon: 2,
    gamma: 0.5,
    initialDistribution: [0.25, 0.75],
    offsets: [0, 2, 3],
    next: [1, -1, -1],
    prob: [0.5, 0.5, 1],
    rewards: [1, 4],
    outcomeRewards: [0, 2, 4],
  });
  assert.equal(mdp.initialState, -1);
  assert.ok(mdp.outcomeRewards instanceof Float64Array);
  // V_1 = [1, 4]; V_0(s0) = 1 + 0.5·0.5·4 = 2, V_0(s1) = 4; start value 0.25·2 + 0.75·4
  assert.equal(valueIteration(mdp).initialValue, 3.5);
});

Deno.test("reachableStates: BFS layers per timestep, zero-probability entries ignored", () => {
  // chain 0 → 1 → 2 → 3 with a1 looping back to 0; state 4 only via a zero-probability entry
  const mdp = tabularMdp({
    numStates: 5,
    numActions: 2,
    horizon: 5,
    offsets: [0, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
    next: [1, 4, 0, 2, 0, 3, 0, -1, 0, 4, 4],
    prob: [1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1],
    rewards: [0, 0, 0, 0, 0, 0, 1, 0, 0, 0],
  });
  const layers = reachableStates(mdp).map((l) => [...l]);
  assert.deepEqual(layers, [[0], [0, 1], [0, 1, 2], [0, 1, 2, 3], [0, 1, 2, 3]]);
  assert.deepEqual(reachableStates(mdp, 2).map((l) => [...l]), [[0], [0, 1]]);
  assert.deepEqual(reachableStates(mdp, 0), []);
});

Deno.test("randomMdp: same seed → same MDP; probabilities valid", () => {
  const a = randomMdp({ numStates: 100, numActions: 3, horizon: 5, successors: 2, terminalProb: 0.3 }, 7);
  const b = randomMdp({ numStates: 100, numActions: 3, horizon: 5, successors: 2, terminalProb: 0.3 }, 7);
  assert.deepEqual([...a.next], [...b.next]);
  assert.deepEqual([...a.prob], [...b.prob]);
  const terminals = a.next.filter((n) => n === -1).length;
  assert.ok(terminals > 120 && terminals < 240, `terminal entries ${terminals} of 600 (expected ~180)`);
  for (let i = 0; i < 300; i++) assertClose([a.prob[2 * i] + a.prob[2 * i + 1]], [1], 1e-12, `row ${i}`);
});

Deno.test("tabularMdp / fromDense / helpers: bad arguments throw named errors", () => {
  const base = {
    numStates: 2,
    numActions: 1,
    horizon: 3,
    offsets: [0, 1, 2],
    next: [1, -1],
    prob: [1, 1],
    rewards: [0, 1],
  };
  assert.ok(tabularMdp(base));
  assert.throws(
    () => tabularMdp({ ...base, numStates: 0 }),
    /RangeError: numStates must be an integer in \[1, 2147483646\], got 0/,
  );
  assert.throws(
    () => tabularMdp({ ...base, horizon: 2.5 }),
    /RangeError: horizon must be an integer, got 2.5/,
  );
  assert.throws(
    () => tabularMdp({ ...base, next: [2, -1] }),
    /RangeError: next\[0\] must be in \[-1, 1\], got 2/,
  );
  assert.throws(
    () => tabularMdp({ ...base, prob: [0.9, 1] }),
    /RangeError: successor probabilities of \(s=0, a=0\) must sum to 1 \(±1e-9\), got 0.9/,
  );
  assert.throws(
    () => tabularMdp({ ...base, prob: [-1, 1] }),
    /RangeError: prob\[0\] must be a finite number >= 0/,
  );
  assert.throws(
    () => tabularMdp({ ...base, offsets: [0, 2] }),
    /RangeError: offsets must have length 3, got length 2/,
  );
  assert.throws(() => tabularMdp({ ...base, offsets: [0, 2, 1] }), /RangeError: next must have length 1/);
  assert.throws(() => tabularMdp({ ...base, rewards: [0, NaN] }), /RangeError: rewards\[1\]/);
  assert.throws(() => tabularMdp({ ...base, gamma: 2 }), /RangeError: gamma must be in \[0, 1\], got 2/);
  assert.throws(
    () => tabularMdp({ ...base, initialState: 2 }),
    /RangeError: initialState must be an integer in \[0, 1\]/,
  );
  assert.throws(
    () => tabularMdp({ ...base, initialDistribution: [0.5, 0.4] }),
    /RangeError: initialDistribution must sum to 1/,
  );
  assert.throws(
    () => tabularMdp({ ...base, outcomeRewards: [5, 1] }),
    /RangeError: outcomeRewards of \(s=0, a=0\) must average to rewards\[0\] = 0, got 5/,
  );
  assert.throws(() => tabularMdp({ ...base, next: "x" as never }), /TypeError: next must be an Int32Array/);
  assert.throws(
    () => fromDense([[[0.5, 0.4]]], [[0]], { horizon: 1 }),
    /RangeError: P\[0\]\[0\] must have length 1, got length 2/,
  );
  assert.throws(
    () => fromDense([[[0.5, 0.4]], [[0, 1]]], [[0], [0]], { horizon: 1 }),
    /successor probabilities of \(s=0, a=0\) must sum to 1/,
  );
  assert.throws(
    () => fromDeterministic({ transitions: [0, 0], rewards: [0], numStates: 1, numActions: 1, horizon: 1 }),
    /RangeError: transitions must have length 1, got length 2/,
  );
  const mdp = tabularMdp(base);
  assert.throws(() => successors(mdp, 2, 0), /RangeError: s must be an integer in \[0, 1\], got 2/);
  assert.throws(() => reachableStates(mdp, -1), /RangeError: numLayers must be an integer >= 0, got -1/);
  assert.throws(
    () => checkMdp("mdp", { ...mdp, prob: [1, 1] }),
    /TypeError: mdp.prob must be a Float64Array/,
  );
  assert.throws(
    () => randomMdp({ numStates: 3, numActions: 1, horizon: 1, terminalProb: 2 }, 0),
    /RangeError: terminalProb must be in \[0, 1\], got 2/,
  );
});
