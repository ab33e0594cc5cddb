/**
 * dual throughput side by side with a Python peer. None yet: the natural peer (one f-DVL update step in PyTorch
 * against lib/dual's TensorFlow.js step) needs python3-torch, which is not installed on the machines this module
 * was built on, so `compare()` returns no rows rather than a one-sided number.
 *
 * @module
 */
import type { PeerRow } from "./types.ts";

/** Side-by-side rows for dual (none: no torch peer available; see the module doc). */
export function compare(): Promise<PeerRow[]> {
  return Promise.resolve([]);
}
