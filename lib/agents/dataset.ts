/**
 * Offline datasets of transitions in D4RL's layout (`observations`, `actions`, `rewards`, `next_observations`,
 * `terminals`, `timeouts`), collected by running a policy in a vectorised env, and saved as one compact binary file:
 * the 8-byte magic `REPRLDS1`, a little-endian u32 header length, a JSON header (sizes, action space, column
 * offsets, free-form `meta`), zero padding to 8 bytes, then each column's raw little-endian bytes.
 *
 * @module
 */
import { actionDim, checkVecEnv, episodeTracker, obsDim, type VecEnv } from "../core/env.ts";
import { checkInteger, checkLength, describe } from "../core/errors.ts";
import { Rng } from "../core/rng.ts";
import { Discrete } from "../core/spaces.ts";
import { act, type ActionSpec, actionSpec, type Policy } from "./policy.ts";

/** Transitions in D4RL's layout; row `i` of each column is transition `i`. */
export interface Dataset {
  /** Number of transitions. */
  size: number;
  /** Observation width. */
  obsSize: number;
  /** The action space. */
  action: ActionSpec;
  /** `size × obsSize`. */
  observations: Float32Array;
  /** `size` indices (discrete) or `size × actionSize` values. */
  actions: Int32Array | Float32Array;
  /** `size` rewards. */
  rewards: Float32Array;
  /** `size × obsSize`: where each transition led (the true final observation at episode ends). */
  next_observations: Float32Array;
  /** 1 where the transition ended in a terminal state. */
  terminals: Uint8Array;
  /** 1 where the episode was cut by the time limit after this transition. */
  timeouts: Uint8Array;
  /** Anything worth keeping with the data (env id, policy return, seed). */
  meta?: Record<string, unknown>;
}

/** What acts while collecting: a trained policy, a function, or `"random"` (uniform over the action space). */
export type Behaviour =
  | Policy
  | "random"
  | ((obs: Float32Array, batch: number, rng: Rng) => Int32Array | Float32Array);

/** Options of {@link collect}. */
export interface CollectOptions {
  /** Act with the policy's mode instead of sampling (default false). */
  deterministic?: boolean;
  /** `greedy-q` policies: ε of ε-greedy (default 0). */
  epsilon?: number;
  /** Stored in the dataset's `meta`. */
  meta?: Record<string, unknown>;
}

/**
 * Run `behaviour` in `env` for `n` transitions (summed over copies; the last batch is cut to fit) and return them
 * as a {@link Dataset}. `meta` gets the mean return of the episodes that finished.
 *
 * @example
 * ```ts
 * import { collect } from "./dataset.ts";
 * import { Rng } from "../core/rng.ts";
 * import { makeEnv } from "../envs/mod.ts";
 * const data = collect(makeEnv("CartPole-v1", { numEnvs: 4 }), "random", 1000, new Rng(0));
 * data.size; // 1000
 * ```
 */
