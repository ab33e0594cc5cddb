import assert from "node:assert/strict";
import {
  layoutToString,
  minigridDoorKey,
  minigridEmpty,
  minigridFourRooms,
  type MinigridKind,
  minigridLavaCrossing,
  minigridLayout,
  type MinigridMdp,
  minigridStateIndex,
  shortestPathLength,
  toTabularMdp,
} from "../../lib/envs/minigrid.ts";
import { MinigridEnv, minigridKeyCorridor } from "../../lib/envs/minigrid.ts";
import { episodeTracker } from "../../lib/core/env.ts";
import { assertEnv } from "../../lib/envs/check_env.ts";
import { Rng } from "../../lib/core/rng.ts";
import { valueIteration } from "../../lib/tabular/value_iteration.ts";

const W = 2; // MiniGrid OBJECT_TO_IDX: wall
const E = 1; // empty
const G = 8; // goal

/** Greedy action of the tabular optimal policy for copy `i` of `env` (time-indexed, sticky-aware). */
function optimalAction(env: MinigridEnv, mdp: MinigridMdp, policy: Int32Array, i: number): number {
  const st = env.copyState(i);
  const s = minigridStateIndex(mdp, st.stepCount, st.worldState, mdp.tracksPrevAction ? st.prevAction : -1);
  assert.ok(s >= 0, "every state the env visits is in the export");
  return policy[st.stepCount * mdp.numStates + s];
}

function borderIsWall(layout: { width: number; height: number; cells: Uint8Array }): boolean {
  const { width: w, height: h, cells } = layout;
  for (let x = 0; x < w; x++) if (cells[x] !== W || cells[(h - 1) * w + x] !== W) return false;
  for (let y = 0; y < h; y++) if (cells[y * w] !== W || cells[y * w + w - 1] !== W) return false;
  return true;
}

Deno.test("layouts: deterministic per layoutSeed, MiniGrid's structure and time limits", () => {
  assert.equal(
    layoutToString(minigridLayout("empty", { size: 5 })),
    "#####\n#>..#\n#...#\n#..G#\n#####",
  );
  assert.equal(minigridLayout("empty", { size: 5 }).maxSteps, 100); // 4·5²
  assert.equal(minigridLayout("fourRooms").maxSteps, 100);
  assert.equal(minigridLayout("fourRooms").width, 19);
  assert.equal(minigridLayout("doorKey", { size: 5 }).maxSteps, 250); // 10·5²
  assert.equal(minigridLayout("lavaCrossing", { size: 9 }).maxSteps, 324); // 4·9²
  const fourRoomsStrings = new Set<string>();
  for (let seed = 0; seed < 12; seed++) {
    for (const kind of ["empty", "fourRooms", "doorKey", "lavaCrossing"] as MinigridKind[]) {
      const a = minigridLayout(kind, { layoutSeed: seed });
      assert.equal(
        layoutToString(a),
        layoutToString(minigridLayout(kind, { layoutSeed: seed })),
        "deterministic",
      );
      assert.ok(borderIsWall(a), `${kind} ${seed}: walls on the border`);
      const { width: w, cells } = a;
      const [gx, gy] = a.goalPos;
      assert.equal(cells[gy * w + gx], G);
      assert.equal(cells.filter((c) => c === G).length, 1, "one goal");
      const [ax, ay] = a.agentPos;
      assert.equal(cells[ay * w + ax], E, "the agent starts on a free cell");
      assert.ok(shortestPathLength(a) > 0, `${kind} ${seed}: the goal is reachable`);
      if (kind === "fourRooms") {
        fourRoomsStrings.add(layoutToString(a));
        const m = Math.floor(w / 2);
        let gaps = 0;
        for (let k = 1; k < w - 1; k++) {
          if (k === m) continue;
          gaps += (cells[k * w + m] !== W ? 1 : 0) + (cells[m * w + k] !== W ? 1 : 0); // a gap may hold the goal
        }
        assert.equal(gaps, 4, "one gap per inner wall segment");
        assert.ok(a.agentDir >= 0 && a.agentDir < 4);
      } else if (kind === "doorKey") {
        assert.deepEqual(a.goalPos, [w - 2, w - 2]);
        const [dx, dy] = a.doorPos!;
        assert.ok(dx >= 2 && dx < w - 2 && dy >= 1 && dy < w - 2);
        for (let y = 0; y < w; y++) {
          assert.equal(cells[y * w + dx], y === dy ? 4 : W, "splitting wall + door");
        }
        assert.ok(a.keyPos![0] < dx && ax < dx, "key and agent left of the wall");
      } else if (kind === "lavaCrossing") {
        assert.deepEqual([ax, ay, a.agentDir], [1, 1, 0]);
        assert.deepEqual(a.goalPos, [w - 2, w - 2]);
        const lava = cells.filter((c) => c === 9).length;
        assert.equal(lava, w - 2 - 1, "one river of length size − 2 with one opening");
      } else {
        assert.deepEqual([ax, ay, a.agentDir, gx, gy], [1, 1, 0, 3, 3]);
      }
    }
  }
  assert.ok(fourRoomsStrings.size >= 10, "different layoutSeeds give different FourRooms layouts");
  // Three rivers at S9: each lava row/column has exactly one opening (where it does not cross another river).
  const l3 = minigridLayout("lavaCrossing", { size: 9, numCrossings: 3, layoutSeed: 3 });
  assert.equal(
    layoutToString(l3),
    "#########\n#>L.....#\n#.......#\n#.L.....#\n#LLLLLL.#\n#.L.....#\n#LL.LLLL#\n#.L....G#\n#########",
  );
});

