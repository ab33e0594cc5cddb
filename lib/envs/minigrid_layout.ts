/**
 * MiniGrid layouts and dynamics as plain data and pure functions, shared by the vectorised environment
 * (`minigrid_env.ts`) and the exact tabular export (`minigrid_tabular.ts`), so both follow one transition rule.
 *
 * Conventions are MiniGrid's (Chevalier-Boisvert et al. 2023, `minigrid/minigrid_env.py`, `minigrid/core/*.py`):
 * cells are addressed (x, y) with x the column and y the row (y grows downwards); directions 0 right, 1 down,
 * 2 left, 3 up (`DIR_TO_VEC`); objects are encoded by `OBJECT_TO_IDX`, `COLOR_TO_IDX` and door states
 * `STATE_TO_IDX` (0 open, 1 closed, 2 locked).
 *
 * Layout generators follow each MiniGrid env's `_gen_grid` step for step (same draws in the same order), but draw
 * from our seeded {@link Rng} rather than numpy's PCG64, so a `layoutSeed` gives a layout of the same family, not
 * the layout MiniGrid gives for the same integer seed.
 *
 * @module
 */
import { checkInteger, checkOneOf, describe } from "../core/errors.ts";
import { Rng } from "../core/rng.ts";

/** MiniGrid's `OBJECT_TO_IDX` (minigrid/core/constants.py). */
export const MINIGRID_OBJECTS: Readonly<Record<string, number>> = Object.freeze({
  unseen: 0,
  empty: 1,
  wall: 2,
  floor: 3,
  door: 4,
  key: 5,
  ball: 6,
  box: 7,
  goal: 8,
  lava: 9,
  agent: 10,
});

/** MiniGrid's `COLOR_TO_IDX` (minigrid/core/constants.py). */
export const MINIGRID_COLORS: Readonly<Record<string, number>> = Object.freeze({
  red: 0,
  green: 1,
  blue: 2,
  purple: 3,
  yellow: 4,
  grey: 5,
});

/** MiniGrid's action indices (`minigrid/core/actions.py`). */
export const MINIGRID_ACTIONS: readonly ["left", "right", "forward", "pickup", "drop", "toggle", "done"] = [
  "left",
  "right",
  "forward",
  "pickup",
  "drop",
  "toggle",
  "done",
] as const;

/** Name of one MiniGrid action. */
export type MinigridActionName = (typeof MINIGRID_ACTIONS)[number];

/** The four layout families. */
export type MinigridKind = "empty" | "fourRooms" | "doorKey" | "lavaCrossing" | "keyCorridor";

/** Door states, MiniGrid's `STATE_TO_IDX`. */
export const DOOR_OPEN = 0;
/** Closed (unlocked) door. */
export const DOOR_CLOSED = 1;
/** Locked door. */
export const DOOR_LOCKED = 2;

/** Object index of an empty cell (MINIGRID_OBJECTS.empty). */
export const EMPTY = 1;
/** Object index of a wall. */
export const WALL = 2;
/** Object index of a door. */
export const DOOR = 4;
/** Object index of a key. */
export const KEY = 5;
/** Object index of the goal. */
export const GOAL = 8;
/** Object index of lava. */
export const LAVA = 9;

/** Forward vector of each direction: MiniGrid's `DIR_TO_VEC`. */
export const DIR_DX: readonly number[] = [1, 0, -1, 0];
/** Forward vector of each direction (y component). */
export const DIR_DY: readonly number[] = [0, 1, 0, -1];

/** A fixed MiniGrid layout: the static grid, the start, and the episode limit. Plain data. */
export interface MinigridLayout {
  /** Which family generated it. */
  kind: MinigridKind;
  /** Columns (x). */
  width: number;
  /** Rows (y). */
  height: number;
  /**
   * MiniGrid object index of each cell at `y * width + x` at the start of an episode: 1 empty, 2 wall, 4 door
   * (yellow, locked), 5 key (yellow), 8 goal (green), 9 lava (red).
   */
  cells: Uint8Array;
  /** Start position [x, y]. */
  agentPos: [number, number];
  /** Start direction (0 right, 1 down, 2 left, 3 up). */
  agentDir: number;
  /** Goal position [x, y]. */
  goalPos: [number, number];
  /** Door position [x, y] (DoorKey only), else null. */
  doorPos: [number, number] | null;
  /** Key position [x, y] (DoorKey only), else null. */
  keyPos: [number, number] | null;
  /** MiniGrid's `max_steps`: the time limit T and the denominator of the goal reward 1 − 0.9·t/T. */
  maxSteps: number;
  /** MiniGrid's `see_through_walls` for this family (Empty: true; FourRooms, DoorKey, LavaCrossing: false). */
  seeThroughWalls: boolean;
  /** The MiniGrid actions exposed, in the order of our action indices. */
  actions: readonly MinigridActionName[];
}

