/**
 * RAE solve time vs game size (risk-averse fictitious play, 30 iterations, γ = 0.5, random crash games), the zero-sum
 * LP and PSRO with an exact oracle. Run: `deno bench -A bench/games_bench.ts`.
 *
 * @module
 */
import { Rng } from "../lib/core/rng.ts";
import { psro, randomRiskGame, randomZeroSum, solveRae, solveZeroSum } from "../lib/games/mod.ts";

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
