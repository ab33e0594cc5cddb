/**
 * The contextual control tasks of MBTL's experiments (Cho et al. 2024; official `control-tasks/*.sh`): one
 * physical parameter varied over 0.1×..10× its default in steps of 0.1× (100 contexts), the others at Gymnasium's
 * defaults. CartPole: mass of the cart, mass of the pole, pole length (CARL's `pole_length` is Gymnasium's
 * half-length `length`); Pendulum: mass, length, timestep `dt`.
 *
 * @module
 */
import { checkInteger, checkOneOf } from "../core/errors.ts";

/** Names of the context spaces. */
export type ContextSpaceName =
  | "cartpole-masscart"
  | "cartpole-masspole"
  | "cartpole-length"
  | "pendulum-m"
  | "pendulum-l"
  | "pendulum-dt";

/** A one-dimensional family of tasks. */
export interface ContextSpace {
  /** Name, e.g. `"cartpole-length"`. */
  name: ContextSpaceName;
  /** Environment id. */
  env: "CartPole-v1" | "Pendulum-v1";
  /** Context field varied (of CartPoleContext or PendulumContext). */
  field: string;
  /** Human label of the field. */
  label: string;
  /** Gymnasium default of the field. */
  default: number;
  /** Normalisation bounds of returns, as the official `get_dataset_settings` (CartPole [0, 500], Pendulum [−2200, −500]). */
  bounds: [number, number];
}

/** Every context space of the paper's control experiments. */
export const CONTEXT_SPACES: Readonly<Record<ContextSpaceName, ContextSpace>> = Object.freeze({
  "cartpole-masscart": {
    name: "cartpole-masscart",
    env: "CartPole-v1",
    field: "masscart",
    label: "mass of cart (kg)",
    default: 1.0,
    bounds: [0, 500],
  },
  "cartpole-masspole": {
    name: "cartpole-masspole",
    env: "CartPole-v1",
    field: "masspole",
    label: "mass of pole (kg)",
    default: 0.1,
    bounds: [0, 500],
  },
  "cartpole-length": {
    name: "cartpole-length",
    env: "CartPole-v1",
    field: "length",
    label: "pole half-length (m)",
    default: 0.5,
    bounds: [0, 500],
  },
  "pendulum-m": {
    name: "pendulum-m",
    env: "Pendulum-v1",
    field: "m",
    label: "mass (kg)",
    default: 1.0,
    bounds: [-2200, -500],
  },
  "pendulum-l": {
    name: "pendulum-l",
    env: "Pendulum-v1",
    field: "l",
    label: "length (m)",
    default: 1.0,
    bounds: [-2200, -500],
  },
  "pendulum-dt": {
    name: "pendulum-dt",
    env: "Pendulum-v1",
    field: "dt",
    label: "timestep dt (s)",
    default: 0.05,
    bounds: [-2200, -500],
  },
});

/** Names of every context space, in report order. */
export const CONTEXT_SPACE_NAMES: readonly ContextSpaceName[] = Object.keys(
  CONTEXT_SPACES,
) as ContextSpaceName[];

/**
 * Look up a context space by name.
 *
 * @example
 * ```ts
 * import { contextSpace } from "./contexts.ts";
 * contextSpace("pendulum-dt").default; // 0.05
 * ```
 */
export function contextSpace(name: ContextSpaceName): ContextSpace {
  return CONTEXT_SPACES[checkOneOf("space", name, CONTEXT_SPACE_NAMES)];
}

/**
 * `n` multipliers evenly spaced on [0.1, 10] (n = 100 gives the paper's 0.1, 0.2, ..., 10.0).
 *
 * @example
 * ```ts
 * import { contextMultipliers } from "./contexts.ts";
 * contextMultipliers(100)[9]; // 1
 * ```
 */
export function contextMultipliers(n: number): number[] {
  checkInteger("n", n, { min: 2 });
  return Array.from({ length: n }, (_, i) => Math.round((0.1 + (9.9 * i) / (n - 1)) * 1e10) / 1e10);
}

/**
 * The `n` context values of a space: default × {@link contextMultipliers}.
 *
 * @example
 * ```ts
 * import { contextValues } from "./contexts.ts";
 * contextValues("cartpole-length", 3); // [0.05, 2.525, 5]
 * ```
 */
export function contextValues(name: ContextSpaceName, n: number): number[] {
  const space = contextSpace(name);
  return contextMultipliers(n).map((m) => Math.round(m * space.default * 1e10) / 1e10);
}