/** Options that pick a layout; see the factories in `minigrid.ts`. */
export interface MinigridLayoutOptions {
  /** Grid side (width = height). Defaults: Empty 5, FourRooms 19, DoorKey 5, LavaCrossing 9. */
  size?: number;
  /** LavaCrossing: number of lava rivers; default 1. */
  numCrossings?: number;
  /** Seed of the layout's random choices (door, key, goal, river positions, start); default 0. */
  layoutSeed?: number;
  /** Time limit T; default MiniGrid's `max_steps` for the family. */
  maxSteps?: number;
  /** KeyCorridor: side of each room, walls included (MiniGrid's `room_size`, the S of KeyCorridorS3R1); default 3. */
  roomSize?: number;
  /** KeyCorridor: rows of rooms (MiniGrid's `num_rows`, the R of KeyCorridorS3R1); default 1. */
  numRows?: number;
}

const NAVIGATION: readonly MinigridActionName[] = Object.freeze(["left", "right", "forward"] as const);
const DOORKEY_ACTIONS: readonly MinigridActionName[] = Object.freeze(
  ["left", "right", "forward", "pickup", "toggle"] as const,
);

/** Mutable grid under construction, with MiniGrid's helpers (`minigrid/core/grid.py`, `minigrid_env.py`). */
class Builder {
  readonly cells: Uint8Array;
  agent: [number, number] = [-1, -1];
  constructor(readonly width: number, readonly height: number, readonly rng: Rng) {
    this.cells = new Uint8Array(width * height).fill(EMPTY);
  }
  get(x: number, y: number): number {
    return this.cells[y * this.width + x];
  }
  set(x: number, y: number, v: number): void {
    this.cells[y * this.width + x] = v;
  }
  /** `_rand_int(low, high)`: uniform integer in [low, high). */
  randInt(low: number, high: number): number {
    return low + this.rng.integer(high - low);
  }
  horzWall(x: number, y: number, length = this.width - x): void {
    for (let i = 0; i < length; i++) this.set(x + i, y, WALL);
  }
  vertWall(x: number, y: number, length = this.height - y): void {
    for (let j = 0; j < length; j++) this.set(x, y + j, WALL);
  }
  wallRect(x: number, y: number, w: number, h: number): void {
    this.horzWall(x, y, w);
    this.horzWall(x, y + h - 1, w);
    this.vertWall(x, y, h);
    this.vertWall(x + w - 1, y, h);
  }
  /** `place_obj`: rejection-sample an empty cell in the rectangle that is not the agent's. */
  placeObj(obj: number, top: [number, number] = [0, 0], size = [this.width, this.height]): [number, number] {
    for (let tries = 0; tries < 100000; tries++) {
      const x = this.randInt(top[0], Math.min(top[0] + size[0], this.width));
      const y = this.randInt(top[1], Math.min(top[1] + size[1], this.height));
      if (this.get(x, y) !== EMPTY) continue;
      if (x === this.agent[0] && y === this.agent[1]) continue;
      if (obj !== EMPTY) this.set(x, y, obj);
      return [x, y];
    }
    throw new RangeError("rejection sampling failed in placeObj (no free cell)");
  }
  /** `place_agent` with a random direction. */
  placeAgent(top?: [number, number], size?: number[]): number {
    this.agent = [-1, -1];
    this.agent = this.placeObj(EMPTY, top, size);
    return this.randInt(0, 4);
  }
}

