import assert from "node:assert/strict";
import { trainSac } from "../../lib/agents/mod.ts";
import { median } from "../../lib/core/stats.ts";
import {
  AGENT_SETTINGS,
  createLaserModel,
  finalEpisodes,
  fwhm,
  LaserEnv,
  syntheticSpectrum,
  transformLimited,
} from "../../lib/laser/mod.ts";

/**
 * The learning check for one seed: SAC at the quick setting (AGENT_SETTINGS.quick.sac, 20k steps) ends with
 * a median final FWHM over the 8 fixed evaluation starts within 20% of the transform-limited FWHM of the synthetic
 * spectrum. One seed per test file, so `deno test --parallel` runs the three seeds side by side (~5 min each on a
 * loaded 2-core machine).
 */
export async function checkSacTarget(seed: number): Promise<void> {
  const model = createLaserModel(syntheticSpectrum());
  const tlPs = fwhm(transformLimited(model), model.dt) * 1e12;
  const { numEnvs, ...config } = AGENT_SETTINGS.quick.sac;
  const { policy } = await trainSac(new LaserEnv({ numEnvs }), config, { seed });
  const episodes = finalEpisodes(policy);
  const final = median(episodes.map((e) => e.fwhmPs[e.fwhmPs.length - 1]));
  const start = median(finalEpisodes((obs) => new Float32Array(obs.length)).map((e) => e.fwhmPs.at(-1)!));
  assert.ok(start > 2 * tlPs, `holding the start must be far from TL: ${start} ps`);
  assert.ok(
    final <= 1.2 * tlPs,
    `seed ${seed}: SAC's median final FWHM ${final.toFixed(3)} ps is not within 20% of TL ${
      tlPs.toFixed(3)
    } ps`,
  );
}