Deno.test("toTabularMdp: optimal value = 1 − 0.9·d/T for the BFS shortest path d; the optimal policy achieves it", () => {
  const cases: [MinigridEnv, number | null][] = [
    [minigridEmpty({ size: 5 }), 5], // forward, forward, right, forward, forward
    [minigridDoorKey({ size: 5, layoutSeed: 0 }), 9], // right, forward, pickup, right, toggle, forward ×2, right, forward
    [minigridFourRooms({ size: 9, layoutSeed: 2 }), null],
    [minigridFourRooms({ layoutSeed: 1 }), null],
    [minigridLavaCrossing({ size: 9, numCrossings: 1, layoutSeed: 0 }), null],
    [minigridLavaCrossing({ size: 9, numCrossings: 3, layoutSeed: 3 }), null],
    // from the hallway facing the door: left ×2, forward, pickup, left ×2, forward, toggle, forward ×2
    [minigridKeyCorridor({ roomSize: 3, numRows: 1 }), 10],
    [minigridKeyCorridor({ roomSize: 4, numRows: 3, layoutSeed: 1, maxSteps: 120 }), null],
  ];
  for (const [env, handD] of cases) {
    const name = `${env.config.kind} ${JSON.stringify(env.config)}`;
    const d = shortestPathLength(env.layout);
    if (handD !== null) assert.equal(d, handD, name);
    const T = env.maxEpisodeSteps;
    const mdp = toTabularMdp(env);
    assert.equal(mdp.horizon, T);
    assert.equal(mdp.numWorldStates, env.numWorldStates);
    const vi = valueIteration(mdp, { keep: "first" });
    const expected = 1 - 0.9 * (d / T);
    assert.ok(Math.abs(vi.initialValue - expected) < 1e-12, `${name}: ${vi.initialValue} vs ${expected}`);
    // Roll the env with the greedy tabular policy: it reaches the goal in exactly d steps with that return.
    const actions = new Int32Array(1);
    env.reset(0);
    let ret = 0;
    for (let t = 0; t < T; t++) {
      actions[0] = optimalAction(env, mdp, vi.policy, 0);
      const r = env.step(actions);
      ret += r.rewards[0];
      if (r.terminated[0]) {
        assert.equal(t + 1, d, name);
        break;
      }
      assert.equal(r.truncated[0], 0);
    }
    assert.equal(ret, expected, name);
  }
});

