import assert from "node:assert/strict";
import { collect } from "../../lib/agents/mod.ts";
import { Rng } from "../../lib/core/rng.ts";
import { makeEnv } from "../../lib/envs/mod.ts";
import {
  concatDatasets,
  deinterleave,
  loadD4rlHdf5,
  makeLevelDatasets,
  normalizedScore,
  splitEpisodes,
  takeEpisodes,
  writeD4rlHdf5,
} from "../../lib/dual/datasets.ts";
import {
  imitationData,
  loadPendulumDataset,
  loadShippedDataset,
  pendulumReference,
  shippedReference,
} from "../../lib/dual/experiments.ts";

Deno.test("normalised score is D4RL's 100·(R − random)/(expert − random)", () => {
  assert.equal(normalizedScore(-700, { random: -1200, expert: -200 }), 50);
  assert.equal(normalizedScore(-1200, { random: -1200, expert: -200 }), 0);
  assert.throws(() => normalizedScore(0, { random: 1, expert: 1 }), /ref.expert/);
});

Deno.test("shipped Pendulum datasets load with D4RL columns, 50 episodes each, and ordered returns", () => {
  const ref = pendulumReference();
  assert.ok(ref.expert > ref.random + 500, JSON.stringify(ref));
  const returns: Record<string, number> = {};
  for (const level of ["random", "medium", "medium-replay", "expert"] as const) {
    const d = loadPendulumDataset(level);
    assert.equal(d.size, 10_000);
    assert.equal(d.obsSize, 3);
    assert.equal(splitEpisodes(d).length, 50);
    let total = 0;
    for (let i = 0; i < d.size; i++) total += d.rewards[i];
    returns[level] = total / 50;
  }
  assert.ok(
    returns.random < returns["medium-replay"] && returns["medium-replay"] < returns.medium,
    JSON.stringify(returns),
  );
  assert.ok(returns.medium < returns.expert, JSON.stringify(returns));
  assert.equal(loadPendulumDataset("medium-expert").size, 20_000);
  const { expert, suboptimal } = imitationData("random", 10);
  assert.equal(expert.size, 200);
  assert.equal(suboptimal.size, 12_000);
});

