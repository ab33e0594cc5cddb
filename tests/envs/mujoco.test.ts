import assert from "node:assert/strict";
import { assertEnv } from "../../lib/envs/check_env.ts";
import { compileMjcf, loadMujoco } from "../../lib/envs/mujoco/loader.ts";
import { halfCheetah, halfCheetahXml } from "../../lib/envs/mujoco/half_cheetah.ts";
import { hopper, hopperXml } from "../../lib/envs/mujoco/hopper.ts";
import { walker2d, walker2dXml } from "../../lib/envs/mujoco/walker2d.ts";
import { makeMujocoEnv, MUJOCO_IDS } from "../../lib/envs/mujoco/make_mujoco_env.ts";
import type { MujocoId } from "../../lib/envs/mujoco/make_mujoco_env.ts";
import type { MujocoLocomotionEnv } from "../../lib/envs/mujoco/locomotion.ts";
import { Rng } from "../../lib/core/rng.ts";

/** Run `body` on a fresh env and always free its wasm memory. */
async function withEnv(
  id: MujocoId,
  opts: Parameters<typeof makeMujocoEnv>[1],
  body: (env: MujocoLocomotionEnv) => void,
): Promise<void> {
  const env = await makeMujocoEnv(id, opts);
  try {
    body(env);
  } finally {
    env.close();
  }
}

function randomActions(rng: Rng, out: Float32Array): Float32Array {
  for (let k = 0; k < out.length; k++) out[k] = rng.uniformIn(-1, 1);
  return out;
}

const DIMS: Record<MujocoId, { obs: number; act: number; dt: number; nq: number }> = {
  "Hopper-v4": { obs: 11, act: 3, dt: 0.008, nq: 6 },
  "Walker2d-v4": { obs: 17, act: 6, dt: 0.008, nq: 9 },
  "HalfCheetah-v4": { obs: 17, act: 6, dt: 0.05, nq: 9 },
};

Deno.test("MuJoCo envs: dimensions, action bounds, dt = timestep × frameSkip, time limit 1000", async () => {
  for (const id of MUJOCO_IDS) {
    await withEnv(id, { numEnvs: 2 }, (env) => {
      const want = DIMS[id];
      assert.equal(env.id, id);
      assert.equal(env.observationSpace.size, want.obs, id);
      assert.equal(env.actionSpace.size, want.act, id);
      assert.deepEqual(Array.from(env.actionSpace.low), new Array(want.act).fill(-1));
      assert.deepEqual(Array.from(env.actionSpace.high), new Array(want.act).fill(1));
      assert.equal(env.model.nq, want.nq);
      assert.equal(env.model.opt.timestep * env.frameSkip, env.dt);
      assert.equal(env.dt, want.dt, id);
      assert.equal(env.frameSkip, id === "HalfCheetah-v4" ? 5 : 4);
      assert.equal(env.maxEpisodeSteps, 1000);
      assert.equal(env.reset(0).length, 2 * want.obs);
    });
  }
});

Deno.test("MuJoCo envs: generated models weigh what Gymnasium's models weigh", async () => {
  // mj_getTotalmass of Gymnasium's own assets/{hopper,walker2d,half_cheetah}.xml (Farama-Foundation/Gymnasium at
  // 3f0476a8c, the files Hopper-v4/Walker2d-v4/HalfCheetah-v4 load), compiled with mujoco-js 0.0.7 (MuJoCo 3.3.8) in
  // a scratch script. The scratch script also found every compiled array (masses, inertias, geom frames, joints,
  // gears, solver settings, options) equal between their XML and ours.
  const expected = {
    hopper: [hopperXml(), 15.820013405927003],
    walker2d: [walker2dXml(), 23.677136632555076],
    halfCheetah: [halfCheetahXml(), 14.000000000000002], // settotalmass="14"
  } as const;
  const mujoco = await loadMujoco();
  for (const [name, [xml, mass]] of Object.entries(expected)) {
    const model = compileMjcf(mujoco, xml);
    try {
      assert.ok(
        Math.abs(mujoco.mj_getTotalmass(model) - mass) < 1e-12,
        `${name}: ${mujoco.mj_getTotalmass(model)}`,
      );
    } finally {
      model.delete();
    }
  }
});

