/**
 * Side-by-side timing of the RAE solver (risk-averse fictitious play with FISTA mean–variance best responses, then
 * the RAE gap; lib/games/rae.ts) against a numpy implementation of the same algorithm with the same constants
 * (bench/peers/games.py), on random crash games from 10×10 to 200×200. Both must agree on the final strategies to
 * 1e-6 (L1). Run: `deno run -A bench/peers/games.ts`.
 *
 * @module
 */
import { Rng } from "../../lib/core/rng.ts";
import { randomRiskGame } from "../../lib/games/catalog.ts";
import { solveRae } from "../../lib/games/rae.ts";
import type { PeerRow } from "./types.ts";
import { bytes, median, numpyAvailable, runPython } from "./_common.ts";

const REPS = 3;
const ITERATIONS = 30;
const GAMMA = 0.5;

/** Game sizes timed (n × n). */
export const RAE_BENCH_SIZES: readonly number[] = [10, 50, 100, 200];

/**
 * Time ours against numpy at each size: one row per size (solves per second, ratio = ours / numpy), plus a
 * WARNING row when the strategies disagree. Returns [] when numpy is missing.
 *
 * @example
 * ```ts ignore
 * import { compare } from "./games.ts";
 * console.table(await compare());
 * ```
 */
export async function compare(sizes: readonly number[] = RAE_BENCH_SIZES): Promise<PeerRow[]> {
  const missing = await numpyAvailable();
  if (missing !== null) {
    console.warn(`games peer skipped: numpy unavailable (${missing})`);
    return [];
  }
  const rows: PeerRow[] = [];
  for (const n of sizes) {
    const game = randomRiskGame(n, n, new Rng(n));
    const dir = await Deno.makeTempDir({ prefix: "reprl_games_peer_" });
    try {
      await Deno.writeFile(`${dir}/A.f64`, bytes(game.payoffs[0]));
      await Deno.writeFile(`${dir}/B.f64`, bytes(game.payoffs[1]));
      await Deno.writeTextFile(
        `${dir}/meta.json`,
        JSON.stringify({ n, m: n, gamma: GAMMA, iterations: ITERATIONS, reps: REPS }),
      );
      const script = new URL("./games.py", import.meta.url).pathname;
      const out = await runPython([script, dir]);
      if (typeof out === "string") throw new Error(`numpy peer failed: ${out}`);
      const peer = out as unknown as {
        times: number[];
        strategies: number[][];
        gap: number;
      };
      const run = () =>
        solveRae(game, { riskAversion: GAMMA, iterations: ITERATIONS, recordEvery: ITERATIONS });
      run(); // warm-up (JIT)
      const times: number[] = [];
      let result = run();
      for (let i = 0; i < REPS; i++) {
        const t0 = performance.now();
        result = run();
        times.push((performance.now() - t0) / 1000);
      }
      rows.push({
        name: `RAE solve ${n}×${n} (${ITERATIONS} risk-averse FP iterations + gap)`,
        ours: 1 / median(times),
        peer: 1 / median(peer.times),
        unit: "solves/s",
        ratio: median(peer.times) / median(times),
      });
      let diff = 0;
      for (let i = 0; i < 2; i++) {
        result.strategies[i].forEach((p, a) => (diff += Math.abs(p - peer.strategies[i][a])));
      }
      if (!(diff <= 1e-6)) {
        rows.push({
          name: `WARNING: ${n}×${n} strategies differ from numpy`,
          ours: diff,
          peer: 1e-6,
          unit: "L1",
          ratio: NaN,
        });
      }
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  }
  return rows;
}

if (import.meta.main) console.table(await compare());
