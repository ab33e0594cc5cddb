import assert from "node:assert/strict";
import { acrobot } from "../../lib/envs/acrobot.ts";
import { CLASSIC_CONTROL_IDS, makeEnv } from "../../lib/envs/make_env.ts";
import { mountainCar } from "../../lib/envs/mountain_car.ts";
import { mountainCarContinuous } from "../../lib/envs/mountain_car_continuous.ts";
import { cartPole, CARTPOLE_DEFAULT, THETA_THRESHOLD } from "../../lib/envs/cartpole.ts";
import { angleNormalize, pendulum, PENDULUM_DEFAULT } from "../../lib/envs/pendulum.ts";
import { assertEnv } from "../../lib/envs/check_env.ts";
import { Rng } from "../../lib/core/rng.ts";
import { episodeTracker } from "../../lib/core/env.ts";
import type { StepResult, VecEnv } from "../../lib/core/env.ts";
import { Box, Discrete } from "../../lib/core/spaces.ts";

Deno.test("the env checker passes every classic-control env at its Gymnasium time limit, with 1 and 7 copies", () => {
  for (const numEnvs of [1, 7]) {
    assertEnv(cartPole({ numEnvs }));
    assertEnv(pendulum({ numEnvs }), { steps: 450 }); // only truncates, at 200
    assertEnv(mountainCar({ numEnvs }), { steps: 450 }); // random play truncates at 200
    assertEnv(mountainCarContinuous({ numEnvs }), { steps: 1100 }); // ... at 999
    assertEnv(acrobot({ numEnvs }), { steps: 600 }); // ... at 500
  }
});

Deno.test("CartPole: one step from fixed states equals Gymnasium's equations to 1e-12", () => {
  // written out by hand from Gymnasium's CartPoleEnv.step (Euler, tau 0.02), for the default context and a heavier,
  // longer pole with a stronger push; θ = 1.2 exercises the Math.cos branch of the step
  const other = { gravity: 9.81, masscart: 2, masspole: 0.3, length: 0.8, force_mag: 15, tau: 0.01 };
  for (const context of [CARTPOLE_DEFAULT, other]) {
    // the second and third starts are far tilted but turn back inside ±12° within the step (θ̇ = Δθ / tau)
    const tau = context.tau;
    const starts = [[0.01, -0.2, 0.03, 0.4], [-1, 0.5, -0.45, 0.35 / tau], [0.3, 0, 1.2, -1.1 / tau]];
    const env = cartPole({ numEnvs: 6, contexts: context });
    env.reset(0);
    starts.forEach((s0, k) => {
      env.setState(2 * k, s0);
      env.setState(2 * k + 1, s0);
    });
    const r = env.step(new Int32Array([1, 0, 1, 0, 1, 0]));
    for (let copy = 0; copy < 6; copy++) {
      const [x, xd, th, thd] = starts[copy >> 1];
      const { gravity, masscart, masspole, length, force_mag } = context;
      const force = copy % 2 === 0 ? force_mag : -force_mag;
      const total = masspole + masscart, pml = masspole * length;
      const temp = (force + pml * thd * thd * Math.sin(th)) / total;
      const thacc = (gravity * Math.sin(th) - Math.cos(th) * temp) /
        (length * (4 / 3 - (masspole * Math.cos(th) ** 2) / total));
      const xacc = temp - (pml * thacc * Math.cos(th)) / total;
      const expected = [x + tau * xd, xd + tau * xacc, th + tau * thd, thd + tau * thacc];
      for (let d = 0; d < 4; d++) {
        assert.ok(Math.abs(env.state[4 * copy + d] - expected[d]) < 1e-12, `copy ${copy}, component ${d}`);
        assert.equal(r.finalObservations[4 * copy + d], Math.fround(env.state[4 * copy + d]));
      }
      assert.equal(r.terminated[copy], 0);
      assert.equal(r.rewards[copy], 1);
    }
  }
});

