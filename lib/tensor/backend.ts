/**
 * The one place in reprl that picks a TensorFlow.js backend (DESIGN.md, "Tensors"). Every tensor helper calls
 * {@link ensureBackend}, so users only call {@link setBackend} to choose something other than the default.
 *
 * - `wasm`: CPU default. The `.wasm` binaries are resolved from the installed package, never downloaded.
 * - `webgpu`: Deno's built-in `navigator.gpu`; `auto` takes it only for a real (non-software) adapter.
 * - `cpu`: tfjs's plain JavaScript kernels (slow, but the reference the others are tested against).
 * - `tensorflow`: `@tensorflow/tfjs-node-gpu`, when the user installed it and mapped it in their import map.
 *
 * The environment variable `REPRL_BACKEND` overrides the name passed in code (e.g. `REPRL_BACKEND=cpu`).
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { checkOneOf } from "../core/errors.ts";

export { tf };

// Production mode only silences tfjs's console warnings, e.g. the banner advising Node users to install
// tfjs-node, which is misleading in Deno (the `tensorflow` backend below is that package).
tf.env().set("PROD", true);

/** A backend that can be requested: a concrete one, or `auto` (tensorflow → real GPU via webgpu → wasm). */
export type BackendName = "auto" | "wasm" | "webgpu" | "cpu" | "tensorflow";

/** A backend that actually runs. */
export type ConcreteBackend = Exclude<BackendName, "auto">;

/** What runs and why: plain data, safe to print or log with a run's records. */
export interface BackendInfo {
  /** The backend TensorFlow.js is using. */
  name: ConcreteBackend;
  /** What was asked for (after the `REPRL_BACKEND` override, if any). */
  requested: BackendName;
  /** Why this backend was chosen, including why better candidates of `auto` were not. */
  reason: string;
  /** WebGPU adapter description (webgpu only). */
  adapter?: string;
  /** Whether the wasm binary with SIMD instructions is used (wasm only). */
  simd?: boolean;
  /** Number of wasm threads (1 when the single-threaded binary runs; wasm only). */
  threads?: number;
}

/** Options of {@link setBackend}. */
export interface SetBackendOptions {
  /** Let `REPRL_BACKEND` override the requested name (default true). */
  respectEnv?: boolean;
}

const BACKEND_NAMES: readonly BackendName[] = ["auto", "wasm", "webgpu", "cpu", "tensorflow"];

let current: BackendInfo | null = null;
let pending: Promise<BackendInfo> | null = null;
let wasmPathsSet = false;
let wasmDirNote = "";

function readEnv(): string | undefined {
  try {
    const v = Deno.env.get("REPRL_BACKEND");
    return v === undefined || v.trim() === "" ? undefined : v.trim();
  } catch {
    return undefined; // no --allow-env: behave as if unset
  }
}

function errorText(e: unknown): string {
  const s = e instanceof Error ? e.message : String(e);
  return s.split("\n")[0].slice(0, 200);
}

/** Directory (file URL ending in "/") holding the wasm binaries of the installed tfjs-backend-wasm, if found. */
function findWasmDir(): string | undefined {
  const binary = "tfjs-backend-wasm-simd.wasm";
  const exists = (dirUrl: string): boolean => {
    try {
      return Deno.statSync(new URL(binary, dirUrl)).isFile;
    } catch {
      return false;
    }
  };
  // 1. The module graph's own resolution: a file URL inside node_modules when `nodeModulesDir` is set.
  try {
    const main = import.meta.resolve("@tensorflow/tfjs-backend-wasm");
    if (main.startsWith("file:")) {
      const dir = new URL("./", main).href;
      if (exists(dir)) return dir;
    }
  } catch {
    // not resolvable from here (e.g. no import map entry): try node_modules below
  }
  // 2. node_modules in the working directory or any parent.
  try {
    let dir = Deno.cwd();
    for (;;) {
      const url = new URL(`file://${dir}/node_modules/@tensorflow/tfjs-backend-wasm/dist/`).href;
      if (exists(url)) return url;
      const parent = dir.replace(/\/[^/]*$/, "");
      if (parent === dir || parent === "") break;
      dir = parent;
    }
  } catch {
    // no --allow-read
  }
  // 3. Nothing found: the package's emscripten glue then loads the binaries next to itself (its __dirname, which
  //    is Deno's npm cache for JSR consumers without node_modules): still offline.
  return undefined;
}