Deno.test("observations: one-hot and egocentric sizes and contents (Empty-5x5 start, hand-checked)", () => {
  const oh = minigridEmpty({ size: 5, obs: "onehot", numEnvs: 2 });
  assert.equal(oh.numWorldStates, 32); // 8 free cells × 4 directions
  assert.deepEqual(oh.observationSpace.shape, [32]);
  const o = oh.reset(0);
  assert.equal(o.length, 64);
  const start = oh.copyState(0);
  assert.deepEqual([start.x, start.y, start.dir], [1, 1, 0]);
  for (let k = 0; k < 32; k++) assert.equal(o[k], k === start.worldState ? 1 : 0);
  assert.deepEqual(o.subarray(32), o.subarray(0, 32));

  // Across auto-resets every one-hot row holds exactly one 1, at the copy's world state (terminal rows: none).
  const fr = minigridFourRooms({
    size: 9,
    layoutSeed: 2,
    obs: "onehot",
    numEnvs: 4,
    slip: 0.5,
    maxSteps: 30,
  });
  fr.reset(5);
  const d = fr.numWorldStates;
  const rowSum = (a: Float32Array, i: number) => a.subarray(i * d, (i + 1) * d).reduce((x, y) => x + y, 0);
  let ends = 0;
  for (let t = 0; t < 400; t++) {
    const r = fr.step(Int32Array.from({ length: 4 }, (_, i) => (t * 7 + i) % 3));
    for (let i = 0; i < 4; i++) {
      assert.equal(rowSum(r.observations, i), 1);
      assert.equal(r.observations[i * d + fr.copyState(i).worldState], 1);
      assert.equal(rowSum(r.finalObservations, i), r.terminated[i] ? 0 : 1);
      ends += r.terminated[i] + r.truncated[i];
    }
  }
  assert.ok(ends > 20);

  const ego = minigridEmpty({ size: 5, obs: "egocentric" });
  assert.deepEqual(ego.observationSpace.shape, [7, 7, 3]);
  const img = ego.reset(0);
  assert.equal(img.length, 147);
  // Agent at (1, 1) facing right, at view (3, 6) facing up; view (vx, vy) ↔ world (7 − vy, vx − 2). Cells beyond
  // the grid read as walls. Rows below are vy = 0..6, columns vx = 0..6 (object types).
  const rows = [
    [W, W, W, W, W, W, W],
    [W, W, W, W, W, W, W],
    [W, W, W, W, W, W, W],
    [W, W, W, W, W, W, W],
    [W, W, W, E, E, G, W],
    [W, W, W, E, E, E, W],
    [W, W, W, E, E, E, W],
  ];
  for (let vy = 0; vy < 7; vy++) {
    for (let vx = 0; vx < 7; vx++) {
      const k = (vx * 7 + vy) * 3; // MiniGrid's image[vx, vy, :]
      const type = rows[vy][vx];
      const color = type === W ? 5 : type === G ? 1 : 0; // grey walls, green goal
      assert.deepEqual([img[k], img[k + 1], img[k + 2]], [type, color, 0], `view (${vx}, ${vy})`);
    }
  }
  // Turning left (to face up) shows the top wall right in front: view (3, 5) = world (1, 0).
  const { observations } = ego.step(Int32Array.of(0));
  assert.deepEqual(Array.from(observations.subarray((3 * 7 + 5) * 3, (3 * 7 + 5) * 3 + 3)), [W, 5, 0]);
});

/**
 * Reference trajectories from MiniGrid's own code (Farama-Foundation/Minigrid @ 90928729: `MiniGridEnv.step`,
 * `gen_obs`, `Grid.process_vis`, `Door.toggle`, run on the same layouts and actions with numpy): per step the
 * digest Σ_k (k + 1)·image.flatten()[k] of the egocentric image, the nonzero rewards [step, reward] and the
 * steps where an episode ended (all terminations here). Action letters: l left, r right, f forward, p pickup,
 * t toggle. 3600 such steps over 9 layouts matched exactly when this fixture was made.
 */
