/**
 * A two-car unsignalised intersection: a small multi-agent driving game in which crashes are possible (the RAE
 * paper's driving environment could not be read, so this one is ours; it keeps the trade-off the paper targets —
 * going first is faster, but two cars going at once crash).
 *
 * Each car drives its own road towards one shared conflict cell (position 0), starting a random number of cells
 * before it (`minDistance`…`maxDistance`), and leaves the game at position `exitAfter` (+`goal`). Every step each car
 * chooses 0 = wait or 1 = go (advance one cell) and pays `timeCost` while still driving. When both cars are in the
 * conflict cell after a step (they entered it on the same step, or one entered while the other stood in it), they
 * crash: both get `crash` (negative) and the episode terminates. The episode also terminates when both have left,
 * or after `horizon` steps (unfinished cars: outcome "timeout").
 *
 * Observation of car i (5 numbers in [0, 1]): own and other progress (position + maxDistance) / (maxDistance +
 * exitAfter), own and other "has left" flags, elapsed fraction of the horizon.
 *
 * @module
 */
import { copyRngs } from "../core/env.ts";
import { checkInRange, checkInteger } from "../core/errors.ts";
import type { Rng } from "../core/rng.ts";
import { Box, Discrete } from "../core/spaces.ts";
import {
  checkGameActions,
  createMarkovStepResult,
  type MarkovGame,
  type MarkovStepResult,
} from "./markov_game.ts";

/** Options of {@link intersectionGame}. */
export interface IntersectionOptions {
  /** Copies stepped together; default 1. */
  numEnvs?: number;
  /** Fewest cells between a car's start and the conflict cell; default 2. */
  minDistance?: number;
  /** Most cells between a car's start and the conflict cell; default 4. */
  maxDistance?: number;
  /** Cells after the conflict cell until the car has left; default 2. */
  exitAfter?: number;
  /** Episode length in steps; default 12. */
  horizon?: number;
  /** Reward for leaving the intersection; default 1. */
  goal?: number;
  /** Cost per step while driving; default 0.1. */
  timeCost?: number;
  /** Reward of a crash (≤ 0), for both cars; default −5. */
  crash?: number;
}

/** Outcome codes of {@link intersectionGame}: per car. */
export const DRIVING_OUTCOMES = ["timeout", "goal", "crash"] as const;

/** Observation width of {@link intersectionGame}. */
export const DRIVING_OBS_DIM = 5;

/**
 * A vectorised two-car intersection game (see the module doc).
 *
 * @example
 * ```ts
 * import { intersectionGame } from "./driving.ts";
 * const g = intersectionGame({ numEnvs: 1 });
 * g.reset(0);
 * g.setPositions(0, -1, -1); // both one cell before the conflict cell
 * const go = Int32Array.of(1);
 * g.step(go, go).outcomes[0][0]; // 2: crash
 * ```
 */
export function intersectionGame(opts: IntersectionOptions = {}): MarkovGame & {
  /** Place the cars of copy `i` (positions relative to the conflict cell; for hand-made tests). */
  setPositions(i: number, p0: number, p1: number): void;
} {
  const n = checkInteger("numEnvs", opts.numEnvs ?? 1, { min: 1 });
  const minD = checkInteger("minDistance", opts.minDistance ?? 2, { min: 1 });
  const maxD = checkInteger("maxDistance", opts.maxDistance ?? 4, { min: minD });
  const exitAfter = checkInteger("exitAfter", opts.exitAfter ?? 2, { min: 1 });
  const horizon = checkInteger("horizon", opts.horizon ?? 12, { min: 1 });
  const goal = checkInRange("goal", opts.goal ?? 1, { min: -1e6, max: 1e6 });
  const timeCost = checkInRange("timeCost", opts.timeCost ?? 0.1, { min: 0, max: 1e6 });
  const crash = checkInRange("crash", opts.crash ?? -5, { min: -1e6, max: 0 });
  const pos = [new Int32Array(n), new Int32Array(n)];
  const left = [new Uint8Array(n), new Uint8Array(n)];
  const t = new Int32Array(n);
  let rngs: Rng[] = copyRngs(0, n);
  const res = createMarkovStepResult(n, DRIVING_OBS_DIM);
  const span = maxD + exitAfter;

  const writeObs = (i: number, target: readonly [Float32Array, Float32Array]) => {
    for (const p of [0, 1]) {
      const q = 1 - p;
      const o = target[p].subarray(i * DRIVING_OBS_DIM, (i + 1) * DRIVING_OBS_DIM);
      o[0] = Math.min(1, (pos[p][i] + maxD) / span);
      o[1] = Math.min(1, (pos[q][i] + maxD) / span);
      o[2] = left[p][i];
      o[3] = left[q][i];
      o[4] = t[i] / horizon;
    }
  };
  const start = (i: number) => {
    for (const p of [0, 1]) {
      pos[p][i] = -(minD + rngs[i].integer(maxD - minD + 1));
      left[p][i] = 0;
    }
    t[i] = 0;
  };

  return {
    numEnvs: n,
    observationSpace: new Box(0, 1, { shape: [DRIVING_OBS_DIM] }),
    actionSpace: new Discrete(2),
    maxEpisodeSteps: horizon,
    outcomeNames: DRIVING_OUTCOMES,
    reset(seed: number) {
      rngs = copyRngs(seed, n);
      for (let i = 0; i < n; i++) start(i);
      for (let i = 0; i < n; i++) writeObs(i, res.observations);
      return res.observations;
    },
    setPositions(i, p0, p1) {
      checkInteger("i", i, { min: 0, max: n - 1 });
      pos[0][i] = checkInteger("p0", p0, { min: -maxD, max: exitAfter - 1 });
      pos[1][i] = checkInteger("p1", p1, { min: -maxD, max: exitAfter - 1 });
      left[0][i] = left[1][i] = 0;
      t[i] = 0;
      writeObs(i, res.observations);
    },
    step(actions0: Int32Array, actions1: Int32Array): MarkovStepResult {
      checkGameActions("actions0", actions0, n, 2);
      checkGameActions("actions1", actions1, n, 2);
      const acts = [actions0, actions1];
      for (let i = 0; i < n; i++) {
        const rew = [0, 0];
        const outcome = [-1, -1];
        for (const p of [0, 1]) {
          if (left[p][i]) continue;
          rew[p] -= timeCost;
          if (acts[p][i] === 1) pos[p][i]++;
        }
        t[i]++;
        let ended = false;
        if (!left[0][i] && !left[1][i] && pos[0][i] === 0 && pos[1][i] === 0) {
          rew[0] += crash;
          rew[1] += crash;
          outcome[0] = outcome[1] = 2;
          ended = true;
        } else {
          for (const p of [0, 1]) {
            if (!left[p][i] && pos[p][i] >= exitAfter) {
              left[p][i] = 1;
              rew[p] += goal;
            }
          }
          if ((left[0][i] && left[1][i]) || t[i] >= horizon) {
            ended = true;
            outcome[0] = left[0][i] ? 1 : 0;
            outcome[1] = left[1][i] ? 1 : 0;
          }
        }
        res.rewards[0][i] = rew[0];
        res.rewards[1][i] = rew[1];
        res.terminated[i] = ended ? 1 : 0;
        res.truncated[i] = 0;
        res.outcomes[0][i] = outcome[0];
        res.outcomes[1][i] = outcome[1];
        writeObs(i, res.finalObservations);
        if (ended) start(i);
        writeObs(i, res.observations);
      }
      return res;
    },
  };
}
