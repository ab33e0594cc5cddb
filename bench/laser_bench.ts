/**
 * lib/laser throughput: `deno bench -A bench/laser_bench.ts`. One forward pass of the pulse model (3 FFTs: 2 of
 * 2048 points, 1 of 8192) and one batched step of the environment with 64 copies. bench/peers/laser.ts compares
 * the env step with numpy.
 *
 * @module
 */
import {
  createLaserModel,
  denormalizeControl,
  LaserEnv,
  outputIntensity,
  syntheticSpectrum,
} from "../lib/laser/mod.ts";

const model = createLaserModel(syntheticSpectrum());
const out = new Float64Array(model.nOut);
const control = denormalizeControl([0.5, 0.4, 0.6]);

Deno.bench({
  name: "outputIntensity: stretcher → gain → SPM → compressor (2048-point grid, ×4 padding)",
  fn: () => {
    outputIntensity(model, control, out);
  },
});

const env = new LaserEnv({ numEnvs: 64 });
env.reset(0);
const actions = new Float32Array(64 * 3).map((_, k) => ((k * 0.37) % 2) - 1);

Deno.bench({
  name: "LaserEnv.step with 64 copies",
  n: 50,
  fn: () => {
    env.step(actions);
  },
});
