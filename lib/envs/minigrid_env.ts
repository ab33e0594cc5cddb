/**
 * The vectorised MiniGrid environment: `numEnvs` copies of one fixed layout stepped together over typed arrays
 * (lib/core/env.ts `VecEnv`), with MiniGrid's dynamics and reward (`minigrid/minigrid_env.py` `step`), seeded
 * sticky/slip action noise, and either a one-hot world-state or MiniGrid's egocentric 7×7 image observation.
 *
 * @module
 */
import { checkActions, copyRngs, createStepResult } from "../core/env.ts";
import type { StepResult, VecEnv } from "../core/env.ts";
import { checkInRange, checkInteger, checkOneOf, describe } from "../core/errors.ts";
import type { Rng } from "../core/rng.ts";
import { Box, Discrete } from "../core/spaces.ts";
import {
  DIR_DX,
  DIR_DY,
  DOOR,
  EMPTY,
  GOAL,
  HIT_GOAL,
  HIT_LAVA,
  KEY,
  MINIGRID_ACTIONS,
  type MinigridKind,
  type MinigridLayout,
  minigridLayout,
  type MinigridLayoutOptions,
  reachableCodes,
  startCode,
  transition,
  WALL,
  type WorldCodec,
  worldCodec,
} from "./minigrid_layout.ts";

/** Observation kinds: one-hot of the world-state index, or MiniGrid's egocentric 7×7×3 image. */
export type MinigridObs = "onehot" | "egocentric";

/** Side of MiniGrid's agent view (`agent_view_size`, default 7). */
export const VIEW_SIZE = 7;

/** Everything that defines a MiniGrid task (plain JSON): the layout family and options, and the action noise. */
export interface MinigridConfig extends MinigridLayoutOptions {
  /** Layout family. */
  kind: MinigridKind;
  /**
   * Sticky actions (Machado et al. 2018, as used with p = 0.25 by the SQIRL/effective-horizon stochastic
   * experiments): with probability `sticky` the copy executes its previously executed action instead of the
   * chosen one (never on an episode's first step, which has no previous action). In [0, 1); default 0.
   */
  sticky?: number;
  /**
   * Slip: when the action is not sticky-repeated, with probability `slip` a uniformly random exposed action
   * (possibly the chosen one) is executed instead. In [0, 1]; default 0.
   */
  slip?: number;
  /**
   * Goal reward: `"minigrid"` (default) pays MiniGrid's `1 − 0.9·k/T` for entering the goal on step k;
   * `"bridge"` pays 1, as the effective-horizon paper's BRIDGE MiniGrid MDPs do (their `DeterministicWrapper`
   * maps every positive reward to 1 and `TimeInvariantWrapper` removes the step count from the state), which
   * makes the reward stationary and the tabular export time-free (see `toTabularMdp`).
   */
  reward?: MinigridReward;
}

/** Goal reward convention; see {@link MinigridConfig.reward}. */
export type MinigridReward = "minigrid" | "bridge";

/** Options of the environment factories: a {@link MinigridConfig} without `kind`, plus batch and observation. */
export interface MinigridEnvOptions extends Omit<MinigridConfig, "kind"> {
  /** Number of copies; default 1. */
  numEnvs?: number;
  /** Observation kind; default "egocentric" (MiniGrid's own). */
  obs?: MinigridObs;
}

/** The dynamic state of one copy, for inspection and tests (allocates; not for hot loops). */
export interface MinigridCopyState {
  /** Column of the agent. */
  x: number;
  /** Row of the agent (grows downwards). */
  y: number;
  /** 0 right, 1 down, 2 left, 3 up. */
  dir: number;
  /** 1 when carrying the key (DoorKey). */
  hasKey: number;
  /** Door state 0 open, 1 closed, 2 locked (DoorKey; 0 elsewhere). */
  doorState: number;
  /** Steps taken in the current episode (MiniGrid's `step_count`). */
  stepCount: number;
  /** Previously executed action (our index), −1 at the start of an episode. */
  prevAction: number;
  /** Index of the world state (position, direction, key, door) among the reachable states; see `numWorldStates`. */
  worldState: number;
}

