import assert from "node:assert/strict";
import { GRID_ACTIONS, gridworld, valueGrid } from "../../lib/tabular/gridworld.ts";
import type { TabularMdp } from "../../lib/tabular/mdp.ts";
import { valueIteration } from "../../lib/tabular/value_iteration.ts";

/*
 * The 3×3 map of the export tests and its states (non-wall cells, row-major):
 *
 *   S . G        0 1 2        0 = S (0,0)   1 = (0,1)   2 = G (0,2)
 *   . # L        3 # 4        3 = (1,0)     4 = L (1,2)
 *   . . .        5 6 7        5 = (2,0)     6 = (2,1)   7 = (2,2)
 *
 * stepReward −0.1, goalReward 1, lavaReward −1: a step into G pays 0.9, into L −1.1, any other step −0.1.
 * Actions 0..3 = up, right, down, left. Each (s, a) is listed as [next, prob, outcome reward] entries, sorted by
 * next (−1 = terminal first), and r(s, a) = Σ prob · outcome reward.
 */
const MAP = `
  S.G
  .#L
  ...
`;
type Entry = [number, number, number];
const T = -1;
const G = 0.9; // stepReward + goalReward
const L = -1.1; // stepReward + lavaReward
const F = -0.1; // stepReward
const TERMINAL: Entry[][] = [[[T, 1, 0]], [[T, 1, 0]], [[T, 1, 0]], [[T, 1, 0]]];

// Deterministic moves; blocked moves (border, the wall at (1,1)) stay in place.
const NO_SLIP: Entry[][][] = [
  /* 0 S */ [[[0, 1, F]], [[1, 1, F]], [[3, 1, F]], [[0, 1, F]]],
  /* 1   */ [[[1, 1, F]], [[T, 1, G]], [[1, 1, F]], [[0, 1, F]]],
  /* 2 G */ TERMINAL,
  /* 3   */ [[[0, 1, F]], [[3, 1, F]], [[5, 1, F]], [[3, 1, F]]],
  /* 4 L */ TERMINAL,
  /* 5   */ [[[3, 1, F]], [[6, 1, F]], [[5, 1, F]], [[5, 1, F]]],
  /* 6   */ [[[6, 1, F]], [[7, 1, F]], [[6, 1, F]], [[5, 1, F]]],
  /* 7   */ [[[T, 1, L]], [[7, 1, F]], [[7, 1, F]], [[6, 1, F]]],
];
const NO_SLIP_REWARDS = [
  [F, F, F, F],
  [F, G, F, F],
  [0, 0, 0, 0],
  [F, F, F, F],
  [0, 0, 0, 0],
  [F, F, F, F],
  [F, F, F, F],
  [L, F, F, F],
];

