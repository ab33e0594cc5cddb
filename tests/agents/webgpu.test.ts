/**
 * One PPO update and one SAC update on webgpu against cpu. CI runs this on Debian's software Vulkan adapter
 * (mesa llvmpipe); where navigator.gpu gives no adapter the test is skipped with a message.
 */
import assert from "node:assert/strict";
import { makeEnv } from "../../lib/envs/mod.ts";
import { trainPpo, trainSac } from "../../lib/agents/mod.ts";

async function adapterDescription(): Promise<string | null> {
  try {
    const adapter = await navigator.gpu?.requestAdapter();
    return adapter ? adapter.info.description || "unnamed adapter" : null;
  } catch {
    return null;
  }
}

const adapter = await adapterDescription();

Deno.test({
  name: adapter === null
    ? "agent updates on webgpu equal cpu (SKIPPED: navigator.gpu gives no adapter on this machine)"
    : `one PPO and one SAC update on webgpu give the cpu losses to 1e-4 (adapter: ${adapter})`,
  ignore: adapter === null,
  // The WebGPU device and its buffers live for the whole process by design.
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    const ppo = (backend: "cpu" | "webgpu") =>
      trainPpo(makeEnv("CartPole-v1", { numEnvs: 4 }), {
        totalSteps: 256,
        numSteps: 64,
        numMinibatches: 1,
        updateEpochs: 1,
      }, { seed: 11, backend });
    const [cpu, gpu] = [await ppo("cpu"), await ppo("webgpu")];
    for (const key of ["pg_loss", "v_loss", "entropy"]) {
      const a = cpu.records.find((r) => key in r)![key] as number;
      const b = gpu.records.find((r) => key in r)![key] as number;
      assert.ok(Math.abs(a - b) < 1e-4 * Math.max(1, Math.abs(a)), `PPO ${key}: cpu ${a}, webgpu ${b}`);
    }
    // SAC: first logged losses after learning starts (two Q updates, then the actor updates).
    const sac = (backend: "cpu" | "webgpu") =>
      trainSac(makeEnv("Pendulum-v1"), {
        totalSteps: 100,
        learningStarts: 98, // two updates: the second runs the actor (policyFrequency 2)
        hiddenSizes: [16, 16],
        batchSize: 32,
      }, {
        seed: 2,
        backend,
      });
    const [sc, sg] = [await sac("cpu"), await sac("webgpu")];
    const lossOf = (r: typeof sc, key: string) => r.records.find((x) => key in x)?.[key] as number;
    for (const key of ["qf_loss", "actor_loss"]) {
      const a = lossOf(sc, key);
      const b = lossOf(sg, key);
      assert.ok(
        Number.isFinite(a) && Math.abs(a - b) < 1e-4 * Math.max(1, Math.abs(a)),
        `SAC ${key}: cpu ${a}, webgpu ${b}`,
      );
    }
  },
});