const MINIGRID_REFERENCE: {
  config: { kind: MinigridKind; size?: number; layoutSeed: number; numCrossings?: number; maxSteps: number };
  actions: string;
  digests: number[];
  rewards: number[][];
  ends: number[];
}[] = [
  {
    config: { kind: "fourRooms", layoutSeed: 2, size: 9, maxSteps: 60 },
    actions:
      "llfffflfffffllfrlfffrrrfffffllffffllrrlffrrlllrfffllffffllfllflffffrlfllfffflfffffllffffrllfffffllfffflffrlfffllfffflfffffllfffflffffrrllflllllllrrrll",
    digests: [
      6971,
      9705,
      7494,
      6518,
      5327,
      4085,
      7944,
      7418,
      6299,
      5323,
      4626,
      3102,
      6971,
      9705,
      7494,
      5365,
      7494,
      6518,
      5327,
      4085,
      6016,
      9187,
      7944,
      7418,
      6299,
      5323,
      4626,
      3102,
      6971,
      9705,
      7494,
      6518,
      5327,
      4085,
      7944,
      9187,
      7944,
      4085,
      7944,
      7418,
      6299,
      4633,
      8588,
      4633,
      6299,
      8833,
      6299,
      5323,
      4626,
      3102,
      6971,
      9705,
      7494,
      6518,
      5327,
      4085,
      7944,
      9187,
      11326,
      5958,
      5327,
      4085,
      7944,
      7418,
      6299,
      5323,
      4626,
      5078,
      4626,
      3102,
      6971,
      9705,
      7494,
      6518,
      5327,
      4085,
      7944,
      7418,
      6299,
      5323,
      4626,
      3102,
      6971,
      9705,
      7494,
      6518,
      5327,
      4085,
      6016,
      4085,
      7944,
      7418,
      6299,
      5323,
      4626,
      3102,
      6971,
      9705,
      7494,
      6518,
      5327,
      4085,
      7944,
      7418,
      6299,
      4633,
      6299,
      5323,
      4626,
      3102,
      6971,
      9705,
      7494,
      6518,
      5327,
      4085,
      7944,
      7418,
      6299,
      5323,
      4626,
      3102,
      6971,
      9705,
      7494,
      6518,
      5327,
      4085,
      7944,
      7418,
      6299,
      5323,
      4626,
      5078,
      12441,
      5078,
      4626,
      3102,
      6971,
      9705,
      11242,
      7146,
      6971,
      9705,
      11242,
      9705,
      6971,
      7146,
      6971,
      9705,
    ],
    rewards: [
      [11, 0.82],
      [27, 0.76],
      [49, 0.67],
      [69, 0.7],
      [81, 0.82],
      [95, 0.79],
      [109, 0.79],
      [121, 0.82],
      [137, 0.76],
    ],
    ends: [11, 27, 49, 69, 81, 95, 109, 121, 137],
  },
  {
    config: { kind: "doorKey", layoutSeed: 0, maxSteps: 60 },
    actions:
      "rfpprrltpffrfrrlfprrrlltffrfrfprtftfrfrfftprtffprfrfprtffrtrplfrfprtffrfrffprtffrfprtfprflrtffrfrfprtffrfrfpfllfpltfflllfrfprtffrfrfptrrltflllltflllfr",
    digests: [
      6048,
      4994,
      5018,
      5018,
      5094,
      4892,
      5094,
      9591,
      9591,
      6739,
      5679,
      9514,
      3574,
      6048,
      3603,
      6048,
      4994,
      5018,
      5094,
      4892,
      4854,
      4892,
      5094,
      9591,
      6739,
      5679,
      9514,
      3574,
      6048,
      4994,
      5018,
      5094,
      9591,
      6739,
      6739,
      5679,
      9514,
      3574,
      6048,
      4994,
      4994,
      4994,
      5018,
      5094,
      9591,
      6739,
      5679,
      5679,
      9514,
      3574,
      6048,
      4994,
      5018,
      5094,
      9591,
      6739,
      5679,
      9514,
      9514,
      9303,
      9303,
      9514,
      3574,
      6048,
      4994,
      5018,
      5094,
      9591,
      6739,
      5679,
      9514,
      3574,
      6048,
      4994,
      4994,
      5018,
      5094,
      9591,
      6739,
      5679,
      9514,
      3574,
      6282,
      6048,
      6048,
      4994,
      5018,
      5094,
      5094,
      5018,
      5094,
      9591,
      6739,
      5679,
      9514,
      3574,
      6048,
      4994,
      5018,
      5094,
      9591,
      6739,
      5679,
      9514,
      3574,
      6048,
      4994,
      5018,
      3574,
      3762,
      5970,
      4892,
      4892,
      5094,
      9591,
      6739,
      5679,
      5437,
      9303,
      9514,
      3574,
      6048,
      4994,
      5018,
      5094,
      9591,
      6739,
      5679,
      9514,
      3574,
      6048,
      4994,
      5018,
      5018,
      5094,
      4892,
      5094,
      9591,
      6739,
      6581,
      5938,
      7046,
      6739,
      6739,
      5679,
      5437,
      9303,
      9514,
      3574,
      6048,
    ],
    rewards: [
      [12, 0.805],
      [27, 0.775],
      [37, 0.85],
      [49, 0.82],
      [62, 0.805],
      [71, 0.865],
      [81, 0.85],
      [95, 0.79],
      [104, 0.865],
      [120, 0.76],
      [129, 0.865],
      [148, 0.715],
    ],
    ends: [12, 27, 37, 49, 62, 71, 81, 95, 104, 120, 129, 148],
  },
  {
    config: { kind: "lavaCrossing", layoutSeed: 3, numCrossings: 3, maxSteps: 60 },
    actions:
      "rflfffffffrfflrrlfrfrrllffflfflffffllrllfrrrflrfffffrfffrlfrlrflfffrlfffrfffrffffflllflfrlfffffrfffrfflrfrlflfflffffrflffffffrfffrfffrrllflflllllrrrll",
    digests: [
      9731,
      10283,
      12836,
      14611,
      10749,
      9299,
      7789,
      6219,
      4589,
      4589,
      14438,
      14014,
      13557,
      6633,
      13557,
      10818,
      13557,
      10019,
      12921,
      15160,
      9453,
      9699,
      9453,
      15160,
      13785,
      12323,
      10774,
      12098,
      10194,
      6179,
      8682,
      8031,
      6811,
      5510,
      3471,
      5235,
      3135,
      5235,
      3135,
      9731,
      10283,
      4405,
      5959,
      12836,
      14611,
      5859,
      14611,
      10749,
      9299,
      7789,
      6219,
      4589,
      14438,
      14014,
      13557,
      10019,
      12921,
      10019,
      8768,
      9731,
      13709,
      9731,
      10283,
      12836,
      14611,
      10749,
      9299,
      16437,
      9299,
      7789,
      6219,
      4589,
      14438,
      14014,
      13557,
      10019,
      12921,
      15160,
      13785,
      12323,
      10774,
      8994,
      5235,
      3135,
      9731,
      10283,
      12836,
      14611,
      14325,
      14611,
      10749,
      9299,
      7789,
      6219,
      4589,
      14438,
      14014,
      13557,
      10019,
      12921,
      15160,
      13785,
      11447,
      13785,
      12323,
      10082,
      12323,
      10774,
      12098,
      10194,
      6179,
      8682,
      8031,
      6811,
      5510,
      3471,
      9731,
      10283,
      12836,
      14611,
      10749,
      9299,
      7789,
      6219,
      4589,
      14438,
      14014,
      13557,
      10019,
      12921,
      15160,
      13785,
      12323,
      10082,
      14492,
      10082,
      12323,
      10774,
      12098,
      10194,
      12182,
      15928,
      12373,
      10194,
      12182,
      10194,
      12373,
      15928,
      12373,
      10194,
    ],
    rewards: [[34, 0.475], [115, 0.49]],
    ends: [34, 58, 81, 115],
  },
];