Deno.test("Pendulum: steps from fixed states equal Gymnasium's equations to 1e-12", () => {
  // Gymnasium PendulumEnv.step written out: u clipped to ±max_torque; cost on the wrapped angle;
  // θ̇' = clip(θ̇ + (3g/(2l) sin θ + 3/(m l²) u) dt, ±max_speed); θ' = θ + θ̇' dt
  const heavy = { ...PENDULUM_DEFAULT, g: 9.81, m: 2, l: 0.7, max_torque: 3, dt: 0.02 };
  const env = pendulum({ numEnvs: 2, contexts: [PENDULUM_DEFAULT, heavy] });
  const expectStep = (i: number, th: number, thd: number, action: number, reward: number) => {
    const { g, m, l, max_torque, max_speed, dt } = env.contexts[i];
    const u = Math.min(max_torque, Math.max(-max_torque, action));
    const thn = ((th + Math.PI) % (2 * Math.PI) + 2 * Math.PI) % (2 * Math.PI) - Math.PI;
    const cost = thn ** 2 + 0.1 * thd ** 2 + 0.001 * u ** 2;
    const newThd = Math.min(
      max_speed,
      Math.max(-max_speed, thd + (3 * g / (2 * l) * Math.sin(th) + 3 / (m * l * l) * u) * dt),
    );
    assert.ok(Math.abs(reward + cost) < 1e-12, `copy ${i}: reward`);
    assert.ok(Math.abs(env.state[2 * i + 1] - newThd) < 1e-12, `copy ${i}: θ̇`);
    assert.ok(Math.abs(env.state[2 * i] - (th + newThd * dt)) < 1e-12, `copy ${i}: θ`);
  };
  env.reset(0);
  env.setState(0, [3.5, -1.5]); // θ beyond π: the cost uses the wrapped angle 3.5 − 2π
  env.setState(1, [2, 7.9]); // the speed clip binds
  let r = env.step(new Float32Array([3, 1])); // 3 is clipped to 2
  expectStep(0, 3.5, -1.5, 3, r.rewards[0]);
  expectStep(1, 2, 7.9, 1, r.rewards[1]);
  assert.equal(env.state[3], 8);
  assert.ok(Math.abs(r.observations[0] - Math.cos(env.state[0])) < 1e-7);
  assert.ok(Math.abs(r.observations[1] - Math.sin(env.state[0])) < 1e-7);
  // a second step from where the first left, and one after writing the exported state array directly
  const [th0, thd0] = [env.state[0], env.state[1]];
  env.state[2] = 0.25;
  env.state[3] = -0.5;
  r = env.step(new Float32Array([-0.5, 1.5]));
  expectStep(0, th0, thd0, -0.5, r.rewards[0]);
  expectStep(1, 0.25, -0.5, 1.5, r.rewards[1]);
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

Deno.test("CartPole without gravity: the pole angle changes only through the push", () => {
  const zeroG = { ...CARTPOLE_DEFAULT, gravity: 0 };
  const env = cartPole({
    numEnvs: 5,
    contexts: [zeroG, zeroG, CARTPOLE_DEFAULT, CARTPOLE_DEFAULT, { ...zeroG, force_mag: 1e-9 }],
  });
  env.reset(0);
  for (let i = 0; i < 5; i++) env.setState(i, [0, 0, 0.1, 0]);
  const push = new Int32Array([1, 0, 1, 0, 1]);
  env.step(push);
  const thetaDot = (i: number) => env.state[4 * i + 3];
  // θ̈ = (g sin θ − cos θ · F / M) / (l (4/3 − m cos²θ / M)) at θ̇ = 0: without gravity exactly odd in the push F
  assert.ok(thetaDot(0) < 0, "pushing right tips the pole left");
  assert.equal(thetaDot(0) + thetaDot(1), 0);
  assert.ok(
    thetaDot(2) + thetaDot(3) > 0.01,
    "with gravity the tilted pole falls further, whatever the push",
  );
  assert.ok(Math.abs(thetaDot(4)) < 1e-9, "no push, no gravity: the angle stays");
  for (let t = 0; t < 20; t++) env.step(push);
  assert.ok(Math.abs(env.state[18] - 0.1) < 1e-8, "θ of the gravity-free, push-free copy");
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

  // Gymnasium's CartPole-v1 under uniform random actions: mean return ≈ 22.2 (std ≈ 12, so 2000 episodes give a
  // standard error ≈ 0.27; the bounds are about ±4 of them)
  for (const seed of [3, 4, 5]) {
    const many = cartPole({ numEnvs: 64 });
    many.reset(seed);
    const rng = new Rng(seed),
      acts = new Int32Array(64),
      tracker = episodeTracker(64),
      returns: number[] = [];
    while (returns.length < 2000) {
      for (let i = 0; i < 64; i++) acts[i] = rng.integer(2);
      for (const e of tracker.record(many.step(acts))) returns.push(e.return);
    }
    const mean = returns.reduce((s, x) => s + x, 0) / returns.length;
    assert.ok(mean > 21 && mean < 23.5, `seed ${seed}: mean random return ${mean}`);
  }
});

/** Observations, rewards and flags of `steps` steps of seeded random actions after `reset(seed)`. */
function rollout(env: VecEnv, seed: number, steps: number): number[] {
  const rng = new Rng(seed + 100), n = env.numEnvs, space = env.actionSpace;
  const acts = space instanceof Discrete ? new Int32Array(n) : new Float32Array(n);
  const out = [...env.reset(seed)];
  for (let t = 0; t < steps; t++) {
    for (let i = 0; i < n; i++) acts[i] = space instanceof Box ? rng.uniformIn(-2, 2) : rng.integer(space.n);
    const r = env.step(acts);
    out.push(...r.observations, ...r.rewards, ...r.terminated, ...r.truncated);
  }
  return out;
}

Deno.test("same seed, same trajectory; copy 0 does not depend on how many copies run beside it", () => {
  for (const id of CLASSIC_CONTROL_IDS) {
    const a = rollout(makeEnv(id, { numEnvs: 3 }), 5, 300), b = rollout(makeEnv(id, { numEnvs: 3 }), 5, 300);
    assert.deepEqual(a, b, id);
    const other = rollout(makeEnv(id, { numEnvs: 3 }), 6, 300);
    assert.notDeepEqual(
      other.slice(0, 3 * obsLen(id)),
      a.slice(0, 3 * obsLen(id)),
      `${id}: seeds 5 and 6 start apart`,
    );
  }
  // copy 0 of a batch of 64 sees the same starts as a single copy under the same seed (copyRngs)
  const single = cartPole(), batch = cartPole({ numEnvs: 64 });
  assert.deepEqual([...single.reset(9)], [...batch.reset(9).subarray(0, 4)]);
});

function obsLen(id: string): number {
  const env = makeEnv(id as typeof CLASSIC_CONTROL_IDS[number]);
  return env.observationSpace instanceof Box ? env.observationSpace.size : 1;
}

Deno.test("truncation at maxEpisodeSteps: final observation kept, the copy restarts", () => {
  for (const id of CLASSIC_CONTROL_IDS) {
    const env = makeEnv(id, { numEnvs: 2, maxEpisodeSteps: 5 });
    const d = obsLen(id);
    env.reset(0);
    const acts = env.actionSpace instanceof Discrete ? new Int32Array(2).fill(1) : new Float32Array(2);
    for (let t = 1; t <= 5; t++) {
      const r = env.step(acts);
      for (let i = 0; i < 2; i++) {
        assert.equal(r.terminated[i], 0, `${id} step ${t}`);
        assert.equal(r.truncated[i], t === 5 ? 1 : 0, `${id} step ${t}`);
      }
      if (t === 5) {
        assert.notDeepEqual([...r.observations.subarray(0, d)], [...r.finalObservations.subarray(0, d)]);
      }
    }
    assert.equal(env.step(acts).truncated[0], 0, `${id}: the clock restarted`);
  }
  assert.equal(cartPole().maxEpisodeSteps, 500);
  assert.equal(pendulum().maxEpisodeSteps, 200);
  assert.equal(mountainCar().maxEpisodeSteps, 200);
  assert.equal(mountainCarContinuous().maxEpisodeSteps, 999);
  assert.equal(acrobot().maxEpisodeSteps, 500);
});

Deno.test("auto-reset is per copy: copies that go on show their final observation, ended ones a new start", () => {
  for (const id of CLASSIC_CONTROL_IDS) {
    const env = makeEnv(id, { numEnvs: 4, maxEpisodeSteps: 7 }), d = obsLen(id), rng = new Rng(3);
    const space = env.actionSpace;
    const acts = space instanceof Discrete ? new Int32Array(4) : new Float32Array(4);
    env.reset(1);
    let ended = 0;
    for (let t = 0; t < 40; t++) {
      for (let i = 0; i < 4; i++) {
        acts[i] = space instanceof Box ? rng.uniformIn(-2, 2) : rng.integer(space.n);
      }
      const r = env.step(acts);
      for (let i = 0; i < 4; i++) {
        const obs = [...r.observations.subarray(d * i, d * i + d)];
        const fin = [...r.finalObservations.subarray(d * i, d * i + d)];
        if (r.terminated[i] === 1 || r.truncated[i] === 1) {
          ended++;
          assert.notDeepEqual(obs, fin, `${id} step ${t} copy ${i}`);
        } else {
          assert.deepEqual(obs, fin, `${id} step ${t} copy ${i}`);
        }
      }
    }
    assert.ok(ended >= 4 * 5, `${id}: every copy ends at least every 7 steps`);
  }
  // setState moves a copy but keeps its episode clock
  assert.equal(truncatedOnThirdStep(cartPole({ maxEpisodeSteps: 3 }), new Int32Array([1])), 1);
  assert.equal(truncatedOnThirdStep(pendulum({ maxEpisodeSteps: 3 }), new Float32Array([0])), 1);
  assert.equal(truncatedOnThirdStep(mountainCar({ maxEpisodeSteps: 3 }), new Int32Array([1])), 1);
  assert.equal(truncatedOnThirdStep(mountainCarContinuous({ maxEpisodeSteps: 3 }), new Float32Array([0])), 1);
  assert.equal(truncatedOnThirdStep(acrobot({ maxEpisodeSteps: 3 }), new Int32Array([1])), 1);
});

/** Step twice, put copy 0 back where it is with `setState`, step again: the third step's `truncated[0]`. */
function truncatedOnThirdStep<A>(
  env: {
    state: Float64Array;
    reset(seed: number): unknown;
    step(actions: A): StepResult;
    setState(i: number, state: readonly number[]): void;
  },
  still: A,
): number {
  env.reset(0);
  env.step(still);
  env.step(still);
  env.setState(0, [...env.state]);
  return env.step(still).truncated[0];
}

Deno.test("bad arguments throw errors that name them", () => {
  const a = cartPole({ numEnvs: 3 });
  assert.throws(() => cartPole({ numEnvs: 0 }), /numEnvs must be an integer >= 1, got 0/);
  assert.throws(() => pendulum({ maxEpisodeSteps: 2.5 }), /maxEpisodeSteps must be an integer, got 2.5/);
  assert.throws(
    () => a.step(new Int32Array([0, 1, 2])),
    /actions\[2\] must be an integer in \[0, 2\), got 2/,
  );
  a.reset(0);
  const before = [...a.state];
  assert.throws(
    () => a.step(new Int32Array([1, 1, -1])),
    /actions\[2\] must be an integer in \[0, 2\), got -1/,
  );
  assert.deepEqual([...a.state], before, "a rejected batch steps no copy");
  assert.throws(() => a.step(new Int32Array(2)), /actions must have length 3/);
  assert.throws(() => a.step(new Float32Array(3) as unknown as Int32Array), /actions must be an Int32Array/);
  assert.throws(() => pendulum().step(new Float32Array([NaN])), /actions\[0\] must be finite, got NaN/);
  assert.throws(
    () => pendulum({ contexts: [PENDULUM_DEFAULT, PENDULUM_DEFAULT] }),
    /contexts must have length 1/,
  );
  assert.throws(
    () => pendulum({ contexts: { ...PENDULUM_DEFAULT, l: 0 } }),
    /contexts\[0\]\.l must be in \(0, inf\)/,
  );
  assert.throws(
    () => mountainCar({ contexts: { force: 0.001 } as never }),
    /contexts\[0\]\.gravity must be a number/,
  );
  assert.throws(
    () => acrobot().setContexts([null as never]),
    /contexts\[0\] must be a context object, got null/,
  );
  assert.throws(() => a.setState(3, [0, 0, 0, 0]), /i must be an integer in \[0, 2\], got 3/);
  assert.throws(() => a.setState(0, [0, 0, 0]), /state must have length 4/);
  assert.throws(() => a.setState(0, [0, 0, Infinity, 0]), /state\[2\] must be a finite number, got Infinity/);
  assert.throws(() => a.reset(0.5), /seed must be an integer, got 0.5/);
});

Deno.test("contexts are validated copies; setContexts changes the running dynamics", () => {
  const ctx = { ...CARTPOLE_DEFAULT };
  const env = cartPole({ numEnvs: 2, contexts: ctx });
  ctx.length = 5;
  assert.equal(env.contexts[0].length, 0.5);
  assert.ok(Object.isFrozen(env.contexts[0]));
  env.reset(0);
  env.setState(0, [0, 0, 0.1, 0]);
  env.setState(1, [0, 0, 0.1, 0]);
  env.setContexts([CARTPOLE_DEFAULT, { ...CARTPOLE_DEFAULT, length: 1 }]);
  env.step(new Int32Array([0, 0]));
  assert.ok(env.state[3] > env.state[7]);
});

Deno.test("every classic-control env passes the checker through makeEnv; unknown ids are named", () => {
  for (const id of CLASSIC_CONTROL_IDS) {
    for (const numEnvs of [1, 7]) assertEnv(makeEnv(id, { numEnvs, maxEpisodeSteps: 60 }), { steps: 150 });
    assert.equal(makeEnv(id).numEnvs, 1);
  }
  assert.equal(
    makeEnv("CartPole-v1", { contexts: { ...CARTPOLE_DEFAULT, length: 1 } }).contexts[0].length,
    1,
  );
  assert.throws(
    () => makeEnv("Pendulum-v1", { contexts: CARTPOLE_DEFAULT as never }),
    /contexts\[0\]\.m must be a number, got undefined/,
  );
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

Deno.test("contexts of MountainCar, MountainCarContinuous and Acrobot act as their parameters say", () => {
  const car = mountainCar({
    numEnvs: 2,
    contexts: [{ force: 0.001, gravity: 0.0025 }, { force: 0.002, gravity: 0 }],
  });
  car.reset(0);
  car.setState(0, [-0.5, 0]);
  car.setState(1, [-0.5, 0]);
  car.step(new Int32Array([2, 2]));
  assert.ok(Math.abs(car.state[1] - (0.001 - 0.0025 * Math.cos(-1.5))) < 1e-15);
  assert.ok(Math.abs(car.state[3] - 0.002) < 1e-15, "no slope: the push alone");
  const cont = mountainCarContinuous({
    numEnvs: 2,
    contexts: [{ power: 0.0015, gravity: 0 }, { power: 0.003, gravity: 0 }],
  });
  cont.reset(0);
  cont.setState(0, [-0.5, 0]);
  cont.setState(1, [-0.5, 0]);
  cont.step(new Float32Array([0.5, 0.5]));
  assert.ok(Math.abs(cont.state[3] - 2 * cont.state[1]) < 1e-15, "twice the power, twice the speed");
  // a longer first link (centre of mass at its middle) swings back more slowly from the same tilt
  const long = { ...acrobot().defaultContext, l1: 2, lc1: 1 };
  const arm = acrobot({ numEnvs: 2, contexts: [acrobot().defaultContext, long] });
  arm.reset(0);
  arm.setState(0, [0.3, 0, 0, 0]);
  arm.setState(1, [0.3, 0, 0, 0]);
  arm.step(new Int32Array([1, 1]));
  assert.ok(arm.state[2] < arm.state[6] && arm.state[6] < 0, `θ̇1: ${arm.state[2]} vs ${arm.state[6]}`);
});
