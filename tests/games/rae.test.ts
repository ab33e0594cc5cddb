import assert from "node:assert/strict";
import {
  bimatrix,
  chicken,
  nashConv,
  opponentLottery,
  prisonersDilemma,
  raeGap,
  riskAverseBestResponse,
  riskyShortcut,
  solveRae,
  stagHunt,
  supportEnumeration,
} from "../../lib/games/mod.ts";
import { assertClose } from "../tabular/fixtures.ts";

Deno.test("risk-averse best response matches the closed form p* = min(1, 2/(2γ·9)) of the worked example", () => {
  // Risky pays 4 vs C and −6 vs D, Safe pays 1; the opponent cooperates w.p. 0.9. With p on Risky:
  // mean 1 + 2p, variance p²·9, utility 1 + 2p − γ·9p², maximised at p* = 1/(9γ), clipped to [0, 1].
  const lot = opponentLottery(bimatrix([[4, -6], [1, 1]]), 0, [[1, 0], [0.9, 0.1]]);
  for (const gamma of [0.05, 0.2, 0.5, 1, 4]) {
    const p = Math.min(1, 1 / (9 * gamma));
    const br = riskAverseBestResponse(lot, gamma);
    assertClose(br.strategy, [p, 1 - p], 1e-8, `gamma ${gamma}`);
    assertClose([br.mean, br.variance], [1 + 2 * p, 9 * p * p], 1e-7);
  }
  assert.deepEqual([...riskAverseBestResponse(lot, 0).strategy], [1, 0]); // γ = 0: the Nash best response
});

Deno.test("RAE of the risky-shortcut 2×2 game solved on paper: (p, q) = (1/4, 5/6) with γ = (0.192, 1)", () => {
  // Row: p = P(Risky) (4 vs C, −6 vs D; Safe 1). Column: q = P(C); it gets 1 for D vs Risky and C vs Safe.
  // Row payoff = 1 + p·(10·1[C] − 7): mean 1 + p(10q − 7), variance 100p²q(1−q) ⇒
  //   U₁ = 1 + p(10q − 7) − γ₁·100p²q(1−q),  ∂U₁/∂p = 0 ⇒ p = (10q − 7) / (200γ₁q(1−q)).
  // Column payoff = p(1−q)… per row: vs Risky 1−q, vs Safe q: mean q + p(1 − 2q), variance (1−2q)²p(1−p) ⇒
  //   U₂ = q + p(1−2q) − γ₂(1−2q)²p(1−p),  ∂U₂/∂q = 0 ⇒ 1 − 2q = −(1 − 2p)/(4γ₂p(1−p)).
  // With γ₂ = 1 and p = 1/4: 1 − 2q = −(1/2)/(3/4) = −2/3 ⇒ q = 5/6. Then the row condition
  //   1/4 = (50/6 − 7)/(200γ₁·5/36) = (4/3)·36/(1000γ₁) ⇒ γ₁ = 48/250 = 0.192.
  // p*(q) increases and q*(p) decreases, so the crossing is unique. The Nash equilibrium is (1/2, 7/10).
  const game = riskyShortcut();
  const r = solveRae(game, { riskAversion: [0.192, 1], iterations: 20_000 });
  assertClose(r.strategies[0], [0.25, 0.75], 2e-3);
  assertClose(r.strategies[1], [5 / 6, 1 / 6], 2e-3);
  assert.ok(r.gap.at(-1)! < 1e-5, `RAE gap ${r.gap.at(-1)}`);
  assert.ok(r.gap.at(-1)! < r.gap[0]);
  // Exact point: gap 0 up to the QP tolerance; the Nash equilibrium is not an RAE.
  assert.ok(raeGap(game, [[0.25, 0.75], [5 / 6, 1 / 6]], [0.192, 1]) < 1e-12);
  const [ne] = supportEnumeration(game);
  assertClose([ne.strategies[0][0], ne.strategies[1][0]], [0.5, 0.7], 1e-12);
  assert.ok(raeGap(game, ne.strategies, [0.192, 1]) > 0.1);
});

Deno.test("RAE equals Nash where the opponents' mixing adds no variance (pure equilibria)", () => {
  // At a pure profile Σ = 0, so the mean–variance best response is the Nash one: pure NE are RAE for every γ.
  for (const gamma of [0.1, 1, 10]) {
    assert.equal(raeGap(prisonersDilemma(), [[0, 1], [0, 1]], gamma), 0);
    assert.equal(raeGap(chicken(), [[1, 0], [0, 1]], gamma), 0);
    assert.equal(raeGap(stagHunt(), [[1, 0], [1, 0]], gamma), 0);
  }
  // Risk-averse FP started at (D, D) stays there (no variance, defection dominant in mean).
  const atDD = solveRae(prisonersDilemma(), { riskAversion: 2, iterations: 200, init: [[0, 1], [0, 1]] });
  assert.deepEqual([...atDD.strategies[0]], [0, 1]);
  assert.equal(atDD.gap.at(-1), 0);
  // But RAE is not unique: from uniform, γ = 2 finds a mixed RAE of the PD. With c = P(cooperate) for both,
  // payoff vs C is 5 − 2c, vs D 1 − c, so U(c) = 1 − c + q(4 − c) − γ(4 − c)²q(1 − q) and the symmetric first-order
  // condition is 1 + c = 2γ(4 − c)c(1 − c); its root in (0.5, 1) is c ≈ 0.8259.
  const mixed = solveRae(prisonersDilemma(), { riskAversion: 2, iterations: 500 });
  const c = mixed.strategies[0][0];
  assert.ok(Math.abs(1 + c - 4 * (4 - c) * c * (1 - c)) < 1e-6, `c = ${c}`);
  assert.ok(mixed.gap.at(-1)! < 1e-9);
  // γ = 0 reduces RAE to Nash: the gap equals NashConv.
  const s = [Float64Array.of(0.3, 0.7), Float64Array.of(0.6, 0.4)];
  assertClose([raeGap(chicken(), s, 0)], [nashConv(chicken(), s)], 1e-12);
});

Deno.test("stag hunt: risk-averse fictitious play selects the risk-dominant (hare) equilibrium from more starts than FP", () => {
  const game = stagHunt(4, 3);
  let raeHare = 0, nashHare = 0;
  for (let k = 1; k <= 19; k++) {
    const p = k / 20; // both start with P(stag) = p
    const init = [Float64Array.of(p, 1 - p), Float64Array.of(p, 1 - p)];
    if (solveRae(game, { riskAversion: 1, iterations: 300, init, recordEvery: 300 }).strategies[0][1] > 0.9) {
      raeHare++;
    }
    if (solveRae(game, { riskAversion: 0, iterations: 300, init, recordEvery: 300 }).strategies[0][1] > 0.9) {
      nashHare++;
    }
  }
  // Nash FP: hare iff 4p < 3 (p < 0.75: 14 of 19 starts). Mean–variance: stag needs 4p − γ·16p(1−p) > 3.
  assert.equal(nashHare, 14);
  assert.ok(raeHare > nashHare, `RAE ${raeHare} vs FP ${nashHare}`);
});
