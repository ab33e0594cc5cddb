import assert from "node:assert/strict";
import { Rng } from "../../lib/core/rng.ts";
import { gridworld } from "../../lib/tabular/gridworld.ts";
import { evaluatePolicy, randomPolicyQ } from "../../lib/tabular/policy_evaluation.ts";
import { greedyPolicy, qLearning, type QLearningEpisode } from "../../lib/tabular/q_learning.ts";
import { rollout, sampleInitialState, sampleStep } from "../../lib/tabular/sampling.ts";
import { valueIteration } from "../../lib/tabular/value_iteration.ts";
import { fromDense } from "../../lib/tabular/mdp.ts";

// Shortest path S → (1,0) → (2,0) → (2,1) → G: 4 steps, V*(s0) = 4 · (−0.04) + 1 = 0.84.
const MAZE = `
  S..
  .#L
  ..G
`;

Deno.test("qLearning: greedy policy reaches V*(s0) within 1e-6 on 3 seeds and beats the random policy", () => {
  const { mdp } = gridworld(MAZE, { horizon: 12, stepReward: -0.04 });
  const vStar = valueIteration(mdp).initialValue;
  assert.ok(Math.abs(vStar - 0.84) < 1e-12);
  const vRandom = randomPolicyQ(mdp).initialValue;
  for (const seed of [0, 1, 2]) {
    const res = qLearning(mdp, { episodes: 400, alpha: 0.5, epsilon: 0.1 }, { rng: seed });
    const vGreedy = evaluatePolicy(mdp, res.greedyPolicy).initialValue;
    assert.ok(Math.abs(vGreedy - vStar) <= 1e-6, `seed ${seed}: greedy value ${vGreedy} vs V* ${vStar}`);
    assert.ok(vGreedy > vRandom + 0.5, `seed ${seed}: ${vGreedy} vs random ${vRandom}`);
    // late training returns (with ε = 0.1 exploration) sit near V*; early ones well below
    const late = res.returns.subarray(300).reduce((x, y) => x + y, 0) / 100;
    assert.ok(late > 0.6 && late <= vStar + 1e-12, `seed ${seed}: late mean return ${late}`);
  }
});

Deno.test("qLearning: learned Q converges to the discounted Q* on a deterministic chain", () => {
  // s0 --a0 (r 0)--> s1 --a0 (r 1)--> terminal; a1 stays with r 0. γ = 0.9: Q*(s1) = [1, 0.9], Q*(s0) = [0.9, 0.81].
  const mdp = fromDense(
    [[[0, 1], [1, 0]], [[0, 0], [0, 1]]],
    [[0, 0], [1, 0]],
    { horizon: 20 },
  );
  const res = qLearning(mdp, { episodes: 3000, alpha: 0.2, epsilon: 0.5, gamma: 0.9 }, { rng: 4 });
  const want = [0.9, 0.81, 1, 0.9];
  for (let i = 0; i < 4; i++) assert.ok(Math.abs(res.q[i] - want[i]) < 1e-6, `q[${i}] = ${res.q[i]}`);
  assert.deepEqual([...res.greedyPolicy], [0, 0]);
});

Deno.test("qLearning: same seed → identical results; rows reported through onEpisode", () => {
  const { mdp } = gridworld(MAZE, { horizon: 12, stepReward: -0.04, slip: 0.1 });
  const rows: QLearningEpisode[] = [];
  let lastQ = new Float64Array(0);
  const a = qLearning(mdp, { episodes: 50, successReturn: 0.5 }, {
    rng: 7,
    onEpisode: (r, q) => {
      rows.push(r);
      lastQ = q.slice();
    },
  });
  assert.deepEqual([...lastQ], [...a.q]);
  assert.deepEqual([...greedyPolicy(a.q, 4)], [...a.greedyPolicy]);
  const b = qLearning(mdp, { episodes: 50, successReturn: 0.5 }, { rng: new Rng(7) });
  const c = qLearning(mdp, { episodes: 50 }, { rng: 8 });
  assert.deepEqual([...a.returns], [...b.returns]);
  assert.deepEqual([...a.q], [...b.q]);
  assert.notDeepEqual([...a.returns], [...c.returns]);
  assert.equal(rows.length, 50);
  rows.forEach((row, i) => {
    assert.equal(row.episode, i);
    assert.equal(row.return, a.returns[i]);
    assert.equal(row.length, a.lengths[i]);
    assert.equal(row.success, row.return >= 0.5);
    assert.ok(row.length >= 1 && row.length <= 12);
  });
});

Deno.test("qLearning: abort signal stops between episodes with the signal's reason", () => {
  const { mdp } = gridworld(MAZE, { horizon: 12 });
  const controller = new AbortController();
  let seen = 0;
  assert.throws(
    () =>
      qLearning(mdp, { episodes: 100 }, {
        rng: 0,
        signal: controller.signal,
        onEpisode: (row) => {
          seen = row.episode + 1;
          if (row.episode === 4) controller.abort(new Error("stop here"));
        },
      }),
    /stop here/,
  );
  assert.equal(seen, 5);
  const aborted = AbortSignal.abort();
  assert.throws(() => qLearning(mdp, { episodes: 3 }, { rng: 0, signal: aborted }), (e: unknown) => {
    return e instanceof DOMException && e.name === "AbortError";
  });
});

