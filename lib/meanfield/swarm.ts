/**
 * The three swarm tasks of Dec-POMFC (Cui et al., ICLR 2024, §5 / Fig. 1): **Kuramoto** oscillators, **Vicsek**
 * self-propelled particles and **Aggregation**, stepped for N agents × E independent copies at once over flat
 * typed arrays (struct of arrays, copy-major: agent `i` of copy `e` sits at index `e·N + i`).
 *
 * Every agent lives on the unit torus [0, 1)² and carries an angle θ (an oscillator phase or a heading). Each step
 * it observes only local information (the paper's partial observability, Fig. 1A: "the heading distribution inside
 * a disc around itself"), a 2-vector in the unit disc:
 * - Kuramoto / Vicsek: y_i = mean over neighbours j ≠ i within `radius` of (sin(θ_j − θ_i), cos(θ_j − θ_i));
 * - Aggregation: y_i = mean torus displacement to those neighbours, divided by `radius`;
 * (0, 0) without neighbours. Each agent applies a normalised control u_i ∈ [−1, 1]^a (a = 1, or 2 for Aggregation),
 * scaled by `uMax`. The shared reward is the swarm's order:
 * - Kuramoto: dθ_i = (ω_i + K·Im(Z·e^{−iθ_i}) + uMax·u_i)·dt + σ√dt·ε with Z = (1/N)Σ_j e^{iθ_j}, i.e. the
 *   all-to-all coupling (K/N)Σ_j sin(θ_j − θ_i); agents sit at fixed random places (only the observation is
 *   local); ω_i ∼ N(0, freqStd²); reward R = |Z|.
 * - Vicsek: θ_i ← θ_i + a·wrap(Arg Σ_{j: d_ij ≤ r} e^{iθ_j} − θ_i) + uMax·u_i + η·(U − ½), then
 *   x_i ← x_i + v·(cos θ_i, sin θ_i) on the torus. a = 1, u = 0 is Vicsek et al. (1995); the control task uses
 *   a = 0 (no built-in alignment: the agents must learn it). Reward polarisation P = |(1/N)Σ e^{iθ_j}|.
 * - Aggregation: x_i ← x_i + uMax·u_i + σ·ε on the torus; reward 1 − D̄ / D_unif, D̄ the mean pairwise torus
 *   distance and D_unif = (√2 + ln(1 + √2)) / 6 ≈ 0.3826 its value for uniform agents (0 ≈ spread, 1 = one point).
 *
 * **Reconstructed**: the paper's body and appendix (equations, constants, horizons) could not be read (see
 * data/meanfield/paper.json); every constant in {@link SWARM_DEFAULTS} and the exact observation and reward forms
 * above are our choices, made from the abstract, Fig. 1 and the standard models.
 *
 * @module
 */
import { copyRngs } from "../core/env.ts";
import { checkInRange, checkInteger, checkLength, checkOneOf, checkPositive } from "../core/errors.ts";
import type { Rng } from "../core/rng.ts";

/** The three tasks. */
export type SwarmTaskName = "kuramoto" | "vicsek" | "aggregation";

/**
 * Every task name, in report order.
 *
 * @example
 * ```ts
 * import { SWARM_TASKS } from "./swarm.ts";
 * SWARM_TASKS.length; // 3
 * ```
 */
export const SWARM_TASKS: readonly SwarmTaskName[] = Object.freeze(["kuramoto", "vicsek", "aggregation"]);

/** Parameters of a swarm task (all reconstructed; see the module doc). Fields a task does not use are ignored. */
export interface SwarmTask {
  /** Which model. */
  name: SwarmTaskName;
  /** Radius of the observation disc (and of Vicsek's alignment neighbourhood), torus units. */
  radius: number;
  /** Kuramoto: coupling K. Vicsek: built-in alignment weight a ∈ [0, 1] (1 = classic Vicsek). */
  coupling: number;
  /** Kuramoto: time step dt. */
  dt: number;
  /** Kuramoto: std of the natural frequencies ω_i. */
  freqStd: number;
  /** Kuramoto: phase-noise σ; Vicsek: angular noise amplitude η ∈ [0, 2π]; Aggregation: position-noise std σ. */
  noise: number;
  /** Vicsek: speed v per step (torus units). */
  speed: number;
  /** Scale of the control: rad/time (Kuramoto), rad/step (Vicsek), torus units/step per axis (Aggregation). */
  uMax: number;
  /** Episode length T in steps. */
  horizon: number;
}

