/**
 * Benchmarks of the tabular dynamic programming at the scale the effective-horizon module needs.
 * Run: `deno bench -A bench/tabular_bench.ts`.
 *
 * @module
 */
import { fromDeterministic, randomMdp, reachableStates } from "../lib/tabular/mdp.ts";
import { randomPolicyQ } from "../lib/tabular/policy_evaluation.ts";
import { valueIteration } from "../lib/tabular/value_iteration.ts";
import { Rng } from "../lib/core/rng.ts";

// 10^5 states × 4 actions × 2 successors, T = 50: 2·10^7 backups, 4·10^7 successor terms per call.
const sparse = randomMdp({
  numStates: 100_000,
  numActions: 4,
  horizon: 50,
  successors: 2,
  terminalProb: 0.05,
}, 0);

Deno.bench(
  "valueIteration: 1e5 states × 4 actions × 2 successors, T = 50 (keep first)",
  { group: "vi" },
  () => {
    valueIteration(sparse, { keep: "first" });
  },
);

Deno.bench("randomPolicyQ: same MDP (keep first)", { group: "vi" }, () => {
  randomPolicyQ(sparse, { keep: "first" });
});

// A BRIDGE-shaped deterministic MDP: 10^5 states × 7 actions, T = 100 (1/10 of the largest BRIDGE size).
const rng = new Rng(1);
const S = 100_000, A = 7;
const transitions = new Int32Array(S * A).map(() => (rng.uniform() < 0.01 ? -1 : rng.integer(S)));
const rewards = new Float64Array(S * A).map(() => (rng.uniform() < 0.05 ? 1 : 0));
const bridge = fromDeterministic({ transitions, rewards, numStates: S, numActions: A, horizon: 100 });

Deno.bench(
  "valueIteration: deterministic 1e5 states × 7 actions, T = 100 (keep first)",
  { group: "bridge" },
  () => {
    valueIteration(bridge, { keep: "first" });
  },
);

Deno.bench("reachableStates: deterministic 1e5 states × 7 actions, 100 layers", { group: "bridge" }, () => {
  reachableStates(bridge);
});
