/** Layout pieces and option checks shared by the builders (internal, not exported from mod.ts). */
import { checkLength, describe } from "../core/errors.ts";

/** Base layout: title and axis titles as `{ text }` objects (plotly.js 3 dropped plain-string titles). */
export function baseLayout(
  opts: { title?: string; xTitle?: string; yTitle?: string },
): Record<string, unknown> {
  checkOptionalString("title", opts.title);
  checkOptionalString("xTitle", opts.xTitle);
  checkOptionalString("yTitle", opts.yTitle);
  const layout: Record<string, unknown> = { margin: { t: opts.title === undefined ? 30 : 60 } };
  if (opts.title !== undefined) layout.title = { text: opts.title };
  layout.xaxis = opts.xTitle === undefined ? {} : { title: { text: opts.xTitle } };
  layout.yaxis = opts.yTitle === undefined ? {} : { title: { text: opts.yTitle } };
  return layout;
}

/** Require a string, or undefined when absent. */
export function checkOptionalString(name: string, value: unknown): string | undefined {
  if (value !== undefined && typeof value !== "string") {
    throw new TypeError(`${name} must be a string, got ${describe(value)}`);
  }
  return value;
}

/** Require an array or typed array of numbers (NaN allowed: it becomes a gap), optionally of a given length. */
export function checkNumbers(name: string, value: unknown, length?: number): ArrayLike<number> {
  checkLength(name, value as ArrayLike<unknown>, length);
  const arr = value as ArrayLike<unknown>;
  for (let i = 0; i < arr.length; i++) {
    if (typeof arr[i] !== "number" && arr[i] !== null) {
      throw new TypeError(`${name}[${i}] must be a number, got ${describe(arr[i])}`);
    }
  }
  return arr as ArrayLike<number>;
}

/** Require a labels array (strings or numbers) of a given length. */
export function checkLabels(name: string, value: unknown, length: number): (string | number)[] {
  checkLength(name, value as ArrayLike<unknown>, length);
  const arr = Array.from(value as ArrayLike<unknown>);
  arr.forEach((v, i) => {
    if (typeof v !== "string" && !(typeof v === "number" && Number.isFinite(v))) {
      throw new TypeError(`${name}[${i}] must be a string or finite number, got ${describe(v)}`);
    }
  });
  return arr as (string | number)[];
}
