/**
 * The official BRIDGE tabular MDP format (`consolidated.npz`): `transitions[s, a]` = next state (−1 ends the
 * episode), `rewards[s, a]`, start state 0; the horizon is not stored and is given by the caller.
 *
 * @module
 */
import { checkInteger, describe } from "../core/errors.ts";
import { fromDeterministic, type TabularMdp } from "../tabular/mdp.ts";
import { deterministicTransitions } from "./layers.ts";
import { readNpz, writeNpz } from "./npy.ts";

/**
 * Decode BRIDGE `consolidated.npz` bytes into a deterministic {@link TabularMdp} with the given horizon.
 *
 * @example
 * ```ts ignore
 * import { readBridgeMdp } from "./bridge.ts";
 * const mdp = await readBridgeMdp(await Deno.readFile("freeway_10_fs30/consolidated.npz"), 10);
 * ```
 */
export async function readBridgeMdp(bytes: Uint8Array, horizon: number): Promise<TabularMdp> {
  checkInteger("horizon", horizon, { min: 1 });
  const { transitions, rewards } = await readNpz(bytes, { only: ["transitions", "rewards"] });
  if (transitions.shape.length !== 2 || rewards.shape.length !== 2) {
    throw new RangeError(
      `transitions and rewards must be 2-D (states × actions), got shapes [${transitions.shape}] and [${rewards.shape}]`,
    );
  }
  if (transitions.shape[0] !== rewards.shape[0] || transitions.shape[1] !== rewards.shape[1]) {
    throw new RangeError(
      `transitions shape [${transitions.shape}] must equal rewards shape [${rewards.shape}]`,
    );
  }
  const [numStates, numActions] = transitions.shape;
  return fromDeterministic({
    transitions: Int32Array.from(transitions.data),
    rewards: Float64Array.from(rewards.data),
    numStates,
    numActions,
    horizon,
  });
}

/**
 * Load a BRIDGE `consolidated.npz` file from disk.
 *
 * @example
 * ```ts ignore
 * import { loadBridgeMdp } from "./bridge.ts";
 * const mdp = await loadBridgeMdp("data/mdps/maze_easy_l0_30_fs1/consolidated.npz", 30);
 * ```
 */
export async function loadBridgeMdp(path: string, horizon: number): Promise<TabularMdp> {
  if (typeof path !== "string") throw new TypeError(`path must be a string, got ${describe(path)}`);
  return readBridgeMdp(await Deno.readFile(path), horizon);
}

/**
 * Encode a deterministic MDP in the BRIDGE layout (int64 transitions, float32 rewards), readable by numpy and the
 * official tools. The start state must be 0.
 *
 * @example
 * ```ts
 * import { fromDeterministic } from "../tabular/mdp.ts";
 * import { writeBridgeMdp } from "./bridge.ts";
 * const mdp = fromDeterministic({ transitions: [-1, -1], rewards: [0, 1], numStates: 1, numActions: 2, horizon: 1 });
 * const bytes = writeBridgeMdp(mdp);
 * ```
 */
export function writeBridgeMdp(mdp: TabularMdp): Uint8Array {
  const transitions = deterministicTransitions(mdp);
  if (mdp.initialState !== 0) {
    throw new RangeError(
      `mdp.initialState must be 0 in the BRIDGE layout, got ${describe(mdp.initialState)}`,
    );
  }
  const shape = [mdp.numStates, mdp.numActions];
  return writeNpz({
    transitions: { dtype: "i8", shape, data: Float64Array.from(transitions) },
    rewards: { dtype: "f4", shape, data: Float32Array.from(mdp.rewards) },
  });
}