Deno.test("MuJoCo envs: rollouts from a fixed state equal Gymnasium's XML rolled out with the same actions", async () => {
  // Reference numbers: a scratch script loaded Gymnasium's own XML assets (Gymnasium 3f0476a8c) into mujoco-js 0.0.7,
  // set qpos = qpos0 + 0.01·((k mod 3) − 1), qvel = 0.025·((k mod 5) − 2), and applied action(t, j) below for
  // frameSkip mj_steps per env step; these are its qpos after 20 and 200 env steps. Our env matched it exactly (max
  // |Δqpos| = 0 over all 200 steps of all three tasks).
  const action = (t: number, j: number) => Math.fround(((t * 7 + j * 3) % 11) / 5 - 1);
  const reference: Record<MujocoId, Record<number, number[]>> = {
    "Hopper-v4": {
      20: [
        -0.03552134133859291,
        1.2014765164845578,
        -0.05432847123193479,
        -0.04300246422237363,
        -0.04416255185859212,
        0.04509548601506486,
      ],
      200: [
        -0.33943888748900386,
        0.1805438565445446,
        -2.1271921384200625,
        -0.2058670265310399,
        -2.6193420987089837,
        0.6999490192138671,
      ],
    },
    "Walker2d-v4": {
      20: [
        -0.09352126426936606,
        1.1797015052328004,
        -0.4992170748393797,
        -0.3737442673064995,
        -0.3644785471051425,
        0.4897374298429759,
        -0.49447869009112244,
        -0.052191975172946596,
        0.41809725943205045,
      ],
      200: [
        0.21295303225736817,
        0.31365660899914327,
        -2.770066904168899,
        -2.6387980095967225,
        -2.123758783601783,
        0.4301416461237474,
        -2.1871423738650217,
        -2.379645127420928,
        0.7068247051169065,
      ],
    },
    "HalfCheetah-v4": {
      20: [
        -0.04455185818811565,
        -0.16673770187909548,
        0.03478033146865482,
        -0.15827950412065836,
        0.2509101719407807,
        -0.022749630336517668,
        0.33066272708105443,
        -0.39502224464225477,
        -0.09113733974488214,
      ],
      200: [
        -3.384270649099606,
        -0.014274176402691817,
        0.019299345053470692,
        -0.1672445851184896,
        0.26095630021863647,
        -0.28589315236729385,
        0.1556681484241626,
        -0.0772831271323801,
        -0.181698680547893,
      ],
    },
  };
  for (const id of MUJOCO_IDS) {
    // no termination and no time limit in the way: the reference is raw physics
    await withEnv(id, { terminateWhenUnhealthy: false, maxEpisodeSteps: Infinity }, (env) => {
      env.reset(0);
      const q0 = Array.from(env.model.qpos0 as Float64Array, (x, k) => x + 0.01 * ((k % 3) - 1));
      const v0 = Array.from({ length: env.model.nv }, (_, k) => 0.025 * ((k % 5) - 2));
      env.setState(0, q0, v0);
      const a = new Float32Array(env.actionSpace.size);
      for (let t = 0; t < 200; t++) {
        for (let j = 0; j < a.length; j++) a[j] = action(t, j);
        env.step(a);
        if (t + 1 === 20 || t + 1 === 200) {
          const { qpos } = env.getState(0);
          const want = reference[id][t + 1];
          for (let k = 0; k < qpos.length; k++) {
            assert.ok(
              Math.abs(qpos[k] - want[k]) < 1e-9,
              `${id}, step ${t + 1}, qpos[${k}]: ${qpos[k]} vs ${want[k]}`,
            );
          }
        }
      }
    });
  }
});

Deno.test("MuJoCo envs: reward = forward + healthy − ctrl cost from qpos before/after; observation layout", async () => {
  for (const id of MUJOCO_IDS) {
    await withEnv(id, { numEnvs: 2 }, (env) => {
      env.reset(3);
      const act = env.actionSpace.size, d = env.observationSpace.size;
      const actions = new Float32Array(2 * act);
      for (let k = 0; k < actions.length; k++) actions[k] = ((k % 5) - 2) * 0.7; // ±1.4 get clipped to ±1
      const rng = new Rng(1);
      for (let t = 0; t < 5; t++) {
        const before = [0, 1].map((i) => env.getState(i).qpos[0]);
        const r = env.step(actions);
        for (let i = 0; i < 2; i++) {
          const { qpos, qvel } = env.getState(i);
          if (r.terminated[i]) continue; // (not expected in 5 steps)
          let squares = 0;
          for (let j = 0; j < act; j++) squares += Math.min(1, Math.max(-1, actions[i * act + j])) ** 2;
          const forward = (qpos[0] - before[i]) / env.dt;
          const healthy = id === "HalfCheetah-v4" ? 0 : 1;
          const ctrl = (id === "HalfCheetah-v4" ? 0.1 : 1e-3) * squares;
          assert.ok(Math.abs(r.rewards[i] - (forward + healthy - ctrl)) < 1e-12, `${id} copy ${i} step ${t}`);
          assert.ok(Math.abs(env.info.xVelocity[i] - forward) < 1e-12);
          assert.equal(env.info.xPosition[i], qpos[0]);
          assert.ok(Math.abs(env.info.ctrlCost[i] - ctrl) < 1e-15);
          // observation: qpos[1:], then qvel (clipped to ±10 for Hopper/Walker2d), as float32
          const clip = id === "HalfCheetah-v4" ? Infinity : 10;
          const want = [...qpos.slice(1), ...Array.from(qvel, (v) => Math.min(clip, Math.max(-clip, v)))];
          assert.deepEqual(Array.from(r.observations.subarray(i * d, (i + 1) * d)), want.map(Math.fround));
        }
        randomActions(rng, actions);
      }
    });
  }
});

