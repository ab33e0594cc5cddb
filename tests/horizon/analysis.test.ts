import assert from "node:assert/strict";
import { fromDeterministic } from "../../lib/tabular/mdp.ts";
import { gridworld } from "../../lib/tabular/gridworld.ts";
import { effectiveHorizon, layeredValues, minK, occupancy, qLayer } from "../../lib/horizon/analysis.ts";
import { readBridgeMdp, writeBridgeMdp } from "../../lib/horizon/bridge.ts";
import { bandit, lock, trap } from "./fixtures.ts";

// Hand-derived cases (effective-horizon paper conventions; see the module docs). t here is 0-based.

Deno.test("trap MDP needs 2-step lookahead: minK 2, epw 2, H = T = 2", () => {
  const mdp = trap;
  const v = layeredValues(mdp);
  assert.deepEqual([...qLayer(v, 0, "random")], [0.5, 0.6]); // greedy on Q^rand picks a1: wrong
  assert.deepEqual([...qLayer(v, 0, "star")], [1, 0.6]);
  const r = effectiveHorizon(mdp);
  assert.equal(r.minK, 2);
  assert.equal(r.epw, 2);
  assert.equal(r.effectiveHorizon, 2);
  assert.equal(r.optimalReturn, 1);
});

Deno.test("combination lock: 1-QVI-solvable but the bound is the full horizon", () => {
  const T = 5, A = 3;
  const mdp = lock(T, A);
  const r = effectiveHorizon(mdp);
  assert.equal(r.minK, 1);
  assert.equal(r.epw, 5);
  // m_k = ceil(16 · A^{T−k} · ln(2 T A^k)) and H_k = k + log_A m_k > T, so the bound stays T.
  const expected = [1, 2, 3, 4].map((k) => Math.ceil(16 * A ** (T - k) * Math.log(2 * T * A ** k)));
  assert.deepEqual(expected, [4408, 1944, 807, 322]);
  assert.deepEqual(r.perK.map((p) => p.m), expected);
  assert.equal(r.effectiveHorizon, 5);
  assert.ok(Math.abs(r.randomReturn - 3 ** -5) < 1e-15);
});

Deno.test("dense-reward bandit chain: H = 1 + log_10 687", () => {
  const mdp = bandit;
  const r = effectiveHorizon(mdp);
  assert.equal(r.minK, 1);
  assert.equal(r.epw, 1);
  assert.deepEqual(r.perK.map((p) => p.m), [687, 779, 777]); // σ² = 8.1, 6.4, 4.9; Δ = 1
  assert.ok(Math.abs(r.effectiveHorizon - (1 + Math.log10(687))) < 1e-12);
  assert.equal(effectiveHorizon(mdp, { horizon: 1 }).effectiveHorizon, 1);
});

Deno.test("one-step bandit: minK 1 and the random-policy occupancy 1/A", () => {
  const mdp = fromDeterministic({
    transitions: [-1, -1],
    rewards: [0, 1],
    numStates: 1,
    numActions: 2,
    horizon: 1,
  });
  assert.equal(minK(layeredValues(mdp)), 1);
  const occ = occupancy(mdp);
  assert.equal(occ.minStateActionOccupancy, 0.5);
  assert.equal(occ.coveringLength, Math.log(4) / 0.5);
});

Deno.test("analysis rejects stochastic MDPs and bad options with named errors", () => {
  const mdp = fromDeterministic({
    transitions: [-1, -1],
    rewards: [0, 1],
    numStates: 1,
    numActions: 2,
    horizon: 1,
  });
  assert.throws(() => effectiveHorizon(mdp, { maxK: 0 }), /maxK must be an integer >= 1, got 0/);
  assert.throws(() => layeredValues(mdp, { horizon: 1.5 }), /horizon must be an integer/);
  const slippery = gridworld(["S.G"], { horizon: 4, slip: 0.2 }).mdp;
  assert.throws(() => effectiveHorizon(slippery), /mdp must be deterministic/);
});

Deno.test("BRIDGE layout round trip through npz", async () => {
  const mdp = fromDeterministic({
    transitions: [1, 2, -1, -1, -1, -1],
    rewards: [0, 0, 1, 0, 0.5, 0.5],
    numStates: 3,
    numActions: 2,
    horizon: 2,
  });
  const back = await readBridgeMdp(writeBridgeMdp(mdp), 2);
  assert.deepEqual([...back.next], [...mdp.next]);
  assert.deepEqual([...back.rewards], [...mdp.rewards]);
  assert.deepEqual(effectiveHorizon(back), effectiveHorizon(mdp));
});

// Regression against the official analysis of three real BRIDGE MDPs (../shared/data/bridge; CI has it).
const BRIDGE_DIR = new URL("../../../shared/data/bridge/", import.meta.url);
const OFFICIAL = [
  { file: "freeway_10_fs30.npz", T: 10, minK: 1, epw: 6, H: 8, m: [5307, 2244, 1020, 505, 262, 69, 57, 1] },
  { file: "maze_easy_l0_30_fs1.npz", T: 30, minK: 1, epw: 1, H: 5, m: [73385, 11002, 4617, 1856, 1] },
  { file: "MiniGrid-KeyCorridorS3R1-v0.npz", T: 100, minK: 1, epw: 15, H: 16, m1: 6667295335345 },
];
for (const c of OFFICIAL) {
  Deno.test(`BRIDGE ${c.file}: min_k, epw, effective horizon and m_k equal the official analysis`, async (t) => {
    let bytes: Uint8Array;
    try {
      bytes = await Deno.readFile(new URL(c.file, BRIDGE_DIR));
    } catch {
      console.log(
        `skipped: ${c.file} not found under ../shared/data/bridge (regression data is not committed)`,
      );
      return void t;
    }
    const r = effectiveHorizon(await readBridgeMdp(bytes, c.T));
    assert.equal(r.minK, c.minK);
    assert.equal(r.epw, c.epw);
    assert.equal(r.effectiveHorizon, c.H);
    if (c.m) assert.deepEqual(r.perK.map((p) => p.m), c.m);
    if (c.m1) assert.equal(r.perK[0].m, c.m1);
  });
}