/**
 * Reconstructed defaults of the control tasks (not from the paper, whose appendix was not readable):
 * - Kuramoto: K = 0.5 below the critical K_c = 2/(π g(0)) ≈ 1.6·freqStd = 0.8 of the Gaussian frequencies, so the
 *   uncontrolled swarm stays incoherent and synchronising needs control; dt = 0.2, uMax = 1, σ = 0.1.
 * - Vicsek: no built-in alignment (a = 0), η = 0.5 rad, v = 0.02, r = 0.2, uMax = π/4 per step.
 * - Aggregation: uMax = 0.03, σ = 0.005, r = 0.4 (a smaller disc let local clusters form but not merge in T).
 * Horizon 50 for all.
 *
 * @example
 * ```ts
 * import { SWARM_DEFAULTS } from "./swarm.ts";
 * SWARM_DEFAULTS.vicsek.coupling; // 0 (alignment must be learned)
 * ```
 */
export const SWARM_DEFAULTS: Readonly<Record<SwarmTaskName, Readonly<SwarmTask>>> = Object.freeze(
  {
    kuramoto: Object.freeze({
      name: "kuramoto",
      radius: 0.25,
      coupling: 0.5,
      dt: 0.2,
      freqStd: 0.5,
      noise: 0.1,
      speed: 0,
      uMax: 1,
      horizon: 50,
    }),
    vicsek: Object.freeze({
      name: "vicsek",
      radius: 0.2,
      coupling: 0,
      dt: 1,
      freqStd: 0,
      noise: 0.5,
      speed: 0.02,
      uMax: Math.PI / 4,
      horizon: 50,
    }),
    aggregation: Object.freeze({
      name: "aggregation",
      radius: 0.4,
      coupling: 0,
      dt: 1,
      freqStd: 0,
      noise: 0.005,
      speed: 0,
      uMax: 0.03,
      horizon: 50,
    }),
  } as const satisfies Record<SwarmTaskName, SwarmTask>,
);

/**
 * A task with its defaults, overridden and validated.
 *
 * @example
 * ```ts
 * import { swarmTask } from "./swarm.ts";
 * const sync = swarmTask("kuramoto", { coupling: 5 }); // strong coupling
 * ```
 */
export function swarmTask(name: SwarmTaskName, overrides: Partial<Omit<SwarmTask, "name">> = {}): SwarmTask {
  checkOneOf("name", name, SWARM_TASKS);
  const t: SwarmTask = { ...SWARM_DEFAULTS[name], ...overrides, name };
  checkInRange("radius", t.radius, { min: 0, max: 0.5, minOpen: true });
  checkInRange("coupling", t.coupling, { min: 0 });
  if (name === "vicsek") checkInRange("coupling", t.coupling, { min: 0, max: 1 });
  checkPositive("dt", t.dt);
  checkInRange("freqStd", t.freqStd, { min: 0 });
  checkInRange("noise", t.noise, { min: 0 });
  if (name === "vicsek") checkInRange("noise", t.noise, { min: 0, max: 2 * Math.PI });
  checkInRange("speed", t.speed, { min: 0 });
  checkInRange("uMax", t.uMax, { min: 0 });
  checkInteger("horizon", t.horizon, { min: 1 });
  return t;
}

/**
 * Control slots per agent: 2 for Aggregation (a velocity), else 1.
 *
 * @example
 * ```ts
 * import { controlDim } from "./swarm.ts";
 * controlDim({ name: "aggregation" }); // 2
 * ```
 */
export function controlDim(task: Pick<SwarmTask, "name">): number {
  return task.name === "aggregation" ? 2 : 1;
}

