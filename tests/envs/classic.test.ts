import assert from "node:assert/strict";
import { acrobot } from "../../lib/envs/acrobot.ts";
import { CLASSIC_CONTROL_IDS, makeEnv } from "../../lib/envs/make_env.ts";
import { mountainCar, mountainCarContinuous } from "../../lib/envs/mountain_car.ts";
import { cartPole, CARTPOLE_DEFAULT, THETA_THRESHOLD } from "../../lib/envs/cartpole.ts";
import { angleNormalize, pendulum, PENDULUM_DEFAULT } from "../../lib/envs/pendulum.ts";
import { assertEnv, checkEnv } from "../../lib/envs/check_env.ts";
import { minigridEmpty } from "../../lib/envs/minigrid.ts";
import { Rng } from "../../lib/core/rng.ts";
import { episodeTracker } from "../../lib/core/env.ts";

Deno.test("the env checker passes CartPole, Pendulum and a MiniGrid env with 1 and 7 copies", () => {
  for (const numEnvs of [1, 7]) {
    assertEnv(cartPole({ numEnvs }));
    assertEnv(pendulum({ numEnvs }), { steps: 450 });
    assertEnv(minigridEmpty({ numEnvs, obs: "onehot" }), { steps: 400 });
  }
});

Deno.test("the env checker reports a broken env", () => {
  const env = cartPole({ numEnvs: 2 });
  const broken = {
    numEnvs: 2,
    observationSpace: env.observationSpace,
    actionSpace: env.actionSpace,
    maxEpisodeSteps: 500,
    reset: (seed: number) => env.reset(seed),
    step: (a: Int32Array) => {
      const r = env.step(a);
      r.rewards[0] = NaN;
      return r;
    },
  };
  const { ok, problems } = checkEnv(broken, { steps: 5 });
  assert.equal(ok, false);
  assert.ok(problems.some((p) => p.includes("is not finite")));
});

Deno.test("CartPole: one step from a fixed state equals Gymnasium's equations to 1e-12", () => {
  const env = cartPole({ numEnvs: 2 });
  env.reset(0);
  const s0 = [0.01, -0.2, 0.03, 0.4];
  env.setState(0, s0);
  env.setState(1, s0);
  env.step(new Int32Array([1, 0]));
  // written out by hand from Gymnasium's CartPoleEnv.step (gravity 9.8, masscart 1, masspole 0.1, length 0.5,
  // force_mag 10, tau 0.02, Euler):
  for (const [copy, force] of [[0, 10], [1, -10]] as const) {
    const [x, xd, th, thd] = s0;
    const total = 1.1, pml = 0.05;
    const temp = (force + pml * thd * thd * Math.sin(th)) / total;
    const thacc = (9.8 * Math.sin(th) - Math.cos(th) * temp) /
      (0.5 * (4 / 3 - (0.1 * Math.cos(th) ** 2) / total));
    const xacc = temp - (pml * thacc * Math.cos(th)) / total;
    const expected = [x + 0.02 * xd, xd + 0.02 * xacc, th + 0.02 * thd, thd + 0.02 * thacc];
    for (let d = 0; d < 4; d++) assert.ok(Math.abs(env.state[4 * copy + d] - expected[d]) < 1e-12);
  }
});

Deno.test("Pendulum: one step from a fixed state equals Gymnasium's equations to 1e-12", () => {
  const env = pendulum({ numEnvs: 1 });
  env.reset(0);
  env.setState(0, [3.5, -1.5]); // θ beyond π: the cost uses the wrapped angle 3.5 − 2π
  const r = env.step(new Float32Array([3])); // clipped to 2
  const u = 2, th = 3.5, thd = -1.5;
  const cost = (th - 2 * Math.PI) ** 2 + 0.1 * thd * thd + 0.001 * u * u;
  const newThd = thd + (3 * 10 / 2 * Math.sin(th) + 3 * u) * 0.05;
  assert.ok(Math.abs(r.rewards[0] + cost) < 1e-12);
  assert.ok(Math.abs(env.state[1] - newThd) < 1e-12);
  assert.ok(Math.abs(env.state[0] - (th + newThd * 0.05)) < 1e-12);
  assert.ok(Math.abs(r.observations[0] - Math.cos(th + newThd * 0.05)) < 1e-6);
  assert.equal(angleNormalize(-Math.PI), -Math.PI);
  assert.ok(Math.abs(angleNormalize(3 * Math.PI / 2) + Math.PI / 2) < 1e-15);
});

