/**
 * Gathering minibatch rows out of flat typed arrays (internal to lib/agents).
 *
 * @module
 */

import type { Rng } from "../core/rng.ts";

/** Typed arrays a batch column can be. */
export type Column = Float32Array | Float64Array | Int32Array | Uint8Array;

/** Copy rows `idx[start..start+count)` of `src` (rows of `width`) into a new Float32Array. */
export function gatherRows(
  src: Column,
  width: number,
  idx: ArrayLike<number>,
  start: number,
  count: number,
): Float32Array {
  const out = new Float32Array(count * width);
  for (let r = 0; r < count; r++) {
    const from = idx[start + r] * width;
    for (let j = 0; j < width; j++) out[r * width + j] = src[from + j];
  }
  return out;
}

/** Copy entries `idx[start..start+count)` of `src` into a new Int32Array. */
export function gatherInts(
  src: Int32Array,
  idx: ArrayLike<number>,
  start: number,
  count: number,
): Int32Array {
  const out = new Int32Array(count);
  for (let r = 0; r < count; r++) out[r] = src[idx[start + r]];
  return out;
}

/** 0, 1, …, n − 1. */
export function range(n: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}

/** `count` indices drawn uniformly from 0 … n − 1 with replacement, in draw order. */
export function sampleIndices(n: number, count: number, rng: Rng): Int32Array {
  const out = new Int32Array(count);
  for (let b = 0; b < count; b++) out[b] = rng.integer(n);
  return out;
}