export function collect(
  env: VecEnv,
  behaviour: Behaviour,
  n: number,
  rng: Rng,
  opts: CollectOptions = {},
): Dataset {
  checkVecEnv("env", env);
  checkInteger("n", n, { min: 1 });
  if (!(rng instanceof Rng)) throw new TypeError(`rng must be an Rng, got ${describe(rng)}`);
  const d = obsDim(env.observationSpace);
  const space = env.actionSpace;
  const discrete = space instanceof Discrete;
  const a = discrete ? 1 : actionDim(space);
  const N = env.numEnvs;
  const actRng = rng.split();
  const data: Dataset = {
    size: n,
    obsSize: d,
    action: actionSpec(space),
    observations: new Float32Array(n * d),
    actions: discrete ? new Int32Array(n) : new Float32Array(n * a),
    rewards: new Float32Array(n),
    next_observations: new Float32Array(n * d),
    terminals: new Uint8Array(n),
    timeouts: new Uint8Array(n),
    meta: { ...opts.meta },
  };
  const choose = (obs: Float32Array): Int32Array | Float32Array => {
    if (behaviour === "random") {
      const out = discrete ? new Int32Array(N) : new Float32Array(N * a);
      for (let i = 0; i < N; i++) {
        if (discrete) out[i] = space.sample(actRng);
        else space.sample(actRng, out.subarray(i * a, (i + 1) * a) as Float32Array);
      }
      return out;
    }
    if (typeof behaviour === "function") return behaviour(obs, N, actRng);
    return act(behaviour, obs, N, { rng: actRng, deterministic: opts.deterministic, epsilon: opts.epsilon });
  };
  const tracker = episodeTracker(N);
  const returns: number[] = [];
  let obs = env.reset(rng.nextUint32());
  for (let k = 0; k < n;) {
    const actions = choose(obs);
    checkLength("behaviour's actions", actions, N * a);
    data.observations.set(obs.subarray(0, Math.min(N, n - k) * d), k * d);
    const result = env.step(actions);
    for (const ep of tracker.record(result)) returns.push(ep.return);
    for (let i = 0; i < N && k < n; i++, k++) {
      for (let j = 0; j < a; j++) data.actions[k * a + j] = actions[i * a + j];
      data.rewards[k] = result.rewards[i];
      data.next_observations.set(result.finalObservations.subarray(i * d, (i + 1) * d), k * d);
      data.terminals[k] = result.terminated[i];
      data.timeouts[k] = result.truncated[i];
    }
    obs = result.observations;
  }
  data.meta!.episodes = returns.length;
  data.meta!.mean_return = returns.length > 0 ? returns.reduce((s, r) => s + r, 0) / returns.length : null;
  return data;
}

const MAGIC = "REPRLDS1";
const COLUMNS = ["observations", "actions", "rewards", "next_observations", "terminals", "timeouts"] as const;
type ColumnName = typeof COLUMNS[number];

interface Header {
  version: 1;
  size: number;
  obsSize: number;
  action: ActionSpec;
  columns: {
    name: ColumnName;
    dtype: "float32" | "int32" | "uint8";
    byteOffset: number;
    byteLength: number;
  }[];
  meta: Record<string, unknown>;
}

/**
 * The dataset as bytes (see the module doc for the layout).
 *
 * @example
 * ```ts
 * import { collect, datasetFromBytes, datasetToBytes } from "./dataset.ts";
 * import { Rng } from "../core/rng.ts";
 * import { makeEnv } from "../envs/mod.ts";
 * const data = collect(makeEnv("Pendulum-v1"), "random", 50, new Rng(1));
 * datasetFromBytes(datasetToBytes(data)).rewards[0] === data.rewards[0]; // true
 * ```
 */
export function datasetToBytes(data: Dataset): Uint8Array {
  checkDataset(data);
  const columns: Header["columns"] = [];
  let offset = 0;
  for (const name of COLUMNS) {
    const col = data[name];
    const dtype = col instanceof Float32Array ? "float32" : col instanceof Int32Array ? "int32" : "uint8";
    columns.push({ name, dtype, byteOffset: offset, byteLength: col.byteLength });
    offset += Math.ceil(col.byteLength / 8) * 8;
  }
  const header: Header = {
    version: 1,
    size: data.size,
    obsSize: data.obsSize,
    action: data.action,
    columns,
    meta: data.meta ?? {},
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const start = Math.ceil((12 + json.length) / 8) * 8;
  const bytes = new Uint8Array(start + offset);
  bytes.set(new TextEncoder().encode(MAGIC), 0);
  new DataView(bytes.buffer).setUint32(8, json.length, true);
  bytes.set(json, 12);
  for (const c of columns) {
    const col = data[c.name];
    bytes.set(new Uint8Array(col.buffer, col.byteOffset, col.byteLength), start + c.byteOffset);
  }
  return bytes;
}

/**
 * Parse bytes written by {@link datasetToBytes}.
 *
 * @example
 * ```ts
 * import { datasetFromBytes } from "./dataset.ts";
 * // datasetFromBytes(Deno.readFileSync("cartpole-expert.rds"))
 * ```
 */
export function datasetFromBytes(bytes: Uint8Array): Dataset {
  if (!(bytes instanceof Uint8Array)) {
    throw new TypeError(`bytes must be a Uint8Array, got ${describe(bytes)}`);
  }
  if (bytes.length < 12 || new TextDecoder().decode(bytes.subarray(0, 8)) !== MAGIC) {
    throw new RangeError(`not a reprl dataset: the first 8 bytes are not "${MAGIC}"`);
  }
  const headerLength = new DataView(bytes.buffer, bytes.byteOffset).getUint32(8, true);
  if (12 + headerLength > bytes.length) throw new RangeError("dataset header runs past the end of the data");
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + headerLength))) as Header;
  if (header.version !== 1) throw new RangeError(`unsupported dataset version ${describe(header.version)}`);
  const start = Math.ceil((12 + headerLength) / 8) * 8;
  const cols: Partial<Record<ColumnName, Float32Array | Int32Array | Uint8Array>> = {};
  for (const c of header.columns) {
    const from = start + c.byteOffset;
    if (from + c.byteLength > bytes.length) {
      throw new RangeError(`column ${c.name} runs past the end of the data`);
    }
    const copy = bytes.slice(from, from + c.byteLength).buffer;
    cols[c.name] = c.dtype === "float32"
      ? new Float32Array(copy)
      : c.dtype === "int32"
      ? new Int32Array(copy)
      : new Uint8Array(copy);
  }
  const data = {
    size: header.size,
    obsSize: header.obsSize,
    action: header.action,
    meta: header.meta,
    ...cols,
  } as Dataset;
  checkDataset(data);
  return data;
}