/**
 * Width of an agent's local observation (always 2: a vector in the unit disc).
 *
 * @example
 * ```ts
 * import { LOCAL_OBS_DIM } from "./swarm.ts";
 * new Float32Array(50 * LOCAL_OBS_DIM); // observations of 50 agents
 * ```
 */
export const LOCAL_OBS_DIM = 2;

/** N agents × E copies of a task, as typed arrays (copy-major). */
export interface SwarmState {
  /** The task. */
  readonly task: Readonly<SwarmTask>;
  /** Agents per copy N. */
  readonly numAgents: number;
  /** Copies E. */
  readonly numCopies: number;
  /** Positions on the unit torus, `E·N` each. */
  readonly x: Float64Array;
  /** See {@link SwarmState.x}. */
  readonly y: Float64Array;
  /** Phases / headings (rad), `E·N`. */
  readonly theta: Float64Array;
  /** Kuramoto natural frequencies, `E·N` (zero for the other tasks). */
  readonly omega: Float64Array;
  /** Steps taken in the current episode, per copy. */
  readonly t: Int32Array;
  /** Per-copy random streams (set by {@link resetSwarm}). */
  rngs: Rng[];
}

/**
 * Allocate a swarm (call {@link resetSwarm} before stepping).
 *
 * @example
 * ```ts
 * import { createSwarm, resetSwarm, swarmTask } from "./swarm.ts";
 * const s = createSwarm(swarmTask("vicsek"), { numAgents: 50, numCopies: 4 });
 * resetSwarm(s, 0);
 * ```
 */
export function createSwarm(task: SwarmTask, opts: { numAgents: number; numCopies?: number }): SwarmState {
  const t = swarmTask(task.name, task);
  const n = checkInteger("numAgents", opts.numAgents, { min: 1 });
  const e = checkInteger("numCopies", opts.numCopies ?? 1, { min: 1 });
  return {
    task: t,
    numAgents: n,
    numCopies: e,
    x: new Float64Array(n * e),
    y: new Float64Array(n * e),
    theta: new Float64Array(n * e),
    omega: new Float64Array(n * e),
    t: new Int32Array(e),
    rngs: [],
  };
}

/**
 * Start every copy afresh: uniform positions and angles, Gaussian frequencies (Kuramoto). Copy `e` draws from
 * stream `e` of `copyRngs(seed, E)`, so it does not depend on how many copies there are.
 *
 * @example
 * ```ts
 * import { createSwarm, resetSwarm, swarmTask } from "./swarm.ts";
 * const s = createSwarm(swarmTask("kuramoto"), { numAgents: 10 });
 * resetSwarm(s, 3);
 * ```
 */
export function resetSwarm(state: SwarmState, seed: number): void {
  checkInteger("seed", seed, { min: 0 });
  state.rngs = copyRngs(seed, state.numCopies);
  for (let e = 0; e < state.numCopies; e++) resetCopy(state, e);
}

/**
 * Restart copy `e` from its own stream (auto-reset).
 *
 * @example
 * ```ts
 * import { createSwarm, resetCopy, resetSwarm, swarmTask } from "./swarm.ts";
 * const s = createSwarm(swarmTask("aggregation"), { numAgents: 10, numCopies: 2 });
 * resetSwarm(s, 0);
 * resetCopy(s, 1);
 * ```
 */
export function resetCopy(state: SwarmState, e: number): void {
  checkInteger("e", e, { min: 0, max: state.numCopies - 1 });
  const rng = state.rngs[e];
  if (rng === undefined) throw new RangeError("state must be reset with resetSwarm(state, seed) first");
  const n = state.numAgents;
  const kur = state.task.name === "kuramoto";
  for (let i = e * n; i < (e + 1) * n; i++) {
    state.x[i] = rng.uniform();
    state.y[i] = rng.uniform();
    state.theta[i] = rng.uniformIn(-Math.PI, Math.PI);
    state.omega[i] = kur ? state.task.freqStd * rng.normal() : 0;
  }
  state.t[e] = 0;
}

