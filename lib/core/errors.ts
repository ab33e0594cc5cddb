/**
 * Argument checks that throw a `RangeError` or `TypeError` naming the argument, its value and what is allowed,
 * e.g. `RangeError: gamma must be in [0, 1), got 1.2`.
 *
 * @module
 */

/** Render a value for an error message: short, unambiguous, never throws. */
export function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" || typeof value === "bigint" || typeof value === "boolean") {
    return String(value);
  }
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return `array of length ${value.length}`;
  if (ArrayBuffer.isView(value)) return `${value.constructor.name} of length ${(value as Uint8Array).length}`;
  if (typeof value === "function") return "a function";
  return `a ${(value as object).constructor?.name ?? "object"}`;
}

/**
 * Require a finite number.
 *
 * @example
 * ```ts
 * import { checkFinite } from "./errors.ts";
 * checkFinite("reward", 1.5); // ok
 * ```
 */
export function checkFinite(name: string, value: unknown): number {
  if (typeof value !== "number") throw new TypeError(`${name} must be a number, got ${describe(value)}`);
  if (!Number.isFinite(value)) {
    throw new RangeError(`${name} must be a finite number, got ${describe(value)}`);
  }
  return value;
}

/**
 * Require an integer in `[min, max]` (both optional, inclusive).
 *
 * @example
 * ```ts
 * import { checkInteger } from "./errors.ts";
 * checkInteger("numEnvs", 8, { min: 1 }); // ok
 * ```
 */
export function checkInteger(
  name: string,
  value: unknown,
  bounds: { min?: number; max?: number } = {},
): number {
  if (typeof value !== "number") throw new TypeError(`${name} must be an integer, got ${describe(value)}`);
  if (!Number.isInteger(value)) throw new RangeError(`${name} must be an integer, got ${describe(value)}`);
  const { min = -Infinity, max = Infinity } = bounds;
  if (value < min || value > max) {
    const allowed = max === Infinity ? `>= ${min}` : min === -Infinity ? `<= ${max}` : `in [${min}, ${max}]`;
    throw new RangeError(`${name} must be an integer ${allowed}, got ${describe(value)}`);
  }
  return value;
}

/** Bounds of an interval; `*Open` makes that end exclusive. */
export interface IntervalBounds {
  /** Lower end; default −∞. */
  min?: number;
  /** Upper end; default +∞. */
  max?: number;
  /** Exclude `min` itself. */
  minOpen?: boolean;
  /** Exclude `max` itself. */
  maxOpen?: boolean;
}

/**
 * Require a finite number in an interval, closed unless `minOpen`/`maxOpen`.
 *
 * @example
 * ```ts
 * import { checkInRange } from "./errors.ts";
 * checkInRange("gamma", 0.99, { min: 0, max: 1, maxOpen: true }); // ok
 * // checkInRange("gamma", 1.2, ...) throws RangeError: gamma must be in [0, 1), got 1.2
 * ```
 */
export function checkInRange(name: string, value: unknown, bounds: IntervalBounds): number {
  checkFinite(name, value);
  const v = value as number;
  const { min = -Infinity, max = Infinity, minOpen = false, maxOpen = false } = bounds;
  const below = minOpen ? v <= min : v < min;
  const above = maxOpen ? v >= max : v > max;
  if (below || above) {
    const lo = min === -Infinity ? "(-inf" : `${minOpen ? "(" : "["}${min}`;
    const hi = max === Infinity ? "inf)" : `${max}${maxOpen ? ")" : "]"}`;
    throw new RangeError(`${name} must be in ${lo}, ${hi}, got ${describe(value)}`);
  }
  return v;
}

/**
 * Require a finite number > 0.
 *
 * @example
 * ```ts
 * import { checkPositive } from "./errors.ts";
 * checkPositive("learningRate", 3e-4); // ok
 * ```
 */
export function checkPositive(name: string, value: unknown): number {
  return checkInRange(name, value, { min: 0, minOpen: true });
}

/**
 * Require one of a fixed set of values.
 *
 * @example
 * ```ts
 * import { checkOneOf } from "./errors.ts";
 * const scale = checkOneOf("scale", "quick", ["quick", "full"] as const);
 * ```
 */
export function checkOneOf<T extends string | number>(
  name: string,
  value: unknown,
  allowed: readonly T[],
): T {
  if (!allowed.includes(value as T)) {
    throw new RangeError(
      `${name} must be one of ${allowed.map(describe).join(", ")}, got ${describe(value)}`,
    );
  }
  return value as T;
}

/**
 * Require a function.
 *
 * @example
 * ```ts
 * import { checkFunction } from "./errors.ts";
 * checkFunction("onProgress", () => {});
 * ```
 */
export function checkFunction(name: string, value: unknown): (...args: never[]) => unknown {
  if (typeof value !== "function") throw new TypeError(`${name} must be a function, got ${describe(value)}`);
  return value as (...args: never[]) => unknown;
}

/**
 * Require an array or typed array of a given length (any length when `length` is omitted).
 *
 * @example
 * ```ts
 * import { checkLength } from "./errors.ts";
 * checkLength("actions", new Int32Array(4), 4);
 * ```
 */
export function checkLength<T extends ArrayLike<unknown>>(name: string, value: T, length?: number): T {
  if (!Array.isArray(value) && !ArrayBuffer.isView(value)) {
    throw new TypeError(`${name} must be an array or typed array, got ${describe(value)}`);
  }
  if (length !== undefined && value.length !== length) {
    throw new RangeError(`${name} must have length ${length}, got length ${value.length}`);
  }
  return value;
}

/**
 * Require a non-empty array or typed array of finite numbers.
 *
 * @example
 * ```ts
 * import { checkFiniteArray } from "./errors.ts";
 * checkFiniteArray("returns", [1, 2, 3]);
 * ```
 */
export function checkFiniteArray(
  name: string,
  value: unknown,
  opts: { minLength?: number } = {},
): ArrayLike<number> {
  checkLength(name, value as ArrayLike<unknown>);
  const arr = value as ArrayLike<unknown>;
  const minLength = opts.minLength ?? 1;
  if (arr.length < minLength) {
    throw new RangeError(`${name} must have at least ${minLength} element(s), got length ${arr.length}`);
  }
  for (let i = 0; i < arr.length; i++) {
    const x = arr[i];
    if (typeof x !== "number" || !Number.isFinite(x)) {
      throw new RangeError(`${name}[${i}] must be a finite number, got ${describe(x)}`);
    }
  }
  return arr as ArrayLike<number>;
}

/**
 * Throw if training produced NaN or Inf, naming the quantity and the step (DESIGN.md: never continue silently).
 *
 * @example
 * ```ts
 * import { checkNumericHealth } from "./errors.ts";
 * checkNumericHealth("loss", 0.3, 10); // ok
 * ```
 */
export function checkNumericHealth(name: string, value: number, step: number): number {
  if (!Number.isFinite(value)) throw new RangeError(`${name} became ${value} at step ${step}; stopping`);
  return value;
}
