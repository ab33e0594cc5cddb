import assert from "node:assert/strict";
import { Rng } from "../../lib/core/rng.ts";
import { makeEnv } from "../../lib/envs/mod.ts";
import {
  act,
  collect,
  datasetFromBytes,
  datasetToBytes,
  evaluatePolicy,
  loadDataset,
  type Policy,
  policyFromJSON,
  type PolicyJSON,
  policyToJSON,
  replayBuffer,
  rewardNormalizer,
  runningMeanStd,
  saveDataset,
  updateRunningMeanStd,
} from "../../lib/agents/mod.ts";
import { epsilonAt, resolveDqnConfig } from "../../lib/agents/dqn.ts";
import { resolvePpoConfig } from "../../lib/agents/ppo.ts";
import { Box, Discrete } from "../../lib/core/spaces.ts";

const linear = (inputSize: number, outputSize: number, weights: number[], biases: number[]) => ({
  config: {
    inputSize,
    hiddenSizes: [],
    outputSize,
    activation: "tanh" as const,
    init: "orthogonal" as const,
    hiddenGain: 1,
    outputGain: 1,
  },
  weights: [weights],
  biases: [biases],
});

/** CartPole: push towards the side the pole falls to (a classic hand-written controller, ~500 return). */
const polePolicy: PolicyJSON = {
  kind: "greedy-q",
  obsSize: 4,
  action: { kind: "discrete", n: 2 },
  // Q(s, right) − Q(s, left) = θ + ω·0.5: weights rows are inputs, columns actions.
  net: linear(4, 2, [0, 0, 0, 0, -1, 1, -0.5, 0.5], [0, 0]),
};

Deno.test("act: greedy, ε-greedy, categorical sampling frequencies, tanh-gaussian bounds", () => {
  const q = policyFromJSON(polePolicy);
  const obs = new Float32Array([0, 0, 0.1, 0, 0, 0, -0.1, 0]);
  assert.deepEqual(Array.from(act(q, obs, 2)), [1, 0]);
  // ε = 1: uniform actions.
  const rng = new Rng(3);
  let ones = 0;
  for (let i = 0; i < 4000; i++) ones += act(q, obs.subarray(0, 4), 1, { rng, epsilon: 1 })[0];
  assert.ok(Math.abs(ones / 4000 - 0.5) < 0.03, `${ones}`);
  assert.throws(() => act(q, obs, 2, { epsilon: 0.5 }), /rng is required/);

  // Categorical with logits [0, log 3]: P(1) = 0.75.
  const cat = policyFromJSON({
    kind: "categorical",
    obsSize: 1,
    action: { kind: "discrete", n: 2 },
    net: linear(1, 2, [0, 0], [0, Math.log(3)]),
  });
  let c = 0;
  for (let i = 0; i < 8000; i++) c += act(cat, new Float32Array([1]), 1, { rng })[0];
  assert.ok(Math.abs(c / 8000 - 0.75) < 0.02, `${c}`);
  assert.equal(act(cat, new Float32Array([1]), 1, { deterministic: true })[0], 1);

  // tanh-Gaussian stays inside [low, high]; deterministic is bias + scale·tanh(mean).
  const sq = policyFromJSON({
    kind: "tanh-gaussian",
    obsSize: 1,
    action: { kind: "box", size: 1, low: [-2], high: [4] },
    net: linear(1, 2, [3, 0], [0, 1]),
    logStdRange: [-5, 2],
  });
  assert.ok(
    Math.abs(act(sq, new Float32Array([0.2]), 1, { deterministic: true })[0] - (1 + 3 * Math.tanh(0.6))) <
      1e-6,
  );
  for (let i = 0; i < 200; i++) {
    const a = act(sq, new Float32Array([rng.normal()]), 1, { rng })[0];
    assert.ok(a >= -2 && a <= 4);
  }
  // Gaussian: sample mean and std match mean and exp(logStd).
  const g = policyFromJSON({
    kind: "gaussian",
    obsSize: 1,
    action: { kind: "box", size: 1, low: [-1], high: [1] },
    net: linear(1, 1, [0], [0.3]),
    logStd: [Math.log(0.5)],
  });
  const xs = Array.from({ length: 20000 }, () => act(g, new Float32Array([0]), 1, { rng })[0]);
  const m = xs.reduce((s, x) => s + x, 0) / xs.length;
  const sd = Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / xs.length);
  assert.ok(Math.abs(m - 0.3) < 0.02 && Math.abs(sd - 0.5) < 0.02, `${m} ${sd}`);
});

Deno.test("policies round-trip through JSON and reject parts that do not fit", () => {
  const q = policyFromJSON(polePolicy);
  const back = policyFromJSON(JSON.parse(JSON.stringify(policyToJSON(q))));
  assert.deepEqual(policyToJSON(back), policyToJSON(q));
  assert.throws(() => policyFromJSON({ ...polePolicy, obsSize: 3 }), /inputSize must equal obsSize 3/);
  assert.throws(() => policyFromJSON({ ...polePolicy, kind: "gaussian" }), /cannot act in a discrete/);
  assert.throws(
    () =>
      policyFromJSON({
        ...polePolicy,
        kind: "tanh-gaussian" as const,
        action: { kind: "box", size: 2, low: [0, 0], high: [1, 1] },
      }),
    /must output 4 values/,
  );
});

