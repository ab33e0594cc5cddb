import assert from "node:assert/strict";
import { trainPpo } from "../../lib/agents/mod.ts";
import { Rng } from "../../lib/core/rng.ts";
import { LaserEnv } from "../../lib/laser/env.ts";
import { type LaserEpisode, rolloutEpisodes } from "../../lib/laser/rollout.ts";

// The 3-seed check (SAC within 20% of the transform-limited FWHM) needs more than the test budget: the
// official runs use SB3's SAC for 200k–700k steps with one update per env step. It is reported by `deno task repro
// laser` (temporl-agents table, column "seeds within 20% of TL"). Measured SAC budgets on the fixed evaluation
// starts (median final FWHM; TL 1.58 ps, holding the start 4.7 ps): 2000–3000 steps (≤ 2.7k updates, 12–80 s
// here) end at the 11–15 ps edges of the control box, worse than holding still; 10k steps (≈310 s) reach 3.7 ps;
// 20k steps meet the target on 3/3 seeds (1.71–1.81 ps) but take 4.5–9 min each (AGENT_SETTINGS in
// lib/laser/experiments.ts). So no honest SAC threshold fits the test budget, and this test checks that learning
// happens at all, with PPO.

const meanFinalRatio = (episodes: LaserEpisode[]) =>
  episodes.reduce((s, e) => s + e.peakRatio[e.peakRatio.length - 1], 0) / episodes.length;

Deno.test("PPO on LaserEnv (8k steps, 3 seeds) ends episodes with pulses far more intense than random increments", async () => {
  const evalEnv = new LaserEnv({ numEnvs: 16 });
  const rng = new Rng(5);
  const random = meanFinalRatio(
    rolloutEpisodes(evalEnv, (obs) => Float32Array.from(obs, () => rng.uniformIn(-1, 1)), { seed: 77 }),
  );
  assert.ok(random < 0.1, `random policy: ${random}`);
  for (const seed of [0, 1, 2]) {
    const { policy } = await trainPpo(new LaserEnv({ numEnvs: 8 }), {
      totalSteps: 8000,
      numSteps: 250,
      gamma: 0.9,
      hiddenSizes: [64, 64],
      lr: 1e-3,
      entCoef: 0,
      numMinibatches: 4,
    }, { seed });
    const trained = meanFinalRatio(rolloutEpisodes(evalEnv, policy, { seed: 77 }));
    assert.ok(trained > 2 * random, `seed ${seed}: PPO ${trained} vs random ${random}`);
  }
});
