/**
 * TempoRL environment throughput (env steps/s, summed over copies) with 64 copies and uniformly random
 * increments: lib/laser's `LaserEnv` against a numpy implementation of the same physics chain and step
 * (bench/peers/laser.py, scipy.fft when installed), each measured as the best of three 1-second windows.
 *
 * `deno run -A bench/peers/laser.ts`
 *
 * @module
 */
import { LaserEnv } from "../../lib/laser/env.ts";
import { Rng } from "../../lib/core/rng.ts";
import type { PeerRow } from "./types.ts";
import { runPython } from "./_common.ts";

const SCRIPT = new URL("./laser.py", import.meta.url);
/** Copies stepped together. */
export const COPIES = 64;

/** Our env steps/s (copies × batched steps per second), best of three 1 s windows. */
export function oursStepsPerSecond(copies = COPIES): number {
  const env = new LaserEnv({ numEnvs: copies });
  const rng = new Rng(0);
  const actions = new Float32Array(3 * copies);
  env.reset(0);
  let best = 0;
  for (let w = 0; w < 3; w++) {
    const t0 = performance.now();
    let n = 0;
    while (performance.now() - t0 < 1000) {
      for (let k = 0; k < actions.length; k++) actions[k] = rng.uniformIn(-1, 1);
      env.step(actions);
      n++;
    }
    best = Math.max(best, (n * copies) / ((performance.now() - t0) / 1000));
  }
  return best;
}

/**
 * Run both sides and return one {@link PeerRow}; `[]` (with a message) when /usr/bin/python3 or numpy is missing.
 *
 * @example
 * ```ts ignore
 * import { compare } from "./laser.ts";
 * console.table(await compare());
 * ```
 */
export async function compare(): Promise<PeerRow[]> {
  const out = await runPython([SCRIPT.pathname, "bench", String(COPIES)]);
  if (typeof out === "string") {
    console.error(`bench/peers/laser.ts: skipping numpy comparison (${out})`);
    return [];
  }
  const peer = out as unknown as { steps_per_s: number; fft: string };
  const ours = oursStepsPerSecond();
  return [{
    name: `LaserEnv step, ${COPIES} copies (vs numpy + ${peer.fft})`,
    ours,
    peer: peer.steps_per_s,
    unit: "env steps/s",
    ratio: ours / peer.steps_per_s,
  }];
}

if (import.meta.main) console.table(await compare());
