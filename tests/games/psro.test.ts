import assert from "node:assert/strict";
import { Rng } from "../../lib/core/rng.ts";
import { metaGame, nashConv, psro, randomZeroSum, solveZeroSum, trustDilemma } from "../../lib/games/mod.ts";

Deno.test("PSRO with an exact oracle reaches an ε-Nash equilibrium of random zero-sum games", () => {
  for (const seed of [0, 1, 2]) {
    const g = randomZeroSum(25, 25, new Rng(seed));
    const r = psro(g, {
      iterations: 40,
      initial: [[Float64Array.from({ length: 25 }, (_, a) => (a === 0 ? 1 : 0))], [
        Float64Array.from({ length: 25 }, (_, a) => (a === 0 ? 1 : 0)),
      ]],
    });
    const last = r.records.at(-1)!;
    assert.ok(last.nashConv < 1e-9, `seed ${seed}: NashConv ${last.nashConv}`);
    assert.ok(r.records[0].nashConv > 0.1);
    const z = solveZeroSum(g.payoffs[0], 25, 25);
    assert.ok(Math.abs(last.payoff[0] - z.value) < 1e-9);
    assert.ok(r.populations[0].length < 25); // the double oracle needs only part of the strategies
    assert.ok(nashConv(g, r.strategies) < 1e-9);
  }
});

Deno.test("meta-game entries are the populations' expected payoffs", () => {
  const g = trustDilemma(3); // 2·min − e + 6
  const m = metaGame(g, [[Float64Array.of(0, 0, 1)], [Float64Array.of(1, 0, 0), Float64Array.of(0, 0, 1)]]);
  assert.deepEqual([...m.payoffs[0]], [2 - 3 + 6, 6 - 3 + 6]);
  assert.deepEqual([...m.payoffs[1]], [2 - 1 + 6, 6 - 3 + 6]);
});

Deno.test("trust dilemma: RAE-PSRO ends at lower effort (towards the risk-dominant equilibrium) than Nash-PSRO", () => {
  const g = trustDilemma(7);
  const effort = (s: Float64Array) => s.reduce((acc, p, a) => acc + p * (a + 1), 0);
  let nashSum = 0, raeSum = 0;
  for (const seed of [0, 1, 2]) {
    const rng = new Rng(seed);
    const init = () => {
      const w = Float64Array.from({ length: 7 }, () => rng.uniform() + 0.1);
      const s = w.reduce((a, b) => a + b, 0);
      return w.map((x) => x / s);
    };
    const initial: [Float64Array[], Float64Array[]] = [[init()], [init()]];
    const nash = psro(g, { metaSolver: "nash", iterations: 6, initial });
    const rae = psro(g, { metaSolver: "rae", riskAversion: 2, iterations: 6, initial, raeIterations: 500 });
    nashSum += effort(nash.strategies[0]);
    raeSum += effort(rae.strategies[0]);
    assert.ok(rae.records.at(-1)!.raeGap < 0.05);
    assert.ok(rae.records.at(-1)!.variance[0] <= nash.records.at(-1)!.variance[0] + 1e-9);
  }
  assert.ok(raeSum < nashSum - 1, `RAE effort ${raeSum / 3} vs Nash ${nashSum / 3}`);
});
