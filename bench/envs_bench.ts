/** Vectorised environment throughput: `deno bench -A bench/envs_bench.ts`. */
import { cartPole } from "../lib/envs/cartpole.ts";
import { Rng } from "../lib/core/rng.ts";

for (const numEnvs of [1, 64, 4096]) {
  const env = cartPole({ numEnvs });
  env.reset(0);
  const rng = new Rng(0);
  const actions = Array.from(
    { length: 16 },
    () => Int32Array.from({ length: numEnvs }, () => rng.integer(2)),
  );
  let k = 0;
  // one iteration = 64 vector steps, so small vectors are not dominated by the bench harness
  Deno.bench(
    `CartPole-v1: 64 steps of ${numEnvs} copies (${64 * numEnvs} env steps)`,
    { group: "cartpole" },
    () => {
      for (let t = 0; t < 64; t++) env.step(actions[k++ & 15]);
    },
  );
}
