import assert from "node:assert/strict";
import { deepRlSampleComplexity } from "../../lib/horizon/deep_rl.ts";
import { gridworld } from "../../lib/tabular/gridworld.ts";

Deno.test("PPO and DQN find the optimal policy of a 3x3 gridworld within 10k steps (2 seeds each)", async () => {
  const mdp = gridworld(["S..", "...", "..G"], { horizon: 8 }).mdp;
  for (const algorithm of ["ppo", "dqn"] as const) {
    for (const seed of [0, 1]) {
      const r = await deepRlSampleComplexity(mdp, algorithm, { budget: 10_000, seed });
      assert.equal(r.optimalReturn, 1);
      assert.ok(r.solvedAt !== null && r.solvedAt <= 10_000, `${algorithm} seed ${seed}: ${r.solvedAt}`);
      assert.equal(r.lastEvalReturn, 1);
    }
  }
});

Deno.test("a budget too small to learn anything reports no solve", async () => {
  const mdp = gridworld(["S...#", "###.#", "....#", ".####", "...G#"], { horizon: 20 }).mdp;
  const r = await deepRlSampleComplexity(mdp, "dqn", { budget: 50, seed: 0, evalEvery: 10 });
  assert.equal(r.solvedAt, null);
  assert.equal(r.steps, 50);
  await assert.rejects(() => deepRlSampleComplexity(mdp, "sac" as "ppo", { budget: 10 }), /algorithm/);
});
