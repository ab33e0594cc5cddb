import assert from "node:assert/strict";
import { assertEnv } from "../../lib/envs/check_env.ts";
import { Rng } from "../../lib/core/rng.ts";
import {
  type Agent,
  hareHunterAgent,
  intersectionGame,
  jointEnv,
  type MarkovGame,
  opponentMixtureEnv,
  playMatch,
  randomAgent,
  stagHunterAgent,
  stagHuntGrid,
} from "../../lib/games/mod.ts";

const STAY = 0, UP = 1, LEFT = 3;
const one = (a: number) => Int32Array.of(a);

Deno.test("both games and the opponent-mixture view pass assertEnv", () => {
  assertEnv(jointEnv(stagHuntGrid({ numEnvs: 3 })), { steps: 300 });
  assertEnv(jointEnv(intersectionGame({ numEnvs: 3 })), { steps: 300 });
  assertEnv(
    opponentMixtureEnv(stagHuntGrid({ numEnvs: 2 }), [randomAgent(5), stagHunterAgent()], [0.5, 0.5]),
    {
      steps: 300,
    },
  );
  assertEnv(
    opponentMixtureEnv(intersectionGame({ numEnvs: 2 }), [randomAgent(2)], [1], { riskAversion: 0.5 }),
    {
      steps: 300,
    },
  );
});

function trajectory(game: MarkovGame, seed: number, steps: number): number[] {
  const rng = new Rng(99);
  const out: number[] = [...game.reset(seed)[0], ...game.reset(seed)[1]];
  const n = game.numEnvs, k = game.actionSpace.n;
  for (let t = 0; t < steps; t++) {
    const a0 = Int32Array.from({ length: n }, () => rng.integer(k));
    const a1 = Int32Array.from({ length: n }, () => rng.integer(k));
    const r = game.step(a0, a1);
    out.push(...r.observations[0], ...r.observations[1], ...r.rewards[0], ...r.rewards[1], ...r.outcomes[0]);
  }
  return out;
}

Deno.test("the games are deterministic per seed and differ across seeds", () => {
  for (const make of [() => stagHuntGrid({ numEnvs: 4 }), () => intersectionGame({ numEnvs: 4 })]) {
    assert.deepEqual(trajectory(make(), 3, 60), trajectory(make(), 3, 60));
    assert.notDeepEqual(trajectory(make(), 3, 60), trajectory(make(), 4, 60));
  }
});

Deno.test("stag hunt grid: hand-checked payoffs (stag together 4, hare 2, alone at the stag −2)", () => {
  const g = stagHuntGrid({ numEnvs: 1 });
  g.reset(0);
  // both one cell below the stag at (2, 0): both step up and catch it together
  g.setPositions(0, [2, 1], [2, 1]);
  let r = g.step(one(UP), one(UP));
  assert.deepEqual([r.rewards[0][0], r.rewards[1][0]], [4, 4]);
  assert.equal(r.terminated[0], 1);
  assert.deepEqual([r.outcomes[0][0], r.outcomes[1][0]], [2, 2]);
  // agent 0 goes to the stag, agent 1 takes the left hare at (0, 2): agent 0 is left alone
  g.setPositions(0, [2, 1], [1, 2]);
  r = g.step(one(UP), one(LEFT));
  assert.deepEqual([r.rewards[0][0], r.rewards[1][0]], [-2, 2]);
  assert.deepEqual([r.outcomes[0][0], r.outcomes[1][0]], [3, 1]);
  assert.equal(r.terminated[0], 1);
  // agent 0 waits at the stag while agent 1 dawdles: punished when time runs out (horizon 8)
  g.setPositions(0, [2, 1], [2, 4]);
  r = g.step(one(UP), one(STAY));
  assert.equal(r.terminated[0], 0);
  assert.equal(r.observations[1][6], 1); // agent 1 sees its partner waiting
  for (let t = 1; t < 7; t++) assert.equal(g.step(one(STAY), one(STAY)).terminated[0], 0);
  r = g.step(one(STAY), one(STAY));
  assert.equal(r.terminated[0], 1);
  assert.deepEqual([r.rewards[0][0], r.rewards[1][0], r.outcomes[0][0], r.outcomes[1][0]], [-2, 0, 3, 0]);
});