Deno.test("Hopper-v4: with zero torques it falls and terminates before the time limit, then auto-resets", async () => {
  await withEnv("Hopper-v4", {}, (env) => {
    env.reset(0);
    const zero = new Float32Array(3);
    let ended = -1;
    for (let t = 0; t < 1000 && ended < 0; t++) {
      const r = env.step(zero);
      assert.equal(r.truncated[0], 0);
      if (r.terminated[0]) ended = t;
    }
    assert.ok(ended > 0 && ended < 999, `terminated at step ${ended}`);
    const r = env.step(zero); // a fresh episode is under way
    assert.equal(r.terminated[0], 0);
  });
  // the terminal step still pays the healthy reward (terminate_when_unhealthy), its final observation is unhealthy
  // (z ≤ 0.7 or |angle| ≥ 0.2), and the observation after it is a fresh start near the initial pose
  await withEnv("Hopper-v4", {}, (env) => {
    env.reset(1);
    const zero = new Float32Array(3);
    for (let t = 0; t < 1000; t++) {
      const before = env.getState(0).qpos[0];
      const r = env.step(zero);
      if (!r.terminated[0]) continue;
      const [z, angle] = r.finalObservations;
      assert.ok(z <= 0.7 || Math.abs(angle) >= 0.2, `z ${z}, angle ${angle}`);
      assert.ok(Math.abs(r.rewards[0] - ((env.info.xPosition[0] - before) / env.dt + 1)) < 1e-12);
      assert.ok(Math.abs(r.observations[0] - 1.25) <= 0.005 && Math.abs(r.observations[1]) <= 0.005);
      return;
    }
    assert.fail("Hopper with zero torques never terminated");
  });
});

Deno.test("HalfCheetah-v4 never terminates and is truncated exactly at step 1000", async () => {
  await withEnv("HalfCheetah-v4", { numEnvs: 2 }, (env) => {
    env.reset(0);
    const rng = new Rng(5);
    const actions = new Float32Array(12);
    for (let t = 1; t <= 1000; t++) {
      const r = env.step(randomActions(rng, actions));
      for (let i = 0; i < 2; i++) {
        assert.equal(r.terminated[i], 0);
        assert.equal(r.truncated[i], t === 1000 ? 1 : 0, `step ${t}`);
      }
    }
  });
});

Deno.test("MuJoCo envs: same seed, same trajectory; another seed differs; copy 0 does not depend on numEnvs", async () => {
  for (const id of MUJOCO_IDS) {
    const run = async (seed: number, numEnvs: number): Promise<number[]> => {
      const out: number[] = [];
      await withEnv(id, { numEnvs }, (env) => {
        const rng = new Rng(11);
        const d = env.observationSpace.size, a = env.actionSpace.size;
        const actions = new Float32Array(numEnvs * a);
        out.push(...env.reset(seed).subarray(0, d));
        for (let t = 0; t < 60; t++) {
          for (let j = 0; j < a; j++) actions[j] = rng.uniformIn(-1, 1); // copy 0's actions
          const r = env.step(actions);
          out.push(...r.observations.subarray(0, d), r.rewards[0], r.terminated[0]);
        }
      });
      return out;
    };
    const a = await run(7, 1), b = await run(7, 1), c = await run(8, 1), wide = await run(7, 3);
    assert.deepEqual(a, b, id);
    assert.notDeepEqual(a, c, id);
    assert.deepEqual(a, wide, id);
  }
});

Deno.test("MuJoCo envs pass the env checker", async () => {
  await withEnv("Hopper-v4", { numEnvs: 2 }, (env) => assertEnv(env));
  await withEnv("Walker2d-v4", { numEnvs: 2 }, (env) => assertEnv(env));
  // HalfCheetah only truncates: a short limit exercises auto-reset
  await withEnv(
    "HalfCheetah-v4",
    { numEnvs: 2, maxEpisodeSteps: 50 },
    (env) => assertEnv(env, { steps: 120 }),
  );
});

Deno.test("MuJoCo envs: bad arguments throw errors naming them", async () => {
  await assert.rejects(() => makeMujocoEnv("Ant-v4" as MujocoId), /id must be one of "Hopper-v4"/);
  await assert.rejects(() => hopper({ numEnvs: 0 }), /numEnvs must be an integer >= 1, got 0/);
  await assert.rejects(
    () => walker2d({ ctrlCostWeight: -1 }),
    /ctrlCostWeight must be in \[0, inf\), got -1/,
  );
  await assert.rejects(() => halfCheetah({ maxEpisodeSteps: 1.5 }), /maxEpisodeSteps must be an integer/);
  const mujoco = await loadMujoco();
  assert.throws(() => compileMjcf(mujoco, "<mujoco><bogus/></mujoco>"), /xml is not an MJCF model/);
  const env = await hopper();
  assert.throws(() => env.step(new Float32Array(2)), /actions must have length 3/);
  assert.throws(() => env.setState(0, [0, 1.25, 0], [0, 0, 0, 0, 0, 0]), /qpos must have length 6/);
  assert.throws(
    () => env.setState(1, [0, 1.25, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0]),
    /i must be an integer in \[0, 0\]/,
  );
  env.close();
  assert.throws(() => env.reset(0), /closed/);
});
