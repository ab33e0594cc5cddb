/**
 * Bound-constrained minimisation of a smooth function of a few variables: projected quasi-Newton (BFGS on the
 * free variables, Armijo backtracking along the projected path). It plays the role scikit-learn gives L-BFGS-B
 * when fitting kernel hyperparameters, and refines acquisition maxima in Bayesian optimisation.
 *
 * @module
 */
import { checkFiniteArray, checkInteger, checkPositive } from "../core/errors.ts";

/** A value and its gradient. */
export interface ValueAndGradient {
  /** f(x); `Infinity` marks an infeasible point (the line search backs off). */
  value: number;
  /** ∇f(x). */
  gradient: ArrayLike<number>;
}

/** Options of {@link minimizeBox}. */
export interface MinimizeBoxOptions {
  /** Iteration cap; default 200. */
  maxIterations?: number;
  /** Stop when the projected gradient's largest entry is below this; default 1e-8. */
  gradientTolerance?: number;
  /** Stop when a step improves f by less than this times max(|f|, 1); default 1e-12. */
  relativeTolerance?: number;
}

/** Result of {@link minimizeBox}. */
export interface MinimizeBoxResult {
  /** Best point found. */
  x: Float64Array;
  /** f at `x`. */
  value: number;
  /** Iterations taken. */
  iterations: number;
  /** Function evaluations. */
  evaluations: number;
}

function clip(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}

/**
 * Minimise `f` over the box [lower, upper] from `x0` (clipped into the box).
 *
 * @example
 * ```ts
 * import { minimizeBox } from "./optimize.ts";
 * const r = minimizeBox((x) => ({ value: (x[0] - 3) ** 2, gradient: [2 * (x[0] - 3)] }), [0], [-1], [2]);
 * r.x[0]; // 2 (the bound)
 * ```
 */
export function minimizeBox(
  f: (x: Float64Array) => ValueAndGradient,
  x0: ArrayLike<number>,
  lower: ArrayLike<number>,
  upper: ArrayLike<number>,
  opts: MinimizeBoxOptions = {},
): MinimizeBoxResult {
  const n = x0.length;
  checkFiniteArray("x0", x0);
  checkFiniteArray("lower", lower);
  checkFiniteArray("upper", upper);
  if (lower.length !== n || upper.length !== n) {
    throw new RangeError(
      `lower and upper must have length ${n} (as x0), got ${lower.length} and ${upper.length}`,
    );
  }
  for (let i = 0; i < n; i++) {
    if (!(lower[i] <= upper[i])) {
      throw new RangeError(`lower[${i}] must be ≤ upper[${i}], got ${lower[i]} > ${upper[i]}`);
    }
  }
  const maxIterations = checkInteger("maxIterations", opts.maxIterations ?? 200, { min: 0 });
  const gtol = checkPositive("gradientTolerance", opts.gradientTolerance ?? 1e-8);
  const ftol = checkPositive("relativeTolerance", opts.relativeTolerance ?? 1e-12);

  let x = Float64Array.from(x0, (v, i) => clip(v, lower[i], upper[i]));
  let evaluations = 1;
  let cur = f(x);
  let fx = cur.value;
  let g = Float64Array.from(cur.gradient);
  if (!Number.isFinite(fx)) return { x, value: fx, iterations: 0, evaluations };
  let h = identity(n);
  const d = new Float64Array(n);
  const free = new Uint8Array(n);
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    let pg = 0;
    for (let i = 0; i < n; i++) {
      pg = Math.max(pg, Math.abs(x[i] - clip(x[i] - g[i], lower[i], upper[i])));
      free[i] = (x[i] <= lower[i] && g[i] > 0) || (x[i] >= upper[i] && g[i] < 0) ? 0 : 1;
    }
    if (pg < gtol) break;
    direction(h, g, free, d);
    let slope = 0;
    for (let i = 0; i < n; i++) slope += d[i] * g[i];
    if (!(slope < 0)) {
      h = identity(n);
      direction(h, g, free, d);
      slope = 0;
      for (let i = 0; i < n; i++) slope += d[i] * g[i];
      if (!(slope < 0)) break;
    }
    // First step: at most a unit move in the largest coordinate (as L-BFGS-B's first iteration).
    let t = 1;
    if (iterations === 0) {
      let dmax = 0;
      for (let i = 0; i < n; i++) dmax = Math.max(dmax, Math.abs(d[i]));
      t = Math.min(1, 1 / dmax);
    }
    let accepted = false;
    let xNew = x;
    let next = cur;
    for (let ls = 0; ls < 40; ls++) {
      xNew = Float64Array.from(x, (v, i) => clip(v + t * d[i], lower[i], upper[i]));
      let decrease = 0;
      for (let i = 0; i < n; i++) decrease += g[i] * (xNew[i] - x[i]);
      evaluations++;
      next = f(xNew);
      if (Number.isFinite(next.value) && next.value <= fx + 1e-4 * decrease) {
        accepted = true;
        break;
      }
      t *= 0.5;
    }
    if (!accepted) break;
    const gNew = Float64Array.from(next.gradient);
    const improvement = fx - next.value;
    const s = Float64Array.from(xNew, (v, i) => v - x[i]);
    const y = Float64Array.from(gNew, (v, i) => v - g[i]);
    bfgsUpdate(h, s, y);
    x = xNew;
    cur = next;
    fx = next.value;
    g = gNew;
    if (improvement <= ftol * Math.max(Math.abs(fx), 1)) {
      iterations++;
      break;
    }
  }
  return { x, value: fx, iterations, evaluations };
}

function identity(n: number): Float64Array {
  const h = new Float64Array(n * n);
  for (let i = 0; i < n; i++) h[i * n + i] = 1;
  return h;
}

/** d = −H_FF·g_F on the free variables, 0 on variables held at a bound. */
function direction(h: Float64Array, g: Float64Array, free: Uint8Array, d: Float64Array): void {
  const n = g.length;
  for (let i = 0; i < n; i++) {
    if (!free[i]) {
      d[i] = 0;
      continue;
    }
    let s = 0;
    for (let j = 0; j < n; j++) if (free[j]) s -= h[i * n + j] * g[j];
    d[i] = s;
  }
}

/** Inverse-Hessian BFGS update, skipped when the curvature condition sᵀy > 0 fails. */
function bfgsUpdate(h: Float64Array, s: Float64Array, y: Float64Array): void {
  const n = s.length;
  let sy = 0;
  let ss = 0;
  let yy = 0;
  for (let i = 0; i < n; i++) {
    sy += s[i] * y[i];
    ss += s[i] * s[i];
    yy += y[i] * y[i];
  }
  if (!(sy > 1e-10 * Math.sqrt(ss * yy))) return;
  const rho = 1 / sy;
  const hy = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let v = 0;
    for (let j = 0; j < n; j++) v += h[i * n + j] * y[j];
    hy[i] = v;
  }
  let yhy = 0;
  for (let i = 0; i < n; i++) yhy += y[i] * hy[i];
  // H ← H − ρ(Hy sᵀ + s yᵀH) + (ρ² yᵀHy + ρ) s sᵀ
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      h[i * n + j] += -rho * (hy[i] * s[j] + s[i] * hy[j]) + (rho * rho * yhy + rho) * s[i] * s[j];
    }
  }
}