// slip = 0.4: the executed action is uniform over all 4 w.p. 0.4, so intended 0.6 + 0.1 = 0.7, others 0.1 each.
// Moves from each cell (up, right, down, left): 0: 0,1,3,0   1: 1,G,1,0   3: 0,3,5,3   5: 3,6,5,5   6: 6,7,6,5
// 7: L,7,7,6.
const SLIP: Entry[][][] = [
  /* 0 */ [
    [[0, 0.8, F], [1, 0.1, F], [3, 0.1, F]],
    [[0, 0.2, F], [1, 0.7, F], [3, 0.1, F]],
    [[0, 0.2, F], [1, 0.1, F], [3, 0.7, F]],
    [[0, 0.8, F], [1, 0.1, F], [3, 0.1, F]],
  ],
  /* 1 */ [
    [[T, 0.1, G], [0, 0.1, F], [1, 0.8, F]],
    [[T, 0.7, G], [0, 0.1, F], [1, 0.2, F]],
    [[T, 0.1, G], [0, 0.1, F], [1, 0.8, F]],
    [[T, 0.1, G], [0, 0.7, F], [1, 0.2, F]],
  ],
  /* 2 G */ TERMINAL,
  /* 3 */ [
    [[0, 0.7, F], [3, 0.2, F], [5, 0.1, F]],
    [[0, 0.1, F], [3, 0.8, F], [5, 0.1, F]],
    [[0, 0.1, F], [3, 0.2, F], [5, 0.7, F]],
    [[0, 0.1, F], [3, 0.8, F], [5, 0.1, F]],
  ],
  /* 4 L */ TERMINAL,
  /* 5 */ [
    [[3, 0.7, F], [5, 0.2, F], [6, 0.1, F]],
    [[3, 0.1, F], [5, 0.2, F], [6, 0.7, F]],
    [[3, 0.1, F], [5, 0.8, F], [6, 0.1, F]],
    [[3, 0.1, F], [5, 0.8, F], [6, 0.1, F]],
  ],
  /* 6 */ [
    [[5, 0.1, F], [6, 0.8, F], [7, 0.1, F]],
    [[5, 0.1, F], [6, 0.2, F], [7, 0.7, F]],
    [[5, 0.1, F], [6, 0.8, F], [7, 0.1, F]],
    [[5, 0.7, F], [6, 0.2, F], [7, 0.1, F]],
  ],
  /* 7 */ [
    [[T, 0.7, L], [6, 0.1, F], [7, 0.2, F]],
    [[T, 0.1, L], [6, 0.1, F], [7, 0.8, F]],
    [[T, 0.1, L], [6, 0.1, F], [7, 0.8, F]],
    [[T, 0.1, L], [6, 0.7, F], [7, 0.2, F]],
  ],
];
// r(s, a) worked out: e.g. (1, right) = 0.7·0.9 + 0.3·(−0.1) = 0.6; (1, up) = 0.1·0.9 + 0.9·(−0.1) = 0;
// (7, up) = 0.7·(−1.1) + 0.3·(−0.1) = −0.8; (7, other) = 0.1·(−1.1) + 0.9·(−0.1) = −0.2.
const SLIP_REWARDS = [
  [F, F, F, F],
  [0, 0.6, 0, 0],
  [0, 0, 0, 0],
  [F, F, F, F],
  [0, 0, 0, 0],
  [F, F, F, F],
  [F, F, F, F],
  [-0.8, -0.2, -0.2, -0.2],
];

function assertExport(mdp: TabularMdp, table: Entry[][][], rewards: number[][]): void {
  const tol = 1e-12;
  assert.equal(mdp.numStates, 8);
  assert.equal(mdp.numActions, 4);
  for (let s = 0; s < 8; s++) {
    for (let a = 0; a < 4; a++) {
      const i = s * 4 + a;
      const lo = mdp.offsets[i];
      const hi = mdp.offsets[i + 1];
      const got: Entry[] = [];
      for (let k = lo; k < hi; k++) got.push([mdp.next[k], mdp.prob[k], mdp.outcomeRewards![k]]);
      const want = table[s][a];
      const where = `(s=${s}, ${GRID_ACTIONS[a]})`;
      assert.deepEqual(got.map((e) => e[0]), want.map((e) => e[0]), `next ${where}`);
      got.forEach((e, j) => {
        assert.ok(Math.abs(e[1] - want[j][1]) <= tol, `prob ${where} entry ${j}: ${e[1]} vs ${want[j][1]}`);
        assert.ok(
          Math.abs(e[2] - want[j][2]) <= tol,
          `outcome reward ${where} entry ${j}: ${e[2]} vs ${want[j][2]}`,
        );
      });
      assert.ok(
        Math.abs(mdp.rewards[i] - rewards[s][a]) <= tol,
        `r${where}: ${mdp.rewards[i]} vs ${rewards[s][a]}`,
      );
    }
  }
}

Deno.test("gridworld: 3x3 map exports exactly (no slip)", () => {
  const grid = gridworld(MAP, { horizon: 6, stepReward: -0.1 });
  assert.equal(grid.width, 3);
  assert.equal(grid.height, 3);
  assert.deepEqual(grid.map, ["S.G", ".#L", "..."]);
  assert.equal(grid.mdp.initialState, 0);
  assert.equal(grid.mdp.horizon, 6);
  assert.deepEqual([...grid.cellIndex], [0, 1, 2, 3, 5, 6, 7, 8]);
  assert.deepEqual([...grid.stateIndex], [0, 1, 2, 3, -1, 4, 5, 6, 7]);
  assert.equal(grid.stateOf(1, 1), -1);
  assert.equal(grid.stateOf(2, 2), 7);
  assert.deepEqual(grid.cellOf(4), [1, 2]);
  assertExport(grid.mdp, NO_SLIP, NO_SLIP_REWARDS);
});

