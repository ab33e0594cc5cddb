import assert from "node:assert/strict";
import { Rng } from "../../lib/core/rng.ts";
import {
  bimatrix,
  chicken,
  fictitiousPlay,
  matchingPennies,
  nashConv,
  normalFormGame,
  payoffMoments,
  prisonersDilemma,
  randomZeroSum,
  replicatorDynamics,
  riskDominant,
  solveZeroSum,
  stagHunt,
  supportEnumeration,
} from "../../lib/games/mod.ts";
import { assertClose } from "../tabular/fixtures.ts";

const eqKey = (e: { strategies: Float64Array[] }) =>
  e.strategies.map((s) => [...s].map((p) => p.toFixed(6)).join(",")).join("|");

Deno.test("matching pennies: the unique Nash equilibrium is (½, ½), value 0", () => {
  const eqs = supportEnumeration(matchingPennies());
  assert.equal(eqs.length, 1);
  assertClose(eqs[0].strategies[0], [0.5, 0.5], 1e-12);
  assertClose(eqs[0].strategies[1], [0.5, 0.5], 1e-12);
  assertClose(eqs[0].payoffs, [0, 0], 1e-12);
  const z = solveZeroSum(matchingPennies().payoffs[0], 2, 2);
  assertClose([z.value, ...z.row, ...z.col], [0, 0.5, 0.5, 0.5, 0.5], 1e-12);
});

Deno.test("prisoner's dilemma: the only equilibrium is (D, D) paying 1 each", () => {
  const eqs = supportEnumeration(prisonersDilemma());
  assert.equal(eqs.length, 1);
  assert.equal(eqKey(eqs[0]), "0.000000,1.000000|0.000000,1.000000");
  assertClose(eqs[0].payoffs, [1, 1], 1e-12);
});

Deno.test("chicken: two pure equilibria and the mixed one at P(straight) = 1/10", () => {
  // Row swerve pays 0·(1−q) − 1·q = −q; straight pays 1·(1−q) − 10·q; equal when q = 1/10.
  const keys = supportEnumeration(chicken()).map(eqKey).sort();
  assert.deepEqual(keys, [
    "0.000000,1.000000|1.000000,0.000000",
    "0.900000,0.100000|0.900000,0.100000",
    "1.000000,0.000000|0.000000,1.000000",
  ]);
  assert.equal(riskDominant(chicken()), null); // the two pure equilibria are symmetric: a tie
});

Deno.test("stag hunt: three equilibria, hare is risk dominant (3·3 > 1·1)", () => {
  const eqs = supportEnumeration(stagHunt(4, 3));
  assert.equal(eqs.length, 3);
  const mixed = eqs.find((e) => e.strategies[0][0] > 0 && e.strategies[0][0] < 1)!;
  assertClose(mixed.strategies[0], [0.75, 0.25], 1e-12); // 4p = 3
  assert.deepEqual(riskDominant(stagHunt(4, 3)), [1, 1]);
  assert.deepEqual(riskDominant(stagHunt(7, 3)), [0, 0]); // 7 − 3 = 4 > 3: stag becomes risk dominant
});

Deno.test("zero-sum LP agrees with support enumeration and is unexploitable on random games", () => {
  const rng = new Rng(3);
  for (let t = 0; t < 5; t++) {
    const g = randomZeroSum(5, 6, rng);
    const z = solveZeroSum(g.payoffs[0], 5, 6);
    assert.ok(nashConv(g, [z.row, z.col]) < 1e-10);
    const eqs = supportEnumeration(g);
    assert.ok(eqs.length >= 1);
    assert.ok(Math.abs(eqs[0].payoffs[0] - z.value) < 1e-9);
  }
});

Deno.test("fictitious play converges in zero-sum games (NashConv shrinks below 0.05)", () => {
  for (const g of [matchingPennies(), randomZeroSum(8, 8, new Rng(7))]) {
    const r = fictitiousPlay(g, { iterations: 20_000 });
    assert.ok(r.nashConv.at(-1)! < 0.05, `final NashConv ${r.nashConv.at(-1)}`);
    assert.ok(r.nashConv.at(-1)! < r.nashConv[0] / 3);
  }
});

Deno.test("replicator dynamics: defection takes over in the prisoner's dilemma", () => {
  const r = replicatorDynamics(prisonersDilemma(), { steps: 4000, dt: 0.05 });
  assert.ok(r.strategies[0][1] > 0.99 && r.strategies[1][1] > 0.99);
  assert.ok(r.nashConv.at(-1)! < 0.05);
});

Deno.test("payoff moments: opponent-induced variance by hand and a 3-player game", () => {
  const g = bimatrix([[4, -6], [1, 1]]);
  // Risky vs C w.p. 0.9: mean 3, variance 0.9·0.1·10² = 9; mixing ½ Risky: Var = ¼·9.
  const m = payoffMoments(g, 0, [[0.5, 0.5], [0.9, 0.1]]);
  assertClose([m.mean, m.variance], [2, 2.25], 1e-12);
  // 3 players, each paid the number of players choosing action 1; player 1 mixes 50/50, the others 50/50:
  // own payoff = own + X with X ~ Binomial(2, ½): variance ½ regardless of own strategy.
  const u = Float64Array.from({ length: 8 }, (_, j) => ((j >> 2) & 1) + ((j >> 1) & 1) + (j & 1));
  const g3 = normalFormGame([2, 2, 2], [u, u, u]);
  const m3 = payoffMoments(g3, 1, [[0.5, 0.5], [1, 0], [0.5, 0.5]]);
  assertClose([m3.mean, m3.variance], [1, 0.5], 1e-12);
});

Deno.test("bad arguments throw naming the argument", () => {
  assert.throws(() => bimatrix([[1, 2], [3]]), /A\[1\]/);
  assert.throws(() => payoffMoments(matchingPennies(), 0, [[0.5, 0.6], [1, 0]]), /sum to 1/);
  assert.throws(() => fictitiousPlay(matchingPennies(), { iterations: 0 }), /iterations/);
});
