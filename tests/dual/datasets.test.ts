import assert from "node:assert/strict";
import {
  concatDatasets,
  loadD4rlHdf5,
  normalizedScore,
  splitEpisodes,
  takeEpisodes,
  writeD4rlHdf5,
} from "../../lib/dual/datasets.ts";
import { imitationData, loadPendulumDataset, pendulumReference } from "../../lib/dual/experiments.ts";

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