Deno.test("gridworld: 3x3 map exports exactly (slip 0.4, uniform-over-all-actions convention)", () => {
  const grid = gridworld(["S.G", ".#L", "..."], { horizon: 6, slip: 0.4, stepReward: -0.1 });
  assertExport(grid.mdp, SLIP, SLIP_REWARDS);
});

Deno.test("gridworld: optimal values and valueGrid", () => {
  // no slip, T = 6: S → right → right(G) pays −0.1 + 0.9 = 0.8
  const grid = gridworld(MAP, { horizon: 6, stepReward: -0.1 });
  const vi = valueIteration(grid.mdp);
  assert.ok(Math.abs(vi.initialValue - 0.8) < 1e-12);
  assert.deepEqual(vi.policy[0], 1); // right at t = 0
  const heat = valueGrid(grid, vi.v);
  assert.equal(heat.length, 3);
  assert.ok(Number.isNaN(heat[1][1]));
  assert.equal(heat[0][2], 0); // G is never occupied: its value is 0
  assert.ok(Math.abs(heat[0][1] - 0.9) < 1e-12);
  // at t = 5 one step is left: only (0,1) can still reach G
  assert.ok(Math.abs(valueGrid(grid, vi.v, 5)[0][1] - 0.9) < 1e-12);
  assert.ok(Math.abs(valueGrid(grid, vi.v, 5)[0][0] - -0.1) < 1e-12);
  // slip = 1 is a uniform random walk: the exported MDP no longer depends on the action
  const walk = gridworld(MAP, { horizon: 4, slip: 1 }).mdp;
  for (let s = 0; s < 8; s++) {
    for (let a = 1; a < 4; a++) assert.equal(walk.rewards[s * 4 + a], walk.rewards[s * 4]);
  }
});

Deno.test("gridworld / valueGrid: bad arguments throw named errors", () => {
  assert.throws(
    () => gridworld(["..G", "..."], { horizon: 5 }),
    /RangeError: map must have exactly one "S", got none/,
  );
  assert.throws(
    () => gridworld(["S.S"], { horizon: 5 }),
    /RangeError: map must have exactly one "S", found a second/,
  );
  assert.throws(
    () => gridworld(["S.X"], { horizon: 5 }),
    /RangeError: map character at row 0, col 2 must be one of "#", ".", "S", "G", "L", got "X"/,
  );
  assert.throws(() => gridworld(["S..", ".."], { horizon: 5 }), /RangeError: map rows must all have width 3/);
  assert.throws(
    () => gridworld("S.G", { horizon: 5, slip: 1.5 }),
    /RangeError: slip must be in \[0, 1\], got 1.5/,
  );
  assert.throws(() => gridworld("S.G", { horizon: 0 }), /RangeError: horizon must be an integer >= 1, got 0/);
  assert.throws(() => gridworld("S.G", {} as never), /TypeError: horizon must be an integer, got undefined/);
  assert.throws(
    () => gridworld(42 as never, { horizon: 5 }),
    /TypeError: map must be a string or an array of strings/,
  );
  assert.throws(() => gridworld("", { horizon: 5 }), /RangeError: map must have at least one non-empty row/);
  const grid = gridworld("S.G", { horizon: 5 });
  assert.throws(() => grid.stateOf(1, 0), /RangeError: row must be an integer in \[0, 0\], got 1/);
  assert.throws(() => grid.cellOf(3), /RangeError: state must be an integer in \[0, 2\], got 3/);
  assert.throws(() => valueGrid(grid, [1, 2]), /RangeError: v must have length a multiple of numStates = 3/);
});
