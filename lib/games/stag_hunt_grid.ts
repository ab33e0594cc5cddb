/**
 * The trust dilemma as a gridworld: a Markov stag hunt for two agents (in the spirit of the gridworld stag hunts of
 * Peysakhovich & Lerer 2018 and Tang et al. 2021; the RAE paper's own gridworld could not be read, so this layout
 * and these payoffs are ours).
 *
 * A `size × size` grid (default 5): the stag sits at the top middle, one hare at each side of the middle row, and
 * both agents start on random cells of the middle row between the hares. Actions: 0 stay, 1 up, 2 down, 3 left, 4 right (walls
 * clamp). An agent reaching a hare catches it (+`hare`, safe, it is then done). An agent reaching the stag waits
 * there; when both wait at the stag they catch it together (+`stag` each, the payoff-dominant outcome). An agent
 * left waiting alone — its partner caught a hare, or the time ran out — is punished (`alone`, negative). The episode
 * terminates when nobody is still moving, or after `horizon` steps.
 *
 * The induced stag-or-hare choice is the matrix stag hunt [[stag, alone], [hare, hare]]: with the defaults
 * (4, −2, 2) hunting hare is the risk-dominant equilibrium (deviation loss 2 − (−2) = 4 > 4 − 2 = 2) and the stag the
 * payoff-dominant one.
 *
 * Observation of agent i (9 numbers in [0, 1]): own x, y, the other's x, y (divided by size − 1), own waiting, own
 * done, other waiting, other done (0/1) and the elapsed fraction of the horizon.
 *
 * @module
 */
import { copyRngs } from "../core/env.ts";
import { checkInRange, checkInteger } from "../core/errors.ts";
import type { Rng } from "../core/rng.ts";
import { Box, Discrete } from "../core/spaces.ts";
import {
  type Agent,
  checkGameActions,
  createMarkovStepResult,
  type MarkovGame,
  type MarkovStepResult,
} from "./markov_game.ts";

/** Options of {@link stagHuntGrid}. */
export interface StagHuntGridOptions {
  /** Copies stepped together; default 1. */
  numEnvs?: number;
  /** Grid side (odd, ≥ 5); default 5. */
  size?: number;
  /** Episode length in steps; default 12. */
  horizon?: number;
  /** Payoff of catching the stag together; default 4. */
  stag?: number;
  /** Payoff of a hare; default 2. */
  hare?: number;
  /** Payoff of being left alone at the stag (≤ 0); default −2. */
  alone?: number;
}

/** Outcome codes of {@link stagHuntGrid}: per agent. */
export const STAG_OUTCOMES = ["nothing", "hare", "stag", "alone at stag"] as const;

const ACTIVE = 0, HARE = 1, WAITING = 2, STAG = 3, ALONE = 4;
const OUTCOME_OF = [0, 1, -1, 2, 3];

/** Observation width of {@link stagHuntGrid}. */
export const STAG_OBS_DIM = 9;

/**
 * A vectorised two-agent gridworld stag hunt (see the module doc).
 *
 * @example
 * ```ts
 * import { stagHuntGrid } from "./stag_hunt_grid.ts";
 * const g = stagHuntGrid({ numEnvs: 4 });
 * const [obs0] = g.reset(0);
 * obs0.length; // 4 · 9
 * const r = g.step(new Int32Array(4).fill(1), new Int32Array(4).fill(1)); // both step up
 * r.rewards[0]; // zeros: nobody caught anything yet
 * ```
 */