Deno.test("dynamics and egocentric view match MiniGrid's own step/gen_obs (reference trajectories)", () => {
  for (const ref of MINIGRID_REFERENCE) {
    const env = new MinigridEnv(ref.config, { obs: "egocentric" });
    const letters = env.layout.actions.map((a) => a[0]);
    const actions = new Int32Array(1);
    env.reset(0);
    const rewards: number[][] = [];
    const ends: number[] = [];
    for (let t = 0; t < ref.actions.length; t++) {
      actions[0] = letters.indexOf(ref.actions[t]);
      const r = env.step(actions);
      let digest = 0;
      for (let k = 0; k < 147; k++) digest += (k + 1) * r.finalObservations[k];
      assert.equal(digest, ref.digests[t], `${ref.config.kind} step ${t}`);
      if (r.rewards[0] !== 0) rewards.push([t, Math.round(r.rewards[0] * 1e12) / 1e12]);
      if (r.terminated[0] || r.truncated[0]) ends.push(t);
    }
    assert.deepEqual(rewards, ref.rewards, ref.config.kind);
    assert.deepEqual(ends, ref.ends, ref.config.kind);
  }
});

Deno.test("auto-reset: same step, finalObservations, terminated vs truncated", () => {
  const env = minigridEmpty({ size: 5, obs: "onehot", numEnvs: 2, maxSteps: 3 });
  const start = Float32Array.from(env.reset(0));
  const a = new Int32Array(2);
  // copy 0: forward, forward, right → truncated at step 3; copy 1: turns left three times → truncated too.
  const plan0 = [2, 2, 1];
  for (let t = 0; t < 3; t++) {
    a[0] = plan0[t];
    a[1] = 0;
    const r = env.step(a);
    const d = env.numWorldStates;
    if (t < 2) {
      assert.deepEqual([r.terminated[0], r.truncated[0]], [0, 0]);
      assert.deepEqual(r.finalObservations.subarray(0, d), r.observations.subarray(0, d));
    } else {
      assert.deepEqual([...r.truncated], [1, 1]);
      assert.deepEqual([...r.terminated], [0, 0]);
      assert.deepEqual(r.observations, start, "reset in the same step");
      assert.notDeepEqual(r.finalObservations.subarray(0, d), start.subarray(0, d));
      assert.equal(env.copyState(0).stepCount, 0);
    }
  }
  // Reaching the goal: terminated with 1 − 0.9·5/100; the final one-hot row is all zeros (terminal cell).
  const env2 = minigridEmpty({ size: 5, obs: "egocentric" });
  env2.reset(1);
  const first = Float32Array.from(env2.reset(1));
  const tracker = episodeTracker(1);
  for (const act of [2, 2, 1, 2]) assert.equal(tracker.record(env2.step(Int32Array.of(act))).length, 0);
  const r = env2.step(Int32Array.of(2));
  assert.deepEqual([r.terminated[0], r.truncated[0]], [1, 0]);
  assert.equal(r.rewards[0], 1 - 0.9 * (5 / 100));
  assert.deepEqual(tracker.record(r), [{ env: 0, return: 0.955, length: 5, terminated: true }]);
  assert.deepEqual(r.observations, first);
  // Standing on the goal facing down: the bottom wall is right in front, the agent cell is empty.
  assert.deepEqual(Array.from(r.finalObservations.subarray((3 * 7 + 5) * 3, (3 * 7 + 5) * 3 + 3)), [W, 5, 0]);
  const oh = minigridEmpty({ size: 5, obs: "onehot" });
  oh.reset(0);
  for (const act of [2, 2, 1, 2]) oh.step(Int32Array.of(act));
  const r3 = oh.step(Int32Array.of(2));
  assert.equal(r3.finalObservations.reduce((s, x) => s + x, 0), 0);
  // Lava terminates with reward 0.
  const lava = minigridLavaCrossing({ size: 9, layoutSeed: 3, numCrossings: 3 });
  lava.reset(0);
  const r4 = lava.step(Int32Array.of(2)); // (1, 1) facing right: lava at (2, 1)
  assert.deepEqual([r4.terminated[0], r4.rewards[0]], [1, 0]);
});

