import assert from "node:assert/strict";
import type { TabularMdp } from "../../lib/tabular/mdp.ts";
import { bandit, lock, trap } from "./fixtures.ts";
import { Box, Discrete } from "../../lib/core/spaces.ts";
import type { StepResult, VecEnv } from "../../lib/core/env.ts";
import { effectiveHorizon } from "../../lib/horizon/analysis.ts";
import { empiricalEffectiveHorizon, gorp, gorpTabular } from "../../lib/horizon/gorp.ts";
import { deterministicTransitions } from "../../lib/horizon/layers.ts";
import { readBridgeMdp } from "../../lib/horizon/bridge.ts";

/** The lock with the code on the LAST action, so GORP's tie-break towards action 0 does not help. */
const hardLock = (T: number, A: number) => lock(T, A, A - 1);

Deno.test("GORP with k = 2 solves the trap MDP with any m; k = 1 with large m is misled by Q^rand", () => {
  for (const seed of [0, 1, 2]) {
    const r = gorpTabular(trap, { k: 2, m: 1 }, { rng: seed });
    assert.equal(r.finalReturn, 1);
    assert.deepEqual([...r.actions], [0, 0]);
    assert.equal(r.episodes, 2 * 4); // T · A^k · m
    assert.equal(gorpTabular(trap, { k: 1, m: 400 }, { rng: seed }).finalReturn, 0.6);
  }
});

Deno.test("empirical H_k never exceeds the Theorem 5.4 bound (bandit chain, combination lock)", () => {
  const b = empiricalEffectiveHorizon(bandit, { k: 1, runs: 11 }, 0);
  assert.ok(b.hk !== null && b.hk <= effectiveHorizon(bandit).perK[0].hk!, `bandit H_1 ${b.hk}`);
  const l = hardLock(5, 3);
  const e = empiricalEffectiveHorizon(l, { k: 1, runs: 11, maxM: 4408 }, 1);
  assert.ok(e.m !== null && e.m <= 4408 && e.hk! <= 1 + Math.log(4408) / Math.log(3));
  // the lock needs many random rollouts: with m = 1 GORP almost never finds the code
  assert.ok(e.m! > 4, `lock m ${e.m}`);
});

Deno.test("GORP is deterministic given the seed and rejects bad configs", () => {
  assert.deepEqual(
    gorpTabular(bandit, { k: 1, m: 3 }, { rng: 5 }),
    gorpTabular(bandit, { k: 1, m: 3 }, { rng: 5 }),
  );
  assert.throws(() => gorpTabular(bandit, { k: 0, m: 1 }, { rng: 0 }), /k must be an integer >= 1, got 0/);
  assert.throws(
    () => gorpTabular(bandit, { k: 1, m: 1 }, { rng: 0, sticky: 1 }),
    /sticky must be in \[0, 1\)/,
  );
});

Deno.test("sticky GORP scores its sequence by the exact sticky expectation", () => {
  // bandit chain with p = 0.25: the learned all-0 sequence always plays 0, so stickiness cannot hurt it
  const r = gorpTabular(bandit, { k: 1, m: 8 }, { rng: 0, sticky: 0.25 });
  assert.deepEqual([...r.actions], new Array(10).fill(0));
  assert.equal(r.finalReturn, 10);
});

/** The MDP as a one-copy VecEnv, to check that env-GORP and tabular GORP agree step for step. */
function asEnv(mdp: TabularMdp): VecEnv {
  const tr = deterministicTransitions(mdp), A = mdp.numActions;
  let s = mdp.initialState, t = 0;
  const obs = new Float32Array(1);
  const res: StepResult = {
    observations: obs,
    rewards: new Float64Array(1),
    terminated: new Uint8Array(1),
    truncated: new Uint8Array(1),
    finalObservations: new Float32Array(1),
  };
  return {
    numEnvs: 1,
    observationSpace: new Box(new Float32Array([0]), new Float32Array([mdp.numStates])),
    actionSpace: new Discrete(A),
    maxEpisodeSteps: mdp.horizon,
    reset() {
      s = mdp.initialState;
      t = 0;
      obs[0] = s;
      return obs;
    },
    step(actions) {
      const a = actions[0];
      res.rewards[0] = mdp.rewards[s * A + a];
      s = tr[s * A + a];
      t++;
      res.terminated[0] = s < 0 ? 1 : 0;
      res.truncated[0] = s >= 0 && t >= mdp.horizon ? 1 : 0;
      if (s < 0 || t >= mdp.horizon) this.reset(0);
      obs[0] = s;
      return res;
    },
  };
}

Deno.test("GORP on an environment equals GORP on its table", () => {
  for (const mdp of [trap, bandit, hardLock(4, 3)]) {
    const a = gorp(asEnv(mdp), { k: 1, m: 5 }, { rng: 3 });
    const b = gorpTabular(mdp, { k: 1, m: 5 }, { rng: 3 });
    assert.deepEqual(a, b);
  }
});

Deno.test("BRIDGE freeway: empirical H_1 is below the official Appendix-C bound (m = 37, H_1 = 4.2868)", async () => {
  let bytes: Uint8Array;
  try {
    bytes = await Deno.readFile(new URL("../../../shared/data/bridge/freeway_10_fs30.npz", import.meta.url));
  } catch {
    console.log("skipped: freeway_10_fs30.npz not found under ../shared/data/bridge");
    return;
  }
  const e = empiricalEffectiveHorizon(await readBridgeMdp(bytes, 10), { k: 1, runs: 51, maxM: 64 }, 0);
  assert.ok(e.m !== null && e.m <= 37, `m ${e.m}`);
  assert.ok(e.hk! <= 1 + Math.log(37) / Math.log(3) + 1e-12);
});

Deno.test("mini-BRIDGE: on every task GORP's empirical H_1 stays at or below the Theorem 5.4 bound on H_1", async () => {
  const { runExperiment } = await import("../../lib/repro/runner.ts");
  const { boundVsGorpExperiment } = await import("../../lib/horizon/experiments.ts");
  const { records } = await runExperiment(boundVsGorpExperiment, { scale: "quick", showProgress: false });
  const rows = records.filter((r) => typeof r.task === "string");
  assert.equal(rows.length >= 8, true);
  let compared = 0;
  for (const r of rows) {
    if (typeof r.gorpH1 === "number" && typeof r.bound1 === "number") {
      assert.ok(r.gorpH1 <= r.bound1 + 1e-9, `${r.task}: empirical ${r.gorpH1} > bound ${r.bound1}`);
      compared++;
    }
    if (r.minK !== 1) {
      assert.equal(r.gorpH1, null, `${r.task}: not 1-QVI-solvable, GORP k = 1 cannot be optimal`);
    }
  }
  assert.ok(compared >= 5, `only ${compared} tasks compared`);
});
