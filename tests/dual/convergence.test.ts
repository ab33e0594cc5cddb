import assert from "node:assert/strict";
import type { Dataset } from "../../lib/agents/mod.ts";
import { fdvlFixedPoint, fdvlValueLoss, gumbelLoss } from "../../lib/dual/losses.ts";
import { createAdam, ensureBackend, tf } from "../../lib/tensor/mod.ts";
import { trainOffline } from "../../lib/dual/offline.ts";

// A one-state, one-step task with continuous features: the observation is always [1, 0.5], five actions in
// [−1, 1] each ending the episode (terminal) with reward r(a). So Q(s, a) = r(a) exactly, and the dual
// objective's V(s) is the minimiser of mean_a loss(r(a) − V): the 2nd largest reward for TV with λ = 0.8
// (#(Q > V)/n = (1 − λ)/λ), a root of the χ² subgradient for λ = 0.6, λ·log-mean-exp(r/λ) for reverse KL.
function banditDataset(): Dataset {
  const actions = [-1, -0.5, 0, 0.5, 1];
  const rewards = [0, 1, 2, 3, 10];
  const n = 200;
  const data: Dataset = {
    size: n,
    obsSize: 2,
    action: { kind: "box", size: 1, low: [-1], high: [1] },
    observations: new Float32Array(2 * n),
    actions: new Float32Array(n),
    rewards: new Float32Array(n),
    next_observations: new Float32Array(2 * n),
    terminals: new Uint8Array(n).fill(1),
    timeouts: new Uint8Array(n),
  };
  for (let i = 0; i < n; i++) {
    data.observations.set([1, 0.5], 2 * i);
    data.next_observations.set([1, 0.5], 2 * i);
    data.actions[i] = actions[i % 5];
    data.rewards[i] = rewards[i % 5];
  }
  return data;
}

// The value losses alone, minimised by Adam over a scalar V against the five Q values (the same losses the
// learners use, with XQL's clip and batch-max rescaling), reach the dual objective's minimiser.
const lossCases = [
  { name: "TV, λ = 0.8", f: "total-variation", lambda: 0.8 },
  { name: "χ², λ = 0.6", f: "chi-square", lambda: 0.6 },
  { name: "χ², λ = 0.7", f: "chi-square", lambda: 0.7 },
  { name: "reverse KL (XQL), β = 2", f: "reverse-kl", lambda: 2 },
] as const;

for (const c of lossCases) {
  Deno.test(`${c.name}: minimising the value loss over V gives the dual objective's fixed point`, async () => {
    await ensureBackend();
    const qs = [0, 1, 2, 3, 10];
    const q = tf.tensor1d(qs);
    const v = tf.variable(tf.scalar(0));
    const opt = createAdam([v], { lr: 0.1 });
    for (let i = 0; i < 1500; i++) {
      if (i % 300 === 299) opt.setLearningRate(opt.learningRate / 3);
      await opt.step(() =>
        tf.tidy(() => {
          const d = tf.sub(q, v) as tf.Tensor1D;
          return tf.mean(
            c.f === "reverse-kl" ? gumbelLoss(d, c.lambda, 7) : fdvlValueLoss(d, c.f, c.lambda),
          ) as tf.Scalar;
        })
      );
    }
    const got = v.dataSync()[0];
    const expected = fdvlFixedPoint(qs, c.f, c.lambda);
    opt.dispose();
    tf.dispose([q, v]);
    assert.ok(Math.abs(got - expected) < 0.02, `${c.name}: V = ${got}, dual objective predicts ${expected}`);
  });
}

// The whole f-DVL loop (Q regression, Polyak target, V) on the one-step task.
const cases = [
  { algo: "fdvl-chi2", lambda: 0.6, f: "chi-square" },
] as const;

for (const c of cases) {
  Deno.test(`${c.algo}: V on a one-state task converges to the dual objective's fixed point`, async () => {
    const data = banditDataset();
    const qs = Array.from(data.rewards.subarray(0, 5));
    const expected = fdvlFixedPoint(qs, c.f, c.lambda);
    const res = await trainOffline(data, {
      algo: c.algo,
      gradientSteps: 1000,
      batchSize: 200,
      hiddenSizes: [16],
      lr: 3e-3,
      lambda: c.lambda,
      tau: 0.2,
      randomActions: 0,
      rewardScale: 1,
    }, { seed: 0, probeObservations: new Float32Array([1, 0.5]) });
    const got = res.values![0];
    assert.ok(Math.abs(got - expected) < 0.25, `${c.algo}: V = ${got}, dual objective predicts ${expected}`);
  });
}
