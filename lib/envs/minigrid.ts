/**
 * MiniGrid-like gridworlds (Chevalier-Boisvert et al. 2023, "Minigrid & Miniworld", gymnasium `minigrid`):
 * Empty, FourRooms, DoorKey and LavaCrossing as vectorised environments (lib/core/env.ts `VecEnv`) that export
 * exactly to a `TabularMdp` (`toTabularMdp`), so tabular theory and deep RL run on the same task.
 *
 * Semantics follow `minigrid/minigrid_env.py`:
 * - The agent has a cell (x, y) and a direction (0 right, 1 down, 2 left, 3 up). MiniGrid's actions are 0 turn
 *   left, 1 turn right, 2 forward, 3 pickup, 4 drop, 5 toggle, 6 done. We expose only the ones a task needs:
 *   Empty, FourRooms and LavaCrossing take 3 actions (0 left, 1 right, 2 forward: MiniGrid's navigation set);
 *   DoorKey takes 5 (0 left, 1 right, 2 forward, 3 pickup, 4 toggle = MiniGrid's 5). `layout.actions` names them.
 * - Forward moves into an empty cell, an open door, the goal or lava; walls, keys and closed/locked doors block.
 *   Pickup takes the key in front; toggle opens a locked door when carrying the key, and flips an unlocked one.
 * - Reward: entering the goal on step k (1-based step count) pays `1 − 0.9·k/T` and terminates; entering lava
 *   terminates with 0; otherwise 0 (`reward: "bridge"` pays 1 for the goal instead, as BRIDGE). Truncation at `T = maxSteps` steps: Empty and LavaCrossing 4·size²
 *   (EmptyEnv, CrossingEnv), FourRooms 100 (FourRoomsEnv), DoorKey 10·size² (DoorKeyEnv); e.g. Empty-5x5 100,
 *   DoorKey-5x5 250, LavaCrossingS9N1 324. Terminal wins when both happen on one step (MiniGrid sets both flags).
 *
 * Fixed layouts (the BRIDGE-style fixed-seed variant): MiniGrid draws a new layout every episode for FourRooms
 * (gaps, start, goal), DoorKey (wall, door, key, start) and LavaCrossing (rivers, openings). To be an exact
 * finite MDP, each of our instances draws ONE layout from `layoutSeed` with MiniGrid's generator rules
 * (`minigridLayout`) and replays it every episode, start cell and direction included, as the effective-horizon
 * paper (Laidlaw et al. 2023) analyses MiniGrid at fixed seeds. Different `layoutSeed`s give different layouts of
 * the family; a layout seed is not interchangeable with a MiniGrid/numpy seed (our generator draws from `Rng`).
 * BRIDGE itself also pays 1 for the goal and drops the step count from the state; `reward: "bridge"` reproduces
 * that (and `toTabularMdp` then exports a time-free MDP). BRIDGE's DoorKey keeps 6 actions (all but `done`); ours
 * also drops `drop`, so the key, once taken, stays carried and the state stays (cell, direction, key, door).
 *
 * Stochasticity (seeded per copy through `reset(seed)`): `sticky` p repeats the previously executed action with
 * probability p (Machado et al. 2018 sticky actions; the SQIRL experiments use p = 0.25), never on an episode's
 * first step; otherwise `slip` replaces the chosen action by a uniform exposed action with probability `slip`.
 *
 * Observations (`obs`):
 * - `"onehot"`: one-hot (Float32) of the world-state index: the index of (x, y, dir, hasKey, doorState) among the
 *   states reachable from the start, sorted by their code (`worldCodec`). Its size is `env.numWorldStates`. The
 *   step count and the sticky previous action are not part of it (as in MiniGrid, where neither is observed).
 *   The final observation of a step that enters the goal or lava is all zeros (a terminal cell has no index).
 * - `"egocentric"`: MiniGrid's `obs["image"]`, the 7×7 view in front of the agent (agent at view (3, 6) facing
 *   up), each cell encoded as (object type, colour, state) with MiniGrid's indices, cells beyond the border as
 *   walls, occlusion exactly as `Grid.process_vis` when the family has `see_through_walls = False` (FourRooms,
 *   DoorKey, LavaCrossing; Empty sees through walls), the agent's own cell showing the carried key; flattened
 *   in MiniGrid's `image[x, y, channel]` order to 147 Float32 values. The `direction` and `mission` entries of
 *   MiniGrid's dict observation are not included (as with its `ImgObsWrapper`).
 *
 * @module
 */
import { describe } from "../core/errors.ts";
import { type MinigridConfig, MinigridEnv, type MinigridEnvOptions } from "./minigrid_env.ts";
import type { MinigridKind } from "./minigrid_layout.ts";

