/**
 * ASCII gridworlds exported exactly to a {@link TabularMdp}, so tabular theory and sampled learners run on the
 * same task.
 *
 * Map characters: `#` wall, `.` floor, `S` start (floor; exactly one), `G` goal, `L` lava. States are the non-wall
 * cells in row-major order. Actions: 0 = up, 1 = right, 2 = down, 3 = left ({@link GRID_ACTIONS}); a move into a
 * wall or off the border leaves the agent in place.
 *
 * Slip (the MiniGrid/"random action" convention): with probability `slip` the executed action is drawn uniformly
 * from all 4 actions (possibly the intended one), so the intended move happens with probability
 * 1 − slip + slip/4 and each other move with probability slip/4. `slip = 1` is a uniformly random walk.
 *
 * Rewards: every step pays `stepReward`; a step that enters `G` additionally pays `goalReward`, one that enters `L`
 * additionally pays `lavaReward`, and both end the episode (successor −1). The `G`/`L` cells are states too (so
 * value grids cover them) but are never occupied: their own actions end the episode with reward 0. Outcomes of
 * one (s, a) that land in the same state with the same reward are merged; successor lists are sorted by next state
 * (−1 first), then reward. `mdp.outcomeRewards` holds each outcome's reward, `mdp.rewards` their expectation.
 *
 * @module
 */
import { checkFinite, checkInRange, checkInteger, describe } from "../core/errors.ts";
import { type TabularMdp, tabularMdp } from "./mdp.ts";

/** Action names by index. */
export const GRID_ACTIONS: readonly ["up", "right", "down", "left"] = [
  "up",
  "right",
  "down",
  "left",
] as const;

const DR = [-1, 0, 1, 0];
const DC = [0, 1, 0, -1];

/** Options of {@link gridworld}. */
export interface GridworldOptions {
  /** Horizon T (required): at most T steps per episode. */
  horizon: number;
  /** Probability in [0, 1] that a uniformly random action (of all 4) replaces the intended one; default 0. */
  slip?: number;
  /** Reward of every step; default 0. */
  stepReward?: number;
  /** Extra reward for entering `G`; default 1. */
  goalReward?: number;
  /** Extra reward for entering `L`; default −1. */
  lavaReward?: number;
  /** Discount per step of the exported MDP; default 1. */
  gamma?: number;
}

/** A parsed gridworld and its exact MDP. */
export interface Gridworld {
  /** The exported MDP (start state = the `S` cell). */
  mdp: TabularMdp;
  /** Number of columns. */
  width: number;
  /** Number of rows. */
  height: number;
  /** The map rows as parsed (trimmed). */
  map: string[];
  /** State of each cell at `row * width + col`, −1 for walls. */
  stateIndex: Int32Array;
  /** Cell `row * width + col` of each state. */
  cellIndex: Int32Array;
  /** State at (row, col), or −1 for a wall; throws a RangeError outside the grid. */
  stateOf(row: number, col: number): number;
  /** [row, col] of a state. */
  cellOf(state: number): [number, number];
}

function parseMap(map: unknown): string[] {
  let rows: string[];
  if (typeof map === "string") rows = map.split(/\r?\n/);
  else if (Array.isArray(map) && map.every((r) => typeof r === "string")) rows = [...map];
  else throw new TypeError(`map must be a string or an array of strings, got ${describe(map)}`);
  rows = rows.map((r) => r.trim());
  while (rows.length > 0 && rows[0] === "") rows.shift();
  while (rows.length > 0 && rows[rows.length - 1] === "") rows.pop();
  if (rows.length === 0) throw new RangeError("map must have at least one non-empty row, got an empty map");
  const width = rows[0].length;
  rows.forEach((r, i) => {
    if (r.length !== width) {
      throw new RangeError(
        `map rows must all have width ${width}, got row ${i} ${describe(r)} of width ${r.length}`,
      );
    }
    for (let c = 0; c < r.length; c++) {
      if (!"#.SGL".includes(r[c])) {
        throw new RangeError(
          `map character at row ${i}, col ${c} must be one of "#", ".", "S", "G", "L", got ${describe(r[c])}`,
        );
      }
    }
  });
  return rows;
}

/**
 * Parse an ASCII map into a gridworld and its exact tabular MDP (conventions in the module doc).
 *
 * @example
 * ```ts
 * import { gridworld } from "./gridworld.ts";
 * import { valueIteration } from "./value_iteration.ts";
 * const grid = gridworld(`
 *   S.G
 *   .#L
 *   ...
 * `, { horizon: 10, slip: 0.1 });
 * grid.mdp.numStates; // 8
 * grid.stateOf(0, 2); // 2 (the goal)
 * valueIteration(grid.mdp).initialValue; // probability-weighted reward of reaching G within 10 steps
 * ```
 */