Deno.test("contexts change the dynamics as physics says", () => {
  // a longer pole falls more slowly from the same tilt
  const env = cartPole({ numEnvs: 2, contexts: [CARTPOLE_DEFAULT, { ...CARTPOLE_DEFAULT, length: 2 }] });
  env.reset(0);
  env.setState(0, [0, 0, 0.1, 0]);
  env.setState(1, [0, 0, 0.1, 0]);
  const push = new Int32Array([0, 0]);
  for (let t = 0; t < 5; t++) env.step(push);
  assert.ok(env.state[3] > env.state[7] && env.state[7] > 0, "θ̇: short pole falls faster");
  // a heavier pendulum accelerates less under the same torque (gravity off)
  const p = pendulum({
    numEnvs: 2,
    contexts: [{ ...PENDULUM_DEFAULT, g: 0 }, { ...PENDULUM_DEFAULT, g: 0, m: 4 }],
  });
  p.reset(0);
  p.setState(0, [0, 0]);
  p.setState(1, [0, 0]);
  p.step(new Float32Array([1, 1]));
  assert.ok(Math.abs(p.state[1] - 4 * p.state[3]) < 1e-12, "θ̇ scales with 1/m");
  assert.throws(
    () => cartPole({ contexts: { ...CARTPOLE_DEFAULT, masspole: -1 } }),
    /contexts\[0\]\.masspole must be in \(0, inf\)/,
  );
});

Deno.test("CartPole: truncation at the time limit, termination at 12 degrees, random policy returns about 22", () => {
  const env = cartPole({ numEnvs: 1, maxEpisodeSteps: 3 });
  env.reset(1);
  env.setState(0, [0, 0, 0, 0]);
  const a = new Int32Array([0]);
  env.step(a);
  env.step(a);
  const r = env.step(a);
  assert.equal(r.truncated[0], 1);
  assert.equal(r.terminated[0], 0);
  env.setState(0, [0, 0, THETA_THRESHOLD - 1e-6, 1]);
  assert.equal(env.step(a).terminated[0], 1);

  const many = cartPole({ numEnvs: 64 });
  many.reset(3);
  const rng = new Rng(3), acts = new Int32Array(64), tracker = episodeTracker(64), returns: number[] = [];
  while (returns.length < 2000) {
    for (let i = 0; i < 64; i++) acts[i] = rng.integer(2);
    for (const e of tracker.record(many.step(acts))) returns.push(e.return);
  }
  const mean = returns.reduce((s, x) => s + x, 0) / returns.length;
  assert.ok(mean > 19 && mean < 25, `mean random return ${mean}`); // Gymnasium's random CartPole: ≈ 22
});

Deno.test("seeded resets are deterministic per copy; bad arguments throw named errors", () => {
  const a = cartPole({ numEnvs: 3 }), b = cartPole({ numEnvs: 3 });
  assert.deepEqual([...a.reset(5)], [...b.reset(5)]);
  assert.notDeepEqual([...a.reset(5)], [...a.reset(6)]);
  assert.throws(() => cartPole({ numEnvs: 0 }), /numEnvs must be an integer >= 1, got 0/);
  assert.throws(() => a.step(new Int32Array([0, 1, 2])), RangeError);
  assert.throws(
    () => pendulum({ contexts: [PENDULUM_DEFAULT, PENDULUM_DEFAULT] }),
    /contexts must have length 1/,
  );
});

