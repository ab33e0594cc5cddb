/**
 * Trained policies as plain data: frozen networks ({@link MlpSnapshot}) plus what turns their outputs into actions.
 * A policy acts on a batch of observations with typed arrays only (no tensors, nothing to dispose), gives the same
 * actions on every backend, and round-trips through JSON (`policyToJSON` / `policyFromJSON`).
 *
 * Kinds:
 * - `categorical` (PPO, BC on discrete actions): logits → sample, or argmax when deterministic.
 * - `gaussian` (PPO continuous): mean net + state-independent log-std → mean + std·ε, or the mean.
 * - `tanh-gaussian` (SAC): net → (mean, log-std) → bias + scale·tanh(mean + std·ε), or bias + scale·tanh(mean).
 * - `greedy-q` (DQN, fitted-Q iteration): argmax of Q (ε-greedy when `epsilon` is given).
 * - `deterministic` (BC on continuous actions): the net's output is the action.
 *
 * Optional observation normalisation (PPO continuous's running statistics) is applied first.
 *
 * @module
 */
import { checkInRange, checkInteger, checkLength, checkOneOf, describe } from "../core/errors.ts";
import { Rng } from "../core/rng.ts";
import { Box, Discrete } from "../core/spaces.ts";
import {
  type MlpSnapshot,
  type MlpSnapshotJSON,
  snapshotForward,
  snapshotFromJSON,
  snapshotToJSON,
} from "../tensor/snapshot.ts";

/** Observation normalisation: `clip((x − mean) / √(var + 1e-8), −clip, clip)`, as Gymnasium's wrapper. */
export interface ObsNormalization {
  /** Per-dimension mean. */
  mean: Float64Array;
  /** Per-dimension variance. */
  var: Float64Array;
  /** Normalised values are clipped to ±clip. */
  clip: number;
}

/** The action space a policy acts in, as plain data. */
export type ActionSpec =
  | { kind: "discrete"; n: number }
  | { kind: "box"; size: number; low: number[]; high: number[] };

/** The kinds of policy; see the module doc. */
export type PolicyKind = "categorical" | "gaussian" | "tanh-gaussian" | "greedy-q" | "deterministic";

/** A trained policy: frozen network(s) and how to act with them. */
export interface Policy {
  /** How the network's outputs become actions. */
  readonly kind: PolicyKind;
  /** Observation width the policy expects. */
  readonly obsSize: number;
  /** The action space it acts in. */
  readonly action: ActionSpec;
  /** The network (logits, mean, (mean, log-std), Q or action, by kind). */
  readonly net: MlpSnapshot;
  /** `gaussian` only: the log standard deviation per action dimension. */
  readonly logStd?: Float32Array;
  /** Observation normalisation applied before the network. */
  readonly obsNorm?: ObsNormalization;
  /** `tanh-gaussian` only: bounds of the log-std (CleanRL's −5 and 2). */
  readonly logStdRange?: readonly [number, number];
}

/** Options of {@link act}. */
export interface ActOptions {
  /** Stream for sampling; required unless `deterministic` (and ε = 0). */
  rng?: Rng;
  /** Take the mode (argmax / mean) instead of sampling (default false). */
  deterministic?: boolean;
  /** `greedy-q` only: probability of a uniformly random action (default 0). */
  epsilon?: number;
}

/** A policy as JSON. */
export interface PolicyJSON {
  /** See {@link Policy.kind}. */
  kind: PolicyKind;
  /** See {@link Policy.obsSize}. */
  obsSize: number;
  /** See {@link Policy.action}. */
  action: ActionSpec;
  /** The network as JSON. */
  net: MlpSnapshotJSON;
  /** See {@link Policy.logStd}. */
  logStd?: number[];
  /** See {@link Policy.obsNorm}. */
  obsNorm?: { mean: number[]; var: number[]; clip: number };
  /** See {@link Policy.logStdRange}. */
  logStdRange?: [number, number];
}

/**
 * The {@link ActionSpec} of an environment's action space.
 *
 * @example
 * ```ts
 * import { actionSpec } from "./policy.ts";
 * import { Discrete } from "../core/spaces.ts";
 * actionSpec(new Discrete(2)); // { kind: "discrete", n: 2 }
 * ```
 */
export function actionSpec(space: Box | Discrete): ActionSpec {
  if (space instanceof Discrete) return { kind: "discrete", n: space.n };
  if (space instanceof Box) {
    return { kind: "box", size: space.size, low: Array.from(space.low), high: Array.from(space.high) };
  }
  throw new TypeError(`action space must be a Box or Discrete, got ${describe(space)}`);
}

