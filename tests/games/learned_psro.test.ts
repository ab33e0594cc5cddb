import assert from "node:assert/strict";
import {
  bimatrix,
  empiricalMetaGame,
  intersectionGame,
  learnedPsro,
  ppoOracle,
  PSRO_PPO,
  randomAgent,
  solveRae,
  stagHunterAgent,
  stagHuntGrid,
  symmetricMetaRae,
} from "../../lib/games/mod.ts";

Deno.test("symmetric meta-RAE: noiseless it matches risk-averse fictitious play; noise steers it away", () => {
  const A = [[4, -2], [2, 2]]; // stag hunt: RAE plays hare
  const zero = [[0, 0], [0, 0]];
  const mine = symmetricMetaRae(A, zero, 1, { iterations: 400 });
  const ref = solveRae(bimatrix(A, [[4, 2], [-2, 2]]), { riskAversion: 1, iterations: 400 }).strategies[0];
  assert.ok(Math.abs(mine[0] - ref[0]) < 1e-6 && mine[1] > 0.99, `${mine} vs ${[...ref]}`);
  // two members with the same means, the first noisy within every pair: the RAE takes the quiet one,
  // and with γ = 0 (risk-neutral fictitious play) the noise changes nothing
  const same = [[1, 1], [1, 1]];
  const noisy = [[4, 4], [0, 0]];
  assert.ok(symmetricMetaRae(same, noisy, 0.5)[1] > 0.95);
  assert.deepEqual(symmetricMetaRae(same, noisy, 0), symmetricMetaRae(same, zero, 0));
});

Deno.test("empirical meta-game of scripted agents equals the hand-computed stag hunt", () => {
  const m = empiricalMetaGame(stagHuntGrid({ numEnvs: 8 }), [stagHunterAgent(), stagHunterAgent()], {
    episodes: 16,
  });
  assert.deepEqual(m.payoffs, [[4, 4], [4, 4]]);
  assert.deepEqual(m.variances, [[0, 0], [0, 0]]);
  assert.equal(m.outcomes[0][1][2], 1); // always the stag together
});

Deno.test("learned-oracle PSRO on the intersection beats the random policy across seeds", async () => {
  const makeGame = (n: number) => intersectionGame({ numEnvs: n });
  const random = empiricalMetaGame(makeGame(32), [randomAgent(2)], { episodes: 256, seed: 11 });
  const randomCrash = random.outcomes[0][0][2];
  assert.ok(randomCrash > 0.2, `random crash rate ${randomCrash}`);
  for (const seed of [0, 1]) {
    const r = await learnedPsro({
      makeGame,
      metaSolver: "rae",
      iterations: 1,
      oracle: ppoOracle({ ...PSRO_PPO, totalSteps: 2048 }),
      evalEpisodes: 128,
      seed,
    });
    const last = r.records.at(-1)!;
    assert.equal(last.populationSize, 2);
    assert.ok(
      last.payoff > random.payoffs[0][0] + 0.5,
      `seed ${seed}: payoff ${last.payoff} vs ${random.payoffs[0][0]}`,
    );
    assert.ok(
      last.outcomeRates[2] < randomCrash / 2,
      `seed ${seed}: crash ${last.outcomeRates[2]} vs ${randomCrash}`,
    );
    assert.ok(Math.abs(last.metaStrategy.reduce((a, b) => a + b, 0) - 1) < 1e-9);
  }
});

Deno.test("gridworld trust dilemma: Nash-PSRO keeps the stag, RAE-PSRO moves to the risk-dominant hare", async () => {
  for (const seed of [0, 1]) {
    const run = (metaSolver: "nash" | "rae") =>
      learnedPsro({
        makeGame: (n) => stagHuntGrid({ numEnvs: n }),
        metaSolver,
        iterations: 1,
        oracle: ppoOracle({ ...PSRO_PPO, totalSteps: 3072 }),
        evalEpisodes: 64,
        initial: [randomAgent(5), stagHunterAgent()],
        seed,
      });
    const nash = (await run("nash")).records.at(-1)!;
    const rae = (await run("rae")).records.at(-1)!;
    assert.ok(nash.outcomeRates[2] > 0.9, `seed ${seed}: Nash stag rate ${nash.outcomeRates[2]}`);
    assert.ok(rae.outcomeRates[1] > 0.8, `seed ${seed}: RAE hare rate ${rae.outcomeRates[1]}`);
    assert.ok(rae.variance < nash.variance + 1e-9 || rae.variance < 0.5, `variance ${rae.variance}`);
  }
});
