/**
 * The time-layered view of a deterministic finite-horizon MDP that every effective-horizon computation works on:
 * only the states reachable from the start within t steps are kept at layer t (as the official analysis does), so
 * memory and time scale with Σ_t |reachable_t| · A rather than T · S · A.
 *
 * @module
 */
import { checkInteger, describe } from "../core/errors.ts";
import { checkMdp, isDeterministic, type TabularMdp } from "../tabular/mdp.ts";

/** Reachable states per timestep and their successors as positions in the next layer. */
export interface Layers {
  /** Horizon T (layers t = 0, ..., T − 1; the paper's t = 1, ..., T). */
  horizon: number;
  /** Number of actions A. */
  numActions: number;
  /** `states[t]`: the states reachable at step t, ascending. `states[0]` = [start]. */
  states: Int32Array[];
  /** `next[t][i * A + a]`: position in `states[t + 1]` of the successor of (states[t][i], a); −1 when it ends. */
  next: Int32Array[];
  /** r(s, a) at `s * A + a` for every state (the MDP's own array, not copied). */
  rewards: Float64Array;
}

/**
 * The successor table `transitions[s * A + a]` (−1 = the episode ends) of a deterministic MDP.
 *
 * @example
 * ```ts
 * import { fromDeterministic } from "../tabular/mdp.ts";
 * import { deterministicTransitions } from "./layers.ts";
 * const mdp = fromDeterministic({ transitions: [0, -1], rewards: [0, 1], numStates: 1, numActions: 2, horizon: 3 });
 * deterministicTransitions(mdp); // Int32Array [0, -1]
 * ```
 */
export function deterministicTransitions(mdp: TabularMdp): Int32Array {
  checkMdp("mdp", mdp);
  if (!isDeterministic(mdp)) {
    throw new RangeError("mdp must be deterministic (one successor per state and action) for this analysis");
  }
  const SA = mdp.numStates * mdp.numActions;
  const out = new Int32Array(SA);
  for (let i = 0; i < SA; i++) out[i] = mdp.next[mdp.offsets[i]];
  return out;
}

/**
 * Build the layers of a deterministic MDP from its start state over `horizon` steps (default the MDP's).
 *
 * @example
 * ```ts
 * import { fromDeterministic } from "../tabular/mdp.ts";
 * import { buildLayers } from "./layers.ts";
 * const mdp = fromDeterministic({ transitions: [1, -1, 1, 1], rewards: [0, 0, 1, 0], numStates: 2, numActions: 2, horizon: 3 });
 * buildLayers(mdp).states.map((s) => [...s]); // [[0], [1], [1]]
 * ```
 */
export function buildLayers(mdp: TabularMdp, horizon: number = mdp.horizon): Layers {
  const transitions = deterministicTransitions(mdp);
  const T = checkInteger("horizon", horizon, { min: 1 });
  const A = mdp.numActions;
  if (mdp.initialState < 0) {
    throw new RangeError(`mdp must have a single start state for this analysis, got a start distribution`);
  }
  const S = mdp.numStates;
  const position = new Int32Array(S).fill(-1);
  const scratch = new Int32Array(S);
  const states: Int32Array[] = [Int32Array.of(mdp.initialState)];
  const next: Int32Array[] = [];
  for (let t = 0; t < T; t++) {
    const layer = states[t];
    const n = layer.length;
    if (t === T - 1) {
      next.push(new Int32Array(n * A).fill(-1)); // nothing follows the last step
      break;
    }
    // successors of this layer, ascending and unique, become the next layer
    let count = 0;
    for (let i = 0; i < n; i++) {
      const base = layer[i] * A;
      for (let a = 0; a < A; a++) {
        const s = transitions[base + a];
        if (s >= 0 && position[s] === -1) {
          position[s] = 0;
          scratch[count++] = s;
        }
      }
    }
    let nextLayer: Int32Array;
    if (count * 16 > S) {
      // dense layer: one scan of the marks is cheaper than sorting
      nextLayer = new Int32Array(count);
      for (let s = 0, j = 0; j < count; s++) if (position[s] === 0) nextLayer[j++] = s;
    } else {
      nextLayer = scratch.slice(0, count).sort();
    }
    for (let j = 0; j < nextLayer.length; j++) position[nextLayer[j]] = j;
    const nx = new Int32Array(n * A);
    for (let i = 0; i < n; i++) {
      const base = layer[i] * A;
      for (let a = 0; a < A; a++) {
        const s = transitions[base + a];
        nx[i * A + a] = s >= 0 ? position[s] : -1;
      }
    }
    for (let j = 0; j < nextLayer.length; j++) position[nextLayer[j]] = -1;
    next.push(nx);
    states.push(nextLayer);
  }
  return { horizon: T, numActions: A, states, next, rewards: mdp.rewards };
}

/** Check that a value is a {@link Layers} object (cheap shape check). */
export function checkLayers(name: string, value: unknown): Layers {
  const l = value as Layers;
  if (typeof l !== "object" || l === null || !Array.isArray(l.states) || !Array.isArray(l.next)) {
    throw new TypeError(`${name} must be Layers from buildLayers, got ${describe(value)}`);
  }
  return l;
}