/** Wrap to [−π, π). */
function wrapAngle(a: number): number {
  return a - 2 * Math.PI * Math.floor((a + Math.PI) / (2 * Math.PI));
}

/** Wrap to [0, 1). */
function wrapUnit(a: number): number {
  return a - Math.floor(a);
}

/**
 * Each agent's local observation (see the module doc) into `out` (`E·N·2`, copy-major, agent-major). O(N²) per copy.
 *
 * @example
 * ```ts
 * import { createSwarm, observeLocal, resetSwarm, swarmTask } from "./swarm.ts";
 * const s = createSwarm(swarmTask("vicsek"), { numAgents: 20 });
 * resetSwarm(s, 0);
 * const y = observeLocal(s, new Float32Array(40));
 * ```
 */
export function observeLocal(state: SwarmState, out: Float32Array): Float32Array {
  const { numAgents: n, numCopies: E, x, y, theta, task } = state;
  checkLength("out", out, n * E * LOCAL_OBS_DIM);
  const r2 = task.radius * task.radius;
  const agg = task.name === "aggregation";
  for (let e = 0; e < E; e++) {
    const base = e * n;
    for (let i = 0; i < n; i++) {
      const gi = base + i;
      const xi = x[gi], yi = y[gi], ti = theta[gi];
      let a = 0, b = 0, count = 0;
      for (let j = 0; j < n; j++) {
        if (j === i) continue;
        const gj = base + j;
        let dx = x[gj] - xi;
        dx -= Math.round(dx);
        let dy = y[gj] - yi;
        dy -= Math.round(dy);
        if (dx * dx + dy * dy > r2) continue;
        count++;
        if (agg) {
          a += dx;
          b += dy;
        } else {
          const d = theta[gj] - ti;
          a += Math.sin(d);
          b += Math.cos(d);
        }
      }
      const scale = count === 0 ? 0 : agg ? 1 / (count * task.radius) : 1 / count;
      out[2 * gi] = a * scale;
      out[2 * gi + 1] = b * scale;
    }
  }
  return out;
}

/**
 * Advance every copy one step under normalised controls `u` (`E·N·controlDim`, clipped to [−1, 1]; NaN is an error)
 * and increment `state.t`. Noise comes from each copy's stream.
 *
 * @example
 * ```ts
 * import { createSwarm, resetSwarm, stepSwarm, swarmTask } from "./swarm.ts";
 * const s = createSwarm(swarmTask("kuramoto"), { numAgents: 10 });
 * resetSwarm(s, 0);
 * stepSwarm(s, new Float64Array(10)); // uncontrolled
 * ```
 */