function shuffle<T>(arr: T[], rng: Rng): void {
  for (let i = arr.length - 1; i > 0; i--) {
    const j = rng.integer(i + 1);
    const tmp = arr[i];
    arr[i] = arr[j];
    arr[j] = tmp;
  }
}

const DEFAULT_SIZE: Record<Exclude<MinigridKind, "keyCorridor">, number> = {
  empty: 5,
  fourRooms: 19,
  doorKey: 5,
  lavaCrossing: 9,
};

/**
 * MiniGrid's default `max_steps` per family (EmptyEnv 4·s², FourRoomsEnv 100, DoorKeyEnv 10·s², CrossingEnv 4·s²,
 * KeyCorridorEnv 30·s² with s the room size).
 *
 * @example
 * ```ts
 * import { defaultMaxSteps } from "./minigrid_layout.ts";
 * defaultMaxSteps("lavaCrossing", 9); // 324
 * ```
 */
export function defaultMaxSteps(kind: MinigridKind, size: number): number {
  switch (kind) {
    case "empty":
    case "lavaCrossing":
      return 4 * size * size;
    case "fourRooms":
      return 100;
    case "doorKey":
      return 10 * size * size;
    case "keyCorridor":
      return 30 * size * size;
  }
}

/** Number of candidate river positions of a LavaCrossing grid of side `size` (MiniGrid's `rivers` list). */
function numRiverSlots(size: number): number {
  let n = 0;
  for (let i = 2; i < size - 2; i += 2) n += 2;
  return n;
}

/**
 * Generate the fixed layout of a MiniGrid family from `layoutSeed`, following MiniGrid's `_gen_grid`:
 * - `empty` (EmptyEnv): border walls, goal at (s−2, s−2), agent at (1, 1) facing right. size ≥ 4.
 * - `fourRooms` (FourRoomsEnv): border walls, walls at x = s//2 and y = s//2 with one random gap per wall segment,
 *   agent at a random free cell with a random direction, goal at a random free cell. Odd size ≥ 7 (MiniGrid: 19).
 * - `doorKey` (DoorKeyEnv): border walls, goal at (s−2, s−2), a vertical wall at a random x in [2, s−2), the agent
 *   random (cell and direction) left of it, a locked yellow door at a random y in [1, s−2) of the wall, and a
 *   yellow key at a random free cell left of it. size ≥ 5.
 * - `lavaCrossing` (CrossingEnv with Lava): border walls, agent (1, 1) facing right, goal (s−2, s−2),
 *   `numCrossings` lava rivers chosen at random among the even rows/columns 2..s−3, and one opening per river along
 *   a random monotone path. Odd size ≥ 5.
 * - `keyCorridor` (KeyCorridorEnv, "-like"): a 3-column grid of `numRows` rooms of side `roomSize`
 *   (width 3·(roomSize − 1) + 1, height numRows·(roomSize − 1) + 1); the middle column is one hallway; a locked door
 *   leads from it into a random right-hand room holding the goal (MiniGrid: a ball to pick up); the key lies in a
 *   random left-hand room; the agent starts in the middle row of the hallway. MiniGrid joins the other rooms with
 *   closed unlocked doors; ours joins them with one open gap each (the world state keeps one door). roomSize ≥ 3.
 *
 * @example
 * ```ts
 * import { minigridLayout, layoutToString } from "./minigrid_layout.ts";
 * const layout = minigridLayout("doorKey", { size: 5, layoutSeed: 3 });
 * layout.maxSteps; // 250
 * console.log(layoutToString(layout));
 * ```
 */