async function initWasm(): Promise<{ simd: boolean; threads: number }> {
  const wasm = await import("@tensorflow/tfjs-backend-wasm");
  if (!wasmPathsSet) {
    const dir = findWasmDir();
    if (dir !== undefined) {
      wasm.setWasmPaths(dir);
      wasmDirNote = `binaries from ${dir}`;
    } else {
      wasmDirNote = "binaries next to the package's own script";
    }
    wasmPathsSet = true;
  }
  if (!(await tf.setBackend("wasm"))) throw new Error("tf.setBackend('wasm') returned false");
  const simd = (await tf.env().getAsync("WASM_HAS_SIMD_SUPPORT")) as boolean;
  const multi = (await tf.env().getAsync("WASM_HAS_MULTITHREAD_SUPPORT")) as boolean;
  return { simd, threads: multi ? wasm.getThreadsCount() : 1 };
}

/** Software WebGPU adapters (mesa lavapipe "llvmpipe", SwiftShader, WARP): correct but slower than wasm. */
function isSoftwareAdapter(
  info: { description?: string; device?: string; isFallbackAdapter?: boolean },
): boolean {
  if (info.isFallbackAdapter === true) return true;
  const text = `${info.description ?? ""} ${info.device ?? ""}`;
  return /llvmpipe|lavapipe|swiftshader|software|microsoft basic render|warp/i.test(text);
}

interface AdapterProbe {
  description?: string;
  software: boolean;
  note: string;
}

async function probeWebGpu(): Promise<AdapterProbe> {
  const gpu = (globalThis.navigator as Navigator | undefined)?.gpu;
  if (gpu === undefined) return { software: true, note: "navigator.gpu is not available" };
  let adapter: GPUAdapter | null;
  try {
    adapter = await gpu.requestAdapter({ powerPreference: "high-performance" });
  } catch (e) {
    return { software: true, note: `requestAdapter failed: ${errorText(e)}` };
  }
  if (adapter === null) return { software: true, note: "navigator.gpu.requestAdapter() gave no adapter" };
  const info = adapter.info as GPUAdapterInfo & { isFallbackAdapter?: boolean };
  const description = [info.description, info.vendor && `vendor ${info.vendor}`].filter(Boolean).join(", ");
  const software = isSoftwareAdapter(info) ||
    (adapter as GPUAdapter & { isFallbackAdapter?: boolean }).isFallbackAdapter === true;
  return { description, software, note: software ? `adapter "${description}" is a software renderer` : "" };
}

async function initWebGpu(): Promise<void> {
  await import("@tensorflow/tfjs-backend-webgpu");
  if (!(await tf.setBackend("webgpu"))) throw new Error("tf.setBackend('webgpu') returned false");
}

async function initTensorflow(): Promise<void> {
  // A computed specifier: the package is optional, so it must not be part of the static module graph.
  const specifier = ["@tensorflow", "tfjs-node-gpu"].join("/");
  await import(specifier);
  if (!(await tf.setBackend("tensorflow"))) throw new Error("tf.setBackend('tensorflow') returned false");
}