export {
  DOOR_CLOSED,
  DOOR_LOCKED,
  DOOR_OPEN,
  layoutToString,
  MINIGRID_ACTIONS,
  MINIGRID_COLORS,
  MINIGRID_OBJECTS,
  minigridLayout,
  reachableCodes,
  shortestPathLength,
  transition,
  worldCodec,
} from "./minigrid_layout.ts";
export type {
  MinigridActionName,
  MinigridKind,
  MinigridLayout,
  MinigridLayoutOptions,
  WorldCodec,
} from "./minigrid_layout.ts";
export { MinigridEnv, resolveMinigridConfig, VIEW_SIZE } from "./minigrid_env.ts";
export type {
  MinigridConfig,
  MinigridCopyState,
  MinigridEnvOptions,
  MinigridObs,
  MinigridReward,
  ResolvedMinigridConfig,
} from "./minigrid_env.ts";
export { minigridStateIndex, toTabularMdp } from "./minigrid_tabular.ts";
export type { MinigridMdp, MinigridTabularOptions } from "./minigrid_tabular.ts";

/** Options of the Empty, FourRooms and DoorKey factories (no `numCrossings`, `roomSize`, `numRows`). */
export type MinigridRoomOptions = Omit<MinigridEnvOptions, "numCrossings" | "roomSize" | "numRows">;

/** Options of the KeyCorridor factory (rooms instead of `size`). */
export type MinigridKeyCorridorOptions = Omit<MinigridEnvOptions, "numCrossings" | "size">;

function make(kind: MinigridKind, opts: MinigridEnvOptions): MinigridEnv {
  if (typeof opts !== "object" || opts === null) {
    throw new TypeError(`opts must be an object, got ${describe(opts)}`);
  }
  const { numEnvs, obs, ...rest } = opts;
  const config: MinigridConfig = { kind, ...rest };
  return new MinigridEnv(config, { numEnvs, obs });
}

/**
 * MiniGrid-Empty-{size}x{size}: an empty room, start (1, 1) facing right, goal in the opposite corner; 3 actions;
 * `maxSteps` default 4·size² (100 for size 5).
 *
 * @example
 * ```ts
 * import { minigridEmpty } from "./minigrid.ts";
 * const env = minigridEmpty({ size: 5, numEnvs: 8, obs: "onehot" });
 * env.reset(0);
 * env.step(new Int32Array(8).fill(2)); // every copy moves forward
 * ```
 */
export function minigridEmpty(opts: MinigridRoomOptions = {}): MinigridEnv {
  return make("empty", opts);
}

/**
 * MiniGrid-FourRooms: four rooms joined by one gap per inner wall segment; start cell/direction and goal fixed by
 * `layoutSeed`; 3 actions; size 19 and `maxSteps` 100 by default (any odd size ≥ 7 is accepted).
 *
 * @example
 * ```ts
 * import { minigridFourRooms } from "./minigrid.ts";
 * const env = minigridFourRooms({ layoutSeed: 1, obs: "egocentric" });
 * env.observationSpace.shape; // [7, 7, 3]
 * ```
 */
export function minigridFourRooms(opts: MinigridRoomOptions = {}): MinigridEnv {
  return make("fourRooms", opts);
}

/**
 * MiniGrid-DoorKey-{size}x{size}: pick up the key, unlock the door in the splitting wall, reach the goal; layout
 * fixed by `layoutSeed`; 5 actions (left, right, forward, pickup, toggle); `maxSteps` default 10·size² (250 for 5).
 *
 * @example
 * ```ts
 * import { minigridDoorKey } from "./minigrid.ts";
 * const env = minigridDoorKey({ size: 5, layoutSeed: 2 });
 * env.actionSpace.n; // 5
 * ```
 */
export function minigridDoorKey(opts: MinigridRoomOptions = {}): MinigridEnv {
  return make("doorKey", opts);
}

/**
 * MiniGrid-LavaCrossingS{size}N{numCrossings}: cross `numCrossings` lava rivers through their single openings
 * from (1, 1) to the opposite corner; lava ends the episode with 0; layout fixed by `layoutSeed`; 3 actions;
 * `maxSteps` default 4·size² (324 for S9).
 *
 * @example
 * ```ts
 * import { minigridLavaCrossing } from "./minigrid.ts";
 * const env = minigridLavaCrossing({ size: 9, numCrossings: 1, layoutSeed: 0, sticky: 0.25 });
 * env.maxEpisodeSteps; // 324
 * ```
 */
export function minigridLavaCrossing(
  opts: Omit<MinigridEnvOptions, "roomSize" | "numRows"> = {},
): MinigridEnv {
  return make("lavaCrossing", opts);
}

/**
 * MiniGrid-KeyCorridorS{roomSize}R{numRows}-like: fetch the key from a side room, unlock the door off the hallway,
 * reach the goal behind it (MiniGrid: pick up a ball there); layout fixed by `layoutSeed`; 5 actions (left, right,
 * forward, pickup, toggle); `maxSteps` default 30·roomSize² (270 for S3; BRIDGE uses 100).
 *
 * @example
 * ```ts
 * import { minigridKeyCorridor } from "./minigrid.ts";
 * const env = minigridKeyCorridor({ roomSize: 3, numRows: 2, reward: "bridge", maxSteps: 100 });
 * env.actionSpace.n; // 5
 * ```
 */
export function minigridKeyCorridor(opts: MinigridKeyCorridorOptions = {}): MinigridEnv {
  return make("keyCorridor", opts);
}
