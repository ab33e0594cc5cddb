/**
 * Effective-horizon analysis at BRIDGE scale: `deno bench -A bench/horizon_bench.ts`. A layered deterministic MDP
 * with 10^6 states, 7 actions and T = 100 (layer t holds 10^4 states, each action leads to a random state of layer
 * t + 1, 1% of rewards are 1), analysed by `effectiveHorizon` (k-QVI min k, planning window, Theorem 5.4 bound up to
 * k = 3) on one core.
 *
 * @module
 */
import { fromDeterministic } from "../lib/tabular/mdp.ts";
import { effectiveHorizon } from "../lib/horizon/analysis.ts";
import { Rng } from "../lib/core/rng.ts";

const S = 1_000_000, A = 7, T = 100, W = S / T;
const rng = new Rng(0);
const transitions = new Int32Array(S * A);
const rewards = new Float64Array(S * A);
for (let s = 0; s < S; s++) {
  const layer = Math.floor(s / W);
  for (let a = 0; a < A; a++) {
    transitions[s * A + a] = layer + 1 < T ? (layer + 1) * W + rng.integer(W) : -1;
    rewards[s * A + a] = rng.uniform() < 0.01 ? 1 : 0;
  }
}
const mdp = fromDeterministic({ transitions, rewards, numStates: S, numActions: A, horizon: T });

Deno.bench({
  name: "effectiveHorizon: 10^6 states, 7 actions, T = 100 (layered, ~10^6 reachable (t, s) pairs)",
  n: 3,
  warmup: 1,
  fn: () => {
    effectiveHorizon(mdp, { maxK: 3 });
  },
});
