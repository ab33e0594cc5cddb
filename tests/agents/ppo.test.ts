import assert from "node:assert/strict";
import { Rng } from "../../lib/core/rng.ts";
import { makeEnv } from "../../lib/envs/mod.ts";
import { setBackend, tf } from "../../lib/tensor/backend.ts";
import { collect, evaluatePolicy, PPO_CARTPOLE_TUNED, trainBc, trainPpo } from "../../lib/agents/mod.ts";
import type { Policy } from "../../lib/agents/mod.ts";

const RANDOM_CARTPOLE = 22; // mean return of uniformly random actions on CartPole-v1 (≈ 22)
const solved: Policy[] = [];

for (const seed of [0, 1, 2]) {
  Deno.test(`PPO solves CartPole-v1 (greedy eval ≥ 475) within 100k steps, seed ${seed}; no tensor leak`, async () => {
    await setBackend("wasm", { respectEnv: false });
    const counts: number[] = [];
    const before = tf.memory().numTensors;
    const result = await trainPpo(makeEnv("CartPole-v1", { numEnvs: 8 }), {
      ...PPO_CARTPOLE_TUNED,
      totalSteps: 100_000,
    }, {
      seed,
      evalEnv: makeEnv("CartPole-v1", { numEnvs: 10 }),
      evalEvery: 5000,
      targetReturn: 475,
      onProgress: () => counts.push(tf.memory().numTensors),
    });
    assert.equal(tf.memory().numTensors, before, "training freed every tensor it made");
    // Tensors alive between updates: after 10 updates the same as after the last (≥ 50 updates when unsolved early).
    assert.ok(counts.length >= 20, `${counts.length} updates`);
    assert.equal(counts[counts.length - 1], counts[9]);
    assert.ok(
      result.solvedAt !== null && result.solvedAt <= 100_000,
      `seed ${seed}: not solved (${result.stopped})`,
    );
    const evalReturns = result.records.flatMap((r) =>
      typeof r.eval_return === "number" ? [r.eval_return] : []
    );
    assert.ok(evalReturns.at(-1)! >= 475 && evalReturns.at(-1)! > 10 * RANDOM_CARTPOLE);
    console.log(`PPO CartPole seed ${seed}: solved at ${result.solvedAt} env steps`);
    solved.push(result.policy);
  });
}

Deno.test("BC on 20k transitions of a solved PPO policy recovers ≥ 90% of its return (3 seeds)", async () => {
  assert.ok(solved.length > 0, "needs a PPO policy from the tests above");
  const expert = solved[0];
  const env = makeEnv("CartPole-v1", { numEnvs: 10 });
  const expertReturn = evaluatePolicy(env, expert, { episodes: 20, seed: 7 }).mean;
  const data = collect(makeEnv("CartPole-v1", { numEnvs: 4 }), expert, 20_000, new Rng(3), {
    deterministic: true,
  });
  for (const seed of [0, 1, 2]) {
    const { policy } = await trainBc(data, { gradientSteps: 1500 }, { seed });
    const bc = evaluatePolicy(env, policy, { episodes: 20, seed: 7 }).mean;
    console.log(`BC seed ${seed}: ${bc} vs expert ${expertReturn}`);
    assert.ok(bc >= 0.9 * expertReturn, `seed ${seed}: BC ${bc} < 90% of ${expertReturn}`);
  }
});

Deno.test("PPO: the same seed gives identical records; another seed does not", async () => {
  await setBackend("wasm", { respectEnv: false });
  const run = (seed: number) =>
    trainPpo(makeEnv("CartPole-v1", { numEnvs: 4 }), { totalSteps: 1024, numSteps: 128 }, { seed });
  const a = await run(5);
  const b = await run(5);
  const c = await run(6);
  assert.deepEqual(a.records, b.records);
  assert.notDeepEqual(a.records.map((r) => r.pg_loss), c.records.map((r) => r.pg_loss));
  // A stream passed as `rng` replaces `new Rng(seed)`.
  const viaRng = await trainPpo(makeEnv("CartPole-v1", { numEnvs: 4 }), { totalSteps: 1024, numSteps: 128 }, {
    seed: 5,
    rng: new Rng(5),
  });
  assert.deepEqual(viaRng.records, a.records);
  assert.ok(a.records.some((r) => typeof r.pg_loss === "number" && typeof r.approx_kl === "number"));
});

Deno.test("PPO: abort signal stops training and returns the policy so far", async () => {
  const ctrl = new AbortController();
  const result = await trainPpo(
    makeEnv("CartPole-v1", { numEnvs: 4 }),
    { totalSteps: 100_000, numSteps: 64 },
    {
      signal: ctrl.signal,
      onProgress: ({ done }) => {
        if (done >= 512) ctrl.abort();
      },
    },
  );
  assert.equal(result.stopped, "aborted");
  assert.equal(result.steps, 512);
  assert.equal(result.policy.kind, "categorical");
});
