/**
 * Loading the MuJoCo WebAssembly build (`npm:mujoco-js`, Google DeepMind's official binding) once per process, and
 * compiling an MJCF string into an `MjModel`.
 *
 * The 11 MB module is imported dynamically on the first {@link loadMujoco} call, so importing `lib/envs` costs
 * nothing for users of the other environments.
 *
 * @module
 */
import type { MainModule, MjModel } from "mujoco-js";
import { describe } from "../../core/errors.ts";

/** The loaded MuJoCo module: `MjModel`, `MjData`, `mj_step`, `mj_forward`, `FS`, ... */
export type Mujoco = MainModule;

/** Folder of the module's in-memory file system where {@link compileMjcf} writes models. */
const MODEL_DIR = "/reprl-models";

let loading: Promise<Mujoco> | null = null;
let fileCount = 0;

/**
 * Load the MuJoCo wasm module (a few hundred ms the first time) and return it; later calls return the same module.
 *
 * @example
 * ```ts
 * import { loadMujoco } from "./loader.ts";
 * const mujoco = await loadMujoco();
 * console.log(mujoco.mj_versionString());
 * ```
 */
export function loadMujoco(): Promise<Mujoco> {
  loading ??= (async () => {
    const { default: factory } = await import("mujoco-js");
    const mujoco = await factory();
    mujoco.FS.mkdir(MODEL_DIR);
    return mujoco;
  })();
  // a failed load is not cached, so a caller may retry
  loading.catch(() => {
    loading = null;
  });
  return loading;
}

/**
 * Compile an MJCF document into a new `MjModel` (free it with `.delete()` when done). A document MuJoCo rejects
 * throws a RangeError naming MuJoCo's exception (the wasm build carries no message text, e.g. only `mjXError`).
 *
 * @example
 * ```ts
 * import { compileMjcf, loadMujoco } from "./loader.ts";
 * const mujoco = await loadMujoco();
 * const model = compileMjcf(mujoco, `<mujoco><worldbody><body><freejoint/><geom size="0.1"/></body></worldbody></mujoco>`);
 * console.log(model.nq); // 7
 * model.delete();
 * ```
 */
export function compileMjcf(mujoco: Mujoco, xml: string): MjModel {
  if (typeof xml !== "string" || xml.length === 0) {
    throw new TypeError(`xml must be a non-empty MJCF string, got ${describe(xml)}`);
  }
  const path = `${MODEL_DIR}/model-${fileCount++}.xml`;
  mujoco.FS.writeFile(path, xml);
  try {
    return mujoco.MjModel.loadFromXML(path);
  } catch (e) {
    // the wasm build throws a CppException whose only readable field is the C++ type name
    const name = (e as { name?: unknown } | null)?.name;
    const reason = e instanceof Error && e.message
      ? e.message
      : typeof name === "string"
      ? name
      : describe(e);
    throw new RangeError(`xml is not an MJCF model MuJoCo can compile (MuJoCo raised ${reason})`);
  } finally {
    mujoco.FS.unlink(path);
  }
}