/**
 * Normalise `batch` observations with the policy's statistics (a copy; the input is untouched). Without statistics
 * the input is returned as is.
 *
 * @example
 * ```ts
 * import { normalizeObservations } from "./policy.ts";
 * const norm = { mean: new Float64Array([1]), var: new Float64Array([4]), clip: 10 };
 * normalizeObservations(norm, new Float32Array([3]))[0]; // ≈ 1
 * ```
 */
export function normalizeObservations(norm: ObsNormalization | undefined, obs: Float32Array): Float32Array {
  if (norm === undefined) return obs;
  const d = norm.mean.length;
  const out = new Float32Array(obs.length);
  for (let k = 0; k < obs.length; k++) {
    const j = k % d;
    const z = (obs[k] - norm.mean[j]) / Math.sqrt(norm.var[j] + 1e-8);
    out[k] = Math.max(-norm.clip, Math.min(norm.clip, z));
  }
  return out;
}

/**
 * Actions of a policy for `batch` observations (row-major `batch × obsSize`): an `Int32Array` of length `batch`
 * for discrete actions, a `Float32Array` of `batch × size` for Box actions (Gaussian samples are not clipped; the
 * environment clips, as CleanRL's `ClipAction`).
 *
 * @example
 * ```ts
 * import { act, policyFromJSON } from "./policy.ts";
 * const policy = policyFromJSON({
 *   kind: "greedy-q", obsSize: 1, action: { kind: "discrete", n: 2 },
 *   net: { config: { inputSize: 1, hiddenSizes: [], outputSize: 2, activation: "tanh", init: "orthogonal", hiddenGain: 1, outputGain: 1 },
 *          weights: [[1, -1]], biases: [[0, 0]] },
 * });
 * act(policy, new Float32Array([2, -2]), 2, { deterministic: true }); // Int32Array [0, 1]
 * ```
 */
export function act(
  policy: Policy,
  obs: Float32Array,
  batch: number,
  opts: ActOptions = {},
): Int32Array | Float32Array {
  checkInteger("batch", batch, { min: 0 });
  checkLength("obs", obs, batch * policy.obsSize);
  const deterministic = opts.deterministic ?? false;
  const epsilon = checkInRange("epsilon", opts.epsilon ?? 0, { min: 0, max: 1 });
  const rng = opts.rng;
  if (rng !== undefined && !(rng instanceof Rng)) {
    throw new TypeError(`rng must be an Rng, got ${describe(rng)}`);
  }
  const needsRng = policy.kind === "greedy-q"
    ? epsilon > 0
    : !deterministic && policy.kind !== "deterministic";
  if (needsRng && rng === undefined) {
    throw new RangeError(
      `rng is required to sample from a ${policy.kind} policy (or pass deterministic: true)`,
    );
  }
  const y = snapshotForward(policy.net, normalizeObservations(policy.obsNorm, obs), batch);
  const outSize = policy.net.config.outputSize;
  switch (policy.kind) {
    case "categorical":
    case "greedy-q": {
      const n = outSize;
      const out = new Int32Array(batch);
      for (let b = 0; b < batch; b++) {
        const off = b * n;
        if (policy.kind === "greedy-q" && epsilon > 0 && rng!.uniform() < epsilon) {
          out[b] = rng!.integer(n);
        } else if (policy.kind === "greedy-q" || deterministic) {
          out[b] = argmaxRow(y, off, n);
        } else {
          out[b] = sampleLogits(y, off, n, rng!);
        }
      }
      return out;
    }
    case "gaussian": {
      if (deterministic) return y;
      const std = policy.logStd!.map(Math.exp);
      for (let k = 0; k < y.length; k++) y[k] += std[k % outSize] * rng!.normal();
      return y;
    }
    case "tanh-gaussian": {
      const size = outSize / 2;
      const spec = policy.action as { kind: "box"; low: number[]; high: number[] };
      const [lo, hi] = policy.logStdRange ?? [-5, 2];
      const out = new Float32Array(batch * size);
      for (let b = 0; b < batch; b++) {
        for (let j = 0; j < size; j++) {
          const mean = y[b * outSize + j];
          let u = mean;
          if (!deterministic) {
            const logStd = lo + 0.5 * (hi - lo) * (Math.tanh(y[b * outSize + size + j]) + 1);
            u += Math.exp(logStd) * rng!.normal();
          }
          const scale = (spec.high[j] - spec.low[j]) / 2;
          const bias = (spec.high[j] + spec.low[j]) / 2;
          out[b * size + j] = bias + scale * Math.tanh(u);
        }
      }
      return out;
    }
    case "deterministic":
      return y;
  }
}

