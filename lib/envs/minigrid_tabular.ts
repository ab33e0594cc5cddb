/**
 * Exact export of a MiniGrid task to a {@link TabularMdp}.
 *
 * MiniGrid's goal reward 1 − 0.9·k/T depends on the step k at which the goal is entered, so it is not a function
 * of (position, direction, ...) alone. The export therefore puts the time index into the state: a tabular state is
 * (t, world state, previous action), where t = 0, ..., T − 1 counts the actions already taken, the world state is
 * (x, y, direction, hasKey, doorState) and the previous executed action is tracked only when sticky actions are
 * on. States are enumerated by forward BFS from the start, layer by layer (layer t = states reachable after t
 * actions), so the MDP is layered (every transition goes from layer t to layer t + 1 or ends) and
 * finite-horizon value iteration on it returns exactly the environment's optimal expected return.
 *
 * Transitions: taking action a at (t, w, p) executes action b with probability
 * `sticky·[b = p] + (1 − sticky)·((1 − slip)·[b = a] + slip/A)` (without the sticky term when p is "none", i.e.
 * at t = 0) and moves deterministically by MiniGrid's step; entering the goal ends the episode (successor −1) with
 * reward `1 − 0.9·(t + 1)/T`, entering lava ends it with 0, and from layer T − 1 every other outcome also ends it
 * (MiniGrid truncates at `max_steps`; the horizon is T). Outcomes with the same successor and reward are merged;
 * `outcomeRewards` keeps each outcome's reward.
 *
 * With `reward: "bridge"` (goal pays 1, BRIDGE's convention) the reward is stationary and the export is time-free,
 * as BRIDGE's MiniGrid MDPs: a state is (world state, previous action), enumerated by BFS over everything
 * reachable from the start and sorted by (world, prev); the start is `initialState`; the horizon T = `maxSteps`
 * still bounds episodes (finite-horizon value iteration applies it), matching the environment's truncation.
 *
 * @module
 */
import { checkInRange, checkInteger, describe } from "../core/errors.ts";
import { type TabularMdp, tabularMdp } from "../tabular/mdp.ts";
import {
  HIT_GOAL,
  HIT_LAVA,
  MINIGRID_ACTIONS,
  minigridLayout,
  reachableCodes,
  startCode,
  transition,
  worldCodec,
} from "./minigrid_layout.ts";
import { type MinigridConfig, MinigridEnv, resolveMinigridConfig } from "./minigrid_env.ts";

/** A {@link TabularMdp} exported from a MiniGrid task, with the meaning of each state. */
export interface MinigridMdp extends TabularMdp {
  /** Number of world states (the one-hot observation size of the environment). */
  numWorldStates: number;
  /** Whether the time index is part of the state (reward "minigrid"); false for the time-free "bridge" export. */
  timeIndexed: boolean;
  /** Time index t of each state (actions taken so far); −1 in a time-free export. */
  time: Int32Array;
  /** World-state index of each state (the environment's `copyState(i).worldState`). */
  worldState: Int32Array;
  /** Previously executed action of each state (−1: none or not tracked because sticky = 0). */
  prevAction: Int32Array;
  /** Whether states carry the previous executed action (sticky > 0). */
  tracksPrevAction: boolean;
  /**
   * States of layer t are `layerOffsets[t] ..< layerOffsets[t + 1]` (length T + 1), sorted by (world, prev); a
   * time-free export has one layer holding every state (length 2).
   */
  layerOffsets: Int32Array;
}

/** Options of {@link toTabularMdp}. */
export interface MinigridTabularOptions {
  /** Discount of the exported MDP; default 1 (MiniGrid's return is undiscounted). */
  gamma?: number;
  /** Refuse to build more than this many states (a guard against huge exports); default 5,000,000. */
  maxStates?: number;
}

/**
 * Export a MiniGrid environment (or its config) to an exact time-indexed {@link MinigridMdp}; see the module doc
 * for the construction. Sticky actions and slip are exported (the previous action enters the state when sticky > 0).
 *
 * @example
 * ```ts
 * import { minigridEmpty, toTabularMdp } from "./minigrid.ts";
 * import { valueIteration } from "../tabular/value_iteration.ts";
 * const mdp = toTabularMdp(minigridEmpty({ size: 5 }));
 * valueIteration(mdp).initialValue; // 1 − 0.9 · 5 / 100 = 0.955
 * ```
 */