Deno.test("every classic-control env passes the checker through makeEnv; unknown ids are named", () => {
  for (const id of CLASSIC_CONTROL_IDS) {
    for (const numEnvs of [1, 7]) assertEnv(makeEnv(id, { numEnvs, maxEpisodeSteps: 60 }), { steps: 150 });
  }
  assert.throws(() => makeEnv("Hopper-v5" as never), /id must be one of "CartPole-v1", .*got "Hopper-v5"/);
});

Deno.test("MountainCar: one step by hand, the left wall stops the car, the goal terminates", () => {
  const env = mountainCar({ numEnvs: 1 });
  env.reset(0);
  env.setState(0, [-0.5, 0.01]);
  env.step(new Int32Array([2]));
  const v = 0.01 + 0.001 - 0.0025 * Math.cos(3 * -0.5);
  assert.ok(Math.abs(env.state[1] - v) < 1e-15 && Math.abs(env.state[0] - (-0.5 + v)) < 1e-15);
  env.setState(0, [-1.19, -0.05]);
  env.step(new Int32Array([0]));
  assert.deepEqual([env.state[0], env.state[1]], [-1.2, 0]);
  env.setState(0, [0.49, 0.02]);
  const r = env.step(new Int32Array([1]));
  assert.equal(r.terminated[0], 1);
  assert.equal(r.rewards[0], -1);
  const c = mountainCarContinuous();
  c.reset(0);
  c.setState(0, [0.44, 0.02]);
  const rc = c.step(new Float32Array([2])); // force clipped to 1; the reward uses the action as given
  assert.equal(rc.terminated[0], 1);
  assert.ok(Math.abs(rc.rewards[0] - (100 - 0.1 * 4)) < 1e-12);
});

Deno.test("Acrobot: rest stays at rest; one RK4 step agrees with fine Euler integration of the same dynamics", () => {
  const env = acrobot({ numEnvs: 2 });
  env.reset(0);
  env.setState(0, [0, 0, 0, 0]);
  env.setState(1, [0.3, -0.2, 0.5, -1]);
  env.step(new Int32Array([1, 2]));
  for (let d = 0; d < 4; d++) assert.ok(Math.abs(env.state[d]) < 1e-12);
  // reference: 20000 explicit Euler sub-steps of the book dynamics written out again here
  let [t1, t2, d1, d2] = [0.3, -0.2, 0.5, -1];
  const h = 0.2 / 20000, a = 1, g = 9.8;
  for (let k = 0; k < 20000; k++) {
    const D1 = 0.25 + (1 + 0.25 + Math.cos(t2)) + 2;
    const D2 = 0.25 + 0.5 * Math.cos(t2) + 1;
    const p2 = 0.5 * g * Math.cos(t1 + t2 - Math.PI / 2);
    const p1 = -0.5 * d2 * d2 * Math.sin(t2) - d2 * d1 * Math.sin(t2) + 1.5 * g * Math.cos(t1 - Math.PI / 2) +
      p2;
    const dd2 = (a + (D2 / D1) * p1 - 0.5 * d1 * d1 * Math.sin(t2) - p2) / (0.25 + 1 - (D2 * D2) / D1);
    const dd1 = -(D2 * dd2 + p1) / D1;
    [t1, t2, d1, d2] = [t1 + h * d1, t2 + h * d2, d1 + h * dd1, d2 + h * dd2];
  }
  const ref = [t1, t2, d1, d2];
  for (let d = 0; d < 4; d++) assert.ok(Math.abs(env.state[4 + d] - ref[d]) < 1e-3, `component ${d}`);
  // the tip above the bar terminates with reward 0
  env.setState(0, [Math.PI, 0, 0, 0]);
  const r = env.step(new Int32Array([1, 1]));
  assert.equal(r.terminated[0], 1);
  assert.equal(r.rewards[0], 0);
});