Deno.test("evaluatePolicy: a hand-written CartPole controller scores 500, a constant one ~10", () => {
  const good = evaluatePolicy(makeEnv("CartPole-v1", { numEnvs: 5 }), policyFromJSON(polePolicy), {
    episodes: 10,
    seed: 1,
  });
  assert.equal(good.returns.length, 10);
  assert.equal(good.mean, 500);
  const left: Policy = policyFromJSON({ ...polePolicy, net: linear(4, 2, new Array(8).fill(0), [1, 0]) });
  const bad = evaluatePolicy(makeEnv("CartPole-v1", { numEnvs: 3 }), left, { episodes: 9 });
  assert.ok(bad.mean < 12 && bad.mean > 7, `${bad.mean}`);
  assert.throws(
    () => evaluatePolicy(makeEnv("Pendulum-v1"), left),
    /expects observations of size 4, env gives 3/,
  );
});

Deno.test("running mean/std equals the batch statistics; reward normaliser divides by the return's std", () => {
  const rng = new Rng(0);
  const xs = rng.fillNormal(new Float64Array(3000)).map((v, i) => v * (i % 3 + 1) + i % 3);
  const rms = runningMeanStd(3);
  for (let b = 0; b < 10; b++) updateRunningMeanStd(rms, xs.subarray(b * 300, (b + 1) * 300), 100);
  for (let j = 0; j < 3; j++) {
    const col = xs.filter((_, i) => i % 3 === j);
    const m = col.reduce((s, v) => s + v, 0) / col.length;
    const v = col.reduce((s, x) => s + (x - m) ** 2, 0) / col.length;
    assert.ok(Math.abs(rms.mean[j] - m) < 1e-6 && Math.abs(rms.var[j] - v) < 1e-3, `${j}`);
  }
  const norm = rewardNormalizer(1, 0);
  const out = [1, 3].map((r) => norm.normalize(new Float64Array([r]), new Uint8Array([0]))[0]);
  // γ = 0: the "return" is the reward; after [1, 3] var = 1 (count 2 + 1e-4), so 3 → 3 / √var.
  assert.ok(Math.abs(out[1] - 3 / Math.sqrt(norm.stats.var[0] + 1e-8)) < 1e-12);
  assert.ok(Math.abs(norm.stats.var[0] - 1) < 1e-3);
});

Deno.test("replay buffer keeps the newest `capacity` transitions and samples them", () => {
  const buf = replayBuffer({ capacity: 3, obsSize: 1, discrete: false, actionSize: 2 });
  for (let i = 0; i < 5; i++) {
    buf.add(new Float32Array([i]), new Float32Array([i, -i]), [i * 10], new Float32Array([i + 1]), [
      i === 4 ? 1 : 0,
    ], 1);
  }
  assert.equal(buf.size, 3);
  const batch = buf.sample(200, new Rng(2));
  const seen = new Set(batch.obs);
  assert.deepEqual([...seen].sort(), [2, 3, 4]);
  for (let b = 0; b < 200; b++) {
    const o = batch.obs[b];
    assert.equal(batch.rewards[b], o * 10);
    assert.equal(batch.nextObs[b], o + 1);
    assert.equal(batch.actions[2 * b + 1], -o);
    assert.equal(batch.terminated[b], o === 4 ? 1 : 0);
  }
  assert.throws(
    () => replayBuffer({ capacity: 2, obsSize: 1, discrete: true }).sample(1, new Rng(0)),
    /empty/,
  );
});