export function stagHuntGrid(opts: StagHuntGridOptions = {}): MarkovGame & {
  /** Stag and hare cells, as [x, y]. */
  readonly layout: { stag: [number, number]; hares: [number, number][] };
  /** Place the agents of copy `i` (for hand-made tests); statuses and time restart. */
  setPositions(i: number, p0: [number, number], p1: [number, number]): void;
} {
  const n = checkInteger("numEnvs", opts.numEnvs ?? 1, { min: 1 });
  const size = checkInteger("size", opts.size ?? 5, { min: 5 });
  if (size % 2 === 0) throw new RangeError(`size must be odd, got ${size}`);
  const horizon = checkInteger("horizon", opts.horizon ?? 8, { min: 1 });
  const stagPay = checkInRange("stag", opts.stag ?? 4, { min: -1e6, max: 1e6 });
  const harePay = checkInRange("hare", opts.hare ?? 2, { min: -1e6, max: 1e6 });
  const alonePay = checkInRange("alone", opts.alone ?? -2, { min: -1e6, max: 0 });
  const mid = (size - 1) / 2;
  const stagCell: [number, number] = [mid, 0];
  const hares: [number, number][] = [[0, mid], [size - 1, mid]];
  const x = [new Int32Array(n), new Int32Array(n)], y = [new Int32Array(n), new Int32Array(n)];
  const status = [new Int32Array(n), new Int32Array(n)];
  const t = new Int32Array(n);
  let rngs: Rng[] = copyRngs(0, n);
  const res = createMarkovStepResult(n, STAG_OBS_DIM);
  const scale = 1 / (size - 1);

  const isHare = (cx: number, cy: number) => hares.some(([hx, hy]) => hx === cx && hy === cy);
  const writeObs = (i: number, target: readonly [Float32Array, Float32Array]) => {
    for (const p of [0, 1]) {
      const q = 1 - p;
      const o = target[p].subarray(i * STAG_OBS_DIM, (i + 1) * STAG_OBS_DIM);
      o[0] = x[p][i] * scale;
      o[1] = y[p][i] * scale;
      o[2] = x[q][i] * scale;
      o[3] = y[q][i] * scale;
      o[4] = status[p][i] === WAITING ? 1 : 0;
      o[5] = status[p][i] === HARE || status[p][i] >= STAG ? 1 : 0;
      o[6] = status[q][i] === WAITING ? 1 : 0;
      o[7] = status[q][i] === HARE || status[q][i] >= STAG ? 1 : 0;
      o[8] = t[i] / horizon;
    }
  };
  const start = (i: number) => {
    for (const p of [0, 1]) {
      x[p][i] = 1 + rngs[i].integer(size - 2);
      y[p][i] = mid;
      status[p][i] = ACTIVE;
    }
    t[i] = 0;
  };

  return {
    numEnvs: n,
    observationSpace: new Box(0, 1, { shape: [STAG_OBS_DIM] }),
    actionSpace: new Discrete(5),
    maxEpisodeSteps: horizon,
    outcomeNames: STAG_OUTCOMES,
    layout: { stag: stagCell, hares },
    reset(seed: number) {
      rngs = copyRngs(seed, n);
      for (let i = 0; i < n; i++) start(i);
      for (let i = 0; i < n; i++) writeObs(i, res.observations);
      return res.observations;
    },
    setPositions(i, p0, p1) {
      checkInteger("i", i, { min: 0, max: n - 1 });
      [p0, p1].forEach(([px, py], p) => {
        x[p][i] = checkInteger(`p${p}[0]`, px, { min: 0, max: size - 1 });
        y[p][i] = checkInteger(`p${p}[1]`, py, { min: 0, max: size - 1 });
        status[p][i] = ACTIVE;
      });
      t[i] = 0;
      writeObs(i, res.observations);
    },
    step(actions0: Int32Array, actions1: Int32Array): MarkovStepResult {
      checkGameActions("actions0", actions0, n, 5);
      checkGameActions("actions1", actions1, n, 5);
      const acts = [actions0, actions1];
      for (let i = 0; i < n; i++) {
        const rew = [0, 0];
        for (const p of [0, 1]) {
          if (status[p][i] !== ACTIVE) continue;
          const a = acts[p][i];
          if (a === 1) y[p][i] = Math.max(0, y[p][i] - 1);
          else if (a === 2) y[p][i] = Math.min(size - 1, y[p][i] + 1);
          else if (a === 3) x[p][i] = Math.max(0, x[p][i] - 1);
          else if (a === 4) x[p][i] = Math.min(size - 1, x[p][i] + 1);
          if (x[p][i] === stagCell[0] && y[p][i] === stagCell[1]) status[p][i] = WAITING;
          else if (isHare(x[p][i], y[p][i])) {
            status[p][i] = HARE;
            rew[p] += harePay;
          }
        }
        if (status[0][i] === WAITING && status[1][i] === WAITING) {
          status[0][i] = status[1][i] = STAG;
          rew[0] += stagPay;
          rew[1] += stagPay;
        }
        t[i]++;
        const ended = (status[0][i] !== ACTIVE && status[1][i] !== ACTIVE) || t[i] >= horizon;
        if (ended) {
          for (const p of [0, 1]) {
            if (status[p][i] === WAITING) {
              status[p][i] = ALONE;
              rew[p] += alonePay;
            }
          }
        }
        res.rewards[0][i] = rew[0];
        res.rewards[1][i] = rew[1];
        res.terminated[i] = ended ? 1 : 0;
        res.truncated[i] = 0;
        writeObs(i, res.finalObservations);
        if (ended) {
          res.outcomes[0][i] = OUTCOME_OF[status[0][i]];
          res.outcomes[1][i] = OUTCOME_OF[status[1][i]];
          start(i);
        } else {
          res.outcomes[0][i] = -1;
          res.outcomes[1][i] = -1;
        }
        writeObs(i, res.observations);
      }
      return res;
    },
  };
}

