/**
 * Observation and action spaces with Gymnasium semantics: {@link Box} (a box in R^n, bounds may be infinite) and
 * {@link Discrete} (integers `start, ..., start + n − 1`). Both describe themselves as plain JSON through `toJSON()`
 * and come back through {@link spaceFromJSON}.
 *
 * @module
 */
import { checkFinite, checkInteger, checkLength, checkOneOf, describe } from "./errors.ts";
import { type Seed, toRng } from "./rng.ts";

/** Element type of a {@link Box}. */
export type BoxDtype = "float32" | "float64";

/** Typed array matching a {@link BoxDtype}. */
export type BoxArray = Float32Array | Float64Array;

/** Options of the {@link Box} constructor. */
export interface BoxOptions {
  /** Shape of one element; required when `low` and `high` are both numbers, else defaults to `[low.length]`. */
  shape?: readonly number[];
  /** Element type; default `"float32"`. */
  dtype?: BoxDtype;
}

/**
 * JSON form of a {@link Box}. JSON has no infinities, so an unbounded `low[i]` is written `null` (meaning −∞) and an
 * unbounded `high[i]` is written `null` (meaning +∞).
 */
export interface BoxJSON {
  /** Discriminator. */
  type: "Box";
  /** Lower bounds, flat; `null` means −∞. */
  low: (number | null)[];
  /** Upper bounds, flat; `null` means +∞. */
  high: (number | null)[];
  /** Shape of one element. */
  shape: number[];
  /** Element type. */
  dtype: BoxDtype;
}

/** JSON form of a {@link Discrete} space. */
export interface DiscreteJSON {
  /** Discriminator. */
  type: "Discrete";
  /** Number of values. */
  n: number;
  /** Smallest value. */
  start: number;
}

/** Any space. */
export type Space = Box | Discrete;

/** JSON form of any space. */
export type SpaceJSON = BoxJSON | DiscreteJSON;

function allocate(dtype: BoxDtype, size: number): BoxArray {
  return dtype === "float32" ? new Float32Array(size) : new Float64Array(size);
}

/**
 * A (possibly unbounded) box `low ≤ x ≤ high` of real vectors, stored flat in row-major order.
 *
 * @example
 * ```ts
 * import { Box } from "./spaces.ts";
 * import { Rng } from "./rng.ts";
 * const obs = new Box([-4.8, -Infinity], [4.8, Infinity]);
 * const x = obs.sample(new Rng(0)); // Float32Array of length 2; x[1] is a standard normal draw
 * obs.contains(x); // true
 * const action = new Box(-2, 2, { shape: [1], dtype: "float64" });
 * ```
 */
export class Box {
  /** Lower bounds, one per element (−Infinity where unbounded). */
  readonly low: BoxArray;
  /** Upper bounds, one per element (+Infinity where unbounded). */
  readonly high: BoxArray;
  /** Shape of one element. */
  readonly shape: readonly number[];
  /** Element type. */
  readonly dtype: BoxDtype;
  /** Number of scalars in one element (product of `shape`). */
  readonly size: number;

  /** A box from scalar or per-element bounds; scalars are broadcast to `shape`. */
  constructor(low: number | ArrayLike<number>, high: number | ArrayLike<number>, opts: BoxOptions = {}) {
    const dtype = checkOneOf("dtype", opts.dtype ?? "float32", ["float32", "float64"] as const);
    let shape: readonly number[];
    if (opts.shape !== undefined) {
      checkLength("shape", opts.shape);
      shape = Array.from(opts.shape, (d, i) => checkInteger(`shape[${i}]`, d, { min: 1 }));
    } else if (typeof low !== "number") {
      shape = [checkLength("low", low).length];
    } else if (typeof high !== "number") {
      shape = [checkLength("high", high).length];
    } else {
      throw new RangeError("shape is required when low and high are both numbers");
    }
    const size = shape.reduce((a, b) => a * b, 1);
    const lo = allocate(dtype, size);
    const hi = allocate(dtype, size);
    for (const [name, src, dst] of [["low", low, lo], ["high", high, hi]] as const) {
      if (typeof src === "number") dst.fill(src);
      else dst.set(checkLength(name, src, size));
    }
    for (let i = 0; i < size; i++) {
      if (Number.isNaN(lo[i]) || lo[i] === Infinity) {
        throw new RangeError(`low[${i}] must be a number < Infinity, got ${describe(lo[i])}`);
      }
      if (Number.isNaN(hi[i]) || hi[i] === -Infinity) {
        throw new RangeError(`high[${i}] must be a number > -Infinity, got ${describe(hi[i])}`);
      }
      if (!(lo[i] <= hi[i])) throw new RangeError(`high[${i}] must be >= low[${i}] (${lo[i]}), got ${hi[i]}`);
    }
    this.low = lo;
    this.high = hi;
    this.shape = Object.freeze([...shape]);
    this.dtype = dtype;
    this.size = size;
  }