async function activate(requested: BackendName, envNote: string): Promise<BackendInfo> {
  const prefix = envNote === "" ? "" : `${envNote}; `;
  if (requested === "cpu") {
    await tf.setBackend("cpu");
    return { name: "cpu", requested, reason: `${prefix}cpu requested` };
  }
  if (requested === "wasm") {
    const { simd, threads } = await initWasm();
    return { name: "wasm", requested, reason: `${prefix}wasm requested; ${wasmDirNote}`, simd, threads };
  }
  if (requested === "webgpu") {
    const probe = await probeWebGpu();
    await initWebGpu();
    const note = probe.software ? ` (${probe.note})` : "";
    return {
      name: "webgpu",
      requested,
      reason: `${prefix}webgpu requested${note}`,
      adapter: probe.description,
    };
  }
  if (requested === "tensorflow") {
    await initTensorflow();
    return { name: "tensorflow", requested, reason: `${prefix}tensorflow requested` };
  }
  // auto: tensorflow, then a real GPU through webgpu, then wasm.
  const skipped: string[] = [];
  try {
    await initTensorflow();
    return { name: "tensorflow", requested, reason: `${prefix}auto: @tensorflow/tfjs-node-gpu is installed` };
  } catch (e) {
    skipped.push(`tensorflow: @tensorflow/tfjs-node-gpu not importable (${errorText(e)})`);
  }
  const probe = await probeWebGpu();
  if (!probe.software) {
    try {
      await initWebGpu();
      return {
        name: "webgpu",
        requested,
        reason: `${prefix}auto: ${skipped.join("; ")}; webgpu: GPU adapter found`,
        adapter: probe.description,
      };
    } catch (e) {
      skipped.push(`webgpu: backend failed to start (${errorText(e)})`);
    }
  } else {
    skipped.push(`webgpu: ${probe.note}`);
  }
  const { simd, threads } = await initWasm();
  return {
    name: "wasm",
    requested,
    reason: `${prefix}auto: ${skipped.join("; ")}; using wasm (${wasmDirNote})`,
    simd,
    threads,
  };
}

/**
 * Choose the TensorFlow.js backend. `REPRL_BACKEND` overrides `name` (unless `respectEnv: false`). Tensors and
 * models made on one backend should not be mixed with another: create fresh models after switching.
 *
 * @example
 * ```ts
 * import { setBackend } from "./backend.ts";
 * const info = await setBackend("cpu");
 * info.name; // "cpu" (or whatever REPRL_BACKEND says)
 * ```
 */
export async function setBackend(
  name: BackendName = "auto",
  opts: SetBackendOptions = {},
): Promise<BackendInfo> {
  checkOneOf("name", name, BACKEND_NAMES);
  let requested = name;
  let envNote = "";
  if (opts.respectEnv ?? true) {
    const env = readEnv();
    if (env !== undefined) {
      requested = checkOneOf("REPRL_BACKEND", env, BACKEND_NAMES);
      envNote = `REPRL_BACKEND=${env}${env === name ? "" : ` overrides requested "${name}"`}`;
    }
  }
  if (pending !== null) await pending.catch(() => undefined);
  const run = activate(requested, envNote);
  pending = run;
  try {
    current = await run;
    return { ...current };
  } finally {
    if (pending === run) pending = null;
  }
}

/**
 * Make sure a backend is active, choosing `auto` (or `REPRL_BACKEND`) the first time. Idempotent and cheap
 * afterwards; every reprl function that creates tensors awaits it.
 *
 * @example
 * ```ts
 * import { ensureBackend } from "./backend.ts";
 * const info = await ensureBackend();
 * console.log(info.name, info.reason);
 * ```
 */
export async function ensureBackend(): Promise<BackendInfo> {
  if (pending !== null) await pending.catch(() => undefined);
  if (current !== null && tf.getBackend() === current.name) return { ...current };
  return await setBackend("auto");
}

/**
 * What runs and why, as plain data. Before any backend was chosen, `name` is tfjs's current default and `reason`
 * says that nothing was chosen yet.
 *
 * @example
 * ```ts
 * import { backendInfo, setBackend } from "./backend.ts";
 * await setBackend("cpu");
 * JSON.stringify(backendInfo()); // {"name":"cpu","requested":"cpu","reason":"cpu requested"}
 * ```
 */
export function backendInfo(): BackendInfo {
  if (current === null) {
    return {
      name: "cpu",
      requested: "auto",
      reason: "no backend chosen yet; ensureBackend() will choose one",
    };
  }
  return { ...current };
}
