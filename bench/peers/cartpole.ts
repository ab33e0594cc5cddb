/**
 * Vectorised CartPole-v1 steps/s, ours vs the same equations vectorised in numpy (Debian's /usr/bin/python3), at
 * 4096 copies with auto-reset, random actions pregenerated on both sides. `deno run -A bench/peers/cartpole.ts`.
 * Ours is one JS loop over copies (validation, final observations, float32 observations included); numpy's is one
 * array expression per line of Gymnasium's step, whose sin/cos run as SIMD loops.
 *
 * @module
 */
import { cartPole } from "../../lib/envs/cartpole.ts";
import { Rng } from "../../lib/core/rng.ts";
import type { PeerRow } from "./types.ts";
import { runPython } from "./_common.ts";

const N = 4096;

// Gymnasium's CartPoleEnv.step over arrays of copies, with auto-reset of the copies that ended.
const NUMPY_CODE = `
import json, time
import numpy as np
N = ${N}
rng = np.random.default_rng(0)
s = rng.uniform(-0.05, 0.05, size=(4, N))
steps = np.zeros(N, dtype=np.int32)
g, mc, mp, l, fm, tau = 9.8, 1.0, 0.1, 0.5, 10.0, 0.02
tm = mc + mp; pml = mp * l; thr = 12 * 2 * np.pi / 360
acts = rng.integers(0, 2, size=(16, N))
def step(a):
    x, xd, th, thd = s
    f = np.where(a == 1, fm, -fm)
    c, sn = np.cos(th), np.sin(th)
    temp = (f + pml * thd * thd * sn) / tm
    tha = (g * sn - c * temp) / (l * (4.0 / 3.0 - mp * c * c / tm))
    xa = temp - pml * tha * c / tm
    s[0] = x + tau * xd; s[1] = xd + tau * xa; s[2] = th + tau * thd; s[3] = thd + tau * tha
    steps[:] += 1
    done = (s[0] < -2.4) | (s[0] > 2.4) | (s[2] < -thr) | (s[2] > thr) | (steps >= 500)
    k = int(done.sum())
    if k:
        s[:, done] = rng.uniform(-0.05, 0.05, size=(4, k)); steps[done] = 0
    obs = s.T.astype(np.float32)
    return obs, np.ones(N), done
for i in range(50): step(acts[i % 16])
best = 1e9
for r in range(5):
    t0 = time.perf_counter()
    for i in range(200): step(acts[i % 16])
    best = min(best, (time.perf_counter() - t0) / 200)
print(json.dumps({"steps_per_s": N / best}))
`;

/** Ours and numpy's CartPole throughput at 4096 copies; [] when numpy is not installed. */
export async function compare(): Promise<PeerRow[]> {
  const env = cartPole({ numEnvs: N });
  env.reset(0);
  const rng = new Rng(0);
  const actions = Array.from({ length: 16 }, () => Int32Array.from({ length: N }, () => rng.integer(2)));
  for (let i = 0; i < 200; i++) env.step(actions[i & 15]);
  let best = Infinity;
  for (let r = 0; r < 5; r++) {
    const t0 = performance.now();
    for (let i = 0; i < 200; i++) env.step(actions[i & 15]);
    best = Math.min(best, (performance.now() - t0) / 1000 / 200);
  }
  const ours = N / best;
  const out = await runPython(["-c", NUMPY_CODE]);
  if (typeof out === "string") {
    console.error(`numpy CartPole failed: ${out}`);
    return [];
  }
  const peer = out.steps_per_s as number;
  return [{ name: `CartPole-v1, ${N} copies, vs numpy`, ours, peer, unit: "steps/s", ratio: ours / peer }];
}

if (import.meta.main) console.table(await compare());
