/**
 * RAE solve time vs game size (risk-averse fictitious play, 30 iterations, γ = 0.5, random crash games), the zero-sum
 * LP, PSRO with an exact oracle, and the Markov games' batched steps (stag-hunt gridworld, intersection; 64 copies,
 * random joint actions) with the opponent-mixture view. Run: `deno bench -A bench/games_bench.ts`.
 *
 * @module
 */
import { Rng } from "../lib/core/rng.ts";
import {
  intersectionGame,
  type MarkovGame,
  opponentMixtureEnv,
  psro,
  randomAgent,
  randomRiskGame,
  randomZeroSum,
  solveRae,
  solveZeroSum,
  stagHuntGrid,
} from "../lib/games/mod.ts";

for (const n of [10, 50, 100, 200]) {
  const game = randomRiskGame(n, n, new Rng(n));
  Deno.bench(`RAE solve ${n}×${n} (30 FP iterations + gap)`, { group: "rae", n: 3, warmup: 1 }, () => {
    solveRae(game, { riskAversion: 0.5, iterations: 30, recordEvery: 30 });
  });
}

const zs = randomZeroSum(200, 200, new Rng(1));
Deno.bench("zero-sum LP 200×200 (simplex)", { n: 5, warmup: 1 }, () => {
  solveZeroSum(zs.payoffs[0], 200, 200);
});

const zs50 = randomZeroSum(50, 50, new Rng(2));
Deno.bench("PSRO (double oracle) on a 50×50 zero-sum game, 30 iterations", { n: 5, warmup: 1 }, () => {
  psro(zs50, { iterations: 30 });
});

const STEPS = 1000;
for (
  const [name, game] of [["stag-hunt grid", stagHuntGrid({ numEnvs: 64 })], [
    "intersection",
    intersectionGame({ numEnvs: 64 }),
  ]] as [string, MarkovGame][]
) {
  const rng = new Rng(0);
  const k = game.actionSpace.n;
  const a0 = Int32Array.from({ length: 64 }, () => rng.integer(k)),
    a1 = Int32Array.from({ length: 64 }, () => rng.integer(k));
  game.reset(0);
  Deno.bench(`${name}: ${STEPS} batched steps × 64 copies`, { group: "markov", n: 5, warmup: 1 }, () => {
    for (let t = 0; t < STEPS; t++) game.step(a0, a1);
  });
  const view = opponentMixtureEnv(game, [randomAgent(k), randomAgent(k)], [0.5, 0.5]);
  view.reset(0);
  Deno.bench(`${name} opponent-mixture view: ${STEPS} steps × 64 copies`, {
    group: "markov",
    n: 5,
    warmup: 1,
  }, () => {
    for (let t = 0; t < STEPS; t++) view.step(a0);
  });
}
