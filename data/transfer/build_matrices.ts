// Builds the shipped transfer matrices in this folder (resumable: rerun to continue a stopped build).
// deno run -A data/transfer/build_matrices.ts [space ...]
// CartPole: 12 contexts, PPO ≤ 20k steps per source (stops at a greedy 500); Pendulum: 8 contexts, PPO 60k steps
// per source for dt, 80k for mass and length (the budgets the shipped files were built with).
// Each space also gets one multi-task policy (all contexts at once, 3× one source's steps).
import {
  buildTransferMatrix,
  type ContextSpaceName,
  contextValues,
  evaluateOnContexts,
  MULTITASK_BUDGET_FACTOR,
  SHIPPED,
  trainOnContexts,
} from "../../lib/transfer/mod.ts";

const STEPS: Record<string, number> = {
  "cartpole-length": 20_000,
  "cartpole-masscart": 20_000,
  "cartpole-masspole": 20_000,
  "pendulum-dt": 60_000,
  "pendulum-m": 80_000,
  "pendulum-l": 80_000,
};
const wanted = Deno.args.length ? Deno.args : SHIPPED.map((s) => s.space);
for (const { space, n } of SHIPPED.filter((s) => wanted.includes(s.space))) {
  const steps = STEPS[space];
  const base = new URL(`./${space}_n${n}`, import.meta.url).pathname;
  const t0 = performance.now();
  await buildTransferMatrix(space as ContextSpaceName, {
    n,
    steps,
    episodes: 10,
    seed: 0,
    csvPath: `${base}.csv`,
    onProgress: (p) =>
      console.log(`${space} ${p.done}/${p.total} ${((performance.now() - t0) / 1000).toFixed(0)} s`),
  });
  try {
    await Deno.stat(`${base}_multitask.json`);
  } catch {
    const values = contextValues(space as ContextSpaceName, n);
    const mt = await trainOnContexts(space as ContextSpaceName, values, {
      steps: MULTITASK_BUDGET_FACTOR * steps,
      seed: 1000,
    });
    const returns = evaluateOnContexts(space as ContextSpaceName, mt.policy, values, {
      episodes: 10,
      seed: 1000,
    });
    const json = { space, n, steps: mt.steps, contexts: values, returns };
    await Deno.writeTextFile(`${base}_multitask.json`, JSON.stringify(json, null, 2) + "\n");
  }
}