Deno.test("collect: D4RL columns consistent with the env; bytes and files round-trip exactly", () => {
  const env = makeEnv("CartPole-v1", { numEnvs: 3 });
  const data = collect(env, "random", 1000, new Rng(5), { meta: { env: "CartPole-v1" } });
  assert.equal(data.size, 1000);
  let ends = 0;
  for (let i = 0; i < data.size; i++) {
    assert.equal(data.rewards[i], 1);
    assert.ok(!(data.terminals[i] && data.timeouts[i]));
    ends += data.terminals[i];
    // CartPole terminates exactly when |x| > 2.4 or |θ| > 12°.
    const x = data.next_observations[4 * i];
    const th = data.next_observations[4 * i + 2];
    assert.equal(data.terminals[i] === 1, Math.abs(x) > 2.4 || Math.abs(th) > 12 * 2 * Math.PI / 360);
  }
  assert.ok(ends > 20 && (data.meta!.episodes as number) === ends, `${ends}`);
  const back = datasetFromBytes(datasetToBytes(data));
  assert.deepEqual(back, data);
  const dir = Deno.makeTempDirSync();
  try {
    const cont = collect(makeEnv("Pendulum-v1", { numEnvs: 2 }), "random", 401, new Rng(1));
    saveDataset(`${dir}/sub/pendulum.rds`, cont);
    assert.deepEqual(loadDataset(`${dir}/sub/pendulum.rds`), cont);
    assert.equal(cont.timeouts.reduce((s, v) => s + v, 0), 2); // two copies, 200-step limit
    const bytes = datasetToBytes(cont);
    bytes[0] = 0;
    assert.throws(() => datasetFromBytes(bytes), /not a reprl dataset/);
    assert.throws(() => datasetFromBytes(datasetToBytes(cont).subarray(0, 200)), /past the end/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("configs: defaults per action space, ε schedule, clear errors", () => {
  assert.equal(resolvePpoConfig({}, new Discrete(2)).numSteps, 128);
  assert.equal(resolvePpoConfig({}, new Box(-1, 1, { shape: [1] })).numSteps, 2048);
  assert.equal(resolvePpoConfig({}, new Box(-1, 1, { shape: [1] })).normalizeObservations, true);
  assert.throws(() => resolvePpoConfig({ gamma: 1.5 }, new Discrete(2)), /gamma/);
  const dqn = resolveDqnConfig({ totalSteps: 1000, explorationFraction: 0.5 });
  assert.equal(epsilonAt(dqn, 0), 1);
  assert.ok(Math.abs(epsilonAt(dqn, 250) - 0.525) < 1e-12);
  assert.equal(epsilonAt(dqn, 900), 0.05);
  assert.throws(() => resolveDqnConfig({ loss: "l1" as "mse" }), /loss/);
});

Deno.test("training appends its records to a JSONL recorder as it goes; the file equals the returned records", async () => {
  const { openRecorder, readRecords } = await import("../../lib/record/mod.ts");
  const { trainPpo } = await import("../../lib/agents/mod.ts");
  const dir = Deno.makeTempDirSync();
  try {
    const recorder = openRecorder(`${dir}/ppo.jsonl`);
    const result = await trainPpo(makeEnv("CartPole-v1", { numEnvs: 2 }), { totalSteps: 512, numSteps: 64 }, {
      seed: 4,
      recorder,
      run: "ppo-test",
      evalEnv: makeEnv("CartPole-v1", { numEnvs: 2 }),
      evalEvery: 256,
      evalEpisodes: 2,
    });
    recorder.close();
    const rows = readRecords(`${dir}/ppo.jsonl`);
    assert.deepEqual(rows, result.records);
    assert.ok(rows.every((r) => r.run === "ppo-test" && r.seed === 4));
    assert.equal(rows.filter((r) => typeof r.eval_return === "number").length, 2);
    const steps = rows.map((r) => r.step);
    assert.deepEqual(steps, [...steps].sort((a, b) => a - b));
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("BC and fitted Q iteration: the same seed gives identical records and policies", async () => {
  const { trainBc, trainFqi } = await import("../../lib/agents/mod.ts");
  const data = collect(makeEnv("CartPole-v1", { numEnvs: 2 }), "random", 600, new Rng(8));
  const bc = () => trainBc(data, { gradientSteps: 60, batchSize: 32, logEvery: 10 }, { seed: 2 });
  const fqi = () => trainFqi(data, { iterations: 3, stepsPerIteration: 20, batchSize: 32 }, { seed: 2 });
  for (const run of [bc, fqi]) {
    const [a, b] = [await run(), await run()];
    assert.deepEqual(a.records, b.records);
    assert.deepEqual(policyToJSON(a.policy), policyToJSON(b.policy));
    assert.ok(a.records.length >= 3);
  }
  await assert.rejects(
    () => trainFqi(collect(makeEnv("Pendulum-v1"), "random", 10, new Rng(0))),
    /discrete actions/,
  );
});

Deno.test("a custom `evaluate` replaces evalEnv episodes: its return is logged and stops at targetReturn", async () => {
  const { trainPpo } = await import("../../lib/agents/mod.ts");
  const seen: number[] = [];
  const calls: string[] = [];
  // a fake evaluator: 10, 20, 30, ... — the target 25 is reached at the third evaluation (step 3 · 128)
  const evaluate = (policy: { kind: string }) => {
    calls.push(policy.kind);
    seen.push(10 * (seen.length + 1));
    return seen[seen.length - 1];
  };
  const result = await trainPpo(makeEnv("CartPole-v1", { numEnvs: 2 }), { totalSteps: 1024, numSteps: 64 }, {
    seed: 1,
    evaluate,
    evalEvery: 128,
    targetReturn: 25,
  });
  assert.deepEqual(seen, [10, 20, 30]);
  assert.ok(calls.every((k) => k === "categorical"));
  assert.deepEqual(
    result.records.flatMap((r) => typeof r.eval_return === "number" ? [r.eval_return] : []),
    seen,
  );
  assert.equal(result.solvedAt, 384);
  assert.equal(result.stopped, "target");
  await assert.rejects(
    () =>
      trainPpo(makeEnv("CartPole-v1"), { totalSteps: 256, numSteps: 64 }, {
        evaluate: () => NaN,
        evalEvery: 64,
      }),
    /evaluate/,
  );
  await assert.rejects(
    () => trainPpo(makeEnv("CartPole-v1"), { totalSteps: 256 }, { targetReturn: 1 }),
    /evaluate/,
  );
});