export function minigridLayout(kind: MinigridKind, opts: MinigridLayoutOptions = {}): MinigridLayout {
  checkOneOf("kind", kind, ["empty", "fourRooms", "doorKey", "lavaCrossing", "keyCorridor"] as const);
  if (typeof opts !== "object" || opts === null) {
    throw new TypeError(`opts must be an object, got ${describe(opts)}`);
  }
  const layoutSeed = checkInteger("layoutSeed", opts.layoutSeed ?? 0, {
    min: Number.MIN_SAFE_INTEGER,
    max: Number.MAX_SAFE_INTEGER,
  });
  if (kind !== "lavaCrossing" && opts.numCrossings !== undefined) {
    throw new RangeError(`numCrossings applies to lavaCrossing only, got ${describe(opts.numCrossings)}`);
  }
  if (kind === "keyCorridor") return keyCorridorLayout(opts, layoutSeed);
  if (opts.roomSize !== undefined || opts.numRows !== undefined) {
    throw new RangeError(`roomSize and numRows apply to keyCorridor only, got kind ${describe(kind)}`);
  }
  const size = opts.size ?? DEFAULT_SIZE[kind];
  const minSize = kind === "empty" ? 4 : kind === "doorKey" ? 5 : kind === "fourRooms" ? 7 : 5;
  checkInteger("size", size, { min: minSize, max: 255 });
  if ((kind === "fourRooms" || kind === "lavaCrossing") && size % 2 === 0) {
    throw new RangeError(`size must be odd for ${kind}, got ${size}`);
  }
  const maxSteps = checkInteger("maxSteps", opts.maxSteps ?? defaultMaxSteps(kind, size), { min: 1 });
  const b = new Builder(size, size, new Rng(layoutSeed));
  const W = size;
  const H = size;
  let agentDir = 0;
  let goalPos: [number, number] = [W - 2, H - 2];
  let doorPos: [number, number] | null = null;
  let keyPos: [number, number] | null = null;
  let seeThroughWalls = false;
  if (kind === "empty") {
    b.wallRect(0, 0, W, H);
    b.set(W - 2, H - 2, GOAL);
    b.agent = [1, 1];
    seeThroughWalls = true;
  } else if (kind === "fourRooms") {
    b.horzWall(0, 0);
    b.horzWall(0, H - 1);
    b.vertWall(0, 0);
    b.vertWall(W - 1, 0);
    const roomW = Math.floor(W / 2);
    const roomH = Math.floor(H / 2);
    for (let j = 0; j < 2; j++) {
      for (let i = 0; i < 2; i++) {
        const xL = i * roomW;
        const yT = j * roomH;
        const xR = xL + roomW;
        const yB = yT + roomH;
        if (i + 1 < 2) {
          b.vertWall(xR, yT, roomH);
          b.set(xR, b.randInt(yT + 1, yB), EMPTY);
        }
        if (j + 1 < 2) {
          b.horzWall(xL, yB, roomW);
          b.set(b.randInt(xL + 1, xR), yB, EMPTY);
        }
      }
    }
    agentDir = b.placeAgent();
    goalPos = b.placeObj(GOAL);
  } else if (kind === "doorKey") {
    b.wallRect(0, 0, W, H);
    b.set(W - 2, H - 2, GOAL);
    const splitIdx = b.randInt(2, W - 2);
    b.vertWall(splitIdx, 0);
    agentDir = b.placeAgent([0, 0], [splitIdx, H]);
    const doorIdx = b.randInt(1, H - 2);
    b.set(splitIdx, doorIdx, DOOR);
    doorPos = [splitIdx, doorIdx];
    keyPos = b.placeObj(KEY, [0, 0], [splitIdx, H]);
  } else {
    const slots = numRiverSlots(size);
    const numCrossings = checkInteger("numCrossings", opts.numCrossings ?? 1, { min: 1, max: slots });
    b.wallRect(0, 0, W, H);
    b.agent = [1, 1];
    b.set(W - 2, H - 2, GOAL);
    // rivers: (vertical, x) for x in 2, 4, ..., H−3, then (horizontal, y) for y in 2, 4, ..., W−3.
    const rivers: [boolean, number][] = [];
    for (let i = 2; i < H - 2; i += 2) rivers.push([true, i]);
    for (let j = 2; j < W - 2; j += 2) rivers.push([false, j]);
    shuffle(rivers, b.rng);
    const chosen = rivers.slice(0, numCrossings);
    const riversV = chosen.filter((r) => r[0]).map((r) => r[1]).sort((p, q) => p - q);
    const riversH = chosen.filter((r) => !r[0]).map((r) => r[1]).sort((p, q) => p - q);
    for (const j of riversH) for (let i = 1; i < W - 1; i++) b.set(i, j, LAVA);
    for (const i of riversV) for (let j = 1; j < H - 1; j++) b.set(i, j, LAVA);
    // path: one crossing of each vertical river ("h" moves) and of each horizontal river ("v" moves), shuffled.
    const path: boolean[] = [...riversV.map(() => true), ...riversH.map(() => false)];
    shuffle(path, b.rng);
    const limitsV = [0, ...riversV, H - 1];
    const limitsH = [0, ...riversH, W - 1];
    let roomI = 0;
    let roomJ = 0;
    for (const crossesVertical of path) {
      if (crossesVertical) {
        const i = limitsV[roomI + 1];
        const j = b.randInt(limitsH[roomJ] + 1, limitsH[roomJ + 1]);
        roomI += 1;
        b.set(i, j, EMPTY);
      } else {
        const i = b.randInt(limitsV[roomI] + 1, limitsV[roomI + 1]);
        const j = limitsH[roomJ + 1];
        roomJ += 1;
        b.set(i, j, EMPTY);
      }
    }
  }
  return {
    kind,
    width: W,
    height: H,
    cells: b.cells,
    agentPos: [b.agent[0], b.agent[1]],
    agentDir,
    goalPos,
    doorPos,
    keyPos,
    maxSteps,
    seeThroughWalls,
    actions: kind === "doorKey" ? DOORKEY_ACTIONS : NAVIGATION,
  };
}

