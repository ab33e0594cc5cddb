import assert from "node:assert/strict";
import { trainPpo } from "../../lib/agents/mod.ts";
import { Rng } from "../../lib/core/rng.ts";
import { LaserEnv } from "../../lib/laser/env.ts";
import { type LaserEpisode, rolloutEpisodes } from "../../lib/laser/rollout.ts";

// The full 3-seed check of the issue (SAC within 20% of the transform-limited FWHM) needs far more than the test
// budget here (the paper trains 200k steps); it is reported by `deno task repro laser` (temporl-agents table,
// column "seeds within 20% of TL"). This test checks that learning happens at all in a few seconds per seed. It
// uses PPO: SAC with 2000 steps (≈12 s here) ends episodes with a lower return than random increments (−42 vs
// −37 on these starts), so no honest SAC threshold fits the test budget.

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
