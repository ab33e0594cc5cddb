import assert from "node:assert/strict";
import { assertEnv, tabularEnv } from "../../lib/envs/mod.ts";
import { gridworld } from "../../lib/tabular/gridworld.ts";
import { fromDeterministic, randomMdp } from "../../lib/tabular/mdp.ts";
import { valueIteration } from "../../lib/tabular/value_iteration.ts";
import { evaluatePolicy as tabularEvaluate } from "../../lib/tabular/policy_evaluation.ts";
import { evaluatePolicy, policyFromJSON } from "../../lib/agents/mod.ts";

Deno.test("tabularEnv passes the env checker (one-hot and index, deterministic and stochastic MDPs)", () => {
  const grid = gridworld(["S..", ".#.", "..G"], { horizon: 8 });
  assertEnv(tabularEnv(grid.mdp, { numEnvs: 3 }));
  assertEnv(
    tabularEnv(randomMdp({ numStates: 6, numActions: 3, horizon: 5, successors: 3, terminalProb: 0.1 }, 1), {
      numEnvs: 4,
      obs: "index",
    }),
  );
});

Deno.test("tabularEnv: terminal and time-limit semantics; transition frequencies match the MDP", () => {
  // s0 --a0--> s1 (r 0), s0 --a1--> terminal (r 1); s1: both actions loop to s1 with reward 2.
  const mdp = fromDeterministic({
    transitions: [1, -1, 1, 1],
    rewards: [0, 1, 2, 2],
    numStates: 2,
    numActions: 2,
    horizon: 3,
  });
  const env = tabularEnv(mdp, { numEnvs: 2 });
  assert.deepEqual(Array.from(env.reset(0)), [1, 0, 1, 0]);
  let r = env.step(new Int32Array([0, 1]));
  assert.deepEqual(Array.from(r.rewards), [0, 1]);
  assert.deepEqual(Array.from(r.terminated), [0, 1]);
  assert.deepEqual(Array.from(r.finalObservations), [0, 1, 0, 0]);
  assert.deepEqual(Array.from(r.observations), [0, 1, 1, 0]); // copy 1 restarted
  r = env.step(new Int32Array([0, 0]));
  r = env.step(new Int32Array([0, 0]));
  assert.deepEqual(Array.from(r.truncated), [1, 0]); // copy 0 took its 3rd step
  assert.deepEqual(Array.from(r.rewards), [2, 2]);
  // Stochastic rows: sampled successor frequencies match the probabilities.
  const rand = randomMdp({ numStates: 3, numActions: 1, horizon: 1000, successors: 2 }, 4);
  const e = tabularEnv(rand, { obs: "index" });
  e.reset(1);
  const counts = new Float64Array(3);
  let s = rand.initialState;
  const visits = new Float64Array(3);
  for (let t = 0; t < 20000; t++) {
    const res = e.step(new Int32Array([0]));
    if (s === 0) {
      visits[0]++;
      counts[res.finalObservations[0]]++;
    }
    s = res.observations[0];
  }
  const expected = new Float64Array(3);
  for (let k = rand.offsets[0]; k < rand.offsets[1]; k++) expected[rand.next[k]] += rand.prob[k];
  for (let j = 0; j < 3; j++) assert.ok(Math.abs(counts[j] / visits[0] - expected[j]) < 0.03, `${j}`);
});

Deno.test("a greedy policy acting on one-hot states scores in the env exactly what tabular evaluation says", () => {
  // A step cost breaks the ties of Q_0, so greedy on Q_0 walks the shortest path (and is optimal).
  const grid = gridworld(["S..#", "...#", "#..G"], { horizon: 10, stepReward: -0.01 });
  const { q, initialValue } = valueIteration(grid.mdp, { keep: "first" });
  const S = grid.mdp.numStates, A = grid.mdp.numActions;
  // A linear net whose weights are Q_0: a one-hot state row picks its Q_0 row; acting greedily on it.
  const policy = policyFromJSON({
    kind: "greedy-q",
    obsSize: S,
    action: { kind: "discrete", n: A },
    net: {
      config: {
        inputSize: S,
        hiddenSizes: [],
        outputSize: A,
        activation: "tanh",
        init: "orthogonal",
        hiddenGain: 1,
        outputGain: 1,
      },
      weights: [Array.from(q)],
      biases: [new Array(A).fill(0)],
    },
  });
  const actions = new Int32Array(S);
  for (let s2 = 0; s2 < S; s2++) {
    let best = 0;
    for (let a = 1; a < A; a++) if (q[s2 * A + a] > q[s2 * A + best]) best = a;
    actions[s2] = best;
  }
  const exact = tabularEvaluate(grid.mdp, actions).initialValue;
  const sampled = evaluatePolicy(tabularEnv(grid.mdp, { numEnvs: 2 }), policy, { episodes: 4 });
  assert.ok(Math.abs(sampled.mean - exact) < 1e-9, `${sampled.mean} vs ${exact}`);
  assert.ok(Math.abs(exact - initialValue) < 1e-9 && exact > 0.9, `${exact} vs optimum ${initialValue}`);
});
