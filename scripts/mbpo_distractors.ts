/**
 * MBPO with the NLL or the VaGraM model loss on Pendulum-v1 with distractor dimensions, at a budget between the
 * notebook's quick scale (400 steps, nothing learns) and the full scale: the measurement the mbrl notebook's
 * section 4 quotes. One line of JSON per run (loss, seed, dims, evaluation curve, seconds) on stdout:
 *
 *   deno run -A scripts/mbpo_distractors.ts [--steps 5000] [--dims 4] [--seeds 0,1] [--losses nll,vagram]
 *
 * Settings are MBPO's defaults in lib/mbrl (5 members of 64-64, 200 random steps, retrain every 250 steps for 20
 * epochs, 10 SAC updates per step, 3 evaluation episodes every 500 steps); the run's Rng is seeded with the seed.
 * About 6–9 minutes per 5000-step run on one core here.
 *
 * @module
 */
import { Rng } from "../lib/core/rng.ts";
import { pendulum } from "../lib/envs/pendulum.ts";
import { ensureBackend } from "../lib/tensor/mod.ts";
import { mbpo } from "../lib/mbrl/mbpo.ts";
import { withDistractors } from "../lib/mbrl/envs.ts";
import type { ModelLoss } from "../lib/mbrl/models.ts";
import { pendulumTask } from "../lib/mbrl/pets.ts";

/** The value after `--name` in `args`, or `fallback`. */
function arg(args: string[], name: string, fallback: string): string {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
}

if (import.meta.main) {
  await ensureBackend();
  const steps = Number(arg(Deno.args, "steps", "5000"));
  const dims = Number(arg(Deno.args, "dims", "4"));
  const seeds = arg(Deno.args, "seeds", "0,1").split(",").map(Number);
  const losses = arg(Deno.args, "losses", "nll,vagram").split(",") as ModelLoss[];
  for (const seed of seeds) {
    for (const loss of losses) {
      const t0 = performance.now();
      const curve = await mbpo(
        () => withDistractors(pendulum(), { dims, seed: 0 }),
        pendulumTask(3 + dims),
        { totalSteps: steps, modelLoss: loss, evalEpisodes: 3 },
        { rng: new Rng(seed) },
      );
      const returns = curve.map((p) => [p.step, Math.round(p.return)]);
      const seconds = Math.round((performance.now() - t0) / 1000);
      console.log(JSON.stringify({ loss, seed, dims, steps, returns, seconds }));
    }
  }
}