/**
 * Write a dataset to `path` (parent folders created).
 *
 * @example
 * ```ts
 * import { collect, loadDataset, saveDataset } from "./dataset.ts";
 * import { Rng } from "../core/rng.ts";
 * import { makeEnv } from "../envs/mod.ts";
 * const dir = Deno.makeTempDirSync();
 * saveDataset(`${dir}/random.rds`, collect(makeEnv("CartPole-v1"), "random", 100, new Rng(0)));
 * loadDataset(`${dir}/random.rds`).size; // 100
 * ```
 */
export function saveDataset(path: string, data: Dataset): void {
  const slash = path.lastIndexOf("/");
  if (slash > 0) Deno.mkdirSync(path.slice(0, slash), { recursive: true });
  const tmp = `${path}.tmp`;
  Deno.writeFileSync(tmp, datasetToBytes(data));
  Deno.renameSync(tmp, path);
}

/**
 * Read a dataset written by {@link saveDataset}.
 *
 * @example
 * ```ts
 * import { loadDataset } from "./dataset.ts";
 * // const data = loadDataset("results/datasets/cartpole-expert.rds");
 * ```
 */
export function loadDataset(path: string): Dataset {
  return datasetFromBytes(Deno.readFileSync(path));
}

function checkDataset(data: Dataset): void {
  if (typeof data !== "object" || data === null) {
    throw new TypeError(`dataset must be an object, got ${describe(data)}`);
  }
  const n = checkInteger("size", data.size, { min: 0 });
  const d = checkInteger("obsSize", data.obsSize, { min: 1 });
  const a = data.action?.kind === "discrete" ? 1 : data.action?.kind === "box" ? data.action.size : NaN;
  if (!(a >= 1)) throw new TypeError(`action must be a discrete or box spec, got ${describe(data.action)}`);
  const expect = (name: string, col: unknown, ctor: unknown, length: number) => {
    if (!(col instanceof (ctor as typeof Float32Array))) {
      throw new TypeError(`${name} must be a ${(ctor as typeof Float32Array).name}, got ${describe(col)}`);
    }
    checkLength(name, col as Float32Array, length);
  };
  expect("observations", data.observations, Float32Array, n * d);
  expect("next_observations", data.next_observations, Float32Array, n * d);
  expect("actions", data.actions, data.action.kind === "discrete" ? Int32Array : Float32Array, n * a);
  expect("rewards", data.rewards, Float32Array, n);
  expect("terminals", data.terminals, Uint8Array, n);
  expect("timeouts", data.timeouts, Uint8Array, n);
}