export function stepSwarm(state: SwarmState, u: ArrayLike<number>): void {
  const { numAgents: n, numCopies: E, x, y, theta, omega, task } = state;
  const a = controlDim(task);
  checkLength("u", u, n * E * a);
  const clip = (v: number, k: number) => {
    if (Number.isNaN(v)) throw new RangeError(`u[${k}] must be a number, got NaN`);
    return v < -1 ? -1 : v > 1 ? 1 : v;
  };
  for (let e = 0; e < E; e++) {
    const rng = state.rngs[e];
    if (rng === undefined) throw new RangeError("state must be reset with resetSwarm(state, seed) first");
    const base = e * n;
    if (task.name === "kuramoto") {
      let zc = 0, zs = 0;
      for (let i = base; i < base + n; i++) {
        zc += Math.cos(theta[i]);
        zs += Math.sin(theta[i]);
      }
      zc /= n;
      zs /= n;
      const sq = task.noise * Math.sqrt(task.dt);
      for (let i = base; i < base + n; i++) {
        // (K/N) Σ_j sin(θ_j − θ_i) = K·(zs·cos θ_i − zc·sin θ_i)
        const coupling = task.coupling * (zs * Math.cos(theta[i]) - zc * Math.sin(theta[i]));
        const drift = omega[i] + coupling + task.uMax * clip(u[i], i);
        theta[i] = wrapAngle(theta[i] + drift * task.dt + sq * rng.normal());
      }
    } else if (task.name === "vicsek") {
      const next = vicsekScratch(n);
      const r2 = task.radius * task.radius;
      for (let i = 0; i < n; i++) {
        const gi = base + i;
        let turn = 0;
        if (task.coupling > 0) {
          let c = 0, s = 0;
          for (let j = 0; j < n; j++) {
            const gj = base + j;
            let dx = x[gj] - x[gi];
            dx -= Math.round(dx);
            let dy = y[gj] - y[gi];
            dy -= Math.round(dy);
            if (dx * dx + dy * dy > r2) continue;
            c += Math.cos(theta[gj]);
            s += Math.sin(theta[gj]);
          }
          turn = task.coupling * wrapAngle(Math.atan2(s, c) - theta[gi]);
        }
        next[i] = wrapAngle(
          theta[gi] + turn + task.uMax * clip(u[gi], gi) + task.noise * (rng.uniform() - 0.5),
        );
      }
      for (let i = 0; i < n; i++) {
        const gi = base + i;
        theta[gi] = next[i];
        x[gi] = wrapUnit(x[gi] + task.speed * Math.cos(next[i]));
        y[gi] = wrapUnit(y[gi] + task.speed * Math.sin(next[i]));
      }
    } else {
      for (let i = base; i < base + n; i++) {
        x[i] = wrapUnit(x[i] + task.uMax * clip(u[2 * i], 2 * i) + task.noise * rng.normal());
        y[i] = wrapUnit(y[i] + task.uMax * clip(u[2 * i + 1], 2 * i + 1) + task.noise * rng.normal());
      }
    }
    state.t[e]++;
  }
}

let scratch = new Float64Array(0);
function vicsekScratch(n: number): Float64Array {
  if (scratch.length < n) scratch = new Float64Array(n);
  return scratch;
}

/**
 * Mean distance between two independent uniform points of the unit torus: (√2 + ln(1 + √2)) / 6.
 *
 * @example
 * ```ts
 * import { UNIFORM_TORUS_DISTANCE } from "./swarm.ts";
 * UNIFORM_TORUS_DISTANCE; // ≈ 0.3826
 * ```
 */
export const UNIFORM_TORUS_DISTANCE: number = (Math.SQRT2 + Math.log(1 + Math.SQRT2)) / 6;

/**
 * The task's order metric per copy into `out` (length E): R = |(1/N)Σ e^{iθ}| (Kuramoto), polarisation (Vicsek,
 * the same formula over headings), or 1 − D̄/D_unif (Aggregation). This is also the per-step reward.
 *
 * @example
 * ```ts
 * import { createSwarm, resetSwarm, swarmMetric, swarmTask } from "./swarm.ts";
 * const s = createSwarm(swarmTask("kuramoto"), { numAgents: 100 });
 * resetSwarm(s, 0);
 * swarmMetric(s)[0]; // ≈ 0.1 (incoherent start)
 * ```
 */
export function swarmMetric(
  state: SwarmState,
  out: Float64Array = new Float64Array(state.numCopies),
): Float64Array {
  const { numAgents: n, numCopies: E, x, y, theta } = state;
  checkLength("out", out, E);
  for (let e = 0; e < E; e++) {
    const base = e * n;
    if (state.task.name === "aggregation") {
      if (n < 2) {
        out[e] = 1;
        continue;
      }
      let total = 0;
      for (let i = base; i < base + n; i++) {
        for (let j = i + 1; j < base + n; j++) {
          let dx = x[j] - x[i];
          dx -= Math.round(dx);
          let dy = y[j] - y[i];
          dy -= Math.round(dy);
          total += Math.sqrt(dx * dx + dy * dy);
        }
      }
      out[e] = 1 - total / (n * (n - 1) / 2) / UNIFORM_TORUS_DISTANCE;
    } else {
      let c = 0, s = 0;
      for (let i = base; i < base + n; i++) {
        c += Math.cos(theta[i]);
        s += Math.sin(theta[i]);
      }
      out[e] = Math.hypot(c, s) / n;
    }
  }
  return out;
}
