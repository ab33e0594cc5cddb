import assert from "node:assert/strict";
import { minigridEmpty, toTabularMdp } from "../../lib/envs/minigrid.ts";
import { sqirl, sqirlAction } from "../../lib/horizon/sqirl.ts";
import { stickyAnalysis } from "../../lib/horizon/sticky.ts";
import { setBackend, tf } from "../../lib/tensor/backend.ts";

const opts = { size: 5, sticky: 0.25, reward: "bridge" as const, obs: "onehot" as const, maxSteps: 20 };
// Exact optimal and random returns of the sticky-action (p = 0.25) MDP from the tabular analysis.
const exact = stickyAnalysis(toTabularMdp(minigridEmpty({ ...opts, sticky: 0 })), { p: 0.25 });

for (const [k, seed] of [[1, 0], [1, 1], [1, 2], [2, 0]]) {
  Deno.test(`SQIRL (k = ${k}, m = 64) solves sticky MiniGrid-Empty-5x5 (T = 20), seed ${seed}`, async () => {
    await setBackend("wasm", { respectEnv: false });
    const before = tf.memory().numTensors;
    const env = minigridEmpty({ ...opts, numEnvs: 8 });
    const result = await sqirl(env, { k, m: 64, epochs: 20 }, { seed });
    assert.equal(tf.memory().numTensors, before);
    assert.equal(result.policies.length, 20);
    assert.ok(
      exact.optimalReturn > 0.99 && exact.randomReturn < 0.2,
      `${exact.optimalReturn} ${exact.randomReturn}`,
    );
    assert.ok(
      result.finalReturn >= 0.9 * exact.optimalReturn,
      `SQIRL ${result.finalReturn} vs optimal ${exact.optimalReturn} (random ${exact.randomReturn})`,
    );
    assert.ok(result.records.every((r) => r.step >= 0 && r.transitions >= 0));
  });
}

Deno.test("SQIRL: the same seed gives the same policy and return; horizon must match the env's limit", async () => {
  const env = () => minigridEmpty({ ...opts, maxSteps: 8, numEnvs: 2 });
  const a = await sqirl(env(), { k: 2, m: 8, evalEpisodes: 10 }, { seed: 3 });
  const b = await sqirl(env(), { k: 2, m: 8, evalEpisodes: 10 }, { seed: 3 });
  assert.deepEqual(a.records, b.records);
  assert.equal(a.finalReturn, b.finalReturn);
  const obs = env().reset(0).subarray(0, env().observationSpace.size);
  assert.equal(sqirlAction(a, 0, obs), sqirlAction(b, 0, obs));
  await assert.rejects(() => sqirl(env(), { k: 1, m: 4, horizon: 5 }), /must equal the env's episode limit/);
});
