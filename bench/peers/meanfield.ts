/**
 * meanfield throughput side by side with a Python peer (filled in with the meanfield module).
 *
 * @module
 */
import type { PeerRow } from "./types.ts";

/** Side-by-side rows for meanfield (none yet). */
export function compare(): Promise<PeerRow[]> {
  return Promise.resolve([]);
}
