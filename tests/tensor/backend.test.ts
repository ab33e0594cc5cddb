import assert from "node:assert/strict";
import { backendInfo, ensureBackend, setBackend, tf } from "../../lib/tensor/backend.ts";

function withEnv<T>(value: string | undefined, f: () => Promise<T>): Promise<T> {
  const saved = Deno.env.get("REPRL_BACKEND");
  if (value === undefined) Deno.env.delete("REPRL_BACKEND");
  else Deno.env.set("REPRL_BACKEND", value);
  return f().finally(() => {
    if (saved === undefined) Deno.env.delete("REPRL_BACKEND");
    else Deno.env.set("REPRL_BACKEND", saved);
  });
}

async function squareSum(): Promise<number> {
  const t = tf.tidy(() => tf.sum(tf.square(tf.tensor1d([1, 2, 3]))));
  const v = (await t.data())[0];
  t.dispose();
  return v;
}

Deno.test("cpu and wasm backends both run, with plain-JSON info", async () => {
  const cpu = await setBackend("cpu", { respectEnv: false });
  assert.equal(cpu.name, "cpu");
  assert.equal(tf.getBackend(), "cpu");
  assert.equal(await squareSum(), 14);
  assert.deepEqual(JSON.parse(JSON.stringify(backendInfo())), backendInfo());

  const wasm = await setBackend("wasm", { respectEnv: false });
  assert.equal(wasm.name, "wasm");
  assert.equal(tf.getBackend(), "wasm");
  assert.equal(typeof wasm.simd, "boolean");
  assert.ok(wasm.threads !== undefined && wasm.threads >= 1);
  assert.match(wasm.reason, /binaries/);
  assert.equal(await squareSum(), 14);
  assert.deepEqual(JSON.parse(JSON.stringify(backendInfo())), backendInfo());
  assert.deepEqual(backendInfo(), wasm);
});

Deno.test("REPRL_BACKEND overrides the requested backend and is validated", async () => {
  await withEnv("cpu", async () => {
    const info = await setBackend("wasm");
    assert.equal(info.name, "cpu");
    assert.equal(info.requested, "cpu");
    assert.match(info.reason, /REPRL_BACKEND=cpu overrides requested "wasm"/);
    assert.equal((await setBackend("wasm", { respectEnv: false })).name, "wasm");
  });
  await withEnv("metal", async () => {
    await assert.rejects(
      () => setBackend("cpu"),
      (e: Error) => e instanceof RangeError && /REPRL_BACKEND/.test(e.message) && /"metal"/.test(e.message),
    );
  });
});

Deno.test("a bad backend name is a RangeError naming it", async () => {
  await assert.rejects(
    // @ts-expect-error: invalid on purpose
    () => setBackend("gpu"),
    (e: Error) => e instanceof RangeError && /name must be one of/.test(e.message) && /"gpu"/.test(e.message),
  );
});

Deno.test("auto explains each candidate it skipped; ensureBackend is idempotent", async () => {
  const info = await withEnv(undefined, () => setBackend("auto"));
  assert.equal(info.requested, "auto");
  assert.ok(["tensorflow", "webgpu", "wasm"].includes(info.name), info.name);
  if (info.name !== "tensorflow") {
    assert.match(info.reason, /tensorflow: @tensorflow\/tfjs-node-gpu not importable/);
  }
  if (info.name === "wasm") assert.match(info.reason, /webgpu: /);
  const again = await ensureBackend();
  assert.deepEqual(again, info);
  assert.equal(tf.getBackend(), info.name);
});