/** The KeyCorridor-like layout (see {@link minigridLayout}); `layoutSeed` already checked there. */
function keyCorridorLayout(opts: MinigridLayoutOptions, layoutSeed: number): MinigridLayout {
  const S = checkInteger("roomSize", opts.roomSize ?? 3, { min: 3, max: 64 });
  const R = checkInteger("numRows", opts.numRows ?? 1, { min: 1, max: 64 });
  const maxSteps = checkInteger("maxSteps", opts.maxSteps ?? defaultMaxSteps("keyCorridor", S), { min: 1 });
  const step = S - 1;
  const W = 3 * step + 1;
  const H = R * step + 1;
  // `size` is set by roomSize; a resolved config repeats it as the width, which is accepted
  if (opts.size !== undefined && opts.size !== W) {
    throw new RangeError(
      `size does not apply to keyCorridor (use roomSize and numRows; width ${W}), got ${describe(opts.size)}`,
    );
  }
  const b = new Builder(W, H, new Rng(layoutSeed));
  for (let i = 0; i < 3; i++) for (let j = 0; j < R; j++) b.wallRect(i * step, j * step, S, S);
  // the middle column is one hallway: remove the walls between its rooms
  for (let j = 1; j < R; j++) for (let x = step + 1; x < 2 * step; x++) b.set(x, j * step, EMPTY);
  const interiorRow = (j: number) => b.randInt(j * step + 1, (j + 1) * step);
  // locked door into a random right-hand room, the goal inside it
  const objRow = b.randInt(0, R);
  const doorPos: [number, number] = [2 * step, interiorRow(objRow)];
  b.set(doorPos[0], doorPos[1], DOOR);
  const goalPos = b.placeObj(GOAL, [2 * step + 1, objRow * step + 1], [S - 2, S - 2]);
  // the key in a random left-hand room
  const keyPos = b.placeObj(KEY, [1, b.randInt(0, R) * step + 1], [S - 2, S - 2]);
  // every other side room opens onto the hallway through one gap
  for (let j = 0; j < R; j++) {
    b.set(step, interiorRow(j), EMPTY);
    if (j !== objRow) b.set(2 * step, interiorRow(j), EMPTY);
  }
  const agentDir = b.placeAgent([step + 1, Math.floor(R / 2) * step + 1], [S - 2, S - 2]);
  return {
    kind: "keyCorridor",
    width: W,
    height: H,
    cells: b.cells,
    agentPos: [b.agent[0], b.agent[1]],
    agentDir,
    goalPos,
    doorPos,
    keyPos,
    maxSteps,
    seeThroughWalls: false,
    actions: DOORKEY_ACTIONS,
  };
}

/**
 * Render a layout like MiniGrid's `pprint_grid` but one character per cell: `#` wall, `.` empty, `G` goal,
 * `L` lava, `D` locked door, `K` key, and the agent as `>`, `v`, `<`, `^`.
 *
 * @example
 * ```ts
 * import { layoutToString, minigridLayout } from "./minigrid_layout.ts";
 * layoutToString(minigridLayout("empty", { size: 5 }));
 * // "#####\n#>..#\n#...#\n#..G#\n#####"
 * ```
 */
