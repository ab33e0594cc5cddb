/**
 * dual throughput side by side with a Python peer (filled in with the dual module).
 *
 * @module
 */
import type { PeerRow } from "./types.ts";

/** Side-by-side rows for dual (none yet). */
export function compare(): Promise<PeerRow[]> {
  return Promise.resolve([]);
}
