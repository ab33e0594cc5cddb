/**
 * Side-by-side speed against peers (numpy, scipy, PyTorch) in one run: every `bench/peers/*.ts` exports
 * `compare()`, and this prints one table of ours / peer ratios (> 1: we are faster). Peers that are not installed
 * are skipped.
 *
 * `deno run -A bench/peers.ts`
 *
 * @module
 */
import { compare as cartpole } from "./peers/cartpole.ts";
import { compare as fft } from "./peers/fft.ts";
import { compare as games } from "./peers/games.ts";
import { compare as gp } from "./peers/gp.ts";
import { compare as horizon } from "./peers/horizon.ts";
import { compare as laser } from "./peers/laser.ts";
import { compare as meanfield } from "./peers/meanfield.ts";
import { compare as dual } from "./peers/dual.ts";
import { compare as mbrl } from "./peers/mbrl.ts";
import { compare as mlp } from "./peers/mlp.ts";
import { compare as valueIteration } from "./peers/value_iteration.ts";
import type { PeerRow } from "./peers/types.ts";
import { printPeerRows } from "./peers/_common.ts";

if (import.meta.main) {
  const rows: PeerRow[] = [];
  for (
    const compare of [fft, valueIteration, horizon, cartpole, mlp, games, laser, gp, meanfield, dual, mbrl]
  ) {
    rows.push(...await compare());
  }
  console.log("ours / peer (ratio > 1: reprl is faster)");
  printPeerRows(rows);
}