function argmaxRow(y: Float32Array, off: number, n: number): number {
  let best = 0;
  for (let a = 1; a < n; a++) if (y[off + a] > y[off + best]) best = a;
  return best;
}

function sampleLogits(y: Float32Array, off: number, n: number, rng: Rng): number {
  let max = -Infinity;
  for (let a = 0; a < n; a++) max = Math.max(max, y[off + a]);
  let total = 0;
  for (let a = 0; a < n; a++) total += Math.exp(y[off + a] - max);
  let u = rng.uniform() * total;
  for (let a = 0; a < n; a++) {
    u -= Math.exp(y[off + a] - max);
    if (u < 0) return a;
  }
  return n - 1;
}

/**
 * A policy as JSON (save it with `JSON.stringify`).
 *
 * @example
 * ```ts
 * import { policyFromJSON, policyToJSON } from "./policy.ts";
 * // const text = JSON.stringify(policyToJSON(result.policy)); ... policyFromJSON(JSON.parse(text))
 * ```
 */
export function policyToJSON(policy: Policy): PolicyJSON {
  const json: PolicyJSON = {
    kind: policy.kind,
    obsSize: policy.obsSize,
    action: structuredClone(policy.action),
    net: snapshotToJSON(policy.net),
  };
  if (policy.logStd) json.logStd = Array.from(policy.logStd);
  if (policy.obsNorm) {
    json.obsNorm = {
      mean: Array.from(policy.obsNorm.mean),
      var: Array.from(policy.obsNorm.var),
      clip: policy.obsNorm.clip,
    };
  }
  if (policy.logStdRange) json.logStdRange = [policy.logStdRange[0], policy.logStdRange[1]];
  return json;
}

/**
 * Rebuild a policy from {@link policyToJSON} output, checking that its parts fit together.
 *
 * @example
 * ```ts
 * import { act, policyFromJSON } from "./policy.ts";
 * const policy = policyFromJSON({
 *   kind: "deterministic", obsSize: 1, action: { kind: "box", size: 1, low: [-1], high: [1] },
 *   net: { config: { inputSize: 1, hiddenSizes: [], outputSize: 1, activation: "tanh", init: "orthogonal", hiddenGain: 1, outputGain: 1 },
 *          weights: [[0.5]], biases: [[0]] },
 * });
 * act(policy, new Float32Array([1]), 1)[0]; // 0.5
 * ```
 */
export function policyFromJSON(json: PolicyJSON): Policy {
  if (typeof json !== "object" || json === null) {
    throw new TypeError(`policy must be an object, got ${describe(json)}`);
  }
  const kind = checkOneOf(
    "kind",
    json.kind,
    ["categorical", "gaussian", "tanh-gaussian", "greedy-q", "deterministic"] as const,
  );
  const net = snapshotFromJSON(json.net);
  const obsSize = checkInteger("obsSize", json.obsSize, { min: 1 });
  if (net.config.inputSize !== obsSize) {
    throw new RangeError(`net.config.inputSize must equal obsSize ${obsSize}, got ${net.config.inputSize}`);
  }
  const action = json.action;
  const actionOut = action?.kind === "discrete" ? action.n : action?.kind === "box" ? action.size : NaN;
  if (!(actionOut >= 1)) {
    throw new TypeError(`action must be a discrete or box spec, got ${describe(action)}`);
  }
  const expected = kind === "tanh-gaussian" ? 2 * actionOut : actionOut;
  if (net.config.outputSize !== expected) {
    throw new RangeError(
      `a ${kind} policy's net must output ${expected} values, got ${net.config.outputSize}`,
    );
  }
  const discreteKinds: PolicyKind[] = ["categorical", "greedy-q"];
  if (discreteKinds.includes(kind) !== (action.kind === "discrete")) {
    throw new RangeError(`a ${kind} policy cannot act in a ${action.kind} action space`);
  }
  const policy: {
    -readonly [K in keyof Policy]: Policy[K];
  } = { kind, obsSize, action: structuredClone(action), net };
  if (kind === "gaussian") {
    policy.logStd = Float32Array.from(checkLength("logStd", json.logStd ?? [], actionOut));
  }
  if (json.obsNorm) {
    policy.obsNorm = {
      mean: Float64Array.from(checkLength("obsNorm.mean", json.obsNorm.mean, obsSize)),
      var: Float64Array.from(checkLength("obsNorm.var", json.obsNorm.var, obsSize)),
      clip: json.obsNorm.clip,
    };
  }
  if (json.logStdRange) policy.logStdRange = [json.logStdRange[0], json.logStdRange[1]];
  return policy;
}