export function layoutToString(layout: MinigridLayout): string {
  const chars: Record<number, string> = {
    [EMPTY]: ".",
    [WALL]: "#",
    [GOAL]: "G",
    [LAVA]: "L",
    [DOOR]: "D",
    [KEY]: "K",
  };
  const rows: string[] = [];
  for (let y = 0; y < layout.height; y++) {
    let row = "";
    for (let x = 0; x < layout.width; x++) {
      row += x === layout.agentPos[0] && y === layout.agentPos[1]
        ? ">v<^"[layout.agentDir]
        : chars[layout.cells[y * layout.width + x]];
    }
    rows.push(row);
  }
  return rows.join("\n");
}

/**
 * Packing of the dynamic world state of a layout into one integer `code`:
 * `code = ((cell · 4 + dir) · nKey + hasKey) · nDoor + doorState`, with `cell = y · width + x`, `nKey = nDoor = 1`
 * except DoorKey (`nKey = 2`, `nDoor = 3`). The key is on the grid exactly when `hasKey = 0` (our DoorKey exposes
 * no `drop`), so (position, direction, hasKey, doorState) is the whole MiniGrid state apart from the step count.
 */
export interface WorldCodec {
  /** Number of key states (1 or 2). */
  nKey: number;
  /** Number of door states (1 or 3). */
  nDoor: number;
  /** Size of the code space: width · height · 4 · nKey · nDoor. */
  numCodes: number;
}

/**
 * The {@link WorldCodec} of a layout.
 *
 * @example
 * ```ts
 * import { minigridLayout, worldCodec } from "./minigrid_layout.ts";
 * worldCodec(minigridLayout("doorKey")); // { nKey: 2, nDoor: 3, numCodes: 600 }
 * ```
 */
export function worldCodec(layout: MinigridLayout): WorldCodec {
  const dk = layout.doorPos !== null;
  const nKey = dk ? 2 : 1;
  const nDoor = dk ? 3 : 1;
  return { nKey, nDoor, numCodes: layout.width * layout.height * 4 * nKey * nDoor };
}

/**
 * Code of the start state.
 *
 * @example
 * ```ts
 * import { minigridLayout, startCode, worldCodec } from "./minigrid_layout.ts";
 * const layout = minigridLayout("empty");
 * startCode(layout, worldCodec(layout)); // 24: cell (1, 1) = 6, direction 0
 * ```
 */
export function startCode(layout: MinigridLayout, codec: WorldCodec): number {
  const cell = layout.agentPos[1] * layout.width + layout.agentPos[0];
  const door = layout.doorPos !== null ? DOOR_LOCKED : 0;
  return ((cell * 4 + layout.agentDir) * codec.nKey + 0) * codec.nDoor + door;
}

/** Transition outcome: entering the goal. */
export const HIT_GOAL = -1;
/** Transition outcome: entering lava. */
export const HIT_LAVA = -2;

/**
 * One deterministic MiniGrid step (`MiniGridEnv.step`) from world state `code` with MiniGrid action index
 * `action` (0 left, 1 right, 2 forward, 3 pickup, 4 drop, 5 toggle, 6 done): returns the next code, or
 * {@link HIT_GOAL} / {@link HIT_LAVA} when the forward move enters the goal / lava (both terminate; the reward is
 * the caller's, as it depends on the step count). Drop and done leave the state unchanged (nothing to drop: our
 * DoorKey has no drop action, so the agent never holds anything but the key it cannot drop).
 *
 * @example
 * ```ts
 * import { minigridLayout, startCode, transition, worldCodec } from "./minigrid_layout.ts";
 * const layout = minigridLayout("empty");
 * const codec = worldCodec(layout);
 * transition(layout, codec, startCode(layout, codec), 2); // 28: one cell to the right, still facing right
 * ```
 */
