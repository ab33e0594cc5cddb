import assert from "node:assert/strict";
import { assertEnv } from "../../lib/envs/check_env.ts";
import { LaserEnv } from "../../lib/laser/env.ts";
import { intensityReward, lossReward } from "../../lib/laser/controls.ts";
import { Rng } from "../../lib/core/rng.ts";

function rollout(env: LaserEnv, seed: number, steps: number): number[] {
  const rng = new Rng(seed + 1);
  const actions = new Float32Array(3 * env.numEnvs);
  const out: number[] = [...env.reset(seed)];
  for (let t = 0; t < steps; t++) {
    for (let k = 0; k < actions.length; k++) actions[k] = rng.uniformIn(-1, 1);
    const r = env.step(actions);
    out.push(...r.rewards, ...r.observations, ...r.terminated, ...r.truncated);
  }
  return out;
}

Deno.test("LaserEnv passes the VecEnv contract checks (both rewards)", () => {
  assertEnv(new LaserEnv({ numEnvs: 3 }), { steps: 120 });
  assertEnv(new LaserEnv({ numEnvs: 2, reward: "loss" }), { steps: 110 });
});

Deno.test("LaserEnv is deterministic for a seed, and copy 0 does not depend on the number of copies", () => {
  const a = rollout(new LaserEnv({ numEnvs: 2 }), 5, 60);
  const b = rollout(new LaserEnv({ numEnvs: 2 }), 5, 60);
  assert.deepEqual(a, b);
  assert.notDeepEqual(rollout(new LaserEnv({ numEnvs: 2 }), 6, 60), a);
  const one = new LaserEnv({ numEnvs: 1 });
  const four = new LaserEnv({ numEnvs: 4 });
  assert.deepEqual([...one.reset(9)], [...four.reset(9).subarray(0, 3)]);
});

Deno.test("LaserEnv dynamics: increments of 0.1·a clipped to the box, rewards from the pulse, 50-step episodes", () => {
  const env = new LaserEnv({ numEnvs: 1 });
  const obs0 = [...env.reset(3)];
  const r = env.step(new Float32Array([1, -1, 0.5]));
  const expected = obs0.map((x, j) => Math.min(1, Math.max(0, x + 0.1 * [1, -1, 0.5][j])));
  for (let j = 0; j < 3; j++) assert.ok(Math.abs(r.observations[j] - expected[j]) < 1e-6);
  assert.ok(Math.abs(r.rewards[0] - intensityReward(env.lastPeakRatio[0], env.lastFwhmPs[0])) < 1e-12);
  // Out-of-range actions are clipped to ±1.
  const before = [...env.step(new Float32Array(3)).observations];
  const after = env.step(new Float32Array([50, 0, 0])).observations;
  assert.ok(Math.abs(after[0] - Math.min(1, before[0] + 0.1)) < 1e-6);
  // Holding the matched setting (the reset centre) with zero actions never terminates: truncated at step 50.
  const hold = new LaserEnv({ numEnvs: 1, initVariance: 0 });
  hold.reset(0);
  for (let t = 1; t <= 50; t++) {
    const s = hold.step(new Float32Array(3));
    assert.equal(s.terminated[0], 0);
    assert.equal(s.truncated[0], t === 50 ? 1 : 0);
  }
  assert.deepEqual(hold.resetCentre.map((x) => Math.round(x * 1e6) / 1e6), [0.5, 0.5, 0.5]);
});

Deno.test("LaserEnv terminates long pulses with the −20 penalty (v2) and reports L1 distances (v1)", () => {
  const env = new LaserEnv({ numEnvs: 1, maxDurationPs: 5 });
  env.reset(0);
  // Drive GDD to the lower bound: the residual chirp stretches the pulse past 5 ps.
  let ended = false;
  for (let t = 0; t < 10 && !ended; t++) {
    const s = env.step(new Float32Array([-1, 0, 0]));
    if (s.terminated[0]) {
      ended = true;
      assert.ok(env.lastFwhmPs[0] >= 5);
      assert.ok(
        Math.abs(s.rewards[0] - (intensityReward(env.lastPeakRatio[0], env.lastFwhmPs[0]) - 20)) < 1e-9,
      );
    }
  }
  assert.ok(ended);
  const v1 = new LaserEnv({ numEnvs: 1, reward: "loss", initVariance: 0 });
  v1.reset(0);
  const s = v1.step(new Float32Array(3));
  assert.ok(v1.lastLoss[0] > 0 && v1.lastLoss[0] < 500);
  assert.ok(Math.abs(s.rewards[0] - lossReward(v1.lastLoss[0])) < 1e-12);
  assert.throws(() => new LaserEnv({ reward: "bogus" as "loss" }), RangeError);
  assert.throws(() => new LaserEnv({ actionBound: 0 }), RangeError);
});