Deno.test("seeded: same seed → same trajectories; copy i's stream does not depend on numEnvs", () => {
  const run = (numEnvs: number, seed: number) => {
    const env = minigridFourRooms({
      size: 9,
      layoutSeed: 4,
      numEnvs,
      slip: 0.3,
      sticky: 0.25,
      obs: "onehot",
    });
    const rng = new Rng(5);
    const acts = new Int32Array(numEnvs);
    env.reset(seed);
    const trace: number[] = [];
    for (let t = 0; t < 300; t++) {
      for (let i = 0; i < numEnvs; i++) acts[i] = rng.integer(3);
      const r = env.step(acts);
      const s = env.copyState(0);
      trace.push(s.worldState, s.prevAction, r.rewards[0], r.terminated[0]);
    }
    return trace;
  };
  assert.deepEqual(run(4, 11), run(4, 11));
  assert.notDeepEqual(run(4, 11), run(4, 12));
  // Copy 0 sees the same stream with 1 or 4 copies, but the action draws differ, so compare with equal actions:
  const a = minigridEmpty({ size: 6, numEnvs: 1, slip: 0.5 });
  const b = minigridEmpty({ size: 6, numEnvs: 4, slip: 0.5 });
  a.reset(3);
  b.reset(3);
  for (let t = 0; t < 200; t++) {
    a.step(Int32Array.of(t % 3));
    b.step(Int32Array.of(t % 3, 0, 1, 2));
    assert.deepEqual(a.copyState(0), b.copyState(0));
  }
});

Deno.test("sticky actions repeat the previous action with probability p; slip replaces it uniformly", () => {
  const p = 0.25;
  const n = 64;
  const env = minigridEmpty({ size: 8, numEnvs: n, sticky: p, maxSteps: 10000 });
  env.reset(7);
  const rng = new Rng(8);
  const acts = new Int32Array(n);
  let trials = 0;
  let repeats = 0;
  for (let t = 0; t < 300; t++) {
    const prev = Array.from({ length: n }, (_, i) => env.copyState(i).prevAction);
    for (let i = 0; i < n; i++) acts[i] = rng.integer(2); // turns only: never ends
    env.step(acts);
    for (let i = 0; i < n; i++) {
      if (prev[i] < 0 || prev[i] === acts[i]) continue;
      trials++;
      if (env.copyState(i).prevAction === prev[i]) repeats++;
    }
  }
  const se = Math.sqrt((p * (1 - p)) / trials);
  assert.ok(trials > 5000);
  assert.ok(Math.abs(repeats / trials - p) < 4 * se, `sticky frequency ${repeats / trials} (n = ${trials})`);
  // The first step of an episode is never sticky (it has no previous action).
  const eager = minigridEmpty({ size: 8, numEnvs: n, sticky: 0.9 });
  eager.reset(3);
  for (let i = 0; i < n; i++) assert.equal(eager.copyState(i).prevAction, -1);
  for (let i = 0; i < n; i++) acts[i] = i % 3;
  eager.step(acts);
  for (let i = 0; i < n; i++) assert.equal(eager.copyState(i).prevAction, i % 3);
  const slip = 0.3;
  const env2 = minigridEmpty({ size: 8, numEnvs: n, slip, maxSteps: 10000 });
  env2.reset(9);
  let changed = 0;
  for (let t = 0; t < 200; t++) {
    for (let i = 0; i < n; i++) acts[i] = rng.integer(2);
    env2.step(acts);
    for (let i = 0; i < n; i++) if (env2.copyState(i).prevAction !== acts[i]) changed++;
  }
  const q = (slip * 2) / 3; // a uniform action among 3 differs from the chosen one w.p. 2/3
  const se2 = Math.sqrt((q * (1 - q)) / (200 * n));
  assert.ok(Math.abs(changed / (200 * n) - q) < 4 * se2, `slip frequency ${changed / (200 * n)}`);
});

