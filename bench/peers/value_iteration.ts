/**
 * Side-by-side timing: our finite-horizon value iteration and random-policy evaluation vs a vectorised numpy
 * implementation (fancy indexing over successors padded to 2 per (s, a), terminal entries masked), on the same
 * random sparse MDP (10^5 states × 4 actions × 2 successors, T = 50, 5% terminal entries, seed 0). The MDP is
 * generated here and handed to Debian's `/usr/bin/python3` as raw little-endian binaries; both sides must agree
 * on V_0 to 1e-9. Run: `deno run -A bench/peers/value_iteration.ts`.
 *
 * @module
 */
import { randomMdp, type TabularMdp } from "../../lib/tabular/mdp.ts";
import { randomPolicyQ } from "../../lib/tabular/policy_evaluation.ts";
import { valueIteration } from "../../lib/tabular/value_iteration.ts";
import type { PeerRow } from "./types.ts";
import { bytes, median, numpyAvailable, runPython } from "./_common.ts";

const S = 100_000;
const A = 4;
const M = 2;
const T = 50;
const REPS = 5;

const PEER_CODE = `
import json, sys, time
import numpy as np
d = sys.argv[1]
meta = json.load(open(d + "/meta.json"))
S, A, M, T, reps = meta["S"], meta["A"], meta["M"], meta["T"], meta["reps"]
nxt = np.fromfile(d + "/next.i32", dtype="<i4").reshape(S, A, M)
p = np.fromfile(d + "/prob.f64", dtype="<f8").reshape(S, A, M)
r = np.fromfile(d + "/rewards.f64", dtype="<f8").reshape(S, A)
mask = nxt >= 0
idx = np.where(mask, nxt, 0)
pm = np.where(mask, p, 0.0)   # terminal entries contribute 0

def backward(reduce):
    v = np.zeros(S)
    for _ in range(T):
        q = r + (pm * v[idx]).sum(-1)
        v = reduce(q)
    return v

optimal = lambda q: q.max(-1)
uniform = lambda q: q.sum(-1) / A
out = {}
for name, fn in (("vi", optimal), ("rand", uniform)):
    backward(fn)  # warm-up
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        v = backward(fn)
        times.append(time.perf_counter() - t0)
    v.astype("<f8").tofile(d + "/v0_" + name + ".f64")
    out[name] = times
print(json.dumps(out))
`;

function timeOurs(fn: () => void): number {
  fn(); // warm-up (JIT)
  const times: number[] = [];
  for (let i = 0; i < REPS; i++) {
    const t0 = performance.now();
    fn();
    times.push((performance.now() - t0) / 1000);
  }
  return median(times);
}

/** Largest |a − b| over two arrays of equal length. */
function maxAbsDiff(a: Float64Array, b: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

/**
 * Time ours vs numpy on the same MDP; returns one row per computation (rates in sweeps/s, ratio = ours/peer), plus
 * a WARNING row if V_0 disagrees by more than 1e-9. Returns [] (and logs why) when numpy is not available.
 */
export async function compare(): Promise<PeerRow[]> {
  const missing = await numpyAvailable();
  if (missing !== null) {
    console.warn(`value_iteration peer skipped: numpy unavailable (${missing})`);
    return [];
  }
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) {
    throw new Error("this comparison assumes little-endian");
  }
  const mdp: TabularMdp = randomMdp({
    numStates: S,
    numActions: A,
    horizon: T,
    successors: M,
    terminalProb: 0.05,
  }, 0);
  const dir = await Deno.makeTempDir({ prefix: "reprl_vi_peer_" });
  try {
    await Deno.writeFile(`${dir}/next.i32`, bytes(mdp.next));
    await Deno.writeFile(`${dir}/prob.f64`, bytes(mdp.prob));
    await Deno.writeFile(`${dir}/rewards.f64`, bytes(mdp.rewards));
    await Deno.writeTextFile(`${dir}/meta.json`, JSON.stringify({ S, A, M, T, reps: REPS }));
    const out = await runPython(["-c", PEER_CODE, dir]);
    if (typeof out === "string") throw new Error(`numpy peer failed: ${out}`);
    const peerTimes = out as unknown as Record<"vi" | "rand", number[]>;

    const cases = [
      {
        key: "vi" as const,
        name: `finite-horizon value iteration (S=1e5, A=4, 2 succ., T=${T})`,
        run: () => valueIteration(mdp, { keep: "first" }),
      },
      {
        key: "rand" as const,
        name: `random-policy evaluation Q^rand (S=1e5, A=4, 2 succ., T=${T})`,
        run: () => randomPolicyQ(mdp, { keep: "first" }),
      },
    ];
    const rows: PeerRow[] = [];
    for (const c of cases) {
      const oursTime = timeOurs(() => void c.run());
      const peerTime = median(peerTimes[c.key]);
      const ours = T / oursTime;
      const peer = T / peerTime;
      rows.push({ name: c.name, ours, peer, unit: "sweeps/s", ratio: ours / peer });
      const backups = S * A * T;
      rows.push({
        name: `  same, in backups (one (s, a) update)`,
        ours: backups / oursTime / 1e6,
        peer: backups / peerTime / 1e6,
        unit: "M backups/s",
        ratio: peerTime / oursTime,
      });
      const raw = await Deno.readFile(`${dir}/v0_${c.key}.f64`);
      const vPeer = new Float64Array(raw.buffer, raw.byteOffset, raw.byteLength / 8);
      const diff = maxAbsDiff(c.run().v.subarray(0, S), vPeer);
      if (!(diff <= 1e-9)) {
        console.warn(`WARNING: ${c.name}: V_0 differs from numpy by ${diff}`);
        rows.push({
          name: `WARNING: V_0 mismatch vs numpy (${c.key})`,
          ours: diff,
          peer: 1e-9,
          unit: "max |ΔV_0|",
          ratio: NaN,
        });
      }
    }
    return rows;
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

if (import.meta.main) console.table(await compare());