  /** True when every bound is finite. */
  isBounded(): boolean {
    for (let i = 0; i < this.size; i++) {
      if (!Number.isFinite(this.low[i]) || !Number.isFinite(this.high[i])) return false;
    }
    return true;
  }

  /** True when `x` has `size` elements, none NaN, each within its bounds. */
  contains(x: ArrayLike<number>): boolean {
    if (!(Array.isArray(x) || ArrayBuffer.isView(x)) || x.length !== this.size) return false;
    for (let i = 0; i < this.size; i++) {
      const v = x[i];
      if (typeof v !== "number" || !(v >= this.low[i] && v <= this.high[i])) return false;
    }
    return true;
  }

  /**
   * A random element (Gymnasium's rule): uniform on `[low, high]` where both bounds are finite, standard normal
   * where both are infinite, `low + Exp(1)` / `high − Exp(1)` where only one is. Writes into `out` when given.
   */
  sample(rng: Seed, out?: BoxArray): BoxArray {
    const r = toRng(rng);
    const x = out === undefined ? allocate(this.dtype, this.size) : checkLength("out", out, this.size);
    for (let i = 0; i < this.size; i++) {
      const lo = this.low[i];
      const hi = this.high[i];
      const loFinite = lo !== -Infinity;
      const hiFinite = hi !== Infinity;
      let v: number;
      if (loFinite && hiFinite) {
        const u = r.uniform();
        v = lo * (1 - u) + hi * u; // convex combination: no overflow when hi − lo exceeds the float range
      } else if (!loFinite && !hiFinite) v = r.normal();
      else if (loFinite) v = lo - Math.log(1 - r.uniform());
      else v = hi + Math.log(1 - r.uniform());
      // The convex combination may round a hair outside [lo, hi]; float32 rounding of a clamped value cannot.
      x[i] = Math.min(Math.max(v, lo), hi);
    }
    return x;
  }

  /** Plain JSON description; infinite bounds become `null` (see {@link BoxJSON}). */
  toJSON(): BoxJSON {
    const finiteOrNull = (v: number): number | null => (Number.isFinite(v) ? v : null);
    return {
      type: "Box",
      low: Array.from(this.low, finiteOrNull),
      high: Array.from(this.high, finiteOrNull),
      shape: [...this.shape],
      dtype: this.dtype,
    };
  }
}

/**
 * The integers `start, start + 1, ..., start + n − 1`.
 *
 * @example
 * ```ts
 * import { Discrete } from "./spaces.ts";
 * const actions = new Discrete(4); // {0, 1, 2, 3}
 * actions.contains(3); // true
 * const a = actions.sample(7); // seed or Rng
 * ```
 */
export class Discrete {
  /** Number of values. */
  readonly n: number;
  /** Smallest value. */
  readonly start: number;

  /** A space of `n` consecutive integers beginning at `start` (default 0). */
  constructor(n: number, start = 0) {
    this.n = checkInteger("n", n, { min: 1, max: 2 ** 32 });
    this.start = checkInteger("start", start, {
      min: Number.MIN_SAFE_INTEGER,
      max: Number.MAX_SAFE_INTEGER - n,
    });
  }

  /** True when `x` is an integer in `[start, start + n)`. */
  contains(x: number): boolean {
    return Number.isInteger(x) && x >= this.start && x < this.start + this.n;
  }

  /** A uniform random element. */
  sample(rng: Seed): number {
    return this.start + toRng(rng).integer(this.n);
  }

  /** Plain JSON description. */
  toJSON(): DiscreteJSON {
    return { type: "Discrete", n: this.n, start: this.start };
  }
}

/**
 * Rebuild a space from its `toJSON()` form (`null` bounds of a Box mean ∓∞).
 *
 * @example
 * ```ts
 * import { Box, spaceFromJSON } from "./spaces.ts";
 * const box = new Box(-Infinity, 1, { shape: [2] });
 * const copy = spaceFromJSON(JSON.parse(JSON.stringify(box)));
 * ```
 */
export function spaceFromJSON(json: SpaceJSON): Space {
  if (json === null || typeof json !== "object") {
    throw new TypeError(`json must be a space description object, got ${describe(json)}`);
  }
  const type = checkOneOf("json.type", json.type, ["Box", "Discrete"] as const);
  if (type === "Discrete") {
    const d = json as DiscreteJSON;
    return new Discrete(d.n, d.start);
  }
  const b = json as BoxJSON;
  const low = Array.from(
    checkLength("json.low", b.low),
    (v) => (v === null ? -Infinity : checkFinite("json.low", v)),
  );
  const high = Array.from(
    checkLength("json.high", b.high),
    (v) => (v === null ? Infinity : checkFinite("json.high", v)),
  );
  return new Box(low, high, { shape: b.shape, dtype: b.dtype });
}