Deno.test("intersection: a crash exactly when both cars are in the conflict cell at the same step", () => {
  const g = intersectionGame({ numEnvs: 1 });
  g.reset(0);
  const go = one(1), wait = one(0);
  g.setPositions(0, -1, -1); // both enter the conflict cell on this step
  let r = g.step(go, go);
  assert.deepEqual([r.rewards[0][0], r.rewards[1][0]], [-5.1, -5.1]);
  assert.deepEqual([r.outcomes[0][0], r.outcomes[1][0], r.terminated[0]], [2, 2, 1]);
  g.setPositions(0, -1, -2); // staggered arrivals pass
  r = g.step(go, go);
  assert.equal(r.terminated[0], 0);
  r = g.step(go, go); // car 0 leaves the cell as car 1 enters it
  assert.equal(r.terminated[0], 0);
  assert.deepEqual([r.rewards[0][0], r.rewards[1][0]], [-0.1, -0.1]);
  r = g.step(go, go); // car 0 reaches the exit (position 2): +1
  assert.ok(Math.abs(r.rewards[0][0] - 0.9) < 1e-12);
  r = g.step(wait, go);
  assert.equal(r.terminated[0], 1);
  assert.deepEqual([r.outcomes[0][0], r.outcomes[1][0]], [1, 1]);
  g.setPositions(0, 0, -1); // car 0 stands in the cell, car 1 drives in: crash
  r = g.step(wait, go);
  assert.equal(r.outcomes[0][0], 2);
});

const always = (a: number, name: string): Agent => ({
  name,
  act: (_obs, batch) => new Int32Array(batch).fill(a),
});

Deno.test("the opponent-mixture view draws opponents with the meta-strategy's frequencies", () => {
  const weights = [0.2, 0.5, 0.3];
  const env = opponentMixtureEnv(
    stagHuntGrid({ numEnvs: 16 }),
    [randomAgent(5), stagHunterAgent(), hareHunterAgent()],
    weights,
  );
  env.reset(5);
  const actions = new Int32Array(16);
  const rng = new Rng(1);
  for (let t = 0; t < 1500; t++) {
    for (let i = 0; i < 16; i++) actions[i] = rng.integer(5);
    env.step(actions);
  }
  const { opponentCounts } = env.stats();
  const total = opponentCounts.reduce((a, b) => a + b, 0);
  assert.ok(total > 3000, `episodes ${total}`);
  opponentCounts.forEach((c, k) =>
    assert.ok(Math.abs(c / total - weights[k]) < 0.03, `opponent ${k}: ${c / total}`)
  );
  // the drawn opponent really plays: against "always go" a go-always car crashes on ties (starts 2–4: 1/3),
  // against "always wait" never
  for (const [w, lo, hi] of [[[1, 0], 0.25, 0.42], [[0, 1], 0, 0]] as const) {
    const drive = opponentMixtureEnv(intersectionGame({ numEnvs: 8 }), [
      always(1, "go"),
      always(0, "wait"),
    ], w);
    drive.reset(0);
    const go = new Int32Array(8).fill(1);
    for (let t = 0; t < 400; t++) drive.step(go);
    const s = drive.stats();
    const crash = s.outcomeCounts[2] / s.episodes;
    assert.ok(crash >= lo && crash <= hi, `weights ${w}: crash rate ${crash}`);
  }
});

Deno.test("risk-averse view: the last reward of an episode is shifted by −γ(G − m)²", () => {
  const game = intersectionGame({ numEnvs: 1 });
  const plain = opponentMixtureEnv(game, [randomAgent(2)], [1]);
  const shaped = opponentMixtureEnv(intersectionGame({ numEnvs: 1 }), [randomAgent(2)], [1], {
    riskAversion: 2,
  });
  plain.reset(3);
  shaped.reset(3);
  const rng = new Rng(0);
  let m = NaN, G = 0, checked = 0;
  for (let t = 0; t < 400; t++) {
    const a = Int32Array.of(rng.integer(2));
    const p = plain.step(a), s = shaped.step(Int32Array.from(a));
    G += p.rewards[0];
    if (p.terminated[0]) {
      if (Number.isNaN(m)) m = G;
      assert.ok(Math.abs(s.rewards[0] - (p.rewards[0] - 2 * (G - m) ** 2)) < 1e-9);
      m += 0.05 * (G - m);
      G = 0;
      checked++;
    } else assert.equal(s.rewards[0], p.rewards[0]);
  }
  assert.ok(checked > 20);
});

Deno.test("playMatch: scripted stag hunters meet at the stag, a hare hunter leaves its partner alone", () => {
  const g = stagHuntGrid({ numEnvs: 8 });
  const both = playMatch(g, stagHunterAgent(), stagHunterAgent(), { episodes: 32 });
  assert.deepEqual(both.mean, [4, 4]);
  assert.equal(both.outcomeRates[0][2], 1);
  const mixed = playMatch(g, stagHunterAgent(), hareHunterAgent(), { episodes: 32 });
  assert.deepEqual(mixed.mean, [-2, 2]);
  assert.deepEqual(mixed.variance, [0, 0]);
});