export function transition(layout: MinigridLayout, codec: WorldCodec, code: number, action: number): number {
  const { nKey, nDoor } = codec;
  const door = code % nDoor;
  let rest = (code - door) / nDoor;
  const hasKey = rest % nKey;
  rest = (rest - hasKey) / nKey;
  let dir = rest & 3;
  let cell = rest >> 2;
  let newKey = hasKey;
  let newDoor = door;
  const W = layout.width;
  if (action === 0) dir = (dir + 3) & 3;
  else if (action === 1) dir = (dir + 1) & 3;
  else if (action === 2 || action === 3 || action === 5) {
    const x = cell % W;
    const y = (cell - x) / W;
    const fx = x + DIR_DX[dir];
    const fy = y + DIR_DY[dir];
    const fcell = fy * W + fx;
    const obj = objectAt(layout, fcell, hasKey);
    if (action === 2) {
      if (obj === GOAL) return HIT_GOAL;
      if (obj === LAVA) return HIT_LAVA;
      if (obj === EMPTY || (obj === DOOR && door === DOOR_OPEN)) cell = fcell;
    } else if (action === 3) {
      if (obj === KEY && hasKey === 0) newKey = 1;
    } else if (obj === DOOR) {
      // Door.toggle: a locked door opens with the key; an unlocked one flips open/closed.
      if (door === DOOR_LOCKED) {
        if (hasKey === 1) newDoor = DOOR_OPEN;
      } else newDoor = door === DOOR_OPEN ? DOOR_CLOSED : DOOR_OPEN;
    }
  }
  return ((cell * 4 + dir) * nKey + newKey) * nDoor + newDoor;
}

/** Object at `cell` given the dynamic state (the key disappears once picked up; the door keeps its cell). */
function objectAt(layout: MinigridLayout, cell: number, hasKey: number): number {
  const obj = layout.cells[cell];
  if (obj === KEY && hasKey === 1) return EMPTY;
  return obj;
}

/**
 * World states reachable from the start by any action sequence (terminal goal/lava entries excluded), as sorted
 * codes: the index of a code in this list is the state's index in one-hot observations and in the tabular export.
 *
 * @example
 * ```ts
 * import { minigridLayout, reachableCodes, worldCodec } from "./minigrid_layout.ts";
 * const layout = minigridLayout("empty", { size: 5 });
 * reachableCodes(layout, worldCodec(layout)).length; // 32: 8 free cells × 4 directions
 * ```
 */
export function reachableCodes(layout: MinigridLayout, codec: WorldCodec): Int32Array {
  const seen = new Uint8Array(codec.numCodes);
  const queue: number[] = [startCode(layout, codec)];
  seen[queue[0]] = 1;
  const actions = layout.actions.map((a) => MINIGRID_ACTIONS.indexOf(a));
  for (let head = 0; head < queue.length; head++) {
    for (const a of actions) {
      const n = transition(layout, codec, queue[head], a);
      if (n >= 0 && !seen[n]) {
        seen[n] = 1;
        queue.push(n);
      }
    }
  }
  return Int32Array.from(queue).sort();
}

/**
 * Length of the shortest action sequence from the start that enters the goal (BFS over the deterministic
 * dynamics, no slip or sticky actions), or −1 when the goal is unreachable. With MiniGrid's reward the optimal
 * deterministic return is then `1 − 0.9 · d / maxSteps` (when d ≤ maxSteps).
 *
 * @example
 * ```ts
 * import { minigridLayout, shortestPathLength } from "./minigrid_layout.ts";
 * shortestPathLength(minigridLayout("empty", { size: 5 })); // 5: forward ×2, right, forward ×2
 * ```
 */
export function shortestPathLength(layout: MinigridLayout): number {
  const codec = worldCodec(layout);
  const dist = new Int32Array(codec.numCodes).fill(-1);
  const s0 = startCode(layout, codec);
  dist[s0] = 0;
  const queue: number[] = [s0];
  const actions = layout.actions.map((a) => MINIGRID_ACTIONS.indexOf(a));
  for (let head = 0; head < queue.length; head++) {
    const s = queue[head];
    for (const a of actions) {
      const n = transition(layout, codec, s, a);
      if (n === HIT_GOAL) return dist[s] + 1;
      if (n >= 0 && dist[n] < 0) {
        dist[n] = dist[s] + 1;
        queue.push(n);
      }
    }
  }
  return -1;
}