Deno.test("episodes, concatenation and a D4RL-layout HDF5 round trip through h5wasm", async () => {
  const d = takeEpisodes(loadPendulumDataset("expert"), 2, 3);
  assert.equal(d.size, 600);
  assert.equal(concatDatasets([d, d]).size, 1200);
  const dir = Deno.makeTempDirSync();
  try {
    await writeD4rlHdf5(`${dir}/pendulum.hdf5`, d);
    const back = await loadD4rlHdf5(`${dir}/pendulum.hdf5`, { actionLow: -2, actionHigh: 2 });
    assert.equal(back.size, d.size);
    assert.deepEqual(back.observations, d.observations);
    assert.deepEqual(back.actions, d.actions);
    assert.deepEqual(back.rewards, d.rewards);
    assert.deepEqual(back.next_observations, d.next_observations);
    assert.deepEqual(back.timeouts, d.timeouts);
    // Older D4RL files have no next_observations: rebuilt from the next row, episode ends dropped.
    await writeD4rlHdf5(`${dir}/old.hdf5`, d, { withNextObservations: false });
    const old = await loadD4rlHdf5(`${dir}/old.hdf5`);
    assert.equal(old.size, d.size - 3);
    assert.deepEqual(old.next_observations.subarray(0, 3), d.next_observations.subarray(0, 3));
    await assert.rejects(() => loadD4rlHdf5(`${dir}/missing.hdf5`));
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

// MountainCarContinuous-v0: goal at position ≥ 0.45 (with velocity ≥ 0), time limit 999 steps.
const GOAL = 0.45;

Deno.test("shipped MountainCarContinuous datasets: D4RL columns, whole episodes, terminals only at the goal", () => {
  const ref = shippedReference("mountaincar");
  const returns: Record<string, number> = {};
  for (const level of ["random", "medium", "medium-replay", "expert"] as const) {
    const d = loadShippedDataset("mountaincar", level);
    assert.equal(d.meta?.env, "MountainCarContinuous-v0");
    assert.equal(d.meta?.level, level);
    assert.deepEqual([d.meta?.ref_random, d.meta?.ref_expert], [ref.random, ref.expert]);
    assert.equal(d.obsSize, 2);
    assert.deepEqual(d.action, { kind: "box", size: 1, low: [-1], high: [1] });
    assert.ok(d.size >= 10_000 && d.size < 25_000, `${level}: ${d.size} transitions`);
    const eps = splitEpisodes(d);
    let total = 0;
    for (const [s, e] of eps) {
      // Every episode is whole: it ends in a terminal or a timeout and has neither before its last row.
      assert.ok(d.terminals[e - 1] + d.timeouts[e - 1] === 1, `${level}: episode [${s}, ${e}) is cut`);
      if (d.timeouts[e - 1]) assert.equal(e - s, 999);
      for (let i = s; i < e; i++) {
        total += d.rewards[i];
        const x = d.next_observations[2 * i], v = d.next_observations[2 * i + 1];
        // The terminal flag is set exactly when the car reaches the goal, which gives the +100.
        assert.equal(d.terminals[i] === 1, x >= GOAL && v >= 0, `${level} row ${i}: x' = ${x}`);
        assert.equal(d.rewards[i] > 50, d.terminals[i] === 1);
        if (i + 1 < e) {
          assert.deepEqual(
            d.observations.subarray(2 * i + 2, 2 * i + 4),
            d.next_observations.subarray(2 * i, 2 * i + 2),
          );
        }
      }
    }
    returns[level] = total / eps.length;
  }
  assert.ok(returns.random < returns.medium && returns.medium < returns.expert, JSON.stringify(returns));
  assert.ok(ref.expert >= 80, `expert reference ${ref.expert}`);
  assert.ok(normalizedScore(returns.expert, ref) > 90, JSON.stringify(returns));
  // Medium is a snapshot part-way between "do nothing" and solving, not a second expert.
  const medium = normalizedScore(returns.medium, ref);
  assert.ok(medium > 15 && medium < 75, `medium normalised score ${medium}`);
  assert.equal(
    loadShippedDataset("mountaincar", "medium-expert").size,
    loadShippedDataset("mountaincar", "medium").size + loadShippedDataset("mountaincar", "expert").size,
  );
});

Deno.test("MountainCar reference returns match fresh rollouts within noise", () => {
  const ref = shippedReference("mountaincar");
  // Uniform actions, new seed: 50 episodes, which all time out (−0.1·E[a²] = −1/30 per step over 999 steps).
  const fresh = collect(
    makeEnv("MountainCarContinuous-v0", { numEnvs: 10 }),
    "random",
    50 * 999,
    new Rng(12345),
  );
  const random = splitEpisodes(fresh).map(([s, e]) =>
    fresh.rewards.subarray(s, e).reduce((a, r) => a + r, 0)
  );
  assert.equal(random.length, 50);
  const mr = random.reduce((a, r) => a + r, 0) / random.length;
  assert.ok(Math.abs(mr - ref.random) < 1, `fresh random ${mr} vs reference ${ref.random}`);
  // The expert policy is not shipped; its dataset's episodes are rollouts independent of the reference's.
  const expert = loadShippedDataset("mountaincar", "expert");
  const eps = splitEpisodes(expert).map(([s, e]) => expert.rewards.subarray(s, e).reduce((a, r) => a + r, 0));
  const me = eps.reduce((a, r) => a + r, 0) / eps.length;
  assert.ok(Math.abs(me - ref.expert) < 3, `expert data ${me} vs reference ${ref.expert}`);
});

Deno.test("deinterleave keeps whole episodes of a terminating env; makeLevelDatasets checks its options", async () => {
  const raw = collect(makeEnv("MountainCarContinuous-v0", { numEnvs: 2 }), "random", 3000, new Rng(0));
  assert.equal(splitEpisodes(deinterleave(raw, 2)).length, 3); // a cut tail is joined to the next copy's episode
  const whole = deinterleave(raw, 2, { wholeEpisodes: true });
  assert.equal(whole.size, 1998);
  assert.deepEqual(whole.meta?.copy_episodes, [1, 1]);
  assert.deepEqual(splitEpisodes(whole), [[0, 999], [999, 1998]]);
  await assert.rejects(() => makeLevelDatasets({ envId: "MountainCarContinuous-v0", agent: "ppo" }), /ppo/);
  await assert.rejects(() => makeLevelDatasets({ size: 3000 }), /multiple of 2000/);
  // deno-lint-ignore no-explicit-any -- an id outside the type, as from untyped callers
  await assert.rejects(() => makeLevelDatasets({ envId: "CartPole-v1" as any }), /envId/);
});