Deno.test("toTabularMdp with sticky + slip: the exported optimal value is the env's mean return under that policy", () => {
  const env = minigridLavaCrossing({
    size: 9,
    layoutSeed: 0,
    sticky: 0.25,
    slip: 0.1,
    numEnvs: 64,
    obs: "onehot",
    maxSteps: 60,
  });
  const mdp = toTabularMdp(env);
  assert.ok(mdp.tracksPrevAction);
  const vi = valueIteration(mdp, { keep: "first" });
  const det = valueIteration(toTabularMdp({ kind: "lavaCrossing", layoutSeed: 0, maxSteps: 60 }), {
    keep: "first",
  });
  assert.ok(vi.initialValue < det.initialValue, "noise costs return");
  env.reset(21);
  const tracker = episodeTracker(env.numEnvs);
  const acts = new Int32Array(env.numEnvs);
  const returns: number[] = [];
  while (returns.length < 3000) {
    for (let i = 0; i < env.numEnvs; i++) acts[i] = optimalAction(env, mdp, vi.policy, i);
    for (const ep of tracker.record(env.step(acts))) returns.push(ep.return);
  }
  const mean = returns.reduce((s, x) => s + x, 0) / returns.length;
  const sd = Math.sqrt(returns.reduce((s, x) => s + (x - mean) ** 2, 0) / (returns.length - 1));
  const se = sd / Math.sqrt(returns.length);
  assert.ok(
    Math.abs(mean - vi.initialValue) < 4 * se + 1e-9,
    `MC ${mean} ± ${se} vs exact ${vi.initialValue}`,
  );
});

Deno.test("reward 'bridge': goal pays 1, time-free export (BRIDGE's MiniGrid MDPs), exact under noise", () => {
  for (
    const [kind, layoutSeed] of [["empty", 0], ["doorKey", 0], ["fourRooms", 1], ["lavaCrossing", 3]] as const
  ) {
    const env = new MinigridEnv({ kind, layoutSeed, reward: "bridge" }, { obs: "onehot" });
    const d = shortestPathLength(env.layout);
    const mdp = toTabularMdp(env, { gamma: 0.9 });
    assert.equal(mdp.timeIndexed, false);
    assert.equal(mdp.numStates, env.numWorldStates, "one state per world state");
    const vi = valueIteration(mdp);
    assert.ok(Math.abs(vi.initialValue - 0.9 ** (d - 1)) < 1e-12, `${kind}: ${vi.initialValue}`);
    env.reset(0);
    let ret = 0;
    let steps = 0;
    for (let t = 0; t < env.maxEpisodeSteps; t++) {
      const r = env.step(Int32Array.of(optimalAction(env, mdp, vi.policy, 0)));
      ret += r.rewards[0];
      steps++;
      if (r.terminated[0]) break;
    }
    assert.deepEqual([steps, ret], [d, 1], kind);
  }
  // Under slip and sticky actions the undiscounted value is the probability of reaching the goal within T.
  const env = minigridLavaCrossing({
    layoutSeed: 3,
    numCrossings: 3,
    reward: "bridge",
    slip: 0.3,
    sticky: 0.25,
  });
  const mdp = toTabularMdp(env);
  assert.ok(mdp.tracksPrevAction && !mdp.timeIndexed);
  const vi = valueIteration(mdp);
  assert.ok(vi.initialValue > 0.05 && vi.initialValue < 0.95, `${vi.initialValue}`);
  const tracker = episodeTracker(1);
  const returns: number[] = [];
  env.reset(4);
  while (returns.length < 2000) {
    const r = env.step(Int32Array.of(optimalAction(env, mdp, vi.policy, 0)));
    for (const ep of tracker.record(r)) returns.push(ep.return);
  }
  const mean = returns.reduce((a, b) => a + b, 0) / returns.length;
  const se = Math.sqrt((vi.initialValue * (1 - vi.initialValue)) / returns.length);
  assert.ok(Math.abs(mean - vi.initialValue) < 4 * se, `MC ${mean} vs exact ${vi.initialValue}`);
});

