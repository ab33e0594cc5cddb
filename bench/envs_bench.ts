/**
 * Vectorised environment throughput: `deno bench -A bench/envs_bench.ts`. One iteration is 64 batched steps, so
 * env steps/s = 64 · copies / (time per iteration); actions are pregenerated (16 batches, cycled).
 *
 * @module
 */
import { cartPole } from "../lib/envs/cartpole.ts";
import { makeEnv } from "../lib/envs/make_env.ts";
import type { ClassicControlId } from "../lib/envs/make_env.ts";
import { Rng } from "../lib/core/rng.ts";
import { Discrete } from "../lib/core/spaces.ts";
import type { VecEnv } from "../lib/core/env.ts";

/** 16 batches of uniform random actions for `env`. */
function randomActions(env: VecEnv, seed: number): (Int32Array | Float32Array)[] {
  const rng = new Rng(seed), n = env.numEnvs, space = env.actionSpace;
  return Array.from(
    { length: 16 },
    () =>
      space instanceof Discrete
        ? Int32Array.from({ length: n }, () => rng.integer(space.n))
        : Float32Array.from({ length: n * space.size }, () => rng.uniformIn(space.low[0], space.high[0])),
  );
}

for (const numEnvs of [1, 64, 4096]) {
  const env = cartPole({ numEnvs });
  env.reset(0);
  const actions = randomActions(env, 0) as Int32Array[];
  let k = 0;
  Deno.bench(
    `CartPole-v1: 64 steps of ${numEnvs} copies (${64 * numEnvs} env steps)`,
    { group: "cartpole", baseline: numEnvs === 4096 },
    () => {
      for (let t = 0; t < 64; t++) env.step(actions[k++ & 15]);
    },
  );
}

const others: ClassicControlId[] = [
  "Pendulum-v1",
  "MountainCar-v0",
  "MountainCarContinuous-v0",
  "Acrobot-v1",
];
for (const id of others) {
  const env = makeEnv(id, { numEnvs: 4096 });
  env.reset(0);
  const actions = randomActions(env, 1);
  let k = 0;
  Deno.bench(`${id}: 64 steps of 4096 copies (262144 env steps)`, { group: "classic-4096" }, () => {
    for (let t = 0; t < 64; t++) env.step(actions[k++ & 15]);
  });
}