Deno.test("sampleStep / rollout: frequencies and mean return match the exact model", () => {
  const grid = gridworld(MAZE, { horizon: 10, slip: 0.4, stepReward: -0.04 });
  const mdp = grid.mdp;
  // (state at (2,2)'s left neighbour (2,1), right): G w.p. 0.7, (2,0) 0.1, stay 0.2 (border below, wall above)
  const s = grid.stateOf(2, 1);
  const rng = new Rng(3);
  const n = 20000;
  const counts = new Map<number, number>();
  let rewardSum = 0;
  for (let i = 0; i < n; i++) {
    const out = sampleStep(mdp, s, 1, rng);
    counts.set(out.next, (counts.get(out.next) ?? 0) + 1);
    rewardSum += out.reward;
  }
  const expect = new Map([[-1, 0.7], [grid.stateOf(2, 0), 0.1], [s, 0.2]]);
  assert.deepEqual([...counts.keys()].sort(), [...expect.keys()].sort());
  for (const [next, p] of expect) {
    const se = Math.sqrt(p * (1 - p) / n);
    assert.ok(Math.abs(counts.get(next)! / n - p) < 5 * se, `next ${next}: ${counts.get(next)! / n} vs ${p}`);
  }
  // outcome rewards are sampled: entering G pays 0.96, other moves −0.04; mean = r(s, a)
  assert.ok(Math.abs(rewardSum / n - mdp.rewards[s * 4 + 1]) < 5 * Math.sqrt(0.21 / n));
  // mean rollout return of the optimal policy ≈ V*(s0) (returns lie in [−1.4, 1], sd < 1.2)
  const vi = valueIteration(mdp);
  const m = 4000;
  let total = 0;
  for (let i = 0; i < m; i++) total += rollout(mdp, vi.policy, rng);
  assert.ok(
    Math.abs(total / m - vi.initialValue) < 5 * 1.2 / Math.sqrt(m),
    `${total / m} vs ${vi.initialValue}`,
  );
  // a stochastic uniform policy's mean return ≈ randomPolicyQ's value
  let totalRand = 0;
  for (let i = 0; i < m; i++) totalRand += rollout(mdp, new Float64Array(mdp.numStates * 4).fill(0.25), rng);
  const vRand = randomPolicyQ(mdp).initialValue;
  assert.ok(Math.abs(totalRand / m - vRand) < 5 * 1.2 / Math.sqrt(m), `${totalRand / m} vs ${vRand}`);
});

Deno.test("sampleInitialState: draws from the start distribution", () => {
  const mdp = fromDense([[[1, 0]], [[0, 1]]], [[0], [0]], { horizon: 1, initialDistribution: [0.25, 0.75] });
  const rng = new Rng(5);
  let ones = 0;
  for (let i = 0; i < 8000; i++) ones += sampleInitialState(mdp, rng);
  assert.ok(Math.abs(ones / 8000 - 0.75) < 5 * Math.sqrt(0.1875 / 8000));
});

Deno.test("qLearning / sampling: bad arguments throw named errors", () => {
  const { mdp } = gridworld(MAZE, { horizon: 12 });
  assert.throws(
    () => qLearning(mdp, { episodes: 0 }, { rng: 0 }),
    /RangeError: episodes must be an integer >= 1, got 0/,
  );
  assert.throws(
    () => qLearning(mdp, { episodes: 5, alpha: 0 }, { rng: 0 }),
    /RangeError: alpha must be in \(0, 1\], got 0/,
  );
  assert.throws(
    () => qLearning(mdp, { episodes: 5, epsilon: 1.1 }, { rng: 0 }),
    /RangeError: epsilon must be in \[0, 1\], got 1.1/,
  );
  assert.throws(() => qLearning(mdp, { episodes: 5 }, { rng: 0.5 }), /RangeError: seed must be an integer/);
  assert.throws(
    () => qLearning(mdp, { episodes: 5 }, undefined as never),
    /TypeError: run must be an object/,
  );
  assert.throws(
    () => qLearning(mdp, { episodes: 5 }, { rng: 0, onEpisode: 3 as never }),
    /TypeError: onEpisode must be a function, got 3/,
  );
  assert.throws(
    () => greedyPolicy(new Float64Array(5), 2),
    /RangeError: q length must be a multiple of numActions = 2/,
  );
  assert.deepEqual([...greedyPolicy(new Float64Array([0, 1, 2, 2]), 2)], [1, 0]);
  assert.throws(() => sampleStep(mdp, 0, 4, 0), /RangeError: a must be an integer in \[0, 3\], got 4/);
  assert.throws(
    () => rollout(mdp, new Int32Array(3), 0),
    /RangeError: policy \(deterministic\) must have length/,
  );
});

Deno.test("qLearning: decaying step size n^-0.6 finds the slippery gridworld's optimum on 3 seeds", () => {
  const { mdp } = gridworld(["#########", "#S..#...#", "#.#.#.#.#", "#.#...#.#", "#.LL#L#G#", "#########"], {
    horizon: 40,
    slip: 0.1,
    stepReward: -0.01,
  });
  const best = valueIteration(mdp).initialValue;
  for (const seed of [0, 1, 2]) {
    const run = qLearning(mdp, { episodes: 3000, alpha: 1, alphaExponent: 0.6 }, { rng: seed });
    assert.ok(Math.abs(evaluatePolicy(mdp, run.greedyPolicy).initialValue - best) <= 0.005, `seed ${seed}`);
  }
  assert.throws(
    () => qLearning(mdp, { episodes: 1, alphaExponent: 1.5 }, { rng: 0 }),
    /alphaExponent must be in/,
  );
});
