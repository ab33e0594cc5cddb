/**
 * Wall time for PPO to solve CartPole-v1 (greedy evaluation ≥ 475), per tensor backend, with the tuned preset
 * and 8 copies: `deno run -A bench/agents_wall.ts [seeds=1]`. Backends that cannot start here are skipped (webgpu
 * runs on whatever adapter navigator.gpu gives, a software one on CPU machines).
 *
 * @module
 */
import { PPO_CARTPOLE_TUNED, trainPpo } from "../lib/agents/mod.ts";
import { makeEnv } from "../lib/envs/mod.ts";
import { type ConcreteBackend, setBackend } from "../lib/tensor/mod.ts";

/** One row of the table. */
export interface SolveTime {
  backend: ConcreteBackend;
  seed: number;
  solvedAt: number | null;
  seconds: number;
  envStepsPerSecond: number;
}

/**
 * Train PPO on CartPole until solved (or 100k steps) on each backend and time it.
 *
 * @example
 * ```ts
 * import { ppoSolveTimes } from "./agents_wall.ts";
 * console.table(await ppoSolveTimes(["wasm"], [0]));
 * ```
 */
export async function ppoSolveTimes(
  backends: readonly ConcreteBackend[],
  seeds: readonly number[],
): Promise<SolveTime[]> {
  const rows: SolveTime[] = [];
  for (const backend of backends) {
    try {
      await setBackend(backend, { respectEnv: false });
    } catch (e) {
      console.warn(`skipping ${backend}: ${(e as Error).message}`);
      continue;
    }
    for (const seed of seeds) {
      const t0 = performance.now();
      const r = await trainPpo(makeEnv("CartPole-v1", { numEnvs: 8 }), {
        ...PPO_CARTPOLE_TUNED,
        totalSteps: 100_000,
      }, {
        seed,
        evalEnv: makeEnv("CartPole-v1", { numEnvs: 10 }),
        evalEvery: 5000,
        targetReturn: 475,
      });
      const seconds = (performance.now() - t0) / 1000;
      rows.push({ backend, seed, solvedAt: r.solvedAt, seconds, envStepsPerSecond: r.steps / seconds });
    }
  }
  return rows;
}

if (import.meta.main) {
  const seeds = Array.from({ length: Number(Deno.args[0] ?? 1) }, (_, i) => i);
  const rows = await ppoSolveTimes(["wasm", "cpu", "webgpu"], seeds);
  console.log("PPO CartPole-v1 (tuned preset, 8 copies): wall time to a greedy eval ≥ 475");
  console.table(rows.map((r) => ({
    backend: r.backend,
    seed: r.seed,
    "solved at (env steps)": r.solvedAt ?? "not solved",
    "wall s": r.seconds.toFixed(1),
    "env steps/s": Math.round(r.envStepsPerSecond),
  })));
}