/**
 * A validated {@link MinigridConfig} with every default filled in (`numCrossings` only for LavaCrossing, `roomSize`
 * and `numRows` only for KeyCorridor).
 */
export type ResolvedMinigridConfig =
  & Required<Omit<MinigridConfig, "numCrossings" | "roomSize" | "numRows">>
  & {
    numCrossings?: number;
    roomSize?: number;
    numRows?: number;
  };

/**
 * Validate a {@link MinigridConfig} and fill its defaults (the layout is generated once to validate it).
 *
 * @example
 * ```ts
 * import { resolveMinigridConfig } from "./minigrid_env.ts";
 * resolveMinigridConfig({ kind: "doorKey" }); // { kind: "doorKey", size: 5, layoutSeed: 0, maxSteps: 250, sticky: 0, slip: 0, reward: "minigrid" }
 * ```
 */
export function resolveMinigridConfig(
  config: MinigridConfig,
): ResolvedMinigridConfig {
  if (typeof config !== "object" || config === null) {
    throw new TypeError(`config must be an object, got ${describe(config)}`);
  }
  const layout = minigridLayout(config.kind, config);
  const sticky = checkInRange("sticky", config.sticky ?? 0, { min: 0, max: 1, maxOpen: true });
  const slip = checkInRange("slip", config.slip ?? 0, { min: 0, max: 1 });
  const reward = checkOneOf("reward", config.reward ?? "minigrid", ["minigrid", "bridge"] as const);
  const out = {
    kind: config.kind,
    size: layout.width,
    layoutSeed: config.layoutSeed ?? 0,
    maxSteps: layout.maxSteps,
    sticky,
    slip,
    reward,
  };
  if (config.kind === "keyCorridor") {
    return { ...out, roomSize: config.roomSize ?? 3, numRows: config.numRows ?? 1 };
  }
  return config.kind === "lavaCrossing" ? { ...out, numCrossings: config.numCrossings ?? 1 } : out;
}

/** MiniGrid colour index of each object type: wall grey, door and key yellow, goal green, lava red, else 0. */
const COLOR_OF = new Uint8Array(11);
COLOR_OF[WALL] = 5;
COLOR_OF[DOOR] = 4;
COLOR_OF[KEY] = 4;
COLOR_OF[GOAL] = 1;

/**
 * `numEnvs` copies of a MiniGrid task (see `minigrid.ts` for the factories and the full semantics).
 *
 * @example
 * ```ts
 * import { MinigridEnv } from "./minigrid_env.ts";
 * const env = new MinigridEnv({ kind: "empty", size: 5 }, { numEnvs: 2, obs: "onehot" });
 * env.reset(0);
 * const { rewards } = env.step(new Int32Array([2, 2])); // both move forward
 * ```
 */
export class MinigridEnv implements VecEnv {
  readonly numEnvs: number;
  readonly observationSpace: Box;
  readonly actionSpace: Discrete;
  readonly maxEpisodeSteps: number;
  /** The validated task definition (plain JSON; `toTabularMdp` accepts it). */
  readonly config: Readonly<ResolvedMinigridConfig>;
  /** The fixed layout. */
  readonly layout: MinigridLayout;
  /** Observation kind. */
  readonly obs: MinigridObs;
  /** Number of reachable world states (the one-hot size). */
  readonly numWorldStates: number;
  /** Sorted world-state codes (see `worldCodec` in minigrid_layout.ts); index = world-state index. */
  readonly worldCodes: Int32Array;
  readonly #codec: WorldCodec;
  readonly #codeIndex: Int32Array;
  readonly #actionMap: Int32Array;
  readonly #obsDim: number;
  readonly #result: StepResult;
  readonly #code: Int32Array;
  readonly #steps: Int32Array;
  readonly #prev: Int32Array;
  readonly #start: number;
  readonly #sticky: number;
  readonly #slip: number;
  readonly #bridgeReward: boolean;
  #rngs: Rng[] = [];
  // egocentric scratch (view cell index vx * 7 + vy, MiniGrid's image[vx, vy])
  readonly #vType = new Uint8Array(VIEW_SIZE * VIEW_SIZE);
  readonly #vMask = new Uint8Array(VIEW_SIZE * VIEW_SIZE);
  // one-hot: slot set in each copy's row of observations / finalObservations (−1: none)
  readonly #hotObs: Int32Array;
  readonly #hotFin: Int32Array;