Deno.test("bad arguments throw named errors", () => {
  assert.throws(() => minigridFourRooms({ size: 10 }), { name: "RangeError", message: /size must be odd/ });
  assert.throws(() => minigridEmpty({ size: 3 }), {
    name: "RangeError",
    message: /size must be an integer in \[4/,
  });
  assert.throws(() => minigridEmpty({ sticky: 1 }), {
    name: "RangeError",
    message: /sticky must be in \[0, 1\)/,
  });
  assert.throws(() => minigridEmpty({ slip: -0.1 }), {
    name: "RangeError",
    message: /slip must be in \[0, 1\]/,
  });
  assert.throws(() => minigridEmpty({ numEnvs: 0 }), {
    name: "RangeError",
    message: /numEnvs must be an integer/,
  });
  assert.throws(
    () => minigridEmpty({ obs: "pixels" as "onehot" }),
    { name: "RangeError", message: /obs must be one of "onehot", "egocentric", got "pixels"/ },
  );
  assert.throws(
    () => minigridLavaCrossing({ numCrossings: 7 }),
    { name: "RangeError", message: /numCrossings must be an integer in \[1, 6\], got 7/ },
  );
  assert.throws(() => minigridDoorKey({ layoutSeed: 0.5 }), { name: "RangeError", message: /layoutSeed/ });
  assert.throws(() => minigridDoorKey({ maxSteps: 0 }), { name: "RangeError", message: /maxSteps/ });
  assert.throws(
    () => minigridDoorKey({ reward: "dense" as "bridge" }),
    { name: "RangeError", message: /reward must be one of "minigrid", "bridge"/ },
  );
  assert.throws(
    () => toTabularMdp({ kind: "maze" as MinigridKind }),
    { name: "RangeError", message: /kind must be one of/ },
  );
  assert.throws(
    () => toTabularMdp(minigridFourRooms(), { maxStates: 1000 }),
    { name: "RangeError", message: /maxStates = 1000/ },
  );
  const env = minigridEmpty();
  assert.throws(() => env.step(Int32Array.of(0)), { message: /call reset\(seed\) before step/ });
  env.reset(0);
  assert.throws(() => env.step(Int32Array.of(3)), {
    name: "RangeError",
    message: /actions\[0\] must be an integer in \[0, 3\)/,
  });
  assert.throws(() => env.copyState(1), { name: "RangeError", message: /i must be an integer in \[0, 0\]/ });
});

Deno.test("KeyCorridor-like: room grid, one locked door off the hallway with the goal behind it, key on the left", () => {
  for (const [S, R, seed] of [[3, 1, 0], [3, 3, 2], [4, 3, 1], [5, 2, 7]]) {
    const env = minigridKeyCorridor({ roomSize: S, numRows: R, layoutSeed: seed, maxSteps: 60, numEnvs: 2 });
    const { layout } = env;
    const step = S - 1;
    assert.equal(layout.width, 3 * step + 1);
    assert.equal(layout.height, R * step + 1);
    assert.equal(layout.cells.filter((c) => c === 4).length, 1); // one (locked) door
    const [dx, dy] = layout.doorPos!;
    assert.equal(dx, 2 * step); // on the wall between the hallway and the right-hand rooms
    const [gx, gy] = layout.goalPos;
    assert.ok(
      gx > 2 * step && Math.floor(gy / step) === Math.floor(dy / step),
      "goal in the room behind the door",
    );
    assert.ok(layout.keyPos![0] < step, "key in a left-hand room");
    const [ax] = layout.agentPos;
    assert.ok(ax > step && ax < 2 * step, "agent in the hallway");
    assert.equal(env.actionSpace.n, 5);
    assert.ok(shortestPathLength(layout) > 0, "solvable");
    assertEnv(env, { steps: 200 });
  }
  assert.equal(minigridKeyCorridor().maxEpisodeSteps, 270); // MiniGrid: 30 · roomSize²
  assert.throws(() => minigridKeyCorridor({ roomSize: 2 }), /roomSize/);
  assert.throws(() => minigridDoorKey({ numRows: 2 } as never), /keyCorridor/);
});