export function gridworld(map: string | readonly string[], opts: GridworldOptions): Gridworld {
  const rows = parseMap(map);
  if (typeof opts !== "object" || opts === null) {
    throw new TypeError(`opts must be an object with at least { horizon }, got ${describe(opts)}`);
  }
  const horizon = checkInteger("horizon", opts.horizon, { min: 1 });
  const slip = checkInRange("slip", opts.slip ?? 0, { min: 0, max: 1 });
  const stepReward = checkFinite("stepReward", opts.stepReward ?? 0);
  const goalReward = checkFinite("goalReward", opts.goalReward ?? 1);
  const lavaReward = checkFinite("lavaReward", opts.lavaReward ?? -1);
  const height = rows.length;
  const width = rows[0].length;

  const stateIndex = new Int32Array(height * width).fill(-1);
  const cells: number[] = [];
  let start = -1;
  for (let r = 0; r < height; r++) {
    for (let c = 0; c < width; c++) {
      const ch = rows[r][c];
      if (ch === "#") continue;
      if (ch === "S") {
        if (start >= 0) {
          throw new RangeError(`map must have exactly one "S", found a second at row ${r}, col ${c}`);
        }
        start = cells.length;
      }
      stateIndex[r * width + c] = cells.length;
      cells.push(r * width + c);
    }
  }
  if (start < 0) throw new RangeError(`map must have exactly one "S", got none`);
  const S = cells.length;
  const A = 4;
  const offsets = new Int32Array(S * A + 1);
  const next: number[] = [];
  const prob: number[] = [];
  const outcomeRewards: number[] = [];
  const rewards = new Float64Array(S * A);
  const outNext: number[] = [];
  const outReward: number[] = [];
  const outProb: number[] = [];

  for (let s = 0; s < S; s++) {
    const r0 = Math.floor(cells[s] / width);
    const c0 = cells[s] % width;
    const here = rows[r0][c0];
    for (let a = 0; a < A; a++) {
      outNext.length = outReward.length = outProb.length = 0;
      if (here === "G" || here === "L") {
        outNext.push(-1);
        outReward.push(0);
        outProb.push(1);
      } else {
        for (let d = 0; d < A; d++) {
          const p = (d === a ? 1 - slip : 0) + slip / A;
          if (p <= 0) continue;
          const r1 = r0 + DR[d];
          const c1 = c0 + DC[d];
          const blocked = r1 < 0 || r1 >= height || c1 < 0 || c1 >= width || rows[r1][c1] === "#";
          const cell = blocked ? here : rows[r1][c1];
          const target = blocked ? s : stateIndex[r1 * width + c1];
          const n = cell === "G" || cell === "L" ? -1 : target;
          const rew = stepReward + (cell === "G" ? goalReward : cell === "L" ? lavaReward : 0);
          let j = 0;
          while (j < outNext.length && !(outNext[j] === n && outReward[j] === rew)) j++;
          if (j === outNext.length) {
            outNext.push(n);
            outReward.push(rew);
            outProb.push(p);
          } else {
            outProb[j] += p;
          }
        }
      }
      const order = outNext.map((_, j) => j).sort((x, y) =>
        outNext[x] - outNext[y] || outReward[x] - outReward[y]
      );
      let expected = 0;
      for (const j of order) {
        next.push(outNext[j]);
        prob.push(outProb[j]);
        outcomeRewards.push(outReward[j]);
        expected += outProb[j] * outReward[j];
      }
      rewards[s * A + a] = expected;
      offsets[s * A + a + 1] = next.length;
    }
  }

  const mdp = tabularMdp({
    numStates: S,
    numActions: A,
    horizon,
    gamma: opts.gamma,
    initialState: start,
    offsets,
    next: Int32Array.from(next),
    prob: Float64Array.from(prob),
    rewards,
    outcomeRewards: Float64Array.from(outcomeRewards),
  });
  const cellIndex = Int32Array.from(cells);
  return {
    mdp,
    width,
    height,
    map: rows,
    stateIndex,
    cellIndex,
    stateOf(row: number, col: number): number {
      checkInteger("row", row, { min: 0, max: height - 1 });
      checkInteger("col", col, { min: 0, max: width - 1 });
      return stateIndex[row * width + col];
    },
    cellOf(state: number): [number, number] {
      checkInteger("state", state, { min: 0, max: S - 1 });
      return [Math.floor(cellIndex[state] / width), cellIndex[state] % width];
    },
  };
}

/**
 * Arrange per-state values as a rows × cols grid for heatmaps: `v[t * S + s]` at the state's cell, NaN on walls.
 * `v` is a length-S array or a time-indexed `(T + 1)·S` array such as `valueIteration(...).v`.
 *
 * @example
 * ```ts
 * import { gridworld, valueGrid } from "./gridworld.ts";
 * import { valueIteration } from "./value_iteration.ts";
 * const grid = gridworld(["S#G", "..."], { horizon: 6 });
 * valueGrid(grid, valueIteration(grid.mdp).v); // [[1, NaN, 0], [1, 1, 1]]
 * ```
 */
export function valueGrid(grid: Gridworld, v: ArrayLike<number>, t = 0): number[][] {
  if (typeof grid !== "object" || grid === null || !(grid.stateIndex instanceof Int32Array)) {
    throw new TypeError(`grid must be a Gridworld from gridworld(), got ${describe(grid)}`);
  }
  const S = grid.mdp.numStates;
  checkInteger("t", t, { min: 0 });
  if (!Array.isArray(v) && !ArrayBuffer.isView(v)) {
    throw new TypeError(`v must be an array or typed array, got ${describe(v)}`);
  }
  if (v.length % S !== 0 || (t + 1) * S > v.length) {
    throw new RangeError(
      `v must have length a multiple of numStates = ${S} covering t = ${t}, got length ${v.length}`,
    );
  }
  const out: number[][] = [];
  for (let r = 0; r < grid.height; r++) {
    const row: number[] = [];
    for (let c = 0; c < grid.width; c++) {
      const s = grid.stateIndex[r * grid.width + c];
      row.push(s < 0 ? NaN : v[t * S + s]);
    }
    out.push(row);
  }
  return out;
}
