import assert from "node:assert/strict";
import { gridworld } from "../../lib/tabular/gridworld.ts";
import { valueIteration } from "../../lib/tabular/value_iteration.ts";
import { distanceShaped, gridGoalDistance } from "../../lib/horizon/shaping.ts";
import { effectiveHorizon } from "../../lib/horizon/analysis.ts";
import { empiricalEffectiveHorizon } from "../../lib/horizon/gorp.ts";
const assertNear = (a: number, b: number) => assert.ok(Math.abs(a - b) <= 1e-12, `${a} vs ${b}`);

const TWO_ROOMS = ["S..#...", "...#...", ".......", "...#...", "...#..G"];

Deno.test("gridGoalDistance is the Manhattan distance to the nearest goal, through walls", () => {
  const grid = gridworld(["S#G", "..."], { horizon: 4 });
  assert.deepEqual([...gridGoalDistance(grid)], [2, 0, 3, 2, 1]);
  const two = gridworld(["GS.G"], { horizon: 4 });
  assert.deepEqual([...gridGoalDistance(two)], [0, 1, 1, 0]);
  assert.throws(() => gridGoalDistance(gridworld(["S.."], { horizon: 2 })), /goal/);
});

Deno.test("distance shaping telescopes: V* gains exactly 0.1·d(s0), optimal first actions unchanged", () => {
  const grid = gridworld(TWO_ROOMS, { horizon: 16 });
  const d = gridGoalDistance(grid);
  const s0 = grid.mdp.initialState;
  const base = valueIteration(grid.mdp, { keep: "all" });
  const shaped = valueIteration(distanceShaped(grid.mdp, d), { keep: "all" });
  assertNear(shaped.initialValue, base.initialValue + 0.1 * d[s0]);
  // a step into a wall or away from the goal costs the shaped agent; toward the goal pays 0.1
  const mdp = distanceShaped(grid.mdp, d, { scale: 0.5 });
  const A = mdp.numActions;
  assertNear(mdp.rewards[s0 * A + 1], 0.5); // right: d 10 → 9
  assertNear(mdp.rewards[s0 * A + 0], 0); // up: into the border, stays
  assert.equal(
    distanceShaped(grid.mdp, d, { scale: 0 }).rewards.every((r, i) => r === grid.mdp.rewards[i]),
    true,
  );
});

Deno.test("distance shaping on a slippery grid keeps expected rewards = Σ p · outcome reward", () => {
  const grid = gridworld(["S..", ".L.", "..G"], { horizon: 6, slip: 0.3 });
  const mdp = distanceShaped(grid.mdp, gridGoalDistance(grid));
  const { offsets, prob, outcomeRewards, rewards } = mdp;
  for (let i = 0; i < rewards.length; i++) {
    let e = 0;
    for (let k = offsets[i]; k < offsets[i + 1]; k++) e += prob[k] * outcomeRewards![k];
    assertNear(rewards[i], e);
  }
  // entering lava (terminal, reward −1) gets no distance bonus: from (0,1), down = lava
  const s = grid.stateOf(0, 1);
  const det = distanceShaped(gridworld(["S..", ".L.", "..G"], { horizon: 6 }).mdp, gridGoalDistance(grid));
  assertNear(det.rewards[s * 4 + 2], -1);
});

Deno.test("shaping shrinks the effective planning window and GORP's empirical H_1 (two rooms)", () => {
  const grid = gridworld(TWO_ROOMS, { horizon: 16 });
  const shapedMdp = distanceShaped(grid.mdp, gridGoalDistance(grid));
  const base = effectiveHorizon(grid.mdp);
  const shaped = effectiveHorizon(shapedMdp);
  assert.equal(base.epw, 10); // sparse reward: one-step rewards say nothing until the goal is 10 steps away
  assert.equal(shaped.epw, 5); // Manhattan distance through the wall misleads for a few steps, not 10
  const opt = (m: typeof grid.mdp) => valueIteration(m, { keep: "first" }).initialValue;
  const gBase = empiricalEffectiveHorizon(grid.mdp, {
    k: 1,
    runs: 11,
    maxM: 4096,
    optimalReturn: opt(grid.mdp),
  }, 3);
  const gShaped = empiricalEffectiveHorizon(shapedMdp, {
    k: 1,
    runs: 11,
    maxM: 4096,
    optimalReturn: opt(shapedMdp),
  }, 3);
  assert.ok(gBase.hk !== null && gShaped.hk !== null);
  assert.ok(gShaped.hk < gBase.hk, `shaped H_1 ${gShaped.hk} vs base ${gBase.hk}`);
});

Deno.test("distanceShaped names its bad arguments", () => {
  const grid = gridworld(["S.G"], { horizon: 3 });
  assert.throws(() => distanceShaped(grid.mdp, [1, 2]), /distance/);
  assert.throws(() => distanceShaped(grid.mdp, [0, NaN, 0]), /distance/);
  assert.throws(() => distanceShaped(grid.mdp, [2, 1, 0], { scale: Infinity }), /scale/);
});
