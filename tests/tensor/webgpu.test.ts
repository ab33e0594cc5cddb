/**
 * The webgpu backend against cpu. On CI this runs on Debian's software Vulkan adapter (mesa lavapipe,
 * "llvmpipe"), which Deno's navigator.gpu exposes without flags; where no adapter exists the test is skipped.
 */
import assert from "node:assert/strict";
import { setBackend, tf } from "../../lib/tensor/backend.ts";
import { createMlp, disposeMlp, mlpForward } from "../../lib/tensor/mlp.ts";
import { categoricalLogProb } from "../../lib/tensor/heads.ts";
import { createAdam, networkParams } from "../../lib/tensor/optim.ts";

async function adapterDescription(): Promise<string | null> {
  try {
    const adapter = await navigator.gpu?.requestAdapter();
    return adapter ? adapter.info.description || "unnamed adapter" : null;
  } catch {
    return null;
  }
}

/** Three Adam steps of a small actor on a fixed batch (a policy-gradient-like loss); losses and final weights. */
async function train(backend: "cpu" | "webgpu"): Promise<{ losses: number[]; weights: Float32Array }> {
  await setBackend(backend, { respectEnv: false });
  assert.equal(tf.getBackend(), backend);
  const net = await createMlp({
    inputSize: 4,
    hiddenSizes: [16, 16],
    outputSize: 3,
    activation: "tanh",
    seed: 0,
  });
  const x = tf.tensor2d(
    Array.from({ length: 32 }, (_, i) => [Math.sin(i), Math.cos(i), (i % 5) / 5, 1 - i / 32]),
  );
  const actions = tf.tensor1d(Array.from({ length: 32 }, (_, i) => i % 3), "int32");
  const adv = tf.tensor1d(Array.from({ length: 32 }, (_, i) => Math.sin(3 * i)));
  const opt = createAdam(networkParams(net), { lr: 1e-2, eps: 1e-5, clipNorm: 0.5 });
  const losses: number[] = [];
  for (let i = 0; i < 3; i++) {
    losses.push(
      await opt.step(() => tf.neg(tf.mean(tf.mul(categoricalLogProb(mlpForward(net, x), actions), adv)))),
    );
  }
  const weights = (await net.weights[0].data()) as Float32Array;
  opt.dispose();
  tf.dispose([x, actions, adv]);
  disposeMlp(net);
  return { losses, weights };
}

const adapter = await adapterDescription();

Deno.test({
  name: adapter === null
    ? "webgpu training step equals cpu (SKIPPED: navigator.gpu gives no adapter on this machine)"
    : `webgpu training steps equal cpu to 1e-4 (adapter: ${adapter})`,
  ignore: adapter === null,
  // The WebGPU device and its buffers live for the whole process by design, so resource sanitising is off.
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    const cpu = await train("cpu");
    const gpu = await train("webgpu");
    for (let i = 0; i < 3; i++) {
      assert.ok(
        Math.abs(cpu.losses[i] - gpu.losses[i]) < 1e-4,
        `loss ${i}: cpu ${cpu.losses[i]}, webgpu ${gpu.losses[i]}`,
      );
    }
    const maxDiff = cpu.weights.reduce((m, w, i) => Math.max(m, Math.abs(w - gpu.weights[i])), 0);
    assert.ok(maxDiff < 1e-4, `first-layer weights differ by ${maxDiff}`);
  },
});