export function toTabularMdp(
  source: MinigridEnv | MinigridConfig,
  opts: MinigridTabularOptions = {},
): MinigridMdp {
  if (typeof source !== "object" || source === null) {
    throw new TypeError(`source must be a MinigridEnv or a MinigridConfig, got ${describe(source)}`);
  }
  if (typeof opts !== "object" || opts === null) {
    throw new TypeError(`opts must be an object, got ${describe(opts)}`);
  }
  const config = source instanceof MinigridEnv ? source.config : resolveMinigridConfig(source);
  const gamma = checkInRange("gamma", opts.gamma ?? 1, { min: 0, max: 1 });
  const maxStates = checkInteger("maxStates", opts.maxStates ?? 5_000_000, { min: 1 });
  const layout = minigridLayout(config.kind, config);
  const codec = worldCodec(layout);
  const codes = reachableCodes(layout, codec);
  const codeIndex = new Int32Array(codec.numCodes).fill(-1);
  for (let k = 0; k < codes.length; k++) codeIndex[codes[k]] = k;
  const A = layout.actions.length;
  const actionMap = layout.actions.map((a) => MINIGRID_ACTIONS.indexOf(a));
  const T = layout.maxSteps;
  const { sticky, slip } = config;
  const P = sticky > 0 ? A + 1 : 1; // prev slot: 0 = none, b + 1 = executed b
  // Deterministic world transition table: succ[w * A + b] = world index, or HIT_GOAL / HIT_LAVA.
  const succ = new Int32Array(codes.length * A);
  for (let w = 0; w < codes.length; w++) {
    for (let b = 0; b < A; b++) {
      const n = transition(layout, codec, codes[w], actionMap[b]);
      succ[w * A + b] = n >= 0 ? codeIndex[n] : n;
    }
  }

  const startKey = codeIndex[startCode(layout, codec)] * P;
  const timeIndexed = config.reward !== "bridge";
  const layerKeys: Int32Array[] = [Int32Array.of(startKey)];
  const probs = new Float64Array(A);
  const execProbs = (a: number, prevSlot: number): void => {
    const stick = prevSlot > 0 ? sticky : 0; // no previous action at t = 0
    for (let b = 0; b < A; b++) probs[b] = (1 - stick) * ((1 - slip) * (b === a ? 1 : 0) + slip / A);
    if (prevSlot > 0) probs[prevSlot - 1] += stick;
  };
  const successorKeys = (keys: Iterable<number>, seen: Set<number>, queue?: number[]): void => {
    for (const key of keys) {
      const w = Math.floor(key / P);
      for (let b = 0; b < A; b++) {
        const n = succ[w * A + b];
        if (n < 0) continue;
        const k = n * P + (P > 1 ? b + 1 : 0);
        if (!seen.has(k)) {
          seen.add(k);
          queue?.push(k);
        }
      }
    }
  };
  // Pass 1: the reachable (world, prev) keys: one layer per timestep, or one time-free set ("bridge").
  let total = 1;
  if (timeIndexed) {
    for (let t = 0; t + 1 < T; t++) {
      const seen = new Set<number>();
      successorKeys(layerKeys[t], seen);
      const layer = Int32Array.from(seen).sort();
      total += layer.length;
      if (total > maxStates) {
        throw new RangeError(`the export would exceed maxStates = ${maxStates} states (at layer ${t + 1})`);
      }
      layerKeys.push(layer);
    }
  } else {
    const seen = new Set<number>([startKey]);
    const queue = [startKey];
    for (let head = 0; head < queue.length; head++) successorKeys([queue[head]], seen, queue);
    layerKeys[0] = Int32Array.from(seen).sort();
    total = seen.size;
    if (total > maxStates) throw new RangeError(`the export would exceed maxStates = ${maxStates} states`);
  }
  const layerOffsets = new Int32Array(timeIndexed ? T + 1 : 2);
  for (let t = 0; t < layerKeys.length; t++) layerOffsets[t + 1] = layerOffsets[t] + layerKeys[t].length;
  for (let t = layerKeys.length; t + 1 < layerOffsets.length; t++) layerOffsets[t + 1] = layerOffsets[t];
  const S = total;
  const time = new Int32Array(S);
  const worldState = new Int32Array(S);
  const prevAction = new Int32Array(S);
  // Pass 2: successor lists.
  const offsets = new Int32Array(S * A + 1);
  const next: number[] = [];
  const prob: number[] = [];
  const outcomeRewards: number[] = [];
  const rewards = new Float64Array(S * A);
  for (let t = 0; t < layerKeys.length; t++) {
    const keys = layerKeys[t];
    // Time-indexed: successors lie in layer t + 1 (none after the last layer); time-free: in the one layer.
    const nextKeys = !timeIndexed ? keys : t + 1 < layerKeys.length ? layerKeys[t + 1] : null;
    const nextBase = timeIndexed && t + 1 < layerKeys.length ? layerOffsets[t + 1] : 0;
    const goalReward = timeIndexed ? 1 - 0.9 * ((t + 1) / T) : 1; // MiniGridEnv._reward at step_count = t + 1
    for (let j = 0; j < keys.length; j++) {
      const s = layerOffsets[t] + j;
      const w = Math.floor(keys[j] / P);
      const prevSlot = keys[j] % P;
      time[s] = timeIndexed ? t : -1;
      worldState[s] = w;
      prevAction[s] = prevSlot - 1;
      for (let a = 0; a < A; a++) {
        execProbs(a, prevSlot);
        const row = s * A + a;
        const lo = next.length;
        let expected = 0;
        for (let b = 0; b < A; b++) {
          const p = probs[b];
          if (p <= 0) continue;
          const n = succ[w * A + b];
          let target = -1;
          let r = 0;
          if (n === HIT_GOAL) r = goalReward;
          else if (n !== HIT_LAVA && nextKeys !== null) {
            target = nextBase + binarySearch(nextKeys, n * P + (P > 1 ? b + 1 : 0));
          }
          expected += p * r;
          let merged = false;
          for (let k = lo; k < next.length; k++) {
            if (next[k] === target && outcomeRewards[k] === r) {
              prob[k] += p;
              merged = true;
              break;
            }
          }
          if (!merged) {
            next.push(target);
            prob.push(p);
            outcomeRewards.push(r);
          }
        }
        sortRow(next, prob, outcomeRewards, lo);
        rewards[row] = expected;
        offsets[row + 1] = next.length;
      }
    }
  }
  const mdp = tabularMdp({
    numStates: S,
    numActions: A,
    horizon: T,
    gamma,
    initialState: timeIndexed ? 0 : binarySearch(layerKeys[0], startKey),
    offsets,
    next: Int32Array.from(next),
    prob: Float64Array.from(prob),
    rewards,
    outcomeRewards: Float64Array.from(outcomeRewards),
  });
  return {
    ...mdp,
    numWorldStates: codes.length,
    time,
    worldState,
    prevAction,
    tracksPrevAction: P > 1,
    timeIndexed,
    layerOffsets,
  };
}