  /** Build `opts.numEnvs` copies (default 1) of the task `config` with observation `opts.obs` (default "egocentric"). */
  constructor(config: MinigridConfig, opts: { numEnvs?: number; obs?: MinigridObs } = {}) {
    this.config = resolveMinigridConfig(config);
    if (typeof opts !== "object" || opts === null) {
      throw new TypeError(`opts must be an object, got ${describe(opts)}`);
    }
    this.numEnvs = checkInteger("numEnvs", opts.numEnvs ?? 1, { min: 1 });
    this.obs = checkOneOf("obs", opts.obs ?? "egocentric", ["onehot", "egocentric"] as const);
    this.layout = minigridLayout(config.kind, config);
    this.#codec = worldCodec(this.layout);
    this.worldCodes = reachableCodes(this.layout, this.#codec);
    this.numWorldStates = this.worldCodes.length;
    this.#codeIndex = new Int32Array(this.#codec.numCodes).fill(-1);
    for (let k = 0; k < this.worldCodes.length; k++) this.#codeIndex[this.worldCodes[k]] = k;
    this.#actionMap = Int32Array.from(this.layout.actions, (a) => MINIGRID_ACTIONS.indexOf(a));
    this.actionSpace = new Discrete(this.layout.actions.length);
    this.maxEpisodeSteps = this.layout.maxSteps;
    this.observationSpace = this.obs === "onehot"
      ? new Box(0, 1, { shape: [this.numWorldStates] })
      : new Box(0, 10, { shape: [VIEW_SIZE, VIEW_SIZE, 3] });
    this.#obsDim = this.observationSpace.size;
    this.#result = createStepResult(this.numEnvs, this.#obsDim);
    this.#code = new Int32Array(this.numEnvs);
    this.#steps = new Int32Array(this.numEnvs);
    this.#prev = new Int32Array(this.numEnvs).fill(-1);
    this.#start = startCode(this.layout, this.#codec);
    this.#hotObs = new Int32Array(this.numEnvs).fill(-1);
    this.#hotFin = new Int32Array(this.numEnvs).fill(-1);
    this.#sticky = this.config.sticky;
    this.#slip = this.config.slip;
    this.#bridgeReward = this.config.reward === "bridge";
  }

  reset(seed: number): Float32Array {
    this.#rngs = copyRngs(seed, this.numEnvs);
    this.#result.observations.fill(0);
    this.#result.finalObservations.fill(0);
    this.#hotObs.fill(-1);
    this.#hotFin.fill(-1);
    for (let i = 0; i < this.numEnvs; i++) {
      this.#code[i] = this.#start;
      this.#steps[i] = 0;
      this.#prev[i] = -1;
      this.#writeObs(this.#result.observations, i, this.#start, -1);
    }
    return this.#result.observations;
  }

  step(actions: Int32Array): StepResult {
    if (this.#rngs.length === 0) throw new Error("call reset(seed) before step(actions)");
    checkActions(this, actions);
    const r = this.#result;
    const A = this.actionSpace.n;
    const T = this.maxEpisodeSteps;
    for (let i = 0; i < this.numEnvs; i++) {
      let a = actions[i];
      const prev = this.#prev[i];
      if (this.#sticky > 0 && prev >= 0 && this.#rngs[i].uniform() < this.#sticky) a = prev;
      else if (this.#slip > 0 && this.#rngs[i].uniform() < this.#slip) a = this.#rngs[i].integer(A);
      this.#prev[i] = a;
      const steps = ++this.#steps[i];
      const code = this.#code[i];
      const next = transition(this.layout, this.#codec, code, this.#actionMap[a]);
      let terminal = 0;
      let reward = 0;
      if (next === HIT_GOAL) {
        terminal = 1;
        reward = this.#bridgeReward ? 1 : 1 - 0.9 * (steps / T); // MiniGridEnv._reward
      } else if (next === HIT_LAVA) terminal = 1;
      r.rewards[i] = reward;
      r.terminated[i] = terminal;
      const truncated = terminal === 0 && steps >= T ? 1 : 0;
      r.truncated[i] = truncated;
      if (terminal) {
        // The agent stands on the goal/lava cell (MiniGrid moves it there before terminating).
        const cell = this.#decodeCell(code);
        const dir = this.#decodeDir(code);
        const fcell = cell + DIR_DX[dir] + DIR_DY[dir] * this.layout.width;
        this.#writeObs(r.finalObservations, i, code, fcell);
      } else {
        this.#code[i] = next;
        this.#writeObs(r.finalObservations, i, next, -1);
      }
      if (terminal || truncated) {
        this.#code[i] = this.#start;
        this.#steps[i] = 0;
        this.#prev[i] = -1;
        this.#writeObs(r.observations, i, this.#start, -1);
      } else if (this.obs === "onehot") this.#writeObs(r.observations, i, next, -1);
      else {
        const obs = r.observations;
        const fin = r.finalObservations;
        for (let k = i * this.#obsDim, end = k + this.#obsDim; k < end; k++) obs[k] = fin[k]; // no subarray view
      }
    }
    return r;
  }

  /**
   * The dynamic state of copy `i` (allocates; for inspection and tests).
   *
   * @example
   * ```ts
   * import { MinigridEnv } from "./minigrid_env.ts";
   * const env = new MinigridEnv({ kind: "empty" });
   * env.reset(0);
   * env.copyState(0); // { x: 1, y: 1, dir: 0, hasKey: 0, doorState: 0, stepCount: 0, prevAction: -1, worldState: ... }
   * ```
   */
  copyState(i: number): MinigridCopyState {
    checkInteger("i", i, { min: 0, max: this.numEnvs - 1 });
    const code = this.#code[i];
    const { nKey, nDoor } = this.#codec;
    const cell = this.#decodeCell(code);
    return {
      x: cell % this.layout.width,
      y: Math.floor(cell / this.layout.width),
      dir: this.#decodeDir(code),
      hasKey: Math.floor(code / nDoor) % nKey,
      doorState: code % nDoor,
      stepCount: this.#steps[i],
      prevAction: this.#prev[i],
      worldState: this.#codeIndex[code],
    };
  }

  #decodeCell(code: number): number {
    return Math.floor(code / (this.#codec.nKey * this.#codec.nDoor * 4));
  }

  #decodeDir(code: number): number {
    return Math.floor(code / (this.#codec.nKey * this.#codec.nDoor)) & 3;
  }

  /** Write copy `i`'s observation of world state `code` (agent at `cellOverride` when ≥ 0: a terminal cell). */
  #writeObs(out: Float32Array, i: number, code: number, cellOverride: number): void {
    const d = this.#obsDim;
    const off = i * d;
    if (this.obs === "onehot") {
      // O(1): clear the row's previous hot slot (tracked per buffer and copy), set the new one. Terminal (goal/lava)
      // cells have no world-state index: their row stays all zeros.
      const hot = out === this.#result.observations ? this.#hotObs : this.#hotFin;
      if (hot[i] >= 0) out[off + hot[i]] = 0;
      hot[i] = cellOverride < 0 ? this.#codeIndex[code] : -1;
      if (hot[i] >= 0) out[off + hot[i]] = 1;
      return;
    }
    const { nKey, nDoor } = this.#codec;
    const door = code % nDoor;
    const hasKey = Math.floor(code / nDoor) % nKey;
    const dir = this.#decodeDir(code);
    const cell = cellOverride >= 0 ? cellOverride : this.#decodeCell(code);
    this.#egocentric(out, off, cell, dir, hasKey, door);
  }

  /**
   * MiniGrid's `gen_obs` image: the 7×7 square in front of the agent (`get_view_exts` + `slice` + rotations), the
   * agent at view (3, 6) facing up, cells outside the grid as walls, occlusion by `process_vis` unless the layout
   * sees through walls, the agent's own cell showing what it carries, then `Grid.encode` (type, colour, state),
   * unseen cells (0, 0, 0). Written flat in MiniGrid's `image[vx, vy, channel]` order.
   */
  #egocentric(out: Float32Array, off: number, cell: number, dir: number, hasKey: number, door: number): void {
    const { width: W, height: H, cells } = this.layout;
    const ax = cell % W;
    const ay = (cell - ax) / W;
    const fx = DIR_DX[dir];
    const fy = DIR_DY[dir];
    const rx = -fy; // right_vec = (−dy, dx)
    const ry = fx;
    const vType = this.#vType;
    const mask = this.#vMask;
    const S = VIEW_SIZE;
    const half = (S - 1) / 2;
    for (let vx = 0; vx < S; vx++) {
      for (let vy = 0; vy < S; vy++) {
        // world = agent + right·(vx − 3) + forward·(6 − vy)   (inverse of get_view_coords)
        const wx = ax + rx * (vx - half) + fx * (S - 1 - vy);
        const wy = ay + ry * (vx - half) + fy * (S - 1 - vy);
        let obj = WALL;
        if (wx >= 0 && wx < W && wy >= 0 && wy < H) {
          obj = cells[wy * W + wx];
          if (obj === KEY && hasKey === 1) obj = EMPTY;
        }
        vType[vx * S + vy] = obj;
      }
    }
    const agentIdx = half * S + (S - 1);
    if (this.layout.seeThroughWalls) mask.fill(1);
    else {
      // Grid.process_vis(agent_pos=(3, 6)): propagate visibility row by row from the agent's row upwards.
      mask.fill(0);
      mask[agentIdx] = 1;
      for (let j = S - 1; j >= 0; j--) {
        for (let i = 0; i < S - 1; i++) {
          if (!mask[i * S + j] || this.#opaque(vType[i * S + j], door)) continue;
          mask[(i + 1) * S + j] = 1;
          if (j > 0) {
            mask[(i + 1) * S + j - 1] = 1;
            mask[i * S + j - 1] = 1;
          }
        }
        for (let i = S - 1; i >= 1; i--) {
          if (!mask[i * S + j] || this.#opaque(vType[i * S + j], door)) continue;
          mask[(i - 1) * S + j] = 1;
          if (j > 0) {
            mask[(i - 1) * S + j - 1] = 1;
            mask[i * S + j - 1] = 1;
          }
        }
      }
    }
    vType[agentIdx] = hasKey === 1 ? KEY : EMPTY; // the agent sees what it carries
    for (let k = 0; k < S * S; k++) {
      const o = off + 3 * k;
      if (!mask[k]) {
        out[o] = 0;
        out[o + 1] = 0;
        out[o + 2] = 0;
        continue;
      }
      const obj = vType[k];
      out[o] = obj;
      out[o + 1] = COLOR_OF[obj];
      out[o + 2] = obj === DOOR ? door : 0;
    }
  }

  /** `not cell.see_behind()`: walls and doors that are not open. */
  #opaque(obj: number, door: number): boolean {
    return obj === WALL || (obj === DOOR && door !== 0);
  }
}