/**
 * A scripted agent that walks straight to the stag (vertical last) and waits there; `size` must match the grid.
 * Used as a cooperative partner in the initial PSRO population (a random policy alone never finds the stag,
 * which pays only when both come).
 *
 * @example
 * ```ts
 * import { Rng } from "../core/rng.ts";
 * import { stagHunterAgent } from "./stag_hunt_grid.ts";
 * // at (0, 2) on the 5×5 grid: step right towards the stag column
 * stagHunterAgent(5).act(Float32Array.of(0, 0.5, 0, 0, 0, 0, 0, 0, 0), 1, new Rng(0)); // Int32Array [4]
 * ```
 */
export function stagHunterAgent(size = 5): Agent {
  return scripted("stag hunter", size, (x, y, mid) => (x < mid ? 4 : x > mid ? 3 : y > 0 ? 1 : 0));
}

/**
 * A scripted agent that walks to the nearer hare (the left one on ties).
 *
 * @example
 * ```ts
 * import { Rng } from "../core/rng.ts";
 * import { hareHunterAgent } from "./stag_hunt_grid.ts";
 * hareHunterAgent(5).act(Float32Array.of(0.75, 0.5, 0, 0, 0, 0, 0, 0, 0), 1, new Rng(0)); // Int32Array [4]
 * ```
 */
export function hareHunterAgent(size = 5): Agent {
  return scripted("hare hunter", size, (x, y, mid, last) => {
    if (y < mid) return 2;
    if (y > mid) return 1;
    return x <= mid ? (x > 0 ? 3 : 0) : x < last ? 4 : 0;
  });
}

function scripted(
  name: string,
  size: number,
  move: (x: number, y: number, mid: number, last: number) => number,
): Agent {
  checkInteger("size", size, { min: 5 });
  const last = size - 1, mid = last / 2;
  return {
    name,
    act(obs, batch) {
      const out = new Int32Array(batch);
      for (let b = 0; b < batch; b++) {
        const x = Math.round(obs[b * STAG_OBS_DIM] * last), y = Math.round(obs[b * STAG_OBS_DIM + 1] * last);
        out[b] = move(x, y, mid, last);
      }
      return out;
    },
  };
}
