/**
 * Effective-horizon analysis at BRIDGE scale: `deno bench -A bench/horizon_bench.ts`. A layered deterministic MDP
 * with 10^6 states, 7 actions and T = 100 (layer t holds 10^4 states, each action leads to a random state of layer
 * t + 1, 1% of rewards are 1; see `layeredBenchMdp`), analysed by `effectiveHorizon` (k-QVI min k, planning window,
 * Theorem 5.4 bound up to k = 3) on one core. bench/peers/horizon.ts times its backward pass against numpy.
 *
 * @module
 */
import { effectiveHorizon } from "../lib/horizon/analysis.ts";
import { layeredBenchMdp } from "./peers/horizon.ts";

const mdp = layeredBenchMdp();

Deno.bench({
  name: "effectiveHorizon: 10^6 states, 7 actions, T = 100 (layered, ~10^6 reachable (t, s) pairs)",
  n: 3,
  warmup: 1,
  fn: () => {
    effectiveHorizon(mdp, { maxK: 3 });
  },
});
