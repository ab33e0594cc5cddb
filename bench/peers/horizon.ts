/**
 * Side-by-side timing of the effective-horizon analysis's backward pass (Q^rand, Q* and the worst-case Q over the
 * states reachable at each step, official `value_iteration`) against a vectorised numpy implementation of the same
 * pass over the same reachable layers. The MDP is BRIDGE-sized: 10^6 states, 7 actions, T = 100, layer t holding
 * 10^4 states whose actions lead to random states of layer t + 1 (~10^6 reachable (t, s) pairs), 1% of rewards 1.
 * Both sides must agree on the three start values to 1e-9. Run: `deno run -A bench/peers/horizon.ts`.
 *
 * @module
 */
import { Rng } from "../../lib/core/rng.ts";
import { layeredValues } from "../../lib/horizon/analysis.ts";
import { buildLayers } from "../../lib/horizon/layers.ts";
import { fromDeterministic, type TabularMdp } from "../../lib/tabular/mdp.ts";
import type { PeerRow } from "./types.ts";
import { bytes, median, numpyAvailable, runPython } from "./_common.ts";

const REPS = 3;

/**
 * The layered benchmark MDP (also used by bench/horizon_bench.ts).
 *
 * @example
 * ```ts
 * import { layeredBenchMdp } from "./horizon.ts";
 * const mdp = layeredBenchMdp(10_000, 3, 10); // a small one
 * ```
 */
export function layeredBenchMdp(numStates = 1_000_000, numActions = 7, horizon = 100): TabularMdp {
  const S = numStates, A = numActions, T = horizon, W = Math.floor(S / T);
  const rng = new Rng(0);
  const transitions = new Int32Array(S * A);
  const rewards = new Float64Array(S * A);
  for (let s = 0; s < S; s++) {
    const layer = Math.floor(s / W);
    for (let a = 0; a < A; a++) {
      transitions[s * A + a] = layer + 1 < T ? (layer + 1) * W + rng.integer(W) : -1;
      rewards[s * A + a] = rng.uniform() < 0.01 ? 1 : 0;
    }
  }
  return fromDeterministic({ transitions, rewards, numStates: S, numActions: A, horizon: T });
}

const PEER_CODE = `
import json, sys, time
import numpy as np
d = sys.argv[1]
meta = json.load(open(d + "/meta.json"))
A, T, reps = meta["A"], meta["T"], meta["reps"]
sizes = meta["sizes"]
states = np.split(np.fromfile(d + "/states.i32", dtype="<i4"), np.cumsum(sizes)[:-1])
nexts = [n.reshape(-1, A) for n in np.split(np.fromfile(d + "/next.i32", dtype="<i4"), np.cumsum([s * A for s in sizes])[:-1])]
r = np.fromfile(d + "/rewards.f64", dtype="<f8").reshape(-1, A)
rs = [r[s] for s in states]  # rewards of each layer's rows, gathered once (ours reads them in place)

def backward():
    vr = vs = vw = None
    for t in range(T - 1, -1, -1):
        nx = nexts[t]
        if vr is None:
            qr = qs = qw = rs[t]
        else:
            live = nx >= 0
            j = np.where(live, nx, 0)
            qr = rs[t] + np.where(live, vr[j], 0.0)
            qs = rs[t] + np.where(live, vs[j], 0.0)
            qw = rs[t] + np.where(live, vw[j], 0.0)
        vs, vw = qs.max(1), qw.min(1)
        vr = np.clip(qr.mean(1), vw, vs)
    return vr[0], vs[0], vw[0]

backward()
times = []
for _ in range(reps):
    t0 = time.perf_counter()
    out = backward()
    times.append(time.perf_counter() - t0)
print(json.dumps({"times": times, "values": [float(x) for x in out]}))
`;

/**
 * Time our backward pass against numpy's on the same layers; one row (reachable (t, s) pairs per second, ratio =
 * ours / numpy), plus a WARNING row when the start values disagree. Returns [] when numpy is missing.
 *
 * @example
 * ```ts
 * import { compare } from "./horizon.ts";
 * console.table(await compare());
 * ```
 */
export async function compare(): Promise<PeerRow[]> {
  const missing = await numpyAvailable();
  if (missing !== null) {
    console.warn(`horizon peer skipped: numpy unavailable (${missing})`);
    return [];
  }
  const mdp = layeredBenchMdp();
  const layers = buildLayers(mdp);
  const A = layers.numActions, T = layers.horizon;
  const sizes = layers.states.map((s) => s.length);
  const pairs = sizes.reduce((a, b) => a + b, 0);
  const concat = (arrays: Int32Array[]) => {
    const out = new Int32Array(arrays.reduce((n, a) => n + a.length, 0));
    let o = 0;
    for (const a of arrays) {
      out.set(a, o);
      o += a.length;
    }
    return out;
  };
  const dir = await Deno.makeTempDir({ prefix: "reprl_horizon_peer_" });
  try {
    await Deno.writeFile(`${dir}/states.i32`, bytes(concat(layers.states)));
    await Deno.writeFile(`${dir}/next.i32`, bytes(concat(layers.next)));
    await Deno.writeFile(`${dir}/rewards.f64`, bytes(mdp.rewards));
    await Deno.writeTextFile(`${dir}/meta.json`, JSON.stringify({ A, T, reps: REPS, sizes }));
    const out = await runPython(["-c", PEER_CODE, dir]);
    if (typeof out === "string") throw new Error(`numpy peer failed: ${out}`);
    const peer = out as unknown as { times: number[]; values: number[] };

    layeredValues(layers); // warm-up (JIT)
    const times: number[] = [];
    let values = layeredValues(layers);
    for (let i = 0; i < REPS; i++) {
      const t0 = performance.now();
      values = layeredValues(layers);
      times.push((performance.now() - t0) / 1000);
    }
    const ours = pairs / median(times);
    const theirs = pairs / median(peer.times);
    const rows: PeerRow[] = [{
      name:
        `horizon backward pass (Q^rand, Q*, Q^worst; 10^6 states, A=${A}, T=${T}, ${pairs} reachable pairs)`,
      ours: ours / 1e6,
      peer: theirs / 1e6,
      unit: "M (t, s) pairs/s",
      ratio: ours / theirs,
    }];
    const diff = Math.max(
      Math.abs(values.randomReturn - peer.values[0]),
      Math.abs(values.optimalReturn - peer.values[1]),
      Math.abs(values.worstReturn - peer.values[2]),
    );
    if (!(diff <= 1e-9)) {
      rows.push({
        name: "WARNING: start values differ from numpy",
        ours: diff,
        peer: 1e-9,
        unit: "max |ΔV_0|",
        ratio: NaN,
      });
    }
    return rows;
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

if (import.meta.main) console.table(await compare());
