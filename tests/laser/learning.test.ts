import assert from "node:assert/strict";
import { trainPpo } from "../../lib/agents/mod.ts";
import { Rng } from "../../lib/core/rng.ts";
import { LaserEnv } from "../../lib/laser/env.ts";
import { type LaserEpisode, rolloutEpisodes } from "../../lib/laser/rollout.ts";

// The 3-seed SAC check is in sac_target_{0,1,2}.test.ts (one seed per file); this one checks, cheaply, that
// PPO learns too.

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
