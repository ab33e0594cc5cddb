/**
 * mbrl throughput side by side with a Python peer (filled in with the mbrl module).
 *
 * @module
 */
import type { PeerRow } from "./types.ts";

/** Side-by-side rows for mbrl (none yet). */
export function compare(): Promise<PeerRow[]> {
  return Promise.resolve([]);
}