function binarySearch(arr: Int32Array, key: number): number {
  let lo = 0;
  let hi = arr.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = arr[mid];
    if (v === key) return mid;
    if (v < key) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Insertion-sort the row's entries from `lo` by successor (−1 first), then reward (rows hold at most A entries). */
function sortRow(next: number[], prob: number[], rew: number[], lo: number): void {
  for (let i = lo + 1; i < next.length; i++) {
    const n = next[i];
    const p = prob[i];
    const r = rew[i];
    let j = i - 1;
    while (j >= lo && (next[j] > n || (next[j] === n && rew[j] > r))) {
      next[j + 1] = next[j];
      prob[j + 1] = prob[j];
      rew[j + 1] = rew[j];
      j--;
    }
    next[j + 1] = n;
    prob[j + 1] = p;
    rew[j + 1] = r;
  }
}

/**
 * Index of the tabular state (t, world state, previous action) of a {@link MinigridMdp}, or −1 if that state is not
 * reachable at time t. `prevAction` is ignored (use −1) when the MDP does not track it (sticky = 0); `t` is
 * ignored (but checked) in a time-free export.
 *
 * @example
 * ```ts
 * import { minigridEmpty, minigridStateIndex, toTabularMdp } from "./minigrid.ts";
 * const env = minigridEmpty({ obs: "onehot" });
 * const mdp = toTabularMdp(env);
 * env.reset(0);
 * const s = minigridStateIndex(mdp, 0, env.copyState(0).worldState); // 0: the start
 * ```
 */
export function minigridStateIndex(mdp: MinigridMdp, t: number, worldState: number, prevAction = -1): number {
  checkInteger("t", t, { min: 0, max: mdp.horizon - 1 });
  checkInteger("worldState", worldState, { min: 0, max: mdp.numWorldStates - 1 });
  checkInteger("prevAction", prevAction, { min: -1, max: mdp.numActions - 1 });
  const tracksPrev = mdp.tracksPrevAction;
  const layer = mdp.timeIndexed ? t : 0;
  let lo = mdp.layerOffsets[layer];
  let hi = mdp.layerOffsets[layer + 1] - 1;
  const P = tracksPrev ? mdp.numActions + 1 : 1;
  const key = worldState * P + (tracksPrev ? prevAction + 1 : 0);
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const k = mdp.worldState[mid] * P + (tracksPrev ? mdp.prevAction[mid] + 1 : 0);
    if (k === key) return mid;
    if (k < key) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
